#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-peer.sh - `make check-peer`: lttng-tools 2.13.9's own kernel
# regression tests, run against this tracer.
#
# It takes lttng-tools 2.13.9's source from Debian with `apt-get source`
# (a deb-src list of its own: the system's apt configuration is not
# touched), builds it once with its test programs, and keeps the build
# outside the clone (under the ccache root, see lib.sh), so that a fresh
# clone reuses it.  Nothing of lttng-tools is in this repository.
#
# The daemons and the CLI are Debian's, unmodified: in the build tree,
# src/bin/{lttng,lttng-sessiond,lttng-consumerd,lttng-relayd} are replaced
# by wrappers that run /usr/bin's, the daemons with -vvv and their logs
# kept.  The test programs (gen-kernel-test-events, select_poll_epoll, the
# notification clients, ...) are the tree's.
#
# Each script of tools/testing/selftests/lttng/peer/scripts runs in a boot
# of its own (a hung daemon or a stuck script cannot spoil the next one),
# as root of the host's own system, shared read-only over 9p under a tmpfs
# overlay (peer/peer.guest.sh): the guest finds bash, python3, babeltrace
# and the build tree where the host has them.
#
# For each script it prints the assertions ok, not ok, skipped and never
# reached, and its verdict against peer/expected-failures:
#
#   PASS   every assertion ok (or skipped)
#   XFAIL  every failure is listed as expected
#   FAIL   a failure that is not listed
#   XPASS  a listed failure did not happen: the list must be mended
#
# It ends with "N passed, N failed" over scripts (XFAIL counts as passed)
# and exits non-zero on any FAIL or XPASS.  Results, with each script's TAP
# output, the daemons' logs and the console, are in build/check-peer/.
#
# Environment:
#   PEER_TESTS    scripts to run (default: all of peer/scripts); a word
#                 matches a script whose path contains it
#   SKIP_BUILD=1  use the kernel as it is built
#   PEER_MEM      guest memory (default 2G)
#   PEER_REVERDICT=1  boot nothing: give the verdicts of the results
#                 already in build/check-peer/ against the current
#                 expected-failures (to mend the list after a run)
#   PEER_CACHE    where the lttng-tools source and build are kept
#                 (default ~/.cache/lttng-builtin/peer, beside ccache)
#   PEER_TIMEOUT_MAX  cap on every script's timeout, in seconds: a quick
#                 survey (a script killed at the cap reports "(timeout)")

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

PEER=$ROOT/tools/testing/selftests/lttng/peer
PEER_VERSION=2.13.9
# Bump when the build recipe below changes: the cached tree is rebuilt.
RECIPE=1
CACHE=${PEER_CACHE:-$CCACHE_ROOT/peer}
TREE=$CACHE/lttng-tools-$PEER_VERSION
RESULTS=$BUILD/check-peer

PEER_PKGS=(lttng-tools babeltrace python3-babeltrace babeltrace2 python3-bt2
	gcc g++ make pkg-config bison flex bzip2 liblttng-ust-dev liburcu-dev
	libpopt-dev libkmod-dev libxml2-dev systemtap-sdt-dev
	debian-archive-keyring procps psmisc util-linux kmod python3
	qemu-system-x86 busybox-static bc)

# The Debian mirror the system already uses, for the deb-src list.
mirror() {
	local uri
	uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources \
		2>/dev/null | tr ' ' '\n' | grep -v security | head -n1 || true)
	if [[ -z $uri && -f /etc/apt/sources.list ]]; then
		uri=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' \
			/etc/apt/sources.list)
	fi
	echo "${uri:-http://deb.debian.org/debian}"
}

# fetch: lttng-tools' Debian source package into $CACHE/src.
fetch() {
	local apt=$CACHE/apt codename
	local -a opts
	codename=$(sed -n "s/^VERSION_CODENAME=//p" /etc/os-release)
	codename=${codename:-bookworm}
	mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$CACHE/src"
	cat >"$apt/parts/lttng-peer.sources" <<-EOF
		Types: deb-src
		URIs: $(mirror)
		Suites: $codename $codename-updates
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	opts=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$apt/parts"
		-o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache"
		-o DPkg::Lock::Timeout=600)
	info "fetching lttng-tools' source (apt-get source)"
	apt-get "${opts[@]}" update -qq >&2
	(cd "$CACHE/src" && apt-get "${opts[@]}" source --download-only -qq lttng-tools >&2)
	[[ -f $CACHE/src/ltt-control_$PEER_VERSION.orig.tar.bz2 ]] ||
		die "apt-get source gave no ltt-control_$PEER_VERSION.orig.tar.bz2 in ${CACHE}/src"
}

# build: the tree and its test programs (make check with no TESTS builds
# them without running anything).
build() {
	local log=$CACHE/build.log
	[[ -f $CACHE/src/ltt-control_$PEER_VERSION.orig.tar.bz2 ]] || fetch
	info "building lttng-tools $PEER_VERSION and its test programs (log: $log)"
	rm -rf "$TREE" "$TREE.stamp"
	tar -C "$CACHE" -xjf "$CACHE/src/ltt-control_$PEER_VERSION.orig.tar.bz2"
	(
		cd "$TREE"
		./configure --disable-man-pages --disable-python-bindings
		make -j"$(nproc)"
		make -j"$(nproc)" -C tests check TESTS=
	) >"$log" 2>&1 || die "the lttng-tools build failed: see $log"
	echo "$RECIPE" >"$TREE.stamp"
}

# wrapper TARGET [ARGS...]: the text of a src/bin wrapper that runs TARGET.
# A script that throws the daemon's stderr away (utils.sh's default) or
# leaves it its own (the TAP file, $PEER_TAP) gets it with ARGS (-vvv), its
# stderr kept in $PEER_LOGS; a script that sends the stderr somewhere else
# gets the daemon exactly as it asked, its messages where it reads them
# (test_relayd_working_directory greps relayd's error).
wrapper() {
	local target=$1
	shift
	cat <<-EOF
		#!/bin/sh
		# check-peer.sh: Debian's ${target##*/}, its log kept in \$PEER_LOGS.
		err=\$(readlink /proc/self/fd/2)
		if [ -n "\${PEER_LOGS:-}" ] &&
		   { [ "\$err" = /dev/null ] || [ "\$err" = "\${PEER_TAP:-}" ]; }; then
		    exec $target $* "\$@" 2>>"\$PEER_LOGS/${target##*/}.log"
		fi
		exec $target "\$@"
	EOF
}

# wrap CHECK|WRITE: check, or write, the tree's src/bin/NAME/NAME entries,
# which are Debian's binaries, the daemons behind a wrapper that keeps
# their logs.
wrap() {
	local mode=$1 name target w
	local -A want=(
		[lttng]="/usr/bin/lttng"
		[lttng-sessiond]="/usr/bin/lttng-sessiond -vvv --verbose-consumer"
		[lttng-relayd]="/usr/bin/lttng-relayd -vvv"
		[lttng-consumerd]="/usr/lib/$(gcc -dumpmachine)/lttng/libexec/lttng-consumerd"
	)
	for name in "${!want[@]}"; do
		w=$TREE/src/bin/$name/$name
		target=${want[$name]%% *}
		if [[ $mode == CHECK ]]; then
			if [[ $target == "${want[$name]}" ]]; then
				[[ $(readlink "$w") == "$target" ]] || return 1
			else
				# shellcheck disable=SC2086 # the binary and its options
				cmp -s "$w" <(wrapper ${want[$name]}) || return 1
			fi
			continue
		fi
		[[ -x $target ]] || die "$target missing (package lttng-tools)"
		rm -f "$w.tmp"
		if [[ $target == "${want[$name]}" ]]; then
			# No options: the binary itself (the CLI's stderr is the
			# tests' to read).
			ln -s "$target" "$w.tmp"
		else
			# shellcheck disable=SC2086
			wrapper ${want[$name]} >"$w.tmp"
			chmod +x "$w.tmp"
		fi
		mv -fT "$w.tmp" "$w"
	done
}

# results SCRIPT: "ok notok skip unreached" from its TAP output.
tap_counts() {
	awk '
	/^ok / { if (tolower($0) ~ /# skip/) skip++; else ok++ }
	/^not ok / { if (tolower($0) ~ /# todo/) ok++; else notok++ }
	/^1\.\.[0-9]+/ { split($1, p, /\.\./); plan += p[2] }
	END {
		run = ok + notok + skip
		printf "%d %d %d %d\n", ok, notok, skip, (plan > run ? plan - run : 0)
	}' "$1"
}

# failures DIR: one line per failure of a run: the description of each
# "not ok", "(not reached)" when the plan was not completed, "(timeout)"
# when the script was killed, "(no verdict)" when the guest died.
failures() {
	local d=$1 rc
	if [[ ! -f $d/status ]]; then
		echo "(no verdict)"
		return
	fi
	read -r rc _ <"$d/status"
	sed -n 's/^not ok [0-9]* *-* *//p' "$d/tap.txt" | grep -iv '# todo' || true
	if [[ $(tap_counts "$d/tap.txt" | cut -d' ' -f4) != 0 ]] ||
		! grep -q '^1\.\.[0-9]' "$d/tap.txt"; then
		echo "(not reached)"
	fi
	((rc != 124 && rc != 137)) || echo "(timeout)"
}

# expected SCRIPT: the patterns of peer/expected-failures for SCRIPT.
expected() {
	awk -F'\t+' -v s="$1" '!/^#/ && NF >= 3 && $1 == s { print $2 }' \
		"$PEER/expected-failures"
}

# verdict SCRIPT DIR: PASS, XFAIL, FAIL or XPASS, with the reasons in
# DIR/verdict.txt.
verdict() {
	local s=$1 d=$2 f p hit unexpected=0 stale=0 any=0
	local -a pats
	mapfile -t pats < <(expected "$s")
	: >"$d/verdict.txt"
	declare -A used=()
	while IFS= read -r f; do
		any=1
		hit=
		for p in "${pats[@]}"; do
			# shellcheck disable=SC2053 # the pattern is a glob
			if [[ $f == $p ]]; then
				hit=1
				used[$p]=1
			fi
		done
		if [[ -z $hit ]]; then
			echo "unexpected failure: $f" >>"$d/verdict.txt"
			unexpected=1
		fi
	done < <(failures "$d")
	for p in "${pats[@]}"; do
		if [[ -z ${used[$p]:-} ]]; then
			echo "expected failure did not happen: $p" >>"$d/verdict.txt"
			stale=1
		fi
	done
	if ((unexpected)); then
		echo FAIL
	elif ((stale)); then
		echo XPASS
	elif ((any)); then
		echo XFAIL
	else
		echo PASS
	fi
}

selected() {
	local s=$1 w
	[[ -n ${PEER_TESTS:-} ]] || return 0
	for w in $PEER_TESTS; do
		[[ $s == *"$w"* ]] && return 0
	done
	return 1
}

run_one() {
	local s=$1 t=$2 d gen rc
	d=$RESULTS/${s//\//_}
	rm -rf "$d"
	mkdir -p "$d"
	gen=$TMP/${s##*/}.guest.sh
	{
		echo "PEER_SCRIPT='$s'"
		echo "PEER_TIMEOUT=$t"
		echo "PEER_TREE='$TREE'"
		echo "PEER_MODDIR='$MODDIR'"
		cat "$PEER/peer.guest.sh"
	} >"$gen"
	rc=0
	SCRIPT=$gen OUT=$d LOG=$d/console.log HOSTROOT=1 VARIANT=normal \
		MEM=${PEER_MEM:-2G} TIMEOUT=$((t + 120)) QUIET=1 \
		EXTRA="$PEER/peer-run.sh" "$ROOT/scripts/boot.sh" 2>"$d/boot.err" || rc=$?
	((rc == 0)) || echo "boot verdict $rc: $(tail -n1 "$d/boot.err")" >>"$d/boot.err"
	[[ -f $d/tap.txt ]] || : >"$d/tap.txt"
}

if [[ -n ${PEER_REVERDICT:-} ]]; then
	ensure_pkgs() { :; }
	run_one() { :; }
fi
ensure_pkgs "${PEER_PKGS[@]}"
for p in "$ROOT" "$CACHE"; do
	[[ $p != *"'"* ]] || die "$p: a path with a quote is not supported"
done

# The tree is shared by every checkout: a run holds it shared, a build or
# a change of the wrappers exclusive (and then goes on shared).
mkdir -p "$CACHE"
exec {lockfd}>"$CACHE/.lock"
flock -s "$lockfd"
if [[ -n ${PEER_REVERDICT:-} ]]; then
	:
elif [[ ! -f $TREE.stamp || $(cat "$TREE.stamp") != "$RECIPE" ]] || ! wrap CHECK; then
	flock "$lockfd"
	if [[ ! -f $TREE.stamp || $(cat "$TREE.stamp") != "$RECIPE" ]]; then
		build
	fi
	wrap WRITE
	flock -s "$lockfd"
fi

if [[ -z ${SKIP_BUILD:-} && -z ${PEER_REVERDICT:-} ]]; then
	"$ROOT/scripts/build-kernel.sh" normal
fi
if [[ -z ${PEER_REVERDICT:-} ]]; then
	(lock obj-normal && { modroot_fresh normal || install_modules normal; })
	MODDIR=$(echo "$BUILD"/obj-normal/modroot/lib/modules/*)
	[[ -f $MODDIR/modules.builtin.bin ]] || die "no modules.builtin.bin in $MODDIR"
	grep -q 'lttng-test' "$MODDIR/modules.builtin" ||
		info "warning: no lttng-test in modules.builtin (CONFIG_LTTNG_TEST_EVENTS)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/check-peer.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$RESULTS"
: >"$RESULTS/summary.txt"

start=$(now)
passed=0
failed=0
totals=(0 0 0 0)
printf '%-70s %5s %6s %5s %5s %5s  %s\n' script ok notok skip unrch secs verdict |
	tee -a "$RESULTS/summary.txt"
while read -r s t; do
	[[ -n $s && $s != \#* ]] || continue
	selected "$s" || continue
	[[ -z ${PEER_REVERDICT:-} || -f $RESULTS/${s//\//_}/tap.txt ]] || continue
	if [[ -n ${PEER_TIMEOUT_MAX:-} ]] && ((t > PEER_TIMEOUT_MAX)); then
		t=$PEER_TIMEOUT_MAX
	fi
	run_one "$s" "$t"
	d=$RESULTS/${s//\//_}
	read -r -a c < <(tap_counts "$d/tap.txt")
	secs=-
	[[ ! -f $d/status ]] || read -r _ secs <"$d/status"
	v=$(verdict "$s" "$d")
	for i in 0 1 2 3; do
		totals[i]=$((totals[i] + c[i]))
	done
	case $v in
	PASS | XFAIL) passed=$((passed + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
	printf '%-70s %5d %6d %5d %5d %5s  %s\n' "$s" "${c[@]}" "$secs" "$v" |
		tee -a "$RESULTS/summary.txt"
	sed 's/^/    /' "$d/verdict.txt" | grep -v '^    $' >&2 || true
done < <(grep -v '^#' "$PEER/scripts")
printf '%-70s %5d %6d %5d %5d\n' total "${totals[@]}" | tee -a "$RESULTS/summary.txt"
echo "check-peer: $passed passed, $failed failed in $(($(now) - start)) s" |
	tee -a "$RESULTS/summary.txt"
((failed == 0))
