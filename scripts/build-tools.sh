#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-tools.sh - build the project's user space tool, tools/lttng, into
# build/tools/lttng (O=).  Nothing to do, and success, when tools/lttng has
# no Makefile yet.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if [[ ! -f $ROOT/tools/lttng/Makefile ]]; then
	info "tools/lttng/Makefile missing: no tool to build"
	exit 0
fi
ensure_pkgs make gcc libc6-dev
mkdir -p "$BUILD/tools/lttng"
make -C "$ROOT/tools/lttng" O="$BUILD/tools/lttng" -j"$(nproc)"
