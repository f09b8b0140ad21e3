#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-kernel.sh [normal|debug] - build the test kernel, out of tree.
#
#   build/obj-VARIANT/arch/x86/boot/bzImage
#
# The config is x86_64 allnoconfig plus the fragments in
# tools/testing/selftests/lttng/qemu/config/ (as the WireGuard harness does):
#
#   normal = base + lttng
#   debug  = base + lttng + debug
#
# and build/obj-VARIANT/modroot/lib/modules/RELEASE/, the kernel's
# `make modules_install`: modules.builtin and the depmod index files that
# the stock lttng-sessiond reads through libkmod (see install_modules in
# lib.sh).
#
# Every option a fragment sets is checked after olddefconfig; one that did
# not land (a typo, an unmet dependency) fails the build with its name.
#
# The O= dir is never cleaned, and ccache lives outside the clone: builds stay
# warm.  The build is incremental: with nothing changed it only relinks
# nothing and returns.
#
# Environment:
#   LTTNG_CONFIG=n       build without CONFIG_LTTNG (when kernel/lttng does
#                        not compile yet); default y
#   LAX_LTTNG_CONFIG=1   a CONFIG_LTTNG_* option whose Kconfig symbol does
#                        not exist in the tree is a warning, not an error
#   KSRC=                another kernel source, see kernel-tree.sh

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

VARIANT=${1:-normal}
case $VARIANT in
normal) FRAGS=(base lttng) ;;
debug) FRAGS=(base lttng debug) ;;
# The normal kernel without CONFIG_LTTNG, for the boot benchmark.
nolttng) FRAGS=(base lttng) LTTNG_CONFIG=n ;;
*) die "usage: $SELF [normal|debug|nolttng]" ;;
esac
CONFDIR=$QEMU_DIR/config
OBJ=$BUILD/obj-$VARIANT

ensure_pkgs "${KBUILD_PKGS[@]}"
"$ROOT/scripts/kernel-tree.sh"
setup_ccache
lock "obj-$VARIANT"
mkdir -p "$OBJ"

# The fragment list, as files.  LTTNG_CONFIG=n swaps lttng.config for a
# generated fragment that turns the tracer off and keeps the rest of
# lttng.config (CONFIG_MODULES, LKDTM, ...): the kernel `make bench`
# compares with is the test kernel less the tracer, nothing else.
FRAG_FILES=()
for f in "${FRAGS[@]}"; do
	if [[ $f == lttng && ${LTTNG_CONFIG:-y} == n ]]; then
		info "LTTNG_CONFIG=n: building without CONFIG_LTTNG"
		{
			grep -vE '^(# )?CONFIG_[A-Z0-9_]*LTTNG' "$CONFDIR/lttng.config"
			echo "# CONFIG_LTTNG is not set"
		} >"$OBJ/lttng-off.config"
		FRAG_FILES+=("$OBJ/lttng-off.config")
		continue
	fi
	FRAG_FILES+=("$CONFDIR/$f.config")
done

# ---- configure ------------------------------------------------------------

start=$(now)
kmake "$VARIANT" -s allnoconfig
# merge_config.sh -m only merges; -O puts the result in the O= dir.
(cd "$KTREE" && scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" \
	"${FRAG_FILES[@]}" >"$OBJ/merge_config.log")
kmake "$VARIANT" -s olddefconfig

# symbol_defined SYM: does any Kconfig file of the tree define SYM?
symbol_defined() {
	grep -rqsE --include='Kconfig*' "^[[:space:]]*(menu)?config $1\$" "$KTREE/" \
		"$KTREE/kernel/lttng/"
}

# Check every option: the last fragment that mentions a symbol wins, as in
# merge_config.sh.
declare -A want=()
order=()
for f in "${FRAG_FILES[@]}"; do
	while IFS= read -r line; do
		if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
			sym=${BASH_REMATCH[1]}
			val=${BASH_REMATCH[2]}
		elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
			sym=${BASH_REMATCH[1]}
			val=n
		else
			continue
		fi
		[[ -v "want[$sym]" ]] || order+=("$sym")
		want[$sym]=$val
	done <"$f"
done

bad=()
for sym in "${order[@]}"; do
	val=${want[$sym]}
	if [[ $val == n ]]; then
		grep -q "^$sym=" "$OBJ/.config" || continue
		got=$(grep "^$sym=" "$OBJ/.config")
	else
		grep -qxF "$sym=$val" "$OBJ/.config" && continue
		got=$(grep "^$sym=" "$OBJ/.config" || echo "$sym unset")
	fi
	if [[ ${LAX_LTTNG_CONFIG:-} == 1 && $sym == CONFIG_LTTNG_* ]] &&
		! symbol_defined "${sym#CONFIG_}"; then
		info "warning: $sym=$val: no such Kconfig symbol yet (LAX_LTTNG_CONFIG=1)"
		continue
	fi
	bad+=("$sym: wanted $val, got ${got#"$sym="}")
done
if ((${#bad[@]})); then
	printf "$SELF: config option did not land: %s\n" "${bad[@]}" >&2
	die "fix the fragments in ${CONFDIR#"$ROOT"/} or their dependencies ($OBJ/.config)"
fi

# ---- build ----------------------------------------------------------------

kmake "$VARIANT" bzImage
# The loadable modules (the sample module of samples/lttng), which a
# change may rebuild without the image.
if grep -qx CONFIG_MODULES=y "$OBJ/.config"; then
	kmake "$VARIANT" modules
fi
modroot_fresh "$VARIANT" || install_modules "$VARIANT"
end=$(now)
info "$VARIANT kernel ready in $((end - start))s: ${OBJ#"$ROOT"/}/arch/x86/boot/bzImage"
