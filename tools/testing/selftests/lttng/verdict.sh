# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# verdict.sh - the result helpers that run-checks.sh and built-in-test.sh
# share.  Source it after defining pass NAME and fail NAME [WHY], and with
# ROOT set to the repo.

# show LOG [LINES]: the end of a log, indented, under a FAIL line.
show() {
	[[ -s $1 ]] || return 0
	tail -n "${2:-15}" "$1" | tr -d '\r' | sed 's/^/    | /'
	echo "    (${1#"$ROOT"/})"
}

# verdict NAME WHY LOG: a check's result: FAIL with WHY and the end of LOG
# if WHY is set, PASS otherwise.
verdict() {
	if [[ -n $2 ]]; then
		fail "$1" "$2"
		show "$3"
	else
		pass "$1"
	fi
}
