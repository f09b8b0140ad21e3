#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-checks.sh [normal|debug] - every test of LTTng built-in, one variant.
# `make check` runs it for normal, `make check-debug` for debug.
#
#   1. build the kernel (build/obj-VARIANT) and the tool (build/tools/lttng)
#   2. KUnit: one boot with kunit.enable=1; each suite and each case in the
#      KTAP results is one test, "kunit:SUITE.CASE"
#   3. end-to-end: one boot per qemu/tests/NAME.guest.sh (see below); on
#      normal, harness:checkout-anywhere boots one from a copy under /tmp
#   4. normal only: built-in.sh on the host (built-in-test.sh), the import
#      graph (scripts/lttng-imports.py), checkpatch --strict per file,
#      sparse C=2 W=1 of the LTTng directories
#
# It prints one "PASS name", "FAIL name" or "SKIP name" line per test and
# ends with exactly "N passed, N failed"; the exit status is 1 if anything
# failed.  Logs go to build/check-VARIANT/ (emptied first), one directory per
# boot: console.log (the serial console), boot.log (boot.sh's messages),
# out/ (what the guest wrote to $OUT), host.log (the host check).
#
# End-to-end test convention, in qemu/tests/:
#   NAME.guest.sh   runs in the guest as /test.sh and writes to $OUT; its
#                   exit status is the boot's verdict
#   NAME.append     optional: extra kernel command line (one line)
#   NAME.host.sh    optional: run on the host as `NAME.host.sh HOST_OUT_DIR`
#                   once the guest is done (e.g. reads traces with
#                   babeltrace2); exit 0 = pass
#   NAME.variant    optional: "normal-only" skips the test on debug
#   NAME.extra      optional: host paths copied into the initramfs (EXTRA),
#                   one a line, relative ones relative to the repo; the
#                   repo's files land at /usr/lib/lttng-test/BASENAME,
#                   others at their own path (scripts/initramfs.sh);
#                   @VARIANT@ in a path is the variant (normal, debug),
#                   for a product of the kernel build
#   NAME.timeout    optional: boot timeout in seconds for normal (debug
#                   multiplies it by DEBUG_SLOWDOWN)
#   NAME.smp        optional: the guest's CPU count, for a test that needs
#                   an exact one whatever SMP says (default: boot.sh's)
#   NAME.disk       optional: FSTYPE:MIB (ext4:64): the guest gets a fresh
#                   disk of that size and file system as /dev/vda, made on
#                   the host with mkfs (boot.sh: DISK)
#   NAME.verdict    optional: the verdict the boot must give (default 0);
#                   125 for a test that panics the guest on purpose, whose
#                   host check then reads HOST_OUT_DIR/../console.log
#   NAME.stock      optional (its content is ignored): the guest gets
#                   Debian's lttng-tools 2.13.9 (lttng, lttng-sessiond,
#                   lttng-consumerd, lttng-relayd) with their libraries, the
#                   kernel's modules_install in /lib/modules, the helper
#                   /usr/lib/lttng-test/stock.sh and /usr/bin/lttng_check;
#                   the project's tool becomes /usr/bin/lttng-builtin
# A test passes when the verdict is the expected one and the host check
# passes.
#
# Environment: TIMEOUT (boot timeout for normal, default 300),
# DEBUG_SLOWDOWN (default 4), TESTS="name..." (run only these end-to-end
# tests), SKIP_BUILD=1 (use the kernel and tool as they are).

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$(cd "$HERE/../../../.." && pwd)/scripts/lib.sh"

VARIANT=${1:-normal}
[[ $VARIANT == normal || $VARIANT == debug ]] || die "usage: $SELF [normal|debug]"
CHECK=$BUILD/check-$VARIANT
TESTS_DIR=$QEMU_DIR/tests
DEBUG_SLOWDOWN=${DEBUG_SLOWDOWN:-4}
BASE_TIMEOUT=${TIMEOUT:-300}
unset TIMEOUT

lock "check-$VARIANT"
rm -rf "$CHECK"
mkdir -p "$CHECK"
SUMMARY=$CHECK/summary
: >"$SUMMARY"

passed=0
failed=0

# pass NAME / fail NAME [WHY] / skip NAME [WHY]: one line per test.
pass() {
	echo "PASS $1" | tee -a "$SUMMARY"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $1${2:+ ($2)}" | tee -a "$SUMMARY"
	failed=$((failed + 1))
}
skip() {
	echo "SKIP $1${2:+ ($2)}" | tee -a "$SUMMARY"
}

# show LOG and verdict NAME WHY LOG.
# shellcheck source=tools/testing/selftests/lttng/verdict.sh
. "$HERE/verdict.sh"

timeout_for() {
	local t=${1:-$BASE_TIMEOUT}
	[[ $VARIANT == debug ]] && t=$((t * DEBUG_SLOWDOWN))
	echo "$t"
}

# boot NAME SCRIPT APPEND TIMEOUT [EXTRA [SMP [STOCK [DISK]]]]: one boot;
# logs in $CHECK/NAME/.  An empty SMP leaves the environment's (or
# boot.sh's); STOCK=1 carries the stock lttng-tools in; DISK is boot.sh's.
# Returns the verdict (125: none).
boot() {
	local d=$CHECK/$1
	mkdir -p "$d/out"
	SCRIPT=$2 APPEND=$3 TIMEOUT=$4 EXTRA=${5:-} VARIANT=$VARIANT \
		SMP=${6:-${SMP:-}} STOCK=${7:-} DISK=${8:-} \
		OUT=$d/out LOG=$d/console.log QUIET=1 \
		"$ROOT/scripts/boot.sh" >"$d/boot.log" 2>&1
}

# ---- 1. build -------------------------------------------------------------

kernel_ok=1
if [[ -n ${SKIP_BUILD:-} ]]; then
	skip "build:kernel-$VARIANT" "SKIP_BUILD"
	[[ -f $BUILD/obj-$VARIANT/arch/x86/boot/bzImage ]] || kernel_ok=
else
	start=$(now)
	if "$ROOT/scripts/build-kernel.sh" "$VARIANT" >"$CHECK/build-kernel.log" 2>&1; then
		pass "build:kernel-$VARIANT"
		echo "    built in $(($(now) - start))s"
	else
		fail "build:kernel-$VARIANT"
		show "$CHECK/build-kernel.log" 25
		kernel_ok=
	fi
	if [[ ! -f $ROOT/tools/lttng/Makefile ]]; then
		skip "build:tools" "no tools/lttng/Makefile"
	elif "$ROOT/scripts/build-tools.sh" >"$CHECK/build-tools.log" 2>&1; then
		pass "build:tools"
	else
		fail "build:tools"
		show "$CHECK/build-tools.log"
	fi
fi

# ---- 2. KUnit -------------------------------------------------------------

# ktap_results FILE: "PASS|FAIL|SKIP name" for every result line of a suite's
# KTAP.  A "# Subtest: X" header names the results at its own indentation,
# so cases come out as SUITE.CASE and parameters as SUITE.CASE.PARAM.
ktap_results() {
	awk '
	{
		sub(/\r$/, "")
		match($0, /^[ \t]*/)
		ind = RLENGTH
		line = substr($0, ind + 1)
	}
	line ~ /^# Subtest: / {
		sub(/^# Subtest: /, "", line)
		header[ind] = line
		next
	}
	line ~ /^(not )?ok [0-9]+/ {
		status = line ~ /^ok/ ? "PASS" : "FAIL"
		if (line ~ /# *[Ss][Kk][Ii][Pp]/)
			status = "SKIP"
		name = line
		sub(/^(not )?ok [0-9]+ *(- )?/, "", name)
		sub(/ *#.*$/, "", name)
		full = ""
		for (i = 1; i <= ind; i++)
			if (i in header)
				full = full header[i] "."
		print status, full name
	}' "$1"
}

run_kunit() {
	local d=$CHECK/kunit v=0 suites=0 lttng=0 f st name
	boot kunit "$QEMU_DIR/kunit.guest.sh" "kunit.enable=1" "$(timeout_for)" || v=$?
	if ((v != 0)); then
		fail "kunit:boot" "verdict $v"
		show "$d/boot.log" 20
	else
		pass "kunit:boot"
	fi
	for f in "$d"/out/kunit/*; do
		[[ -f $f ]] || continue
		suites=$((suites + 1))
		[[ ${f##*/} == lttng_* ]] && lttng=$((lttng + 1))
		while read -r st name; do
			case $st in
			PASS) pass "kunit:$name" ;;
			SKIP) skip "kunit:$name" ;;
			*) fail "kunit:$name" "see ${f#"$ROOT"/}" ;;
			esac
		done < <(ktap_results "$f")
	done
	((lttng > 0)) || fail "kunit:lttng" "no lttng_* suite ran ($suites suites in all)"
}

# ---- 3. end-to-end --------------------------------------------------------

# first_line FILE: its first line that is neither empty nor a comment.
first_line() {
	[[ -f $1 ]] || return 0
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1" | head -n1
}

# extra_of FILE [REPO]: the paths of a NAME.extra as one EXTRA list, the
# relative ones made absolute in REPO (default: this one).
extra_of() {
	local line w
	[[ -f $1 ]] || return 0
	while read -ra line; do
		for w in "${line[@]}"; do
			w=${w//@VARIANT@/$VARIANT}
			[[ $w == /* ]] || w=${2:-$ROOT}/$w
			printf '%s ' "$w"
		done
	done < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1")
}

run_e2e() {
	local g=$1 name t v=0 d stock= want
	name=$(basename "$g" .guest.sh)
	t=$TESTS_DIR/$name
	d=$CHECK/$name
	if [[ -n ${TESTS:-} && " $TESTS " != *" $name "* ]]; then
		return 0
	fi
	if [[ $VARIANT == debug ]] && grep -qs normal-only "$t.variant"; then
		skip "$name" "normal-only"
		return 0
	fi
	[[ ! -f $t.stock ]] || stock=1
	want=$(first_line "$t.verdict")
	boot "$name" "$g" "$(first_line "$t.append")" "$(timeout_for "$(first_line "$t.timeout")")" \
		"$(extra_of "$t.extra")" "$(first_line "$t.smp")" \
		"$stock" "$(first_line "$t.disk")" || v=$?
	if ((v != ${want:-0})); then
		fail "$name" "verdict $v${want:+, not $want}"
		show "$d/boot.log" 20
		# The stock helper's reason (stock.sh: stock_fail).
		show "$d/out/stock-logs/failure" 5
		return 0
	fi
	if [[ -f $t.host.sh ]]; then
		# Debian's python3 first: it is the one with the bt2 module (a
		# pyenv or venv python3 earlier in PATH would not have it).
		if ! PATH=/usr/bin:/bin:$PATH bash "$t.host.sh" "$d/out" >"$d/host.log" 2>&1; then
			fail "$name" "host check"
			show "$d/host.log"
			return 0
		fi
	fi
	pass "$name"
}

# harness:checkout-anywhere: a checkout under /tmp, a copy of this working
# tree (uncommitted files too), boots bad-input, whose EXTRA file is in the
# repo.  The guest's /init mounts a tmpfs over /tmp, so a file carried in at
# its host path would be hidden; the repo's files land at
# /usr/lib/lttng-test/ wherever the checkout is.  No second build: the copy's
# build/ gets this one's small products (the tool, the selftests,
# gen_init_cpio) and it boots this kernel (KERNEL=).  Normal variant only.
test_checkout_anywhere() {
	local name=harness:checkout-anywhere test=bad-input t d v=0 why='' tt
	if [[ -n ${TESTS:-} && " $TESTS " != *" $name "* ]]; then
		return 0
	fi
	d=$CHECK/checkout-anywhere
	mkdir -p "$d/out"
	t=$(mktemp -d /tmp/lttng-checkout.XXXXXX)
	tt=$t/tools/testing/selftests/lttng/qemu/tests/$test
	{
		echo "checkout: $t"
		tar -C "$ROOT" --exclude=./build --exclude=./.git -cf - . | tar -C "$t" -xf - &&
			mkdir -p "$t/build/tools/lttng" "$t/build/host" &&
			cp -a "$BUILD/selftests" "$t/build/" &&
			cp -a "$BUILD/tools/lttng/lttng" "$t/build/tools/lttng/" &&
			cp -a "$BUILD/host/gen_init_cpio" "$t/build/host/"
	} >"$d/boot.log" 2>&1 || why="copying the checkout to $t failed"
	if [[ -z $why ]]; then
		echo "EXTRA: $(extra_of "$tt.extra" "$t")" >>"$d/boot.log"
		KERNEL=$BUILD/obj-normal/arch/x86/boot/bzImage VARIANT=normal \
			SCRIPT=$tt.guest.sh APPEND=$(first_line "$tt.append") TIMEOUT=$(timeout_for) \
			EXTRA=$(extra_of "$tt.extra" "$t") \
			OUT=$d/out LOG=$d/console.log QUIET=1 \
			"$t/scripts/boot.sh" >>"$d/boot.log" 2>&1 || v=$?
		((v == 0)) || why="$test from $t: verdict $v"
	fi
	if [[ -z $why ]] && ! bash "$tt.host.sh" "$d/out" >"$d/host.log" 2>&1; then
		why="$test from $t: host check"
		cat "$d/host.log" >>"$d/boot.log"
	fi
	rm -rf "$t"
	verdict "$name" "$why" "$d/boot.log"
}

# ---- 4. host-side tests (normal only) -------------------------------------

# built-in.sh on the host: built-in-test.sh, whose PASS and FAIL lines are
# counted here (the indented lines under a FAIL are the end of its log).
test_builtin_sh() {
	local line rc=0 nfail=0
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "${line#PASS }" ;;
		"FAIL "*)
			fail "${line#FAIL }"
			nfail=$((nfail + 1))
			;;
		*) echo "$line" ;;
		esac
	done < <("$HERE/built-in-test.sh" "$CHECK" 2>&1)
	wait $! || rc=$?
	((rc == 0 || nfail > 0)) || fail "built-in" "built-in-test.sh exited with $rc"
}

# The syscall table generator over the normal kernel's configuration and
# over the same without IA32_EMULATION, which the test kernels never
# build: both must succeed (every override checked against both tables),
# the first with the ia32 table, the second without it.
test_gen_syscalls() {
	local name=gen-syscalls:no-ia32 t log why= conf=$BUILD/obj-normal/include/config/auto.conf
	local tbl=$KTREE/arch/x86/entry/syscalls
	if [[ ! -f $conf ]]; then
		skip "$name" "no normal kernel configuration"
		return 0
	fi
	t=$(mktemp -d)
	log=$CHECK/$name.log
	{
		grep -v '^CONFIG_IA32_EMULATION=' "$conf" >"$t/no-ia32.conf"
		for c in "$conf" "$t/no-ia32.conf"; do
			perl "$ROOT/scripts/lttng/gen-syscalls.pl" -s "$KTREE" \
				-o "$ROOT/scripts/lttng/syscall-overrides" \
				-t "$tbl/syscall_64.tbl" -c "$tbl/syscall_32.tbl" -k "$c" \
				>"$t/$(basename "$c").h" || why=${why:-"failed on $(basename "$c")"}
		done
		grep -q '^LTTNG_SC(compat, 295, openat,' "$t/auto.conf.h" ||
			why=${why:-"no ia32 openat with IA32_EMULATION"}
		! grep -q '^LTTNG_SC(compat' "$t/no-ia32.conf.h" ||
			why=${why:-"ia32 syscalls without IA32_EMULATION"}
		grep -q '^LTTNG_SC(native, 257, openat,' "$t/no-ia32.conf.h" ||
			why=${why:-"no native openat without IA32_EMULATION"}
	} >"$log" 2>&1
	rm -rf "$t"
	verdict "$name" "$why" "$log"
}

# The files checkpatch and sparse look at.
lttng_sources() {
	(cd "$ROOT" && {
		find kernel/lttng drivers/misc/lttng include/linux/lttng \
			-name '*.[ch]' 2>/dev/null
		[[ ! -f include/uapi/linux/lttng.h ]] || echo include/uapi/linux/lttng.h
		[[ ! -f include/trace/lttng.h ]] || echo include/trace/lttng.h
	} | LC_ALL=C sort)
}

# ENOSYS: the LTTng-modules ABI gives -ENOSYS a meaning that stock
# lttng-tools act on (an event or context type this kernel does not
# implement), so the compatible ioctls must return it.
CHECKPATCH_IGNORE=${CHECKPATCH_IGNORE:-FILE_PATH_CHANGES,ENOSYS}
# The macro layer and the events files it includes are templates expanded
# once per pass, in the style of include/trace/trace_events.h: their macros
# are deliberately not statements, and their arguments are used in some
# passes only.  Every other check still applies to them.
CHECKPATCH_TEMPLATE_IGNORE=MACRO_ARG_UNUSED,MACRO_ARG_REUSE,TRAILING_SEMICOLON,MULTISTATEMENT_MACRO_USE_DO_WHILE,COMPLEX_MACRO,LINE_SPACING,PARENTHESIS_ALIGNMENT,OPEN_ENDED_LINE

# checkpatch_ignore FILE: the types to ignore for FILE.
checkpatch_ignore() {
	case $1 in
	*/define-probe.h | *-events.h | *_trace.h | */syscall-tables.c | \
	include/trace/lttng.h)
		echo "$CHECKPATCH_IGNORE,$CHECKPATCH_TEMPLATE_IGNORE" ;;
	*)
		echo "$CHECKPATCH_IGNORE" ;;
	esac
}

test_checkpatch() {
	local f log n=0
	ensure_pkgs perl
	mkdir -p "$CHECK/checkpatch"
	while read -r f; do
		n=$((n + 1))
		log=$CHECK/checkpatch/${f//\//_}.log
		if (cd "$ROOT" && perl "$KTREE/scripts/checkpatch.pl" --strict --no-tree \
			--show-types --ignore "$(checkpatch_ignore "$f")" -f "$f") >"$log" 2>&1; then
			pass "checkpatch:$f"
		else
			fail "checkpatch:$f"
			grep -E '^(ERROR|WARNING|CHECK):' "$log" | head -n 8 | sed 's/^/    | /'
			echo "    (${log#"$ROOT"/})"
		fi
	done < <(lttng_sources)
	((n > 0)) || skip "checkpatch" "no LTTng sources yet"
}

# The layering: no circle of imports among the kernel files, and nothing
# outside kernel/lttng/ that includes a kernel/lttng/ header
# (scripts/lttng-imports.py says how a file imports another).
test_imports() {
	local log=$CHECK/imports.log
	if /usr/bin/python3 "$ROOT/scripts/lttng-imports.py" "$ROOT" >"$log" 2>&1; then
		pass "layering:imports"
	else
		fail "layering:imports" "$(head -n 1 "$log")"
		show "$log"
	fi
}

# sparse and W=1 (which also runs kernel-doc on the .c files) over the LTTng
# directories of the normal build; any warning from an LTTng path fails.
test_sparse() {
	local log=$CHECK/sparse.log dirs=() d warn
	ensure_pkgs sparse
	for d in kernel/lttng drivers/misc/lttng; do
		[[ -d $ROOT/$d ]] && dirs+=("$d/")
	done
	if ! (lock obj-normal && kmake normal C=2 W=1 CHECK=sparse "${dirs[@]}") >"$log" 2>&1; then
		fail "sparse+W=1" "the build failed"
		show "$log"
		return 0
	fi
	warn=$(grep -E '(kernel/lttng|drivers/misc/lttng|include/linux/lttng|include/uapi/linux/lttng\.h)[^ ]*: (warning|error)' "$log" || true)
	if [[ -n $warn ]]; then
		fail "sparse+W=1" "$(wc -l <<<"$warn") warnings"
		head -n 15 <<<"$warn" | sed 's/^/    | /'
		echo "    (${log#"$ROOT"/})"
	else
		pass "sparse+W=1"
	fi
}

# ---- main -----------------------------------------------------------------

if [[ -n $kernel_ok ]]; then
	# What the host checks read traces with; the stock tests' tools.
	ensure_pkgs babeltrace2 python3-bt2 "${STOCK_PKGS[@]}"
	run_kunit
	for g in "$TESTS_DIR"/*.guest.sh; do
		[[ -f $g ]] && run_e2e "$g"
	done
	[[ $VARIANT != normal ]] || test_checkout_anywhere
else
	fail "boots" "no $VARIANT kernel: KUnit and end-to-end tests not run"
fi

if [[ $VARIANT == normal ]]; then
	test_builtin_sh
	test_gen_syscalls
	test_imports
	test_checkpatch
	if [[ -n $kernel_ok ]]; then
		test_sparse
	else
		fail "sparse+W=1" "no normal kernel build"
	fi
fi

echo "$passed passed, $failed failed" | tee -a "$SUMMARY"
((failed == 0))
