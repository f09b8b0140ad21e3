#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-tools.sh - build the project's user space tool, tools/lttng, into
# build/tools/lttng (O=).  Nothing to do, and success, when tools/lttng has
# no Makefile yet.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if [[ ! -f $ROOT/tools/lttng/Makefile ]]; then
	info "tools/lttng/Makefile missing: no tool to build"
	exit 0
fi
ensure_pkgs make gcc libc6-dev
mkdir -p "$BUILD/tools/lttng"
make -C "$ROOT/tools/lttng" O="$BUILD/tools/lttng" -j"$(nproc)"

# lttng_check, static, for the guest: the stock lttng-tools tests probe
# /dev/lttng with it (permissions, leftover sessions, poll state).
mkdir -p "$BUILD/selftests"
gcc -static -O2 -Wall -I"$ROOT/include/uapi" -o "$BUILD/selftests/lttng_check" \
	"$ROOT/tools/testing/selftests/lttng/lttng_check.c"

# dynprobe_test, static, for the guest: the workload of the dynamic probe
# tests (opens, the user-space probe's target function, an SDT probe).
ensure_pkgs systemtap-sdt-dev
gcc -static -O2 -Wall -o "$BUILD/selftests/dynprobe_test" \
	"$ROOT/tools/testing/selftests/lttng/dynprobe_test.c"

# lttngctl_fentry, for the guest's stock lttng-tools (dynamically linked
# against their liblttng-ctl): a FUNCTION_ENTRY event, which only the
# library can ask for.
ensure_pkgs liblttng-ctl-dev
gcc -O2 -Wall -o "$BUILD/selftests/lttngctl_fentry" \
	"$ROOT/tools/testing/selftests/lttng/lttngctl_fentry.c" -llttng-ctl

# syscall_test, static, for the guest: the workload and the ABI checks of
# the syscalls test.
gcc -static -O2 -Wall -I"$ROOT/include/uapi" -o "$BUILD/selftests/syscall_test" \
	"$ROOT/tools/testing/selftests/lttng/syscall_test.c"

# poll_test, static, for the guest: the workload of the syscalls-poll
# test (select, poll and epoll payloads).
gcc -static -O2 -Wall -I"$ROOT/include/uapi" -o "$BUILD/selftests/poll_test" \
	"$ROOT/tools/testing/selftests/lttng/poll_test.c"

# syscall_test32, a freestanding ia32 program (int $0x80, no libc, so no
# 32-bit libc on the host): the workload of the compat syscall events.
gcc -m32 -static -nostdlib -ffreestanding -fno-pie -no-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -O2 -Wall \
	-o "$BUILD/selftests/syscall_test32" \
	"$ROOT/tools/testing/selftests/lttng/syscall_test32.c"

# The ABI kselftest, static, for the guest (bad-input test).  It includes
# kselftest_harness.h from the kernel tree.
KTREE=${KTREE:-$BUILD/linux}
if [[ -f $KTREE/tools/testing/selftests/kselftest_harness.h ]]; then
	mkdir -p "$BUILD/selftests"
	gcc -static -O2 -Wall -I"$ROOT/include/uapi" \
		-I"$KTREE/tools/testing/selftests" \
		-o "$BUILD/selftests/abi_test" \
		"$ROOT/tools/testing/selftests/lttng/abi_test.c"
else
	info "no kernel tree at $KTREE: abi_test not built"
fi

# The ABI fuzzer, static, for the guest (abi-fuzz test): every .c of
# abi_fuzz/.  It includes kselftest.h; its list of the header's commands is
# generated.
if [[ -f $KTREE/tools/testing/selftests/kselftest.h ]]; then
	mkdir -p "$BUILD/selftests"
	"$ROOT/tools/testing/selftests/lttng/abi_fuzz/abi_fuzz_cmds.sh" \
		"$ROOT/include/uapi/linux/lttng.h" >"$BUILD/selftests/abi_fuzz_cmds.h"
	gcc -static -O2 -Wall -I"$ROOT/include/uapi" -I"$BUILD/selftests" \
		-I"$KTREE/tools/testing/selftests" -o "$BUILD/selftests/abi_fuzz" \
		"$ROOT/tools/testing/selftests/lttng/abi_fuzz/"*.c
else
	info "no kernel tree at $KTREE: abi_fuzz not built"
fi
