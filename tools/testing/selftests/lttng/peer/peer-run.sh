#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# peer-run.sh - run one lttng-tools test script in the guest, as the root
# of the host's system (see peer.guest.sh), and leave in $OUT:
#
#   tap.txt    the script's output: its TAP lines and its diagnostics
#   status     "RC SECONDS": the script's exit status (124 = killed at
#              PEER_TIMEOUT) and how long it ran
#   logs/      the daemons' logs (the tree's daemon wrappers write them to
#              $PEER_LOGS), the kernel log, the processes left running
#
# It always exits 0: the verdict is the TAP, which check-peer.sh reads.

set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LC_ALL=C TERM=dumb
export PEER_LOGS=/run/peer-logs
# The script's output; a daemon wrapper that finds its stderr here logs to
# $PEER_LOGS instead (see wrapper() in scripts/check-peer.sh).
export PEER_TAP=$OUT/tap.txt
mkdir -p "$PEER_LOGS" "$OUT/logs"

script=$PEER_SCRIPT
cd "$PEER_TREE/tests/$(dirname "$script")" || exit 0
echo "peer: $script (timeout ${PEER_TIMEOUT}s) at $(cut -d' ' -f1 /proc/uptime)s"
t0=$(date +%s)
# The script's own process group, so that the timeout ends it and its
# children (not the daemons, which detach: the guest ends anyway).
timeout -k 20 "$PEER_TIMEOUT" bash "./$(basename "$script")" \
	</dev/null >"$OUT/tap.txt" 2>&1
rc=$?
t1=$(date +%s)
echo "$rc $((t1 - t0))" >"$OUT/status"
echo "peer: exit status $rc after $((t1 - t0))s"

ps -ef >"$PEER_LOGS/ps.txt" 2>&1
dmesg >"$PEER_LOGS/dmesg.txt"
cp -a "$PEER_LOGS/." "$OUT/logs/" 2>/dev/null
exit 0
