#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# initramfs.sh OUTFILE SCRIPT [EXTRA...] - build the guest's initramfs.
#
# An uncompressed newc cpio (the fastest to unpack under TCG) holding:
#
#   /init            tools/testing/selftests/lttng/qemu/init.sh
#   /test.sh         SCRIPT, the guest side of one test
#   /bin/busybox     from busybox-static, with every applet as a symlink
#   /usr/bin/lttng   the project's tool, build/tools/lttng/lttng, if built
#   /usr/lib/lttng-test/workload.sh   the guest helper that makes workloads
#   EXTRA...         host files or directories (see below), with every
#                    shared library ldd lists for them and the dynamic loader
#   /etc/passwd, /etc/group   root; user tracer (uid 1000) in group tracing
#                    (gid 1000) and user outsider (uid 1001, group outsider
#                    1001, not in tracing) for the permission tests
#   /dev/console, empty /lib/modules, /out (the 9p mount point),
#   /var/run -> /run, /etc/hosts (localhost), ...
#
# With STOCK=1 (a test that opts in with NAME.stock), it also holds Debian's
# lttng-tools, unmodified, at their own paths (about 46 MB, 30 of them
# libicudata through libxml2):
#
#   /usr/bin/lttng, /usr/bin/lttng-sessiond, /usr/bin/lttng-relayd,
#   /usr/lib/x86_64-linux-gnu/lttng/libexec/lttng-consumerd
#                    with every library ldd lists and the dynamic loader
#   /usr/share/xml/lttng/session.xsd   sessiond will not start without it
#   /lib/modules/RELEASE/   the modules.* files of MODROOT/lib/modules/RELEASE
#                    (the kernel's modules_install): libkmod finds the
#                    ring-buffer client names in modules.builtin.bin
#   /usr/lib/lttng-test/stock.sh   the guest helper the stock tests source
#   /usr/bin/lttng_check   build/selftests/lttng_check, its device probes
#   /usr/bin/lttng-builtin   the project's tool, out of the stock lttng's way
#
# Where an EXTRA path lands in the guest:
#
#   - a path in the repo (under $ROOT, e.g. build/selftests/abi_fuzz or
#     tools/testing/selftests/lttng/bench/bench.guest.sh) lands at
#     /usr/lib/lttng-test/BASENAME, a directory with its contents under it:
#     the guest scripts find the project's files there wherever the
#     checkout is.  Two of them with one basename are refused.
#   - any other path (a system file, e.g. /usr/bin/babeltrace2) lands at
#     its own path, and so do the shared libraries of every EXTRA file.
#
# A host path kept as it is must not be under a directory that the guest's
# /init mounts over (/tmp, /run, /dev, /proc, /sys, /out): it would be
# hidden, so it is refused.  Relative paths are relative to the current
# directory; run-checks.sh and bench.sh pass absolute ones.
#
# The archive is made by the kernel's own usr/gen_init_cpio from a list, so
# no root is needed and owners and modes are exact.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

(($# >= 2)) || die "usage: $SELF OUTFILE SCRIPT [EXTRA...]"
OUTFILE=$1
SCRIPT=$2
shift 2
[[ -f $SCRIPT ]] || die "$SCRIPT: no such guest script"
STOCK=${STOCK:-}

ensure_pkgs busybox-static gcc libc6-dev

# gen_init_cpio comes with the kernel source; build it once.
GEN=$BUILD/host/gen_init_cpio
if [[ ! -x $GEN ]]; then
	[[ -f $KTREE/usr/gen_init_cpio.c ]] || "$ROOT/scripts/kernel-tree.sh"
	mkdir -p "$(dirname "$GEN")"
	gcc -O2 -o "$GEN" "$KTREE/usr/gen_init_cpio.c"
fi

BUSYBOX=/bin/busybox
[[ -x $BUSYBOX ]] || die "$BUSYBOX missing (busybox-static)"
! ldd "$BUSYBOX" >/dev/null 2>&1 ||
	die "$BUSYBOX is not static: install busybox-static"

LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT

declare -A seen=()

# add_dir PATH MODE [UID GID]: a directory and its parents, once each.
add_dir() {
	local d=$1
	[[ $d == / || -n ${seen[$d]:-} ]] && return 0
	add_dir "$(dirname "$d")" 0755
	seen[$d]=dir
	echo "dir $d $2 ${3:-0} ${4:-0}" >>"$LIST"
}

# add_file PATH SRC MODE: a file from the host, once per PATH.  The first
# one wins, so explicit EXTRA paths come before the implicit ones.
add_file() {
	[[ -z ${seen[$1]:-} ]] || return 0
	add_dir "$(dirname "$1")" 0755
	seen[$1]="file"
	echo "file $1 $(readlink -f "$2") $3 0 0" >>"$LIST"
}

add_slink() {
	[[ -z ${seen[$1]:-} ]] || return 0
	add_dir "$(dirname "$1")" 0755
	seen[$1]=slink
	echo "slink $1 $2 0777 0 0" >>"$LIST"
}

# add_libs FILE: the shared libraries and the loader of a dynamic ELF file,
# at their host paths.  ldd prints "libx.so.1 => /path (0x...)" and
# "/lib64/ld-linux-x86-64.so.2 (0x...)"; it fails on anything else.
add_libs() {
	local lib
	ldd "$1" >/dev/null 2>&1 || return 0
	while read -r lib; do
		add_file "$lib" "$lib" 0755
	done < <(ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
				 $1 ~ /^\// { print $1 }')
}

# add_host_file GUEST HOST: a host file at GUEST, plus its libraries.
add_host_file() {
	add_file "$1" "$2" "$(stat -L -c %a "$2")"
	add_libs "$2"
}

# The project's files in the guest (see the header).
GUEST_LIB=/usr/lib/lttng-test
# Directories the guest's /init mounts over (qemu/init.sh).
HIDDEN_DIRS=(/tmp /run /dev /proc /sys /out)

# in_repo PATH: whether an absolute PATH is in the repo, as written or once
# its symlinks are resolved (a checkout reached through a symlink).
in_repo() {
	local r
	for r in "$ROOT" "$(realpath "$ROOT")"; do
		[[ $1 == "$r"/* ]] && return 0
	done
	[[ $(realpath -m "$1") == "$(realpath "$ROOT")"/* ]]
}

# guest_path PATH: where the host PATH (absolute, symlinks kept) lands.
guest_path() {
	local d
	if in_repo "$1"; then
		echo "$GUEST_LIB/${1##*/}"
		return 0
	fi
	for d in "${HIDDEN_DIRS[@]}"; do
		[[ $1 != "$d" && $1 != "$d"/* ]] ||
			die "EXTRA path $1 would be hidden in the guest: its /init mounts over $d"
	done
	echo "$1"
}

# add_host_path PATH: a file, or a directory recursively, at guest_path.
add_host_path() {
	local p g f
	p=$(realpath -s "$1")
	[[ -e $p ]] || die "EXTRA path $1 does not exist"
	g=$(guest_path "$p")
	if [[ $g == "$GUEST_LIB"/* ]]; then
		f=${placed[$g]:-}
		[[ -z $f || $(realpath "$f") == "$(realpath "$p")" ]] ||
			die "EXTRA path $1 and ${f#"$ROOT"/} would both be $g"
		placed[$g]=$p
	fi
	if [[ -d $p ]]; then
		add_dir "$g" "$(stat -c %a "$p")"
		while IFS= read -r -d '' f; do
			if [[ -d $f ]]; then
				add_dir "$g${f#"$p"}" "$(stat -c %a "$f")"
			else
				add_host_file "$g${f#"$p"}" "$f"
			fi
		done < <(find "$p" -mindepth 1 \( -type d -o -type f -o -type l \) -print0)
	else
		add_host_file "$g" "$p"
	fi
}

# The project's own files in $GUEST_LIB, by guest path: the helpers below,
# and the EXTRA files of the repo as add_host_path places them.
declare -A placed=(
	[$GUEST_LIB/workload.sh]=$QEMU_DIR/workload.sh
	[$GUEST_LIB/stock.sh]=$QEMU_DIR/stock.sh
)

# The explicit files first: they win over the defaults below.
add_file /init "$QEMU_DIR/init.sh" 0755
add_file /test.sh "$SCRIPT" 0755
for x in "$@"; do
	add_host_path "$x"
done

# add_stock: Debian's lttng-tools and what they need in the guest.
STOCK_BINS=(/usr/bin/lttng /usr/bin/lttng-sessiond /usr/bin/lttng-relayd
	/usr/lib/x86_64-linux-gnu/lttng/libexec/lttng-consumerd)
STOCK_XSD=/usr/share/xml/lttng/session.xsd
add_stock() {
	local b rel mods f
	for b in "${STOCK_BINS[@]}" "$STOCK_XSD"; do
		[[ -f $b ]] || die "$b missing: install lttng-tools"
		add_host_file "$b" "$b"
	done
	[[ -n ${MODROOT:-} ]] || die "STOCK=1 needs MODROOT (the kernel's modules_install)"
	mods=("$MODROOT"/lib/modules/*/modules.builtin.bin)
	if ((${#mods[@]} != 1)) || [[ ! -f ${mods[0]} ]]; then
		die "no single lib/modules/RELEASE/modules.builtin.bin under $MODROOT"
	fi
	rel=$(basename "$(dirname "${mods[0]}")")
	# The modules.* files only: modules_install also leaves a "build"
	# symlink to the whole object tree.
	for f in "$MODROOT/lib/modules/$rel"/modules.*; do
		add_file "/lib/modules/$rel/${f##*/}" "$f" 0644
	done
	add_file "$GUEST_LIB/stock.sh" "$QEMU_DIR/stock.sh" 0644
	[[ -x $BUILD/selftests/lttng_check ]] ||
		die "$BUILD/selftests/lttng_check missing: run scripts/build-tools.sh"
	add_file /usr/bin/lttng_check "$BUILD/selftests/lttng_check" 0755
}

# The project's tool: /usr/bin/lttng, or /usr/bin/lttng-builtin next to the
# stock lttng.
TOOL=$BUILD/tools/lttng/lttng
TOOL_PATH=/usr/bin/lttng
[[ -z $STOCK ]] || TOOL_PATH=/usr/bin/lttng-builtin
[[ -z $STOCK ]] || add_stock
if [[ -x $TOOL ]]; then
	[[ -z ${seen[$TOOL_PATH]:-} ]] ||
		info "note: EXTRA provides $TOOL_PATH; the project's tool is left out"
	add_file "$TOOL_PATH" "$TOOL" 0755
	# The tool is meant to be static; if it is not, bring its libraries.
	add_libs "$TOOL"
fi

add_file "$GUEST_LIB/workload.sh" "$QEMU_DIR/workload.sh" 0644
add_file /bin/busybox "$BUSYBOX" 0755
while read -r applet; do
	add_slink "/$applet" /bin/busybox
done < <("$BUSYBOX" --list-full)

for d in /proc /sys /dev /run /out /mnt /lib/modules /etc /var; do
	add_dir $d 0755
done
add_slink /var/run /run
add_dir /root 0700
add_dir /tmp 1777
add_dir /home 0755
add_dir /home/tracer 0755 1000 1000
add_dir /home/outsider 0755 1001 1001
echo "nod /dev/console 0600 0 0 c 5 1" >>"$LIST"
echo "nod /dev/null 0666 0 0 c 1 3" >>"$LIST"

ETC=$(mktemp -d)
trap 'rm -f "$LIST"; rm -rf "$ETC"' EXIT
cat >"$ETC/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
tracer:x:1000:1000:tracer:/home/tracer:/bin/sh
outsider:x:1001:1001:outsider:/home/outsider:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ETC/group" <<'EOF'
root:x:0:
tracing:x:1000:tracer
outsider:x:1001:
nogroup:x:65534:
EOF
echo "lttng-guest" >"$ETC/hostname"
# localhost resolves from the files alone (lttng-live URLs name it).
printf '127.0.0.1\tlocalhost\n127.0.1.1\tlttng-guest\n' >"$ETC/hosts"
echo "hosts: files" >"$ETC/nsswitch.conf"
add_file /etc/passwd "$ETC/passwd" 0644
add_file /etc/group "$ETC/group" 0644
add_file /etc/hostname "$ETC/hostname" 0644
add_file /etc/hosts "$ETC/hosts" 0644
add_file /etc/nsswitch.conf "$ETC/nsswitch.conf" 0644

mkdir -p "$(dirname "$OUTFILE")"
"$GEN" "$LIST" >"$OUTFILE.tmp"
mv "$OUTFILE.tmp" "$OUTFILE"
