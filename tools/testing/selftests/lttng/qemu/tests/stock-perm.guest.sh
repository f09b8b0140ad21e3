#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-perm and stock-perm-group (the same script; stock-perm-group boots
# with lttng.tracing_group=1000): who may open the tracer device.  The
# guest records, in $OUT/perm, one line per attempt, "WHO PATH RESULT",
# where RESULT is "ok MAJOR.MINOR.PATCH" or the errno name (lttng_check):
#
#   root         uid 0
#   tracer       uid 1000, gid 1000 (tracing), groups tracing
#   outsider     uid 1001, gid 1001, no supplementary group
#   tracer-gid   uid 1001, gid 1000 (tracing) as primary group only
#   tracer-supp  uid 1001, gid 1001, tracing as a supplementary group
#
# then whether the stock CLI, run as tracer and as outsider, can talk to
# root's session daemon (its client socket belongs to group tracing).
# The host scripts judge.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

cat /proc/cmdline >"$OUT/cmdline"
stat -L -c '%a %U %G' /dev/lttng >"$OUT/dev-mode"
: >"$OUT/perm"
for path in /dev/lttng /proc/lttng; do
	for who in root:: tracer:1000:1000:1000 outsider:1001:1001 \
		tracer-gid:1001:1000 tracer-supp:1001:1001:1000; do
		name=${who%%:*}
		ids=$(echo "${who#*:}" | tr ':' ' ')
		# shellcheck disable=SC2086 # the ids are separate arguments
		r=$(lttng_check open "$path" $ids) || true
		echo "$name $path $r" >>"$OUT/perm"
	done
done
cat "$OUT/perm"

stock_sessiond_start
for user in tracer outsider; do
	if su -s /bin/sh "$user" -c "HOME=/home/$user lttng -n list -k" \
		>"$OUT/cli-$user" 2>&1; then
		echo "$user ok" >>"$OUT/cli"
	else
		echo "$user failed" >>"$OUT/cli"
	fi
done
cat "$OUT/cli"
