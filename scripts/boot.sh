#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# boot.sh - boot the test kernel once under QEMU (TCG) and run one guest
# script in it.  It builds nothing: run scripts/build-kernel.sh first (the
# top-level `make boot` does).
#
# Environment:
#   SCRIPT    guest script, run as /test.sh (required)
#   OUT       host dir that receives what the guest wrote to $OUT
#             (default build/boot-out); made absolute and created
#   APPEND    extra kernel command line
#   EXTRA     host files/dirs to copy into the initramfs, space separated:
#             the repo's at /usr/lib/lttng-test/BASENAME, others at their own
#             path (see initramfs.sh)
#   VARIANT   normal (default) or debug: which build/obj-VARIANT to boot
#   KERNEL    a bzImage to boot instead
#   TIMEOUT   seconds before QEMU is killed (default 300)
#   SMP, MEM  guest CPUs (2) and memory (1G)
#   ICOUNT    1: -icount shift=0 (deterministic instruction counting); any
#             other non-empty value is passed as -icount's argument
#   TCG_THREAD  single (default) or multi.  QEMU 7.2's multi-threaded TCG
#             races with the kernel's live code patching (text_poke_bp:
#             static keys, static calls, so every tracepoint enable): a vCPU
#             may run a stale int3 after the patch is done, and the kernel
#             dies with "Oops: int3".  Toggling an ftrace event in a loop hits
#             it within seconds.  Single-threaded TCG interleaves the vCPUs
#             on one host thread and never shows it; boots are as fast.
#   CPU, MACHINE  -cpu (max) and -machine (q35).  -cpu max also gives the
#             guest RDRAND, so its RNG is seeded at once: the stock
#             lttng-sessiond blocks in getrandom() without it.
#   STOCK     1: carry Debian's lttng-tools into the guest (initramfs.sh),
#             for the tests with NAME.stock.  The kernel's modules_install
#             (build/obj-VARIANT/modroot) is refreshed first if older than
#             the kernel; MODROOT= names another one.
#   HOSTROOT  1: share the host's root directory, read-only, over 9p with
#             mount_tag "hostroot": make check-peer's guest runs the host's
#             lttng-tools, bash, python3 and babeltrace2 from it
#             (multidevs=remap: the host's root spans several filesystems,
#             whose inode numbers would collide in the guest)
#   DISK      FSTYPE:MIB, e.g. ext4:64: a fresh disk image of MIB MiB, made
#             with the host's mkfs.FSTYPE (e2fsprogs) for this boot only,
#             the guest's virtio-blk disk /dev/vda (the tests with a
#             NAME.disk)
#   LOG       console log file (default build/boot-logs/DATE-SCRIPT.log)
#   QUIET     1: console only to the log, not to stdout
#
# The console goes to stdout and to LOG.  The verdict comes on a
# virtio-serial port (see qemu/init.sh).  The exit status is the verdict,
# that is, the guest test's exit status; 125 when there is none (panic,
# WARN with panic_on_warn, timeout, init died), with the reason and the last
# console lines on stderr.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

NO_VERDICT=125

[[ -n ${SCRIPT:-} ]] || die "SCRIPT= (the guest script) is required"
[[ -f $SCRIPT ]] || die "SCRIPT=$SCRIPT: no such file"
VARIANT=${VARIANT:-normal}
KERNEL=${KERNEL:-$BUILD/obj-$VARIANT/arch/x86/boot/bzImage}
[[ -f $KERNEL ]] || die "$KERNEL missing: run 'make kernel' (or scripts/build-kernel.sh $VARIANT)"
TIMEOUT=${TIMEOUT:-300}
SMP=${SMP:-2}
TCG_THREAD=${TCG_THREAD:-single}
MEM=${MEM:-1G}
OUT=${OUT:-$BUILD/boot-out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [[ -z ${LOG:-} ]]; then
	LOG=$BUILD/boot-logs/$(date +%Y%m%d-%H%M%S)-$(basename "$SCRIPT" .sh).log
fi
mkdir -p "$(dirname "$LOG")"
LOG=$(cd "$(dirname "$LOG")" && pwd)/$(basename "$LOG")

ensure_pkgs qemu-system-x86 coreutils
if [[ -n ${STOCK:-} ]]; then
	ensure_pkgs "${STOCK_PKGS[@]}"
	if [[ -z ${MODROOT:-} ]]; then
		MODROOT=$BUILD/obj-$VARIANT/modroot
		if ! modroot_fresh "$VARIANT"; then
			(lock "obj-$VARIANT" && install_modules "$VARIANT") >&2
		fi
	fi
	export STOCK MODROOT
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lttng-boot.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/share"
: >"$TMP/verdict"

# The disk: mkfs.FSTYPE does every initialization on the host (no lazy
# inode table or journal zeroing left for a kernel thread of the guest,
# which would write behind the tests' back).
if [[ -n ${DISK:-} ]]; then
	[[ $DISK =~ ^(ext[234]):([0-9]+)$ ]] || die "DISK=$DISK: want ext4:MIB"
	ensure_pkgs e2fsprogs
	truncate -s "${BASH_REMATCH[2]}M" "$TMP/disk.img"
	/sbin/mkfs."${BASH_REMATCH[1]}" -q -F -L lttng-test \
		-E lazy_itable_init=0,lazy_journal_init=0 "$TMP/disk.img" >&2
fi

# shellcheck disable=SC2086 # EXTRA is a list of paths
"$ROOT/scripts/initramfs.sh" "$TMP/initramfs.cpio" "$SCRIPT" ${EXTRA:-}

# Every failure ends the boot (panic=-1 reboots at once; QEMU has
# -no-reboot).  tsc=reliable: TCG's TSC is one global, monotonic counter, but
# the kernel assumes that an AMD-looking CPU without invariant TSC has
# unsynchronized TSCs and would fall back to the HPET, whose every read is a
# slow MMIO exit; the tracer's clock wants the TSC.
CMDLINE="console=ttyS0 panic=-1 panic_on_warn=1 oops=panic tsc=reliable ${APPEND:-}"
# The debug kernel runs with 4-level paging.  With 5-level paging (-cpu max
# has LA57), an interrupt that lands while identify_cpu() has cleared the
# boot CPU's capability words, early in start_kernel(), makes KASAN read
# LA57 as off, take the shadow bounds of 4-level paging, and report a
# valid direct-map address as a "wild-memory-access" (in handle_edge_irq).
# That upstream race, not LTTng's, failed about one debug boot in twenty.
if [[ $VARIANT == debug ]]; then
	CMDLINE+=" no5lvl"
fi

QEMU=(qemu-system-x86_64
	-machine "${MACHINE:-q35}" -accel "tcg,thread=$TCG_THREAD" -cpu "${CPU:-max}" -smp "$SMP" -m "$MEM"
	-nodefaults -nographic -no-reboot
	-kernel "$KERNEL" -initrd "$TMP/initramfs.cpio" -append "$CMDLINE"
	# The console, on stdout and in the log file.
	-chardev "stdio,id=con,signal=off,logfile=$LOG"
	-serial chardev:con
	# The verdict port; the guest finds it by name.
	-device virtio-serial-pci
	-chardev "file,id=verdict,path=$TMP/verdict"
	-device "virtserialport,chardev=verdict,name=verdict"
	# The results share, mount_tag "out".
	-fsdev "local,id=out,path=$TMP/share,security_model=none"
	-device "virtio-9p-pci,fsdev=out,mount_tag=out"
)
if [[ -n ${DISK:-} ]]; then
	QEMU+=(-drive "file=$TMP/disk.img,if=none,format=raw,id=disk,cache=unsafe"
		-device "virtio-blk-pci,drive=disk")
fi
if [[ ${HOSTROOT:-} == 1 ]]; then
	QEMU+=(-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
		-device "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot")
fi
case ${ICOUNT:-} in
'') ;;
1) QEMU+=(-icount shift=0) ;;
*) QEMU+=(-icount "$ICOUNT") ;;
esac

info "booting ${KERNEL#"$ROOT"/} with $(basename "$SCRIPT"): $CMDLINE"
start=$(date +%s.%N)
set +e
if [[ ${QUIET:-} == 1 ]]; then
	timeout -k 10 "$TIMEOUT" "${QEMU[@]}" </dev/null >/dev/null 2>"$TMP/qemu.err"
else
	timeout -k 10 "$TIMEOUT" "${QEMU[@]}" </dev/null 2>"$TMP/qemu.err"
fi
qrc=$?
set -e
secs=$(echo "$(date +%s.%N) - $start" | bc)
console_lines=$(wc -l <"$LOG")
# QEMU's own complaints (e.g. -cpu max features TCG lacks) go to the log too.
if [[ -s $TMP/qemu.err ]]; then
	grep -v 'TCG doesn.t support requested feature' "$TMP/qemu.err" >&2 || true
	{ echo "--- qemu stderr"; cat "$TMP/qemu.err"; } >>"$LOG"
fi

# Whatever the guest left in $OUT comes back, verdict or not.
if [[ -d $TMP/share/result ]]; then
	cp -a "$TMP/share/result/." "$OUT/"
fi

verdict=$(head -n1 "$TMP/verdict" | tr -d '\r')
printf 'boot: %s seconds, qemu status %s, verdict %s\n' "$secs" "$qrc" "${verdict:-none}" >>"$LOG"
if [[ $verdict =~ ^[0-9]+$ ]]; then
	info "verdict $verdict after ${secs%.*}s (log: ${LOG#"$ROOT"/})"
	exit "$verdict"
fi

if ((qrc == 124 || qrc == 137)); then
	why="timed out after ${TIMEOUT}s"
elif grep -q 'Kernel panic' "$LOG"; then
	why="kernel panic: $(grep -m1 'Kernel panic' "$LOG" | tr -d '\r')"
elif ((qrc != 0)); then
	why="qemu failed with status $qrc"
else
	why="the guest wrote no verdict"
fi
{
	echo "$SELF: FAILED: no verdict: $why (after ${secs%.*}s)"
	echo "$SELF: last console lines (${LOG#"$ROOT"/}):"
	head -n "$console_lines" "$LOG" | tail -n 30 | tr -d '\r' | sed 's/^/  | /'
} >&2
exit $NO_VERDICT
