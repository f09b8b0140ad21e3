#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trigger.host.sh OUT: the kernel trigger was refused with the
# kernel's reason, none is listed, sessiond logged no error about the
# event-notifier group, and the session after it recorded the workload.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-trig.pid")

cat "$out/add-trigger.txt"
grep -q "lttng: kernel triggers are not supported yet: event notifier 'sched_switch' refused" \
	"$out/dmesg-trigger"
if grep -q 'kt' "$out/list-triggers.txt"; then
	cat "$out/list-triggers.txt"
	exit 1
fi
# The group, its notification fd and its counter were all made, and the
# only errors sessiond logged are the refusal of the trigger's rule.
grep -q 'Kernel tracer initialized: .*event notifier group fd = [0-9]*, event notifier group notification fd = [0-9]*' \
	"$out"/sessiond.*.log
grep -q 'Created kernel event notifier group error counter' "$out"/sessiond.*.log
grep -q 'Removed trigger from tokens_ht' "$out"/sessiond.*.log
if grep -h -E '^(Error|PERROR|Warning)' "$out"/sessiond.*.log |
	grep -v -e 'Failed to create kernel event notifier rule' \
		-e 'Failed to create kernel event notifier: ' | grep -m5 .; then
	exit 1
fi
$check "$out/trace/kernel" --summary --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-trig,prev_tid=$pid" --min-match 5
