# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# stock.sh - the guest helper of the tests that run Debian's stock
# lttng-tools (NAME.stock).  The initramfs has it at
# /usr/lib/lttng-test/stock.sh; a test sources it after `set -e`:
#
#	. /usr/lib/lttng-test/stock.sh
#	stock_sessiond_start
#	lttng_n create demo --output=/tmp/demo
#	...
#	stock_sessiond_stop
#
# Every lttng command goes through lttng_n, that is `lttng -n`: without -n
# the CLI spawns a session daemon of its own when it finds none, which would
# fail on the lock and confuse the test.  Each command and its output go to
# the command log.  When the test exits with a non-zero status, the logs
# (sessiond and consumerd at -vvv, the commands, the lttng lines of dmesg)
# are copied to $OUT/stock-logs/; STOCK_KEEP_LOGS=1 copies them always.
#
# The daemons' logs say "Kernel event type not supported" or "Unknown
# error" where the kernel returned an errno; they do not say which ioctl
# or which errno.  So, unless STOCK_IOCTL_TRACE=0, ftrace records every
# ioctl() entry (fd, cmd, arg) and exit (return value) while the test
# runs, and the logs get it as ioctls.txt: "cmd: 4134f671" then "-> 0x..da"
# is CONTEXT returning -38 (ENOSYS).

STOCK_LOGS=/tmp/stock-logs
STOCK_READY_TIMEOUT=${STOCK_READY_TIMEOUT:-120}
STOCK_PIDFILE=/var/run/lttng/lttng-sessiond.pid
STOCK_STARTS=0
mkdir -p "$STOCK_LOGS"

stock_msg() {
	echo "stock: $*"
}

# stock_fail MSG: fail the test (the EXIT trap collects the logs).
stock_fail() {
	echo "stock: FAIL: $*" >&2
	echo "$*" >>"$STOCK_LOGS/failure"
	exit 1
}

# stock_uptime: seconds since boot, with hundredths.
stock_uptime() {
	cut -d' ' -f1 /proc/uptime
}

# stock_since T0: seconds elapsed since uptime T0.
stock_since() {
	awk -v t0="$1" -v t1="$(stock_uptime)" 'BEGIN { printf "%.2f\n", t1 - t0 }'
}

STOCK_TRACEFS=/sys/kernel/tracing
stock_ioctl_trace() {
	[ "${STOCK_IOCTL_TRACE:-1}" = 1 ] || return 0
	[ -d $STOCK_TRACEFS/events/syscalls/sys_enter_ioctl ] || return 0
	echo 4096 >$STOCK_TRACEFS/buffer_size_kb
	echo "$1" >$STOCK_TRACEFS/events/syscalls/sys_enter_ioctl/enable
	echo "$1" >$STOCK_TRACEFS/events/syscalls/sys_exit_ioctl/enable
}

stock_collect() {
	d=$OUT/stock-logs
	mkdir -p "$d"
	cp -a "$STOCK_LOGS/." "$d/" 2>/dev/null || true
	if [ "${STOCK_IOCTL_TRACE:-1}" = 1 ] && [ -r $STOCK_TRACEFS/trace ]; then
		stock_ioctl_trace 0
		grep -v '^#' $STOCK_TRACEFS/trace >"$d/ioctls.txt" || true
	fi
	dmesg | grep -i lttng >"$d/dmesg-lttng" || true
	ps >"$d/ps" 2>&1 || true
	# The stream fds the consumer daemons still hold, and their poll state.
	for c in $(stock_consumerd_pids); do
		for fd in $(stock_stream_fds "$c"); do
			echo "consumerd $c fd $fd: $(lttng_check pollfd "$c" "$fd")"
		done
	done >"$d/streams" 2>&1
	ls -la /var/run/lttng /dev/lttng /proc/lttng >"$d/ls" 2>&1 || true
}

stock_exit() {
	rc=$?
	if [ "$rc" -ne 0 ] || [ -n "${STOCK_KEEP_LOGS:-}" ]; then
		stock_collect
		[ "$rc" -eq 0 ] || stock_msg "exit status $rc: logs in \$OUT/stock-logs"
	fi
	exit "$rc"
}
trap stock_exit EXIT
stock_ioctl_trace 1

# lttng_n ARGS...: `lttng -n ARGS`, logged; its status is the command's.
# Its output goes to stdout as well as to the command log.
lttng_n() {
	echo "\$ lttng -n $*" >>"$STOCK_LOGS/commands.log"
	lttng_n_rc=0
	lttng -n "$@" >"$STOCK_LOGS/last.out" 2>&1 || lttng_n_rc=$?
	cat "$STOCK_LOGS/last.out" >>"$STOCK_LOGS/commands.log"
	[ "$lttng_n_rc" -eq 0 ] || echo "(status $lttng_n_rc)" >>"$STOCK_LOGS/commands.log"
	cat "$STOCK_LOGS/last.out"
	return "$lttng_n_rc"
}

# lttng_ok ARGS...: lttng_n, and fail the test if it fails.
lttng_ok() {
	lttng_n "$@" || stock_fail "lttng -n $* failed with status $lttng_n_rc"
}

# stock_sessiond_pid: the pid of the running root session daemon.
stock_sessiond_pid() {
	cat "$STOCK_PIDFILE" 2>/dev/null
}

# stock_consumerd_pids: the pids of the running consumer daemons (not of
# their lttng-runas helpers, which run the same executable).
stock_consumerd_pids() {
	for p in /proc/[0-9]*; do
		case $(readlink "$p/exe" 2>/dev/null) in
		*/lttng-consumerd)
			[ "$(cat "$p/comm" 2>/dev/null)" = lttng-runas ] ||
				echo "${p#/proc/}"
			;;
		esac
	done
}

# stock_stream_fds PID: the tracer stream fds PID holds, one per line.
stock_stream_fds() {
	for f in /proc/"$1"/fd/*; do
		case $(readlink "$f" 2>/dev/null) in
		*lttng_stream*) echo "${f##*/}" ;;
		esac
	done
}

# stock_wait_streams_closed PID SECONDS: wait until consumerd PID holds
# no stream fd: consumerd closes a stream when the kernel reports hang-up
# (and wakes it), which the kernel does once the session is destroyed.
# Fail after SECONDS, listing the streams left and their poll state now.
stock_wait_streams_closed() {
	t0=$(stock_uptime)
	while [ -n "$(stock_stream_fds "$1")" ]; do
		if [ "$(stock_since "$t0" | cut -d. -f1)" -ge "$2" ]; then
			for fd in $(stock_stream_fds "$1"); do
				echo "fd $fd: $(lttng_check pollfd "$1" "$fd")"
			done >"$STOCK_LOGS/leftover-streams"
			cat "$STOCK_LOGS/leftover-streams"
			stock_fail "consumerd $1 still holds $(wc -l <"$STOCK_LOGS/leftover-streams") stream fds $2 s after destroy (poll state above)"
		fi
		usleep 100000
	done
}

# shellcheck disable=SC2120 # the arguments are optional
stock_sessiond_start() {
	t0=$(stock_uptime)
	log=$STOCK_LOGS/sessiond.$STOCK_STARTS.log
	STOCK_STARTS=$((STOCK_STARTS + 1))
	stock_msg "starting lttng-sessiond $* (log $log)"
	# -b returns once the daemon is set up; it keeps stdout and stderr,
	# which consumerd inherits.
	timeout "$STOCK_READY_TIMEOUT" lttng-sessiond -b -vvv --verbose-consumer "$@" \
		>>"$log" 2>&1 || stock_fail "lttng-sessiond -b failed ($?)"
	while ! lttng -n list -k >"$STOCK_LOGS/ready.out" 2>&1; do
		# A required module that libkmod cannot find fails every retry
		# the same way: say so at once.
		why=$(grep -o 'Unable to load required module [^ ]*' "$log" | head -n1)
		if [ -n "$why" ]; then
			cat "$STOCK_LOGS/ready.out" >&2
			b=/lib/modules/$(uname -r)/modules.builtin
			n=$(grep -c lttng "$b" 2>/dev/null || true)
			stock_fail "sessiond: $why, so no kernel tracer ($b names ${n:-0} lttng objects)"
		fi
		if [ "$(stock_since "$t0" | cut -d. -f1)" -ge "$STOCK_READY_TIMEOUT" ]; then
			cat "$STOCK_LOGS/ready.out" >&2
			stock_fail "lttng -n list -k still fails ${STOCK_READY_TIMEOUT}s after start"
		fi
		usleep 200000
	done
	secs=$(stock_since "$t0")
	echo "$secs" >>"$OUT/sessiond-ready"
	stock_msg "sessiond $(stock_sessiond_pid) ready in ${secs}s"
}

# stock_wait_gone PID SECONDS: wait for PID to exit; fail after SECONDS.
stock_wait_gone() {
	i=0
	while [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le $(($2 * 10)) ] || stock_fail "pid $1 still there after $2 s"
		usleep 100000
	done
}

# stock_sessiond_stop: SIGTERM the session daemon and wait until it and
# its consumer daemons have exited.
stock_sessiond_stop() {
	pid=$(stock_sessiond_pid)
	[ -n "$pid" ] || stock_fail "no sessiond pid in $STOCK_PIDFILE"
	consumers=$(stock_consumerd_pids)
	kill -TERM "$pid"
	stock_wait_gone "$pid" 20
	for c in $consumers; do
		stock_wait_gone "$c" 60
	done
	stock_msg "sessiond $pid and consumerd $consumers stopped"
}

# stock_workload PATH N: write a script PATH (its name, at most 15
# characters, is its comm) that records its pid in PATH.pid, waits for
# the file PATH.go if STOCK_WAIT_GO is set when it starts, sleeps N times
# 10 ms in a child usleep, and writes N to PATH.done.  The script itself is
# then switched out and woken at least N times, once per child.
stock_workload() {
	cat >"$1" <<EOS
#!/bin/sh
echo \$\$ >"$1.pid"
if [ -n "\${STOCK_WAIT_GO:-}" ]; then
	while [ ! -e "$1.go" ]; do
		usleep 10000
	done
fi
i=0
while [ \$i -lt $2 ]; do
	usleep 10000
	i=\$((i + 1))
done
echo \$i >"$1.done"
EOS
	chmod +x "$1"
}

# stock_wait_file FILE SECONDS: wait for FILE to exist; fail after SECONDS.
stock_wait_file() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1))
		[ $i -le $(($2 * 10)) ] || stock_fail "no $1 after $2 s"
		usleep 100000
	done
}
