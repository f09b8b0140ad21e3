#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make-patch.sh - emit the overlay as a git-am-able series against the
# pristine tree, in build/patches/ (`make patch`).
#
# How: a git copy of build/linux-pristine gets `built-in.sh --copy`, and the
# result is committed in logical groups, one commit each, in the order a
# reviewer reads them (DESIGN.md section 3): uapi header, ring buffer, core,
# misc device, probes, syscalls, docs, tools.  An empty group is skipped.
# `git format-patch` writes the series; then a second, fresh git copy of the
# pristine tree must take it with `git am` and end with the very same tree
# (same git tree hash) as the overlay gives.
#
# Environment: PATCH_FROM="Name <mail>" sets the author (default: the repo's
# git identity).

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

ensure_pkgs git
"$ROOT/scripts/kernel-tree.sh"

WORK=$BUILD/patch-work
PATCHES=$BUILD/patches
lock patch
rm -rf "$WORK" "$PATCHES"
mkdir -p "$WORK" "$PATCHES"

if [[ -n ${PATCH_FROM:-} ]]; then
	NAME=${PATCH_FROM%% <*}
	MAIL=${PATCH_FROM##*<}
	MAIL=${MAIL%>}
else
	NAME=$(git -C "$ROOT" config user.name || echo "LTTng built-in")
	MAIL=$(git -C "$ROOT" config user.email || echo "lttng-builtin@invalid")
fi
export GIT_AUTHOR_NAME=$NAME GIT_AUTHOR_EMAIL=$MAIL
export GIT_COMMITTER_NAME=$NAME GIT_COMMITTER_EMAIL=$MAIL

# The tree's .gitignore files do not say what belongs in the series: Debian's
# linux-source ignores everything at the top level ("/*").  Every file is
# added by force, except build leftovers matching these patterns.
ARTIFACTS=$WORK/artifacts
cat >"$ARTIFACTS" <<'EOF'
*.o
*.a
*.ko
*.mod
*.mod.c
*.cmd
*.d
*.pyc
__pycache__/
*~
*.swp
*.orig
*.rej
EOF

# git_pristine DIR: DIR becomes a git repo holding the pristine tree, every
# file of it, in one commit.
git_pristine() {
	info "git copy of the pristine tree in ${1#"$ROOT"/}"
	# Hard links are safe: git only reads the work tree, and built-in.sh
	# replaces the files it edits instead of writing into them.
	cp -al "$KPRISTINE" "$1"
	git -C "$1" init -q
	git -C "$1" config core.autocrlf false
	# No background gc racing with the cleanup below.
	git -C "$1" config gc.auto 0
	git -C "$1" config maintenance.auto false
	git -C "$1" add -A -f
	git -C "$1" commit -q -m "Linux $(awk '/^(VERSION|PATCHLEVEL|SUBLEVEL) =/ { v = v sep $3; sep = "." } END { print v }' "$1/Makefile")"
}

# untracked PATHSPEC...: the new files under the pathspecs, NUL-separated,
# ignoring .gitignore but not ARTIFACTS.
untracked() {
	git -C "$SRC" ls-files -z --others --exclude-from="$ARTIFACTS" -- "$@"
}

SRC=$WORK/src
git_pristine "$SRC"
BASE=$(git -C "$SRC" rev-parse HEAD)
QUIET=1 "$ROOT/built-in.sh" --copy "$SRC"

# group SUBJECT BODY PATHSPEC...: commit what the pathspecs match, if any.
group() {
	local subject=$1 body=$2 p pos=() neg=()
	shift 2
	for p in "$@"; do
		if [[ $p == ':(exclude'* ]]; then neg+=("$p"); else pos+=("$p"); fi
	done
	# One pathspec at a time: git add refuses a whole command line when
	# one pathspec matches nothing, and a group may be partly written.
	for p in "${pos[@]}"; do
		git -C "$SRC" add -u -- "$p" "${neg[@]}" 2>/dev/null || true
		untracked "$p" "${neg[@]}" | xargs -0 -r git -C "$SRC" add -f --
	done
	if git -C "$SRC" diff --cached --quiet; then
		info "no changes for '$subject': skipped"
		return 0
	fi
	git -C "$SRC" commit -q -s -m "$subject" -m "$body"
}

X=':(exclude)'
group "lttng: uapi: add the /dev/lttng ABI header" \
	"include/uapi/linux/lttng.h is the single source of truth for user space:
the LTTng-modules 2.13 compatible ioctls that the stock lttng-tools use,
and our own extensions under their own heading." \
	include/uapi/linux/lttng.h

group "lttng: ring buffer: add the per-CPU lockless ring buffer library" \
	"The ring buffer is a library of its own, with no dependency on the
tracer core: per-CPU buffers of sub-buffers, a lockless reserve/commit
write path, discard and overwrite modes, and exact loss accounting." \
	kernel/lttng/ringbuffer ':(glob)include/linux/lttng/ringbuffer*'

group "tracing: let LTTng consume every TRACE_EVENT, as perf does" \
	"include/trace/define_trace.h reads each TRACE_EVENT header once per
consumer.  With CONFIG_LTTNG_TRACE_EVENTS it reads it once more through
include/trace/lttng.h, which gives each event class a probe that records
into LTTng's ring buffer, and trace_events.h stores it in the class as
.lttng_probe, the way perf stores .perf_probe.  It comes before the core,
which defines the option: until then it compiles to nothing." \
	include/trace/lttng.h include/trace/define_trace.h \
	include/trace/trace_events.h include/linux/trace_events.h

group "lttng: core: add sessions, channels, events and CTF metadata" \
	"The tracer core, built into vmlinux behind CONFIG_LTTNG (Kconfig under
Kernel hacking, next to the tracers).  With no session active every
traced path stays a patched-out static branch.  The first probe
provider, sched, comes with it: kernel/lttng/Makefile builds probes/,
so the core does not build without it." \
	kernel/lttng "${X}kernel/lttng/ringbuffer" \
	':(exclude,glob)kernel/lttng/**/*syscall*' \
	include/linux/lttng lib/Kconfig.debug kernel/Makefile

group "lttng: misc device: add /dev/lttng" \
	"The control interface: a factory of anon-inode file descriptors in
the style of /dev/kvm, binary compatible with the LTTng-modules ABI." \
	drivers/misc/lttng drivers/misc/Makefile

group "lttng: syscalls: trace system call entry and exit" \
	"Every syscall of the architecture's table, entry and exit, with its
arguments and return value; the tables are generated at build time by
scripts/lttng/gen-syscalls.pl from the syscall tables and the
SYSCALL_DEFINE prototypes of the tree." \
	':(glob)kernel/lttng/**/*syscall*' scripts/lttng

group "lttng: docs: document LTTng built-in" \
	"Overview, ABI, boot-time tracing grammar and instrumentation guide
under Documentation/trace/lttng/." \
	Documentation/trace/lttng Documentation/trace/index.rst \
	Documentation/admin-guide/kernel-parameters.txt

group "lttng: samples: add an instrumented module" \
	"samples/lttng builds lttng-sample.ko (CONFIG_SAMPLE_LTTNG=m): an
ordinary TRACE_EVENT, which LTTng records while the module is loaded,
and a hand-written event that the module registers itself." \
	samples/lttng samples/Kconfig samples/Makefile

group "lttng: tools: add the lttng tool and the selftests" \
	"tools/lttng is a small static control and consumer tool for firmware
images; tools/testing/selftests/lttng holds the kselftests and the QEMU
harness." \
	tools/lttng tools/testing/selftests/lttng

# Nothing of the overlay may be left out of the series.
left=$( (git -C "$SRC" diff --name-only HEAD && untracked . | tr '\0' '\n') | sort -u)
[[ -z $left ]] || die "not in any patch group:"$'\n'"$left"

# Bisect lint (a warning): every commit should build, so no commit may name
# a subdirectory in a Makefile, or a Kconfig file, that only a later commit
# adds.
declare -A warned=()
for c in $(git -C "$SRC" rev-list --reverse "$BASE"..HEAD); do
	while read -r f; do
		dir=$(dirname "$f")
		while read -r sub; do
			git -C "$SRC" cat-file -e "$c:$dir/$sub/Makefile" 2>/dev/null && continue
			[[ -z ${warned[$f:$sub]:-} ]] || continue
			warned[$f:$sub]=1
			info "warning: $(git -C "$SRC" log -1 --format=%s "$c"): $f names $sub/, added only later"
		done < <(git -C "$SRC" show "$c:$f" | sed -n 's|^obj-[^+]*+= *\([A-Za-z0-9_-]*\)/ *$|\1|p')
	done < <(git -C "$SRC" ls-tree -r --name-only "$c" -- kernel/lttng drivers/misc/lttng | grep '/Makefile$')
	while read -r k; do
		git -C "$SRC" cat-file -e "$c:$k" 2>/dev/null ||
			info "warning: $(git -C "$SRC" log -1 --format=%s "$c"): sources $k, added only later"
	done < <(git -C "$SRC" ls-tree -r --name-only "$c" -- kernel/lttng lib/Kconfig.debug |
		grep 'Kconfig' | while read -r kf; do
			git -C "$SRC" show "$c:$kf" | sed -n 's|^[[:space:]]*source "\(.*lttng.*\)"|\1|p'
		done)
done

n=$(git -C "$SRC" rev-list --count "$BASE"..HEAD)
((n > 0)) || die "the overlay is empty: no patches"
git -C "$SRC" format-patch -q -o "$PATCHES" "$BASE"..HEAD

# ---- verify on a fresh pristine copy ----------------------------------------

# A second work tree checked out at the pristine commit: a clone, so that
# 1.3 GB are not hashed again.
VERIFY=$WORK/verify
info "fresh checkout of the pristine commit in ${VERIFY#"$ROOT"/}"
git clone -q --shared --no-checkout "$SRC" "$VERIFY"
git -C "$VERIFY" config gc.auto 0
git -C "$VERIFY" config maintenance.auto false
git -C "$VERIFY" checkout -q -b verify "$BASE"
info "git am of $n patches on a fresh pristine copy"
git -C "$VERIFY" am -q "$PATCHES"/*.patch ||
	die "git am failed on the pristine tree (${VERIFY#"$ROOT"/})"
want=$(git -C "$SRC" rev-parse 'HEAD^{tree}')
got=$(git -C "$VERIFY" rev-parse 'HEAD^{tree}')
[[ $want == "$got" ]] || die "the applied series differs from the overlay (tree $got, not $want)"

rm -rf "$WORK"
info "$n patches in ${PATCHES#"$ROOT"/}, verified with git am:"
for p in "$PATCHES"/*.patch; do echo "  ${p##*/}"; done
