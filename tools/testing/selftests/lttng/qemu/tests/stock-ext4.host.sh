#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-ext4.host.sh OUT: the usage guide's ext4 scenario recorded what
# the workload did, in both sessions, as ftrace did (ext4-check.py).
set -euo pipefail
out=$1
here=$(dirname "$0")

# Each session has its two event rules, as spelled, and the system call.
for s in guide:ext4_ spelled:ext4:ext4_; do
	for e in write_begin free_inode; do
		grep -q "^ *${s#*:}$e (loglevel: .*) (type: tracepoint) \[enabled\]\$" \
			"$out/list-${s%%:*}"
	done
	grep -q '^ *write (type:syscall) \[enabled\]$' "$out/list-${s%%:*}"
done
for s in guide spelled; do
	/usr/bin/python3 "$here/../ctfcheck.py" "$out/$s" --no-discards
done
/usr/bin/python3 "$here/../ext4-check.py" "$out"
