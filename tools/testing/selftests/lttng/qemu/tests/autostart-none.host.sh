#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
set -euo pipefail
d=$1/dmesg-lttng
grep -q "autostart: ignoring an empty item" "$d"
grep -q "autostart: no event to trace, no boot session" "$d"
grep -qi "no such file\|no boot session\|not found" "$1/attach.err"
