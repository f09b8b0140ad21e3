#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-nomem: a boot session larger than the guest's memory (1.25 GiB
# per CPU) is refused with a message, and the boot goes on without it.
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
if lttng attach -o "$OUT/trace" 2>"$OUT/attach.err"; then
	echo "autostart-nomem: a boot session exists"
	exit 1
fi
