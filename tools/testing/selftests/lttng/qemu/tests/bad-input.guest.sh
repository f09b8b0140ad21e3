#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bad-input: a partly bad lttng.autostart= boots, says what it ignored and
# starts with the rest; the ABI kselftest checks every errno by value.
set -e
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
abi_test=/usr/lib/lttng-test/abi_test
[ -x $abi_test ] || { echo "bad-input: no $abi_test (bad-input.extra)"; exit 1; }
"$abi_test" >"$OUT/abi_test.log" 2>&1 || {
	cat "$OUT/abi_test.log"
	exit 1
}
