#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ext4-check.py: the host check of stock-ext4, the LTTng usage guide's
ext4 scenario.

    ext4-check.py OUT

OUT is what the guest left: workload ("FILES PAGES RM"), dd-pids ("PID
fileN" a line), rm-pid, inodes (`ls -i` of the disk before the removal),
ftrace.txt (ftrace's trace of the same events in the same boot) and the
two LTTng traces, guide/ and spelled/ (the same events, enabled by two
spellings).  For each trace:

  ext4_write_begin  FILES * PAGES instances; each dd process (pid and
                    procname contexts) has PAGES of them, on its own
                    file's inode, at pos 0, 4096, ..., len 4096
  ext4_free_inode   RM instances, from the rm process, freeing exactly
                    the inodes of the files removed
  syscall_entry_write  each dd process wrote its PAGES pages with PAGES
                    write(1, buf, 4096) calls; its write() calls in all
                    are as many as ftrace's sys_enter_write of its pid
  ftrace            the same number of ext4_write_begin and
                    ext4_free_inode instances per pid

Prints the counts; exits 1 on any difference.
"""

import collections
import os
import re
import sys

import bt2

FTRACE = re.compile(r"^\s*(.*)-(\d+)\s+\[\d+\]\s+\S+\s+[\d.]+: (\w+)[:(](.*)$")


def read_lttng(path):
    """[(name, pid, procname, {field: value})] in trace order."""
    events = []
    for msg in bt2.TraceCollectionMessageIterator(path):
        if not isinstance(msg, bt2._EventMessageConst):
            continue
        ev = msg.event
        ctx = ev.common_context_field
        fields = {n: (str(v) if isinstance(v, bt2._StringFieldConst)
                      else int(v))
                  for n, v in ev.payload_field.items()
                  if not isinstance(v, (bt2._ArrayFieldConst,
                                        bt2._StructureFieldConst))}
        events.append((ev.name, int(ctx["pid"]), str(ctx["procname"]),
                       fields))
    return events


def read_ftrace(path):
    """{(name, pid): count}, and the write_begin (ino, pos) per pid."""
    counts = collections.Counter()
    for line in open(path):
        m = FTRACE.match(line.rstrip("\n"))
        if not m:
            continue
        counts[(m.group(3), int(m.group(2)))] += 1
    return counts


def main():
    out = sys.argv[1]
    files, pages, rm = map(int, open(os.path.join(out, "workload")).read().split())
    dd = {}
    for line in open(os.path.join(out, "dd-pids")):
        pid, name = line.split()
        dd[int(pid)] = name
    rm_pid = int(open(os.path.join(out, "rm-pid")).read())
    inode = {}
    for line in open(os.path.join(out, "inodes")):
        ino, name = line.split()
        if name.startswith("file"):  # not lost+found
            inode[name] = int(ino)
    removed = {inode[f"file{i}"] for i in range(rm)}
    ftrace = read_ftrace(os.path.join(out, "ftrace.txt"))
    errors = []

    def expect(what, got, want):
        if got != want:
            errors.append(f"{what}: {got}, not {want}")

    if len(dd) != files or len(inode) != files:
        sys.exit(f"the workload ran {len(dd)} dd and left {len(inode)} files,"
                 f" not {files}")
    for trace in ("guide", "spelled"):
        ev = read_lttng(os.path.join(out, trace))
        wb = [e for e in ev if e[0] == "ext4_write_begin"]
        fi = [e for e in ev if e[0] == "ext4_free_inode"]
        expect(f"{trace}: ext4_write_begin", len(wb), files * pages)
        expect(f"{trace}: ext4_free_inode", len(fi), rm)
        for pid, name in dd.items():
            mine = [e for e in wb if e[1] == pid]
            expect(f"{trace}: ext4_write_begin of dd {pid}", len(mine), pages)
            expect(f"{trace}: ext4_write_begin of dd {pid}: procname",
                   {e[2] for e in mine}, {"dd"})
            expect(f"{trace}: ext4_write_begin of dd {pid}: ino",
                   {e[3]["ino"] for e in mine}, {inode[name]})
            expect(f"{trace}: ext4_write_begin of dd {pid}: pos",
                   sorted(e[3]["pos"] for e in mine),
                   [4096 * k for k in range(pages)])
            expect(f"{trace}: ext4_write_begin of dd {pid}: len",
                   {e[3]["len"] for e in mine}, {4096})
            expect(f"{trace}: ext4_write_begin of dd {pid} against ftrace",
                   len(mine), ftrace[("ext4_write_begin", pid)])
            wr = [e for e in ev if e[0] == "syscall_entry_write"
                  and e[1] == pid]
            data = [e for e in wr if e[3]["fd"] == 1]
            expect(f"{trace}: write(1, ...) of dd {pid}", len(data), pages)
            expect(f"{trace}: write(1, ...) of dd {pid}: count",
                   {e[3]["count"] for e in data}, {4096})
            expect(f"{trace}: write() of dd {pid}: procname",
                   {e[2] for e in wr}, {"dd"})
            expect(f"{trace}: write() of dd {pid} against ftrace",
                   len(wr), ftrace[("sys_write", pid)])
        expect(f"{trace}: ext4_free_inode: pid and procname",
               {(e[1], e[2]) for e in fi}, {(rm_pid, "rm")})
        expect(f"{trace}: ext4_free_inode: ino",
               sorted(e[3]["ino"] for e in fi), sorted(removed))
        expect(f"{trace}: ext4_free_inode against ftrace", len(fi),
               ftrace[("ext4_free_inode", rm_pid)])
        nwr = sum(1 for e in ev if e[0] == "syscall_entry_write"
                  and e[1] in dd)
        print(f"{trace}: {len(wb)} ext4_write_begin, {len(fi)} "
              f"ext4_free_inode, {nwr} write() of the {files} dd")
    for what in ("ext4_write_begin", "ext4_free_inode"):
        n = sum(c for (name, _), c in ftrace.items() if name == what)
        print(f"ftrace: {n} {what}")
    for e in errors:
        print("MISMATCH", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
