#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-list.host.sh OUT: the stock `lttng list -k` names every tracepoint
# event of the kernel.  The sources must agree:
#
#   - the stock CLI, through sessiond and TRACEPOINT_LIST (MI XML and text);
#   - the project's tool, which reads TRACEPOINT_LIST itself;
#   - the kernel image the guest booted: every event descriptor the macro
#     layer compiled in is a symbol __lttng_desc_NAME (nm vmlinux), and
#     each is listed.  The automatic events of the kernel's TRACE_EVENTs
#     come on top: stock-trace-events checks them against ftrace.
#
# `lttng list -k --syscall` lists system calls: each a real x86_64 or ia32
# system call (the kernel tree's syscall_64.tbl and syscall_32.tbl) with
# the ABIs that have it, and the ones every program makes among them.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)

fail() {
	echo "stock-list: $*" >&2
	exit 1
}

# The build of the kernel the guest ran: the obj dir with its release.
release=$(cat "$out/release")
vmlinux=
for o in "$root"/build/obj-*; do
	if [[ -f $o/include/config/kernel.release &&
		$(cat "$o/include/config/kernel.release") == "$release" ]]; then
		vmlinux=$o/vmlinux
	fi
done
[[ -f $vmlinux ]] || fail "no build/obj-*/vmlinux of release $release"
tbl=$root/build/linux/arch/x86/entry/syscalls/syscall_64.tbl
tbl32=${tbl%_64.tbl}_32.tbl
[[ -f $tbl && -f $tbl32 ]] || fail "no $tbl or $tbl32"

# mi_names XML TYPE: the names of the MI events of that type, sorted.
mi_names() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET

ns = "{https://lttng.org/xml/ns/lttng-mi}"
root = ET.parse(sys.argv[1]).getroot()
if root.findtext(ns + "name") != "list":
    sys.exit("not the MI output of list")
names = [e.findtext(ns + "name") for e in root.iter(ns + "event")
         if e.findtext(ns + "type") == sys.argv[2]]
for n in sorted(names):
    print(n)
PY
}

mi_names "$out/list-k.xml" TRACEPOINT >"$out/names.stock-mi"
awk '/^Kernel events:/ { on = 1; next } on && /\(type: tracepoint\)$/ { print $1 }' \
	"$out/list-k.txt" | sort >"$out/names.stock-text"
sort "$out/builtin-list.txt" >"$out/names.builtin"
nm "$vmlinux" | awk '{ print $3 }' | sed -n 's/^__lttng_desc_//p' | sort >"$out/names.vmlinux"

n=$(wc -l <"$out/names.vmlinux")
((n > 0)) || fail "no __lttng_desc_ symbol in $vmlinux"
for f in stock-mi stock-text builtin; do
	[[ $(sort -u "$out/names.$f" | wc -l) == $(wc -l <"$out/names.$f") ]] ||
		fail "$f lists an event twice"
	diff -u "$out/names.builtin" "$out/names.$f" ||
		fail "the $f list differs from tools/lttng's (- tools/lttng, + $f)"
	missing=$(comm -23 "$out/names.vmlinux" "$out/names.$f")
	[[ -z $missing ]] ||
		fail "the $f list lacks hand-written events of the kernel image: $missing"
done
echo "stock-list: $(wc -l <"$out/names.builtin") tracepoint events, the same from the stock CLI (MI and text) and tools/lttng, with the $n hand-written ones of vmlinux"

# System calls.  A name is the table's, or its entry point's without
# sys_ (the kernel's own names: newfstat is fstat's), or its compat entry
# point's without compat_sys_.
# tbl_names FILE ABI...: the names a table gives those ABIs.
tbl_names() {
	awk -v abis=" ${*:2} " '$1 ~ /^[0-9]+$/ && index(abis, " " $2 " ") {
		print $3
		for (i = 4; i <= 5; i++)
			if ($i != "") {
				e = $i
				sub(/^(compat_)?sys_(ia32_)?/, "", e)
				print e
			}
	}' "$1" | sort -u
}
tbl_names "$tbl" common 64 >"$out/syscalls.tbl64"
tbl_names "$tbl32" i386 >"$out/syscalls.tbl32"
sort -u "$out/syscalls.tbl64" "$out/syscalls.tbl32" >"$out/syscalls.tbl"
mi_names "$out/list-syscall.xml" SYSCALL >"$out/syscalls.stock-mi"
awk '/^System calls:/ { on = 1; next } on && /^ +[a-z0-9_]+ / { print $1 }' \
	"$out/list-syscall.txt" | sort >"$out/syscalls.stock-text"
diff -u "$out/syscalls.stock-mi" "$out/syscalls.stock-text" ||
	fail "the syscall list differs between MI and text"
m=$(wc -l <"$out/syscalls.stock-mi")
for s in read write openat close mmap execve exit_group wait4 clock_nanosleep ioctl; do
	grep -qx "$s" "$out/syscalls.stock-mi" || fail "syscall $s not listed ($m listed)"
done
unknown=$(comm -23 "$out/syscalls.stock-mi" "$out/syscalls.tbl")
[[ -z $unknown ]] || fail "not x86_64 or ia32 system calls: $unknown"
# Each line's ABIs: 64-bit if the name is in the 64-bit table, 32-bit if
# in the ia32 one (the kernel has IA32_EMULATION).
bad=$(awk -v t64="$out/syscalls.tbl64" -v t32="$out/syscalls.tbl32" '
	BEGIN {
		while ((getline n <t64) > 0) in64[n] = 1
		while ((getline n <t32) > 0) in32[n] = 1
	}
	/^System calls:/ { on = 1; next }
	on && /^ +[a-z0-9_]+ / {
		b = $0; sub(/.*\[/, "", b); sub(/-bit\].*/, "", b)
		if (b == "32/64") { if (!($1 in in64) || !($1 in in32)) print }
		else if (b == "64") { if (!($1 in in64)) print }
		else if (b == "32") { if (!($1 in in32)) print }
		else print
		cnt[b]++
	}
	END { printf "%d %d %d\n", cnt["64"], cnt["32"], cnt["32/64"] >"/dev/stderr" }
' "$out/list-syscall.txt" 2>"$out/syscalls.abis")
[[ -z $bad ]] || fail "system calls listed with wrong ABIs: $(head -n3 <<<"$bad")"
read -r n64 n32 nboth <"$out/syscalls.abis"
((n64 > 0 && n32 > 0 && nboth > 200)) ||
	fail "ABIs: $n64 64-bit only, $n32 32-bit only, $nboth both"
for s in read write openat close execve exit_group; do
	grep -qE "^ +$s \[32/64-bit\]" "$out/list-syscall.txt" ||
		fail "$s not listed as 32/64-bit"
done
echo "stock-list: $m system calls listed, named in syscall_64.tbl or syscall_32.tbl: $n64 64-bit only, $n32 32-bit only, $nboth both"
