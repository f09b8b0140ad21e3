#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench-smoke: the guest half of `make bench` (one run of 1000 events,
# without -icount, so its figures mean nothing) must work, and the traces
# LTTng took during it must hold exactly what the benchmark fired.
set -e
bench=/usr/lib/lttng-test/bench.guest.sh
[ -f $bench ] || { echo "bench-smoke: no $bench (bench-smoke.extra)"; exit 1; }
sh "$bench" >"$OUT/bench.log" 2>&1 || { cat "$OUT/bench.log"; exit 1; }
