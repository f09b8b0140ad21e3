# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# oracle-check.sh - the host half of oracle.sh, sourced by the host scripts
# of the tests that hold the automatic events against ftrace:
#
#	oracle_check OUT NAME E1,E2,...
#
# fails NAME if ftrace overwrote events, if babeltrace2 or ctfcheck.py
# cannot read LTTng's trace or it lost events, or if ftrace-compare.py
# finds an LTTng instance with no equal ftrace twin or a required event
# (E1,E2,...) with no instance.

oracle_check() {
	local out=$1 name=$2 require=$3 here
	here=$(dirname "${BASH_SOURCE[0]}")
	if grep -E '^overrun: [1-9]' "$out/ftrace-stats.txt"; then
		echo "$name: ftrace overwrote events" >&2
		return 1
	fi
	babeltrace2 "$out/trace" >/dev/null
	/usr/bin/python3 "$here/ctfcheck.py" "$out/trace" --no-discards
	/usr/bin/python3 "$here/ftrace-compare.py" "$out/trace" \
		"$out/ftrace-fields.txt" "$out/ftrace-print.txt" "$out/formats" \
		--stats "$out/ftrace-stats.txt" --require "$require"
}
