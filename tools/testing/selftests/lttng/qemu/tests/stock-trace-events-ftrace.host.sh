#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-ftrace.host.sh OUT: every event LTTng recorded has
# its ftrace twin, in the same order on its CPU, with every field equal
# (ftrace-compare.py); ftrace lost nothing, and neither did LTTng.
set -euo pipefail
out=$1
# shellcheck source=SCRIPTDIR/../oracle-check.sh
. "$(dirname "$0")/../oracle-check.sh"

# The events the workload fires for sure: each must have been compared.
require=$(echo "
	irq_handler_entry irq_handler_exit softirq_entry softirq_exit
	softirq_raise local_timer_entry local_timer_exit call_function_entry
	call_function_exit timer_init timer_start timer_expire_entry
	timer_expire_exit hrtimer_init hrtimer_start hrtimer_expire_entry
	hrtimer_expire_exit sched_prepare_exec ipi_send_cpu ipi_send_cpumask
	workqueue_queue_work workqueue_activate_work workqueue_execute_start
	workqueue_execute_end signal_generate signal_deliver task_newtask
	task_rename kmalloc kfree kmem_cache_alloc kmem_cache_free
	mm_page_alloc mm_page_free mm_page_free_batched rss_stat net_dev_queue
	net_dev_start_xmit net_dev_xmit netif_rx netif_receive_skb napi_poll
	consume_skb skb_copy_datagram_iovec inet_sock_set_state sk_data_ready
	sock_send_length sock_recv_length tcp_destroy_sock tcp_rcv_space_adjust
	tcp_probe rcu_utilization rcu_grace_period rcu_callback
	rcu_invoke_callback rcu_batch_start rcu_batch_end cpu_idle console
" | xargs | tr " " ,)
oracle_check "$out" stock-trace-events-ftrace "$require"
