# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the scripts that source this
#
# lib.sh - helpers shared by the scripts in scripts/.  Source it, do not run
# it.  It sets the project paths:
#
#   ROOT   the repo (an overlay of a kernel tree)
#   BUILD  $ROOT/build: everything generated lives here and survives between
#          runs (kernel trees, O= build dirs, boot logs); ccache lives
#          outside the clone (setup_ccache)
#   KTREE  build/linux, the work tree with built-in.sh applied
#   KPRISTINE  build/linux-pristine, never modified

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build
KTREE=$BUILD/linux
KPRISTINE=$BUILD/linux-pristine
QEMU_DIR=$ROOT/tools/testing/selftests/lttng/qemu

# The name of the running script, for messages.
SELF=$(basename "$0")

die() {
	echo "$SELF: error: $*" >&2
	exit 1
}

info() {
	echo "$SELF: $*" >&2
}

# ensure_pkgs PKG...: install the Debian packages that are not installed yet.
# CI starts from a fresh machine, so every script asks for what it uses.
# `apt-get update` runs at most once per process tree (LTTNG_APT_UPDATED).
ensure_pkgs() {
	local p missing=() sudo=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	((${#missing[@]})) || return 0
	if ((EUID != 0)); then
		command -v sudo >/dev/null || die "need root to install: ${missing[*]}"
		sudo=(sudo)
	fi
	info "installing ${missing[*]}"
	# Another apt run (a second check, a person) may hold the dpkg lock:
	# wait for it instead of failing.
	if [[ -z ${LTTNG_APT_UPDATED:-} ]]; then
		"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
		export LTTNG_APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -y -qq \
		-o DPkg::Lock::Timeout=600 install --no-install-recommends \
		"${missing[@]}" >&2
}

# The packages a kernel build needs.
KBUILD_PKGS=(make gcc libc6-dev bc bison flex libelf-dev libssl-dev cpio kmod
	ccache perl python3 xz-utils)

# Debian's stock lttng-tools, carried into the guest by the tests that opt
# in with NAME.stock (see initramfs.sh).
STOCK_PKGS=(lttng-tools)

# ccache lives outside the clone, so that a fresh clone (CI's, a checkout
# under /tmp) starts warm.  LTTNG_CCACHE_DIR moves it.  The directory is keyed
# by the compiler and the kernel series: a new gcc or kernel starts a new one
# and never mixes with the old, and ccache's own hash (compiler, flags,
# preprocessed source) still decides every hit, so a cold or stale cache only
# costs time, never correctness.  Its size is bounded (max_size), and the keys
# other than the current one are removed, so the disk use stays bounded too.
CCACHE_ROOT=${LTTNG_CCACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/lttng-builtin}
setup_ccache() {
	local key
	key=ccache-gcc$(gcc -dumpfullversion)-linux6.12
	export CCACHE_DIR=$CCACHE_ROOT/$key
	# Paths under the repo hash as relative paths, so a moved checkout hits.
	export CCACHE_BASEDIR=$ROOT
	export CCACHE_NOHASHDIR=1
	mkdir -p "$CCACHE_DIR"
	[[ -f $CCACHE_DIR/ccache.conf ]] || echo "max_size = 6G" >"$CCACHE_DIR/ccache.conf"
	find "$CCACHE_ROOT" -mindepth 1 -maxdepth 1 -name 'ccache-*' ! -name "$key" \
		-exec rm -rf {} + 2>/dev/null || true
}

# Reproducible kernel build strings: init/version.c is the only user, and a
# constant value lets ccache hit it too.
export KBUILD_BUILD_USER=lttng KBUILD_BUILD_HOST=built-in

# kmake VARIANT ARGS...: make in the kernel tree, into build/obj-VARIANT.
kmake() {
	local variant=$1
	shift
	make -C "$KTREE" O="$BUILD/obj-$variant" CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$(nproc)" "$@"
}

# lock NAME: hold build/.NAME.lock until this script exits, first waiting
# for whoever holds it.  Several people and CI share build/: two unpacks of
# the kernel tree, or two makes in one O= dir, must not run at once.  The
# lock fd is inherited by the children, so it is held while they run.
lock() {
	local f=$BUILD/.$1.lock fd
	mkdir -p "$BUILD"
	exec {fd}>"$f"
	if ! flock -n "$fd"; then
		info "waiting for ${f#"$ROOT"/}: another build or check holds it"
		flock "$fd"
	fi
}

# now: seconds since the epoch, for timings.
now() {
	date +%s
}

# install_modules VARIANT: `make modules_install` of build/obj-VARIANT into
# build/obj-VARIANT/modroot, so that modroot/lib/modules/RELEASE/ holds
# modules.builtin and the depmod index files (modules.dep.bin,
# modules.alias.bin, modules.symbols.bin, modules.builtin.bin).  The stock
# lttng-sessiond reads them through libkmod: a module name listed in
# modules.builtin.bin counts as loaded.  The caller holds the obj-VARIANT
# lock.  Kbuild installs modules.builtin with or without CONFIG_MODULES.
install_modules() {
	local obj=$BUILD/obj-$1 rel dir
	rel=$(cat "$obj/include/config/kernel.release")
	rm -rf "$obj/modroot.tmp"
	if grep -qx CONFIG_MODULES=y "$obj/.config"; then
		kmake "$1" -s modules
	fi
	kmake "$1" -s INSTALL_MOD_PATH="$obj/modroot.tmp" modules_install
	dir=$obj/modroot.tmp/lib/modules/$rel
	# depmod.sh skips depmod, with a warning only, when it is missing.
	if [[ ! -f $dir/modules.builtin.bin ]]; then
		PATH=$PATH:/sbin:/usr/sbin depmod -b "$obj/modroot.tmp" "$rel"
	fi
	[[ -f $dir/modules.builtin.bin && -f $dir/modules.dep.bin ]] ||
		die "modules_install left no depmod index in ${dir#"$ROOT"/}"
	rm -rf "$obj/modroot"
	mv "$obj/modroot.tmp" "$obj/modroot"
	touch "$obj/modroot"
}

# modroot_fresh VARIANT: whether build/obj-VARIANT/modroot is newer than
# the kernel image it was installed from, and than every module.
modroot_fresh() {
	local obj=$BUILD/obj-$1
	[[ -d $obj/modroot && $obj/modroot -nt $obj/arch/x86/boot/bzImage ]] ||
		return 1
	# A module rebuilt since, with the kernel image unchanged.
	[[ -z $(find "$obj" -name '*.ko' -newer "$obj/modroot" -print -quit) ]]
}
