#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-ext4: the LTTng usage guide's ext4 scenario, with the stock tools,
# on the ext4 disk of stock-ext4.disk (/dev/vda).  Two sessions record the
# same workload at once, one with the events spelled as the guide spells
# them (ext4_write_begin,ext4_free_inode), the other as SYSTEM:EVENT
# (ext4:ext4_write_begin,...); each also has the write system call and
# the pid and procname contexts.  ftrace records the same events in the
# same boot.  The workload writes FILES files of PAGES pages each with
# dd bs=4096 (one write() and one ext4_write_begin per page: ext4 is
# mounted with nodelalloc, so buffered writes take ext4_write_begin, not
# ext4_da_write_begin), then removes RM of them with one rm and syncs:
# their inodes are freed as rm drops the last link (ext4_evict_inode,
# then ext4_free_inode).  The host (stock-ext4.host.sh) checks the counts,
# the fields and the contexts against what the workload did and against
# ftrace.
set -e
# ftrace's buffer holds this test's events only (stock.sh: no ioctl trace).
STOCK_IOCTL_TRACE=0
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

FILES=5
PAGES=8
RM=3
T=/sys/kernel/tracing

mkdir -p /mnt
mount -t ext4 -o nodelalloc /dev/vda /mnt
stock_sessiond_start

echo 0 >"$T/tracing_on"
echo mono >"$T/trace_clock"
echo 4096 >"$T/buffer_size_kb"
echo >"$T/trace"
for e in ext4/ext4_write_begin ext4/ext4_free_inode syscalls/sys_enter_write; do
	echo 1 >"$T/events/$e/enable"
done

lttng_ok create guide --output=/tmp/guide
lttng_ok enable-event --kernel --syscall write
lttng_ok enable-event --kernel --tracepoint ext4_write_begin,ext4_free_inode
lttng_ok add-context --kernel -t pid -t procname
lttng_ok create spelled --output=/tmp/spelled
lttng_ok enable-event --kernel --syscall write
lttng_ok enable-event --kernel --tracepoint ext4:ext4_write_begin,ext4:ext4_free_inode
lttng_ok add-context --kernel -t pid -t procname
lttng_ok list guide >"$OUT/list-guide"
lttng_ok list spelled >"$OUT/list-spelled"

echo 1 >"$T/tracing_on"
lttng_ok start guide
lttng_ok start spelled
i=0
while [ $i -lt $FILES ]; do
	dd if=/dev/zero of=/mnt/file$i bs=4096 count=$PAGES 2>/dev/null &
	echo "$! file$i" >>"$OUT/dd-pids"
	wait $!
	i=$((i + 1))
done
# The inode numbers, then the removal.
ls -i /mnt >"$OUT/inodes"
files=
i=0
while [ $i -lt $RM ]; do
	files="$files /mnt/file$i"
	i=$((i + 1))
done
# shellcheck disable=SC2086 # a list of paths
rm $files &
echo $! >"$OUT/rm-pid"
wait $!
sync
lttng_ok stop guide
lttng_ok stop spelled
echo 0 >"$T/tracing_on"
lttng_ok destroy guide
lttng_ok destroy spelled
stock_sessiond_stop
umount /mnt

echo "$FILES $PAGES $RM" >"$OUT/workload"
cat "$T/trace" >"$OUT/ftrace.txt"
cat "$T"/per_cpu/cpu*/stats >"$OUT/ftrace-stats.txt"
cp -a /tmp/guide "$OUT/guide"
cp -a /tmp/spelled "$OUT/spelled"
