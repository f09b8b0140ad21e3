#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-fs.host.sh OUT: as stock-trace-events-ftrace.host.sh,
# for the block, ext4, jbd2, writeback and page cache events.
set -euo pipefail
out=$1
# shellcheck source=SCRIPTDIR/../oracle-check.sh
. "$(dirname "$0")/../oracle-check.sh"

# The events the workload fires for sure: each must have been compared.
require=$(echo "
	block_bio_queue block_getrq block_rq_issue block_rq_complete block_plug
	block_unplug block_io_start block_io_done block_dirty_buffer
	block_touch_buffer ext4_write_begin ext4_write_end ext4_free_inode
	ext4_request_inode ext4_allocate_inode ext4_evict_inode
	ext4_mark_inode_dirty ext4_writepages ext4_writepages_result
	ext4_sync_file_enter ext4_sync_file_exit ext4_unlink_enter
	ext4_unlink_exit ext4_truncate_enter ext4_truncate_exit
	ext4_ext_map_blocks_enter ext4_ext_map_blocks_exit ext4_request_blocks
	ext4_allocate_blocks ext4_free_blocks ext4_journal_start_sb
	ext4_journal_start_inode ext4_es_lookup_extent_enter
	ext4_es_insert_extent jbd2_start_commit jbd2_commit_locking
	jbd2_commit_flushing jbd2_commit_logging jbd2_end_commit
	jbd2_submit_inode_data jbd2_run_stats jbd2_handle_start
	jbd2_handle_stats writeback_dirty_folio writeback_mark_inode_dirty
	writeback_dirty_inode_start writeback_dirty_inode writeback_write_inode
	writeback_single_inode sb_mark_inode_writeback sb_clear_inode_writeback
	mm_filemap_add_to_page_cache mm_filemap_delete_from_page_cache
" | xargs | tr " " ,)
oracle_check "$out" stock-trace-events-fs "$require"
