#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-snapshot.host.sh OUT: what a flight recorder keeps.  The channel
# has 4 sub-buffers of 4 KiB per CPU; workload a (a sleep every 10 ms)
# overflows it many times in 3 s before snapshot one, taken while a runs;
# then a stops, and workload b does the same before snapshot two.  For
# each snapshot:
#
#   - babeltrace2 reads it; two streams; time never goes back; no
#     discarded events or packets (overwritten packets are not losses);
#   - per stream, the packets' sequence numbers (ctfpackets.py) are
#     consecutive, and the first is not 0: the oldest packets were
#     overwritten; the snapshot holds 3 or 4 packets (the buffer's worth,
#     the writer's sub-buffer aside), each 4 KiB, each starting no earlier
#     than the previous one ended;
#   - snapshot one has workload a's switches and none of b's; snapshot two
#     has b's and none of a's (overwritten meanwhile);
#   - per stream, snapshot two's sequence numbers continue past snapshot
#     one's, with a gap: the same buffer went on and wrapped in between.
set -euo pipefail
out=$1
here=$(dirname "$0")
check="/usr/bin/python3 $here/../ctfcheck.py"
packets="/usr/bin/python3 $here/../ctfpackets.py"
a=$(cat "$out/wl-snap-a.pid")
b=$(cat "$out/wl-snap-b.pid")

fail() {
	echo "stock-snapshot: $*" >&2
	exit 1
}

one=$(find "$out/snap" -maxdepth 1 -name 'one-*' | head -n1)/kernel
two=$(find "$out/snap" -maxdepth 1 -name 'two-*' | head -n1)/kernel
[[ -f $one/metadata && -f $two/metadata ]] || fail "missing snapshot: $(ls "$out/snap")"

: >"$out/seq-summary"
for s in one two; do
	d=${!s}
	babeltrace2 "$d" >/dev/null 2>"$out/bt-$s.err"
	[[ ! -s $out/bt-$s.err ]] || fail "babeltrace2 on snapshot $s: $(head -n3 "$out/bt-$s.err")"
	$packets "$d" >"$out/packets-$s"
	# STREAM SEQ CPU TSB TSE CONTENT SIZE DISCARDED
	awk -v s="$s" '
	function bad(m) { print "stock-snapshot: snapshot " s ": " m > "/dev/stderr"; err = 1 }
	{
		if ($7 != 32768) bad($1 " packet " $2 " is " $7 " bits, not 4 KiB")
		if ($1 in last) {
			if ($2 != last[$1] + 1) bad($1 ": packet " $2 " after " last[$1])
			if ($4 < end[$1]) bad($1 ": packet " $2 " begins before the last ended")
		} else {
			first[$1] = $2
			if ($2 == 0) bad($1 ": starts at packet 0: nothing was overwritten")
		}
		last[$1] = $2; end[$1] = $5; n[$1]++
	}
	END {
		for (f in n) {
			if (n[f] < 3 || n[f] > 4) bad(f ": " n[f] " packets, expected 3 or 4")
			printf "%s %s %d %d %d\n", s, f, first[f], last[f], n[f]
		}
		exit err
	}' "$out/packets-$s" >>"$out/seq-summary" || fail "snapshot $s: bad packet sequence"
done
cat "$out/seq-summary"

# Two streams each, the same in both snapshots; two continues past one.
awk '$1 == "one" { l1[$2] = $4 } $1 == "two" { f2[$2] = $3 }
	END {
		for (f in l1) {
			if (!(f in f2)) { print "no " f " in snapshot two"; exit 1 }
			if (f2[f] <= l1[f] + 1) {
				print f ": snapshot two starts at " f2[f] ", one ended at " l1[f] ": no wrap between"
				exit 1
			}
		}
		if (length(l1) != 2 || length(f2) != 2) { print "not two streams"; exit 1 }
	}' "$out/seq-summary" || fail "snapshot two does not continue snapshot one"

$check "$one" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-snap-a,prev_tid=$a" \
	--no-match "sched_switch:prev_tid=$b" --no-match "sched_switch:next_tid=$b"
$check "$two" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-snap-b,prev_tid=$b" \
	--no-match "sched_switch:prev_tid=$a" --no-match "sched_switch:next_tid=$a"
