#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rb-mmap-splice.host.sh OUT: the trace read through mmap and the one read
# through splice, from the same packets, are the same files byte for byte
# and decode to the same, non-trivial, event list.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
mm=$out/trace
sp=$out/trace-splice
log=$out/record.log
# 2 CPUs x 400 sleeps, each a switch out of and back into the workload.
sleeps=400
page=4096

fail() {
	echo "rb-mmap-splice: $*" >&2
	exit 1
}

# The same three files on both sides, identical byte for byte.
for d in "$mm" "$sp"; do
	files=$(cd "$d/kernel" && printf '%s ' *)
	[[ $files == "channel0_0 channel0_1 metadata " ]] ||
		fail "$d/kernel holds: $files"
done
diff -r "$mm/kernel" "$sp/kernel" || fail "the mmap and splice traces differ"

# Every packet the tool reports is in both files, whole: the file sizes
# are the reported byte counts, a page multiple each.  Each data stream
# took at least 33 packets: more than its 32 sub-buffers, so every slot was
# read at least once and one of them twice.
grep -q "^lttng: every packet read through mmap into .* and through splice into " "$log" ||
	fail "record did not read both ways"
for f in metadata channel0_0 channel0_1; do
	line=$(grep "^lttng: $f: " "$log") || fail "no report line for $f"
	packets=$(sed -E 's/^lttng: [^:]*: ([0-9]+) packets, .*/\1/' <<<"$line")
	bytes=$(sed -E 's/^[^,]*, ([0-9]+) bytes.*/\1/' <<<"$line")
	for d in "$mm" "$sp"; do
		size=$(stat -c %s "$d/kernel/$f")
		((size == bytes)) || fail "$d/kernel/$f: $size bytes, the report says $bytes"
	done
	((bytes > 0 && bytes % page == 0)) || fail "$f: $bytes bytes"
	[[ $f == metadata ]] && continue
	((bytes == packets * page)) || fail "$f: $packets packets in $bytes bytes, not one page each"
	((packets >= 33)) || fail "$f: $packets packets, expected >= 33"
	[[ $line == *", 0 lost packets (0 overwritten before attach), 0 events discarded" ]] ||
		fail "losses: $line"
	echo "$f: $packets packets, identical in both traces"
done

# Both decode to the same event list, text and checked values alike.
babeltrace2 "$mm" >"$out/bt-mmap.txt" 2>"$out/bt-mmap.err"
babeltrace2 "$sp" >"$out/bt-splice.txt" 2>"$out/bt-splice.err"
[[ ! -s $out/bt-mmap.err && ! -s $out/bt-splice.err ]] ||
	fail "babeltrace2 complained: $(cat "$out/bt-mmap.err" "$out/bt-splice.err")"
cmp "$out/bt-mmap.txt" "$out/bt-splice.txt" || fail "the decoded events differ"
n=$(wc -l <"$out/bt-mmap.txt")
((n >= 4 * sleeps)) || fail "$n events, expected >= $((4 * sleeps))"
echo "$n events, identical in both traces"

for d in "$mm" "$sp"; do
	args=()
	for cpu in 0 1; do
		pid=$(cat "$out/wl-cpu$cpu.pid")
		# Pinned before the exec that gave it its name: every switch of
		# the workload is in its CPU's stream.
		args+=(--match "sched_switch:@cpu=$cpu,prev_comm=wl-cpu$cpu,prev_tid=$pid"
		       --match "sched_switch:@cpu=$cpu,next_comm=wl-cpu$cpu,next_tid=$pid"
		       --no-match "sched_switch:@cpu=$((1 - cpu)),prev_comm=wl-cpu$cpu"
		       --no-match "sched_switch:@cpu=$((1 - cpu)),next_comm=wl-cpu$cpu")
	done
	$check "$d" --summary --streams 2 --monotonic --no-discards \
		--min-match "$sleeps" "${args[@]}" >"$d.summary"
	cat "$d.summary"
done
cmp "$mm.summary" "$sp.summary" || fail "the checker's summaries differ"
