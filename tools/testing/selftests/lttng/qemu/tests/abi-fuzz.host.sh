#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-fuzz.host.sh OUT: abi_fuzz ran every iteration asked for, found
# nothing unexpected, leaked no fd and no session, and really did
# something: every kind of fd got calls, every ioctl the header defines
# was sent, the core commands succeeded, and packets were read.
set -euo pipefail
out=$1
log=$out/abi_fuzz.log
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)

fail() {
	echo "abi-fuzz: $*" >&2
	exit 1
}

[[ -s $log ]] || fail "no $log"
# The guest's watchdog killed a campaign that had stopped.
if [[ -s $out/hang.txt ]]; then
	grep -A 12 ' abi_fuzz state' "$out/hang.txt" | head -n 40
	fail "abi_fuzz stopped making progress: see $out/hang.txt"
fi
requested=$(cat "$out/requested")
seed=$(cat "$out/seed")
echo "seed $seed, $requested iterations requested"

if grep '^UNEXPECTED' "$log"; then
	fail "unexpected results (seed $seed; the calls are in $out/dmesg)"
fi
grep -q '^abi_fuzz: PASS$' "$log" || fail "abi_fuzz did not say PASS"
# Known kernel bugs the run stayed away from (abi-fuzz.guest.sh).
grep '^abi_fuzz: skipping known bug ' "$log" || true
done_line=$(grep '^abi_fuzz: done ' "$log") || fail "no summary"
echo "$done_line"
[[ $done_line =~ iterations\ ([0-9]+)/([0-9]+)\ unexpected\ ([0-9]+)\ fds_leaked\ ([0-9]+)\ sessions_leaked\ ([0-9]+) ]] ||
	fail "cannot parse: $done_line"
((BASH_REMATCH[1] == requested && BASH_REMATCH[2] == requested)) ||
	fail "iterations ${BASH_REMATCH[1]}/${BASH_REMATCH[2]}, $requested requested"
((BASH_REMATCH[3] == 0)) || fail "${BASH_REMATCH[3]} unexpected"
((BASH_REMATCH[4] == 0)) || fail "${BASH_REMATCH[4]} fds leaked"
((BASH_REMATCH[5] == 0)) || fail "${BASH_REMATCH[5]} sessions leaked"

# value LINE KEY: KEY=N in a summary line.
value() {
	local v
	v=$(grep "^abi_fuzz: $1 " "$log" | tr ' ' '\n' | sed -n "s/^$2=//p")
	[[ -n $v ]] || fail "no $2 in the $1 line"
	echo "$v"
}

# Every required kind of fd was made and got calls.
required=$(grep '^abi_fuzz: required ' "$log" | cut -d' ' -f3-)
[[ -n $required ]] || fail "no list of required kinds"
for k in tracer session channel metadata event stream mstream list; do
	[[ " $required " == *" $k "* ]] || fail "$k is not a required kind"
done
for k in $required; do
	c=$(value calls "$k")
	n=$(value created "$k")
	((c > 0 && n > 0)) || fail "$k fds: $n created, $c calls"
done
grep '^abi_fuzz: calls ' "$log"

# Every ioctl of the header was compiled in and sent.
hdr=$("$root/tools/testing/selftests/lttng/abi_fuzz/abi_fuzz_cmds.sh" "$root/include/uapi/linux/lttng.h" |
	sed -n 's/^HDR_CMD(\(.*\))$/\1/p')
nhdr=$(wc -w <<<"$hdr")
grep -q "^abi_fuzz: seed .* ($nhdr from the header, " "$log" ||
	fail "abi_fuzz was not built with the header's $nhdr commands: $(grep '^abi_fuzz: seed' "$log")"
for c in $hdr; do
	line=$(grep "^abi_fuzz: cmd $c " "$log") || fail "$c was never fuzzed"
	if ! [[ $line =~ \ calls=([0-9]+)\  ]] || ((BASH_REMATCH[1] == 0)); then
		fail "$c: $line"
	fi
done
echo "all $nhdr ioctls of the header sent"
if grep -q ' generic calls=' "$log"; then
	echo "note: fuzzed as generic commands (no argument generator yet):"
	grep ' generic calls=' "$log" | cut -d' ' -f3
fi

# The core commands worked on their own kind of fd.
for c in SESSION CHANNEL METADATA STREAM EVENT ENABLE SESSION_START \
	SESSION_STOP SESSION_ATTACH SESSION_CHANNEL_GET TRACEPOINT_LIST \
	RB_GET_NEXT_SUBBUF RB_PUT_NEXT_SUBBUF RB_GET_SUBBUF RB_FLUSH_EMPTY \
	RB_GET_MMAP_READ_OFFSET ADD_CALLSITE; do
	line=$(grep "^abi_fuzz: cmd $c " "$log")
	if ! [[ $line =~ \ ok=([0-9]+)$ ]] || ((BASH_REMATCH[1] == 0)); then
		fail "$c never succeeded: $line"
	fi
done

# A probe of every dynamic kind was made (abi_fuzz makes one of each at
# the start, then more at random).
for k in kprobe kretprobe function uprobe; do
	v=$(value dynamic "$k")
	((v > 0)) || fail "no $k event was made"
done
grep '^abi_fuzz: dynamic ' "$log"

# Packets went through every read path, and the model was checked.
for k in data_packets metadata_packets mmaps magic_checked splice_bytes \
	read_bytes forks attach_checked predictions sweep; do
	v=$(value io "$k")
	((v > 0)) || fail "io: $k=$v"
done
grep '^abi_fuzz: io ' "$log"

# The racer thread ran, on fds of every required kind.
racer=$(grep '^abi_fuzz: racer from ' "$log") || fail "no racer line"
[[ $racer =~ ^abi_fuzz:\ racer\ from\ ([0-9]+)\  ]] || fail "the racer never ran: $racer"
for k in stream mstream session channel; do
	v=$(value racer "$k")
	((v > 0)) || fail "racer: no calls on $k fds"
done
echo "$racer"
