#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-ftrace: ftrace is the oracle of the automatic events,
# the core systems (stock-trace-events-fs has the block and file system
# ones).  The events below are enabled in ftrace and in an LTTng session
# (stock lttng-tools) at once (oracle.sh), a workload fires them, and the
# host (stock-trace-events-ftrace.host.sh) matches every LTTng event with
# its ftrace twin, field by field.  The dynamic kinds: __string (irq,
# workqueue, net), __dynamic_array (printk:console), __cpumask
# (ipi_send_cpumask); the test kernel's only __bitmask event, ipi_raise,
# is never fired on x86.  Module events need a loadable module, which the
# test kernel does not build.
set -e
# ftrace's buffer holds this test's events only (stock.sh: no ioctl trace).
STOCK_IOCTL_TRACE=0
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh
# shellcheck source=SCRIPTDIR/../oracle.sh
. /usr/lib/lttng-test/oracle.sh

EVENTS="irq:irq_handler_entry irq:irq_handler_exit irq:softirq_entry
irq:softirq_exit irq:softirq_raise
irq_vectors:local_timer_entry irq_vectors:local_timer_exit
irq_vectors:reschedule_entry irq_vectors:reschedule_exit
irq_vectors:call_function_entry irq_vectors:call_function_exit
irq_vectors:call_function_single_entry irq_vectors:call_function_single_exit
timer:timer_init timer:timer_start timer:timer_cancel
timer:timer_expire_entry timer:timer_expire_exit timer:hrtimer_init
timer:hrtimer_start timer:hrtimer_cancel timer:hrtimer_expire_entry
timer:hrtimer_expire_exit
sched:sched_prepare_exec sched:sched_wake_idle_without_ipi
ipi:ipi_send_cpu ipi:ipi_send_cpumask
workqueue:workqueue_queue_work workqueue:workqueue_activate_work
workqueue:workqueue_execute_start workqueue:workqueue_execute_end
signal:signal_generate signal:signal_deliver
task:task_newtask task:task_rename
kmem:kmalloc kmem:kfree kmem:kmem_cache_alloc kmem:kmem_cache_free
kmem:mm_page_alloc kmem:mm_page_free kmem:mm_page_free_batched
kmem:mm_page_alloc_zone_locked kmem:mm_page_pcpu_drain kmem:rss_stat
net:net_dev_queue net:net_dev_start_xmit net:net_dev_xmit net:netif_rx
net:netif_receive_skb napi:napi_poll
skb:kfree_skb skb:consume_skb skb:skb_copy_datagram_iovec
sock:inet_sock_set_state sock:sk_data_ready sock:sock_send_length
sock:sock_recv_length tcp:tcp_destroy_sock tcp:tcp_rcv_space_adjust
tcp:tcp_probe
rcu:rcu_utilization rcu:rcu_grace_period rcu:rcu_future_grace_period
rcu:rcu_grace_period_init rcu:rcu_quiescent_state_report
rcu:rcu_callback rcu:rcu_invoke_callback rcu:rcu_batch_start
rcu:rcu_batch_end
power:cpu_idle
printk:console"

ifconfig lo 127.0.0.1 up
head -c 65536 /dev/urandom >/tmp/tx
# The event toggled below goes to an ftrace instance of its own: the main
# buffer holds the compared events only (its bytes per event are counted).
TOGGLE=$ORACLE_T/instances/toggle/events/sched/sched_process_free/enable
mkdir "$ORACLE_T/instances/toggle"
oracle_start "$EVENTS"
# The workload: execs, sleeps, interrupts, work items, code patching (an
# event enabled and disabled: its static key's IPIs to every CPU),
# signals, console lines, and TCP over the loopback.
i=0
while [ $i -lt 4 ]; do
	/bin/true
	sh -c 'sleep 0.05'
	cat /proc/interrupts /proc/stat >/dev/null
	echo 1 >"$TOGGLE"
	echo 0 >"$TOGGLE"
	sleep 5 &
	kill -USR1 $!
	wait $! || true
	echo "stock-trace-events-ftrace: round $i" >/dev/kmsg
	nc -l -p 5000 -e dd of=/tmp/rx 2>/dev/null &
	sleep 0.1
	nc 127.0.0.1 5000 </tmp/tx
	wait $!
	cmp /tmp/tx /tmp/rx
	i=$((i + 1))
done
oracle_stop
