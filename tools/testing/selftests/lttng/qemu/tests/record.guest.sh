#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# record: tools/lttng makes a session of its own, consumes it through
# splice and through mmap, and a session never started records nothing.
set -e
# make_workload PATH N: a script named after PATH that records its pid
# in PATH.pid and sleeps N times for 10 ms, so that it is switched out and
# back in N times at least.
make_workload() {
	cat >"$1" <<EOS
#!/bin/sh
echo \$\$ >"$1.pid"
i=0
while [ \$i -lt $2 ]; do
	usleep 10000
	i=\$((i + 1))
done
EOS
	chmod +x "$1"
}

make_workload /tmp/wl-splice 10
make_workload /tmp/wl-mmap 10
make_workload /tmp/wl-idle 10
lttng record -e sched_switch --output splice -o "$OUT/splice" -- /tmp/wl-splice
lttng record -e sched_switch --output mmap -o "$OUT/mmap" -- /tmp/wl-mmap
lttng record -e sched_switch --no-start -o "$OUT/stopped" -- /tmp/wl-idle
cp /tmp/wl-splice.pid /tmp/wl-mmap.pid /tmp/wl-idle.pid "$OUT/"
