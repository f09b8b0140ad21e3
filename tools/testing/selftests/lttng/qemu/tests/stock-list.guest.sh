#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-list: the stock `lttng list -k` and `lttng list -k --syscall`, in
# text and in MI XML, and the project's tool's `lttng list`, for
# stock-list.host.sh to compare with each other and with the kernel image.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

uname -r >"$OUT/release"
stock_sessiond_start
lttng_ok list -k >"$OUT/list-k.txt"
lttng_ok --mi xml list -k >"$OUT/list-k.xml"
lttng_ok list -k --syscall >"$OUT/list-syscall.txt"
lttng_ok --mi xml list -k --syscall >"$OUT/list-syscall.xml"
lttng-builtin list >"$OUT/builtin-list.txt"
