# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# workload.sh - the guest helper of the tests that trace a known workload.
# The initramfs has it at /usr/lib/lttng-test/workload.sh; a test sources
# it:
#
#	. /usr/lib/lttng-test/workload.sh
#	make_workload /tmp/wl 20
#	/tmp/wl
#
# make_workload PATH N [US]: write an executable script at PATH that
# records its pid in PATH.pid, then sleeps N times for US microseconds
# (10000 unless given), so that it is switched out and back in N times at
# least.  The host side finds the workload's events by that pid.
make_workload() {
	cat >"$1" <<EOS
#!/bin/sh
echo \$\$ >"$1.pid"
i=0
while [ \$i -lt $2 ]; do
	usleep ${3:-10000}
	i=\$((i + 1))
done
EOS
	chmod +x "$1"
}
