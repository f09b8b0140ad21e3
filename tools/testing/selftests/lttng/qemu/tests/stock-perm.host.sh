#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-perm.host.sh OUT, and stock-perm-group.host.sh OUT (a link to it):
# who could open the tracer device (see stock-perm.guest.sh).
#
#   - root opens /dev/lttng and /proc/lttng, and reads version 2.13.9;
#   - outsider, in no tracing group, never opens either: EPERM, the
#     tracer's answer (the node is mode 0666 so that every open reaches
#     it; EACCES would be the VFS's, from a stricter mode);
#   - without lttng.tracing_group= (stock-perm), no other user opens it
#     either, tracing group or not;
#   - with lttng.tracing_group=1000 (stock-perm-group), a member of gid
#     1000 opens both and reads 2.13.9, whether 1000 is its primary group
#     or a supplementary one;
#   - the stock CLI run as tracer (group tracing) reaches root's sessiond
#     and lists the kernel events; run as outsider it fails.
set -euo pipefail
out=$1

fail() {
	echo "$name: $*" >&2
	exit 1
}

name=$(basename "$0" .host.sh)
case $name in
stock-perm) group= ;;
stock-perm-group) group=1000 ;;
*) fail "unknown test" ;;
esac
if [[ -n $group ]]; then
	grep -qw "lttng.tracing_group=$group" "$out/cmdline" || fail "not booted with lttng.tracing_group=$group"
elif grep -q 'lttng.tracing_group=' "$out/cmdline"; then
	fail "booted with lttng.tracing_group="
fi

# result WHO PATH: what WHO got opening PATH.
result() {
	awk -v w="$1" -v p="$2" '$1 == w && $2 == p { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' "$out/perm"
}

for path in /dev/lttng /proc/lttng; do
	[[ $(result root $path) == "ok 2.13.9" ]] || fail "root: $path: $(result root $path)"
	for who in tracer outsider tracer-gid tracer-supp; do
		r=$(result $who $path)
		if [[ -n $group && $who == tracer* ]]; then
			[[ $r == "ok 2.13.9" ]] ||
				fail "$who (in gid $group): $path: '$r', expected to open it"
		else
			[[ $r == EPERM ]] || fail "$who: $path: '$r', expected EPERM"
		fi
	done
done

[[ $(cat "$out/dev-mode") == "666 root root" ]] ||
	fail "/dev/lttng is $(cat "$out/dev-mode"), expected 666 root root"
grep -qx 'tracer ok' "$out/cli" || fail "the stock CLI as tracer: $(cat "$out/cli-tracer")"
grep -q 'sched_switch' "$out/cli-tracer" || fail "the stock CLI as tracer listed no kernel event"
grep -qx 'outsider failed' "$out/cli" || fail "the stock CLI as outsider reached root's sessiond"
echo "$name: /dev/lttng $(cat "$out/dev-mode"); $(tr '\n' ';' <"$out/perm")"
