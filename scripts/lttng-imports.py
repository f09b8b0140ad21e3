#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""lttng-imports.py [--dot] ROOT - check the import graph of LTTng built-in.

A file imports another when it includes a header of the project that the
other owns, or uses a function or variable that a header it includes
declares and the other defines.  A header belongs to the .c file of the
same name in its directory (kernel/lttng/metadata.h to metadata.c); a
header with no such file (graph.h, event.h, <linux/lttng/control.h>) is a
node of its own, and its users import the files that define what they use
of it.  The check fails, naming the files, if

  - the import graph of the project's kernel files has a circle, or
  - a file outside kernel/lttng/ includes a kernel/lttng/ header, or a
    Makefile outside kernel/lttng/ adds an -I into it.

--dot prints the graph in Graphviz form instead.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^">]+)[">]', re.M)
# What a header declares: prototypes and extern variables, at column 0.
DECL = re.compile(r'^(?:extern\s+)?[A-Za-z_][^;{}()#]*?[\s*](lttng_\w+)\s*[(;\[]',
                  re.M)
IDENT = re.compile(r'\b(lttng_\w+)\b')


def definitions(text):
    """The lttng_ functions and variables a .c file defines at column 0."""
    out = set()
    for line in text.splitlines():
        if not line or line[0] in " \t#/*}" or line.startswith("extern"):
            continue
        m = re.match(r'(?:DEFINE_\w+|LIST_HEAD)\((lttng_\w+)', line)
        if m:
            out.add(m.group(1))
            continue
        m = re.search(r'[\s*](lttng_\w+)\s*(\(|=|\[|;)', line)
        if m and not (m.group(2) == "(" and line.rstrip().endswith(";")):
            out.add(m.group(1))
    return out
DIRS = ("kernel/lttng", "drivers/misc/lttng", "include/linux/lttng")


def project_files(root):
    for d in DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, n), root)


def owner(path, files):
    """The node a header stands for: its .c file, or itself."""
    if path.endswith(".h"):
        c = path[:-2] + ".c"
        if c in files:
            return c
    return path


def resolve(src, kind, name, files):
    """The project path an include names, or None for a kernel header."""
    if kind == '"':
        p = os.path.normpath(os.path.join(os.path.dirname(src), name))
        if p in files:
            return p
    if name.startswith("linux/lttng/"):
        p = "include/" + name
        if p in files:
            return p
    return None


def main():
    args = sys.argv[1:]
    dot = "--dot" in args
    args = [a for a in args if a != "--dot"]
    root = args[0] if args else "."
    files = set(project_files(root))
    texts = {}
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8") as fh:
            texts[f] = fh.read()
    defined_in = {}
    for f in files:
        if f.endswith(".c"):
            for sym in definitions(texts[f]):
                defined_in.setdefault(sym, set()).add(f)
    edges = {}
    bad = []
    for f in sorted(files):
        text = texts[f]
        src = owner(f, files)
        used = set(IDENT.findall(text))
        for kind, name in INCLUDE.findall(text):
            dst = resolve(f, kind, name, files)
            if dst is None:
                continue
            if dst.startswith("kernel/lttng/") and \
                    not f.startswith("kernel/lttng/"):
                bad.append(f"{f} includes {dst}")
            targets = {owner(dst, files)}
            for sym in DECL.findall(texts[dst]):
                if sym in used:
                    targets |= defined_in.get(sym, set())
            for t in targets:
                if t != src:
                    edges.setdefault(src, set()).add(t)
    for d in ("drivers/misc/lttng",):
        mk = os.path.join(root, d, "Makefile")
        if os.path.exists(mk) and "kernel/lttng" in open(mk).read():
            bad.append(f"{d}/Makefile adds an -I into kernel/lttng")

    if dot:
        print("digraph lttng {")
        for s in sorted(edges):
            for t in sorted(edges[s]):
                print(f'  "{s}" -> "{t}";')
        print("}")
        return 0

    # A circle is a strongly connected component of more than one node.
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
        if v not in index:
            visit(v)
    for comp in sccs:
        bad.append("circle of imports: " + ", ".join(comp))
    nodes = len(set(edges) | {t for ts in edges.values() for t in ts})
    nedges = sum(len(t) for t in edges.values())
    if bad:
        print("\n".join(bad))
        return 1
    print(f"{nodes} files, {nedges} imports, no circle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
