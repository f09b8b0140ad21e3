#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-module.host.sh OUT: as stock-trace-events-ftrace.host.sh,
# for the module events and the two sample modules' events.
set -euo pipefail
out=$1
# shellcheck source=SCRIPTDIR/../oracle-check.sh
. "$(dirname "$0")/../oracle-check.sh"

# The events the workload fires for sure: each must have been compared,
# and lttng-sample's sample_event exactly 20 times.
require=module_load,module_request,sample_event,foo_bar,foo_rel_loc
babeltrace2 "$out/trace" >"$out/bt.txt"
n=$(grep -c ' sample_event: ' "$out/bt.txt" || true)
[[ $n == 20 ]] || { echo "stock-trace-events-module: $n sample_event, not 20" >&2; exit 1; }
n=$(grep -c ' module_load: ' "$out/bt.txt" || true)
[[ $n == 2 ]] || { echo "stock-trace-events-module: $n module_load, not 2" >&2; exit 1; }
oracle_check "$out" stock-trace-events-module "$require"
