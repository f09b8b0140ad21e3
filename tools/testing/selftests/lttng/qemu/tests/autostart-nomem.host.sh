#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-nomem.host.sh OUT: the refusal was said, and nothing else
# started.
set -euo pipefail
d=$1/dmesg-lttng
grep -q "autostart: not enough memory for 4 x 268435456 bytes per CPU, no boot session" "$d" ||
	{ cat "$d"; exit 1; }
if grep -q "autostart: session " "$d"; then
	exit 1
fi
