#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trigger.host.sh OUT: the trigger was listed, started trig when
# its event fired, and was gone once removed; trig recorded exactly the
# five events that followed its start; the filtered trigger was refused,
# with the kernel's reason; sessiond logged no error but that refusal.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"

cat "$out/list-triggers.txt"
grep -q 'name: kt' "$out/list-triggers.txt"
grep -q 'lttng_test_filter_event' "$out/list-triggers.txt"
grep -q 'start session `trig`' "$out/list-triggers.txt"
grep -q '\[inactive\]' "$out/list-before.txt"
echo "trig active $(cat "$out/start-wait") x 100 ms after the first event"
if grep -q 'kt' "$out/list-triggers-after.txt"; then
	cat "$out/list-triggers-after.txt"
	exit 1
fi
cat "$out/add-trigger-filter.txt"
if grep -q 'kf' "$out/list-triggers-filter.txt"; then
	cat "$out/list-triggers-filter.txt"
	exit 1
fi
grep -q 'lttng: filters and captures on kernel triggers are not supported yet' \
	"$out/dmesg-filter"
grep -q 'Kernel tracer initialized: .*event notifier group fd = [0-9]*, event notifier group notification fd = [0-9]*' \
	"$out"/sessiond.*.log
grep -q 'Created kernel event notifier group error counter' "$out"/sessiond.*.log
if grep -h -E '^(Error|PERROR|Warning)' "$out"/sessiond.*.log |
	grep -v -e 'Failed to create kernel event notifier rule' \
		-e 'Failed to set kernel event notifier filter' \
		-e 'Failed to create kernel event notifier: ' | grep -m5 .; then
	exit 1
fi
$check "$out/trace/kernel" --summary --monotonic --no-discards \
	--count lttng_test_filter_event=5 --events 5
