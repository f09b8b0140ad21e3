#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the test guest (busybox sh, PID 1).
#
# It sets up a minimal system, runs the test script /test.sh, checks for
# leaks when the kernel has kmemleak, and sends the verdict -- the exit status
# of the test as a decimal number and a newline -- on the virtio-serial port
# named "verdict".  Never on the console: a stray word in dmesg cannot fake a
# pass.  If anything goes wrong before the verdict is written (a panic, a
# WARN under panic_on_warn, a hang until the host's timeout, init itself
# dying), the host sees no verdict, and that is a failure.
#
# Verdicts of its own: 120 = the test passed but kmemleak found leaks,
# 121 = the 9p share could not be mounted.
#
# The host shares a directory with mount_tag "out" over 9p; the test writes
# its results under $OUT=/out/result and the host copies them back.

export PATH=/usr/bin:/usr/sbin:/bin:/sbin
export HOME=/root
export TERM=dumb
umask 022

msg() {
	echo "init: $*"
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/shm /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug
[ -d /sys/kernel/tracing ] && mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
ip link set lo up
hostname lttng-guest

# The verdict port: /dev/vportNpM whose sysfs name is "verdict".
verdict_port=
for p in /sys/class/virtio-ports/*; do
	[ "$(cat "$p/name" 2>/dev/null)" = verdict ] && verdict_port=/dev/${p##*/}
done

rc=0
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out /out; then
	msg "cannot mount the 9p share 'out'"
	rc=121
fi
export OUT=/out/result
[ $rc -ne 0 ] || mkdir -p "$OUT" || rc=121

if [ $rc -eq 0 ]; then
	msg "running /test.sh ($(cut -d' ' -f1 /proc/uptime)s after boot)"
	sh /test.sh
	rc=$?
	msg "/test.sh exited with $rc ($(cut -d' ' -f1 /proc/uptime)s after boot)"
fi

# kmemleak: an object must be a few seconds old to be reported, hence two
# scans with a pause.  Any report is a failure, whatever the test said.
leaks=/sys/kernel/debug/kmemleak
if [ -e $leaks ]; then
	echo scan >$leaks
	sleep 6
	echo scan >$leaks
	# debugfs files have size 0 in stat: read the report itself.
	report=$(cat $leaks)
	if [ -n "$report" ]; then
		msg "kmemleak reports leaks:"
		echo "$report"
		[ -d "$OUT" ] && echo "$report" >"$OUT/kmemleak.txt"
		[ $rc -ne 0 ] || rc=120
	fi
fi

sync
if [ -n "$verdict_port" ]; then
	echo "$rc" >"$verdict_port"
	msg "verdict $rc written to $verdict_port"
else
	msg "no virtio-serial port named verdict"
fi
sync
# ACPI powers QEMU off; with -no-reboot, a reboot would end it too.
poweroff -f
reboot -f
