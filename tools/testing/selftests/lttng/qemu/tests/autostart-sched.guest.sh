#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-sched: lttng.autostart=sched_switch traces from boot; a known
# workload runs; `lttng attach --stop` drains the boot session into a CTF
# trace that autostart-sched.host.sh reads.
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

make_workload /tmp/wl-spin 20
/tmp/wl-spin
cp /tmp/wl-spin.pid "$OUT/wl.pid"
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
cat /sys/module/lttng/parameters/autostart >"$OUT/param"
lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.log"
