#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# boot-smoke: the harness itself works.  The guest runs programs, sees both
# CPUs, and its files come back to the host (checked by boot-smoke.host.sh).
set -e

uname -r >"$OUT/uname"
grep -c '^processor' /proc/cpuinfo >"$OUT/ncpus"
id tracer >"$OUT/id-tracer"
echo "kernel $(cat "$OUT/uname"), $(cat "$OUT/ncpus") CPUs"
