#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-fs: ftrace is the oracle of the automatic events of
# the block layer, ext4, jbd2, writeback and the page cache, on the ext4
# disk of stock-trace-events-fs.disk (/dev/vda, virtio-blk).  As
# stock-trace-events-ftrace does for the core systems: the same events in
# ftrace and in an LTTng session at once (oracle.sh), and the host
# (stock-trace-events-fs.host.sh) matches every LTTng event with its
# ftrace twin, field by field.  ext4 is mounted with nodelalloc, so that
# buffered writes take ext4_write_begin (the LTTng usage guide's event)
# rather than ext4_da_write_begin.
set -e
# ftrace's buffer holds this test's events only (stock.sh: no ioctl trace).
STOCK_IOCTL_TRACE=0
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh
# shellcheck source=SCRIPTDIR/../oracle.sh
. /usr/lib/lttng-test/oracle.sh

EVENTS="block:block_bio_queue block:block_getrq block:block_rq_insert
block:block_rq_issue block:block_rq_complete block:block_plug
block:block_unplug block:block_io_start block:block_io_done
block:block_dirty_buffer block:block_touch_buffer block:block_bio_backmerge
ext4:ext4_write_begin ext4:ext4_write_end ext4:ext4_free_inode
ext4:ext4_request_inode ext4:ext4_allocate_inode ext4:ext4_evict_inode
ext4:ext4_mark_inode_dirty ext4:ext4_writepages ext4:ext4_writepages_result
ext4:ext4_sync_file_enter ext4:ext4_sync_file_exit ext4:ext4_unlink_enter
ext4:ext4_unlink_exit ext4:ext4_truncate_enter ext4:ext4_truncate_exit
ext4:ext4_ext_map_blocks_enter ext4:ext4_ext_map_blocks_exit
ext4:ext4_request_blocks ext4:ext4_allocate_blocks ext4:ext4_free_blocks
ext4:ext4_mballoc_alloc ext4:ext4_journal_start_sb
ext4:ext4_journal_start_inode ext4:ext4_es_lookup_extent_enter
ext4:ext4_es_lookup_extent_exit ext4:ext4_es_insert_extent
ext4:ext4_read_block_bitmap_load
jbd2:jbd2_start_commit jbd2:jbd2_commit_locking jbd2:jbd2_commit_flushing
jbd2:jbd2_commit_logging jbd2:jbd2_end_commit jbd2:jbd2_submit_inode_data
jbd2:jbd2_run_stats jbd2:jbd2_handle_start jbd2:jbd2_handle_stats
jbd2:jbd2_write_superblock
writeback:writeback_dirty_folio writeback:writeback_mark_inode_dirty
writeback:writeback_dirty_inode_start writeback:writeback_dirty_inode
writeback:writeback_write_inode_start writeback:writeback_write_inode
writeback:writeback_single_inode_start writeback:writeback_single_inode
writeback:writeback_queue writeback:writeback_exec writeback:writeback_start
writeback:writeback_written writeback:global_dirty_state
writeback:sb_mark_inode_writeback writeback:sb_clear_inode_writeback
writeback:writeback_queue_io
filemap:mm_filemap_add_to_page_cache filemap:mm_filemap_delete_from_page_cache"

mkdir -p /mnt
mount -t ext4 -o nodelalloc /dev/vda /mnt
oracle_start "$EVENTS"
# The workload: files written (buffered, then each one synced), read back
# from the disk, truncated and removed; sync after each step.
i=0
while [ $i -lt 6 ]; do
	dd if=/dev/zero of=/mnt/f$i bs=4096 count=$((i + 2)) conv=fsync 2>/dev/null
	i=$((i + 1))
done
sync
echo 3 >/proc/sys/vm/drop_caches
cat /mnt/f* >/dev/null
: >/mnt/f0
rm /mnt/f1 /mnt/f2 /mnt/f3
sync
oracle_stop
umount /mnt
