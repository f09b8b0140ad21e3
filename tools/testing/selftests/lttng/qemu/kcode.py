# SPDX-License-Identifier: GPL-2.0-only
"""kcode.py - the kernel code a guest ran, for the host checks of the
dynamic probe tests (dynamic-probes, autostart-probes).

    guest_vmlinux(out)   the build/obj-*/vmlinux whose UTS_VERSION the
                         guest wrote to OUT/uts-version (`uname -v`)
    symbols(vmlinux)     {name: address}
    init_text(vmlinux)   [(start, size, name)] of the .init.text functions
    call_before(vmlinux, ret)
                         the disassembled instruction that ends at ret if
                         it is a call (ret is then a return address), else
                         None
"""

import glob
import os
import re
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__),
                                    "../../../../.."))


def guest_vmlinux(out):
    version = open(os.path.join(out, "uts-version")).read().strip()
    for obj in sorted(glob.glob(os.path.join(ROOT, "build/obj-*"))):
        h = os.path.join(obj, "include/generated/utsversion.h")
        if os.path.exists(h) and f'"{version}"' in open(h).read():
            return os.path.join(obj, "vmlinux")
    raise SystemExit(f"no build/obj-*/vmlinux of version {version}")


def _run(*args):
    return subprocess.run(args, capture_output=True, text=True,
                          check=True).stdout


def symbols(vmlinux):
    out = {}
    for line in _run("nm", vmlinux).splitlines():
        f = line.split()
        if len(f) == 3:
            out[f[2]] = int(f[0], 16)
    return out


def init_text(vmlinux):
    out = []
    for line in _run("objdump", "-t", "-j", ".init.text", vmlinux).splitlines():
        f = line.split()
        if len(f) >= 6 and f[-3] == ".init.text":
            out.append((int(f[0], 16), int(f[-2], 16), f[-1]))
    return out


def call_before(vmlinux, ret):
    # A direct call is 5 bytes on x86: decoding from ret - 5 must give
    # exactly one instruction, a call.
    d = _run("objdump", "-d", "--no-show-raw-insn", f"--start-address={ret - 5:#x}",
             f"--stop-address={ret:#x}", vmlinux)
    insn = [l for l in d.splitlines() if re.match(r"\s*[0-9a-f]+:", l)]
    return insn[0] if len(insn) == 1 and "call" in insn[0] else None
