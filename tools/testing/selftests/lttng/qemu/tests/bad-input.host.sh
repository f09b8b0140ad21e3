#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bad-input.host.sh OUT: each bad item got its own boot message, and the
# good ones still made a session.
set -euo pipefail
d=$1/dmesg-lttng
grep -q "autostart: ignoring bad value '3000' for 'subbuf'" "$d"
grep -q "autostart: ignoring unknown option 'bogus'" "$d"
grep -q "autostart: ignoring bad value 'fast' for 'mode'" "$d"
grep -q "autostart: no event matches 'no_such_event', ignored" "$d"
grep -q "autostart: no syscall matches 'no_such_call', ignored" "$d"
grep -q "autostart: ignoring unknown context 'bogus'" "$d"
grep -q "autostart: session 'boot' traces 1 events, overwrite, 4 x 262144" "$d"
grep -q '^# PASSED: ' "$1/abi_test.log"
# (`! cmd` would not stop the script under set -e: test and exit.)
if grep '^not ok' "$1/abi_test.log"; then
	exit 1
fi
# The reader cases, the one-sub-buffer channel, the notifier group and
# the dynamic probes ran, each by name (kmemleak, on the debug kernel,
# then checked that none of them leaked: the verdict would be 120).
for t in put_without_get close_holding_next close_holding_at \
	close_mapped_holding session_dies_while_held \
	session_dies_mapped_holding session_dies_metadata_held \
	one_subbuf_channel notifier_group dyn_unknown_symbol \
	dyn_refused_targets dyn_bad_names dyn_names_collide \
	dyn_uprobe_bad_input dyn_kprobe_fires dyn_function_fires \
	dyn_uprobe_fires dyn_create_destroy; do
	grep -q "^ok [0-9]* tracer\.$t\$" "$1/abi_test.log"
done
# The create/destroy loop's timing per kind, for the record.
grep 'dyn_create_destroy:[0-9]* .* probes, ' "$1/abi_test.log" | sed 's/.*dyn_create_destroy://' || true
