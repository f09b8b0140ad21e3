#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# boot-smoke.host.sh HOST_OUT_DIR: check what boot-smoke.guest.sh wrote.
set -euo pipefail
out=$1

fail() {
	echo "boot-smoke: $*" >&2
	exit 1
}

[[ -s $out/uname ]] || fail "no uname -r output"
grep -q '^6\.12\.' "$out/uname" || fail "unexpected kernel release: $(cat "$out/uname")"
[[ $(cat "$out/ncpus") == 2 ]] || fail "guest saw $(cat "$out/ncpus") CPUs, not 2"
grep -q 'uid=1000(tracer) gid=1000(tracing)' "$out/id-tracer" ||
	fail "user tracer is not uid 1000 in group tracing: $(cat "$out/id-tracer")"
echo "boot-smoke: kernel $(cat "$out/uname"), 2 CPUs, user tracer ok"
