#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-none: a spec with nothing valid boots with messages and no
# session; attaching then fails cleanly.
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
if lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.err"; then
	echo "attach succeeded without a boot session"
	exit 1
fi
exit 0
