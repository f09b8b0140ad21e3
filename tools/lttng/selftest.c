// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng-selftest: exact-value checks of the pure helpers in util.c.
 * Run by "make check"; exits non-zero on the first mismatch count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lttng.h>

#include "util.h"

static int failures;

static void check_size(const char *s, int ret, u64 val)
{
	u64 v = 0;
	int r = lttng_parse_size(s, &v);

	if (r != ret || (!r && v != val)) {
		fprintf(stderr, "FAIL: size '%s': got %d/%llu, want %d/%llu\n",
			s, r, v, ret, val);
		failures++;
	}
}

static void check_duration(const char *s, int ret, s64 val)
{
	s64 v = 0;
	int r = lttng_parse_duration(s, &v);

	if (r != ret || (!r && v != val)) {
		fprintf(stderr, "FAIL: duration '%s': got %d/%lld, want %d/%lld\n",
			s, r, v, ret, val);
		failures++;
	}
}

static void check_pow2(u64 v, bool want)
{
	if (lttng_is_power_of_2(v) != want) {
		fprintf(stderr, "FAIL: power of 2 %llu\n", v);
		failures++;
	}
}

/*
 * check_event - one -e item: @ret, and on success the EVENT argument:
 * @type, @name, @sym (the kprobe's, kretprobe's or function's symbol),
 * @off and the syscall @entryexit.
 */
static void check_event(const char *item, int ret, __u32 type,
			const char *name, const char *sym, u64 off,
			__u8 entryexit)
{
	struct lttng_abi_event ev;
	const char *why = NULL;
	const char *got_sym = "";
	int r;

	memset(&ev, 0xa5, sizeof(ev));
	/* As record.c splits a list: up to the first ','. */
	r = lttng_parse_event(item, strcspn(item, ","), &ev, &why);
	if (r != ret) {
		fprintf(stderr, "FAIL: event '%s': got %d (%s), want %d\n",
			item, r, why ? why : "", ret);
		failures++;
		return;
	}
	if (r) {
		if (!why) {
			fprintf(stderr, "FAIL: event '%s': no reason\n", item);
			failures++;
		}
		return;
	}
	if (type == LTTNG_ABI_KPROBE || type == LTTNG_ABI_KRETPROBE)
		got_sym = ev.u.kprobe.symbol_name;
	else if (type == LTTNG_ABI_FUNCTION)
		got_sym = ev.u.ftrace.symbol_name;
	if (ev.instrumentation != type || strcmp(ev.name, name) ||
	    strcmp(got_sym, sym) ||
	    ((type == LTTNG_ABI_KPROBE || type == LTTNG_ABI_KRETPROBE) &&
	     (ev.u.kprobe.offset != off || ev.u.kprobe.addr)) ||
	    (type == LTTNG_ABI_SYSCALL && ev.u.syscall.entryexit != entryexit) ||
	    ev.token) {
		fprintf(stderr, "FAIL: event '%s': got type %u name '%s' symbol '%s'\n",
			item, ev.instrumentation, ev.name, got_sym);
		failures++;
	}
}

static void check_events(void)
{
	char longname[LTTNG_ABI_SYM_NAME_LEN + 8];

	check_event("sched_switch", 0, LTTNG_ABI_TRACEPOINT, "sched_switch", "", 0, 0);
	check_event("sched_*", 0, LTTNG_ABI_TRACEPOINT, "sched_*", "", 0, 0);
	check_event("syscall:openat", 0, LTTNG_ABI_SYSCALL, "openat", "", 0,
		    LTTNG_ABI_SYSCALL_ENTRYEXIT);
	check_event("syscall-entry:*", 0, LTTNG_ABI_SYSCALL, "*", "", 0,
		    LTTNG_ABI_SYSCALL_ENTRY);
	check_event("syscall-exit:read", 0, LTTNG_ABI_SYSCALL, "read", "", 0,
		    LTTNG_ABI_SYSCALL_EXIT);
	check_event("kprobe:do_sys_openat2", 0, LTTNG_ABI_KPROBE,
		    "do_sys_openat2", "do_sys_openat2", 0, 0);
	check_event("kprobe:do_sys_openat2+0x10", 0, LTTNG_ABI_KPROBE,
		    "do_sys_openat2+0x10", "do_sys_openat2", 16, 0);
	check_event("kprobe:foo+8", 0, LTTNG_ABI_KPROBE, "foo+8", "foo", 8, 0);
	check_event("kprobe:foo+0", 0, LTTNG_ABI_KPROBE, "foo+0", "foo", 0, 0);
	check_event("function:call_rcu", 0, LTTNG_ABI_KRETPROBE, "call_rcu",
		    "call_rcu", 0, 0);
	check_event("function-entry:call_rcu", 0, LTTNG_ABI_FUNCTION,
		    "call_rcu", "call_rcu", 0, 0);
	check_event("function-entry:ext4_*", 0, LTTNG_ABI_FUNCTION, "ext4_*",
		    "ext4_*", 0, 0);
	/* Only the first ',' of a list ends an item. */
	check_event("kprobe:foo+4,bar", 0, LTTNG_ABI_KPROBE, "foo+4", "foo",
		    4, 0);
	check_event("", -1, 0, "", "", 0, 0);
	check_event("syscall:", -1, 0, "", "", 0, 0);
	check_event("kprobe:", -1, 0, "", "", 0, 0);
	check_event("function:", -1, 0, "", "", 0, 0);
	check_event("function-entry:", -1, 0, "", "", 0, 0);
	check_event("kprobe:+4", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo+", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo+0x", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo+-1", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo+1x", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo+18446744073709551616", -1, 0, "", "", 0, 0);
	check_event("kprobe:foo*", -1, 0, "", "", 0, 0);
	check_event("function:foo*", -1, 0, "", "", 0, 0);
	check_event("function:foo?", -1, 0, "", "", 0, 0);
	check_event("function:foo+4", -1, 0, "", "", 0, 0);
	check_event("function-entry:foo+4", -1, 0, "", "", 0, 0);
	memset(longname, 'a', sizeof(longname));
	memcpy(longname, "kprobe:", 7);
	longname[7 + LTTNG_ABI_SYM_NAME_LEN - 1] = '\0';
	check_event(longname, 0, LTTNG_ABI_KPROBE, longname + 7, longname + 7,
		    0, 0);
	longname[7 + LTTNG_ABI_SYM_NAME_LEN - 1] = 'a';
	longname[7 + LTTNG_ABI_SYM_NAME_LEN] = '\0';
	check_event(longname, -1, 0, "", "", 0, 0);
}

int main(void)
{
	check_size("0", 0, 0);
	check_size("4096", 0, 4096);
	check_size("256K", 0, 256 * 1024);
	check_size("256k", 0, 256 * 1024);
	check_size("1M", 0, 1024 * 1024);
	check_size("2m", 0, 2 * 1024 * 1024);
	check_size("1G", 0, 1024 * 1024 * 1024);
	check_size("18446744073709551615", 0, UINT64_MAX);
	check_size("18446744073709551616", -1, 0);
	check_size("17179869184G", -1, 0);
	check_size("17179869183G", 0, 17179869183ULL << 30);
	check_size("", -1, 0);
	check_size("K", -1, 0);
	check_size("-1", -1, 0);
	check_size("+1", -1, 0);
	check_size(" 1", -1, 0);
	check_size("1 ", -1, 0);
	check_size("1KB", -1, 0);
	check_size("1KiB", -1, 0);
	check_size("1T", -1, 0);
	check_size("0x10", -1, 0);
	check_size("1.5M", -1, 0);

	check_duration("0", 0, 0);
	check_duration("5", 0, 5000);
	check_duration("1.5", 0, 1500);
	check_duration("0.25", 0, 250);
	check_duration("0.001", 0, 1);
	check_duration("2.0", 0, 2000);
	check_duration("0.0001", -1, 0);
	check_duration("1.", -1, 0);
	check_duration(".5", -1, 0);
	check_duration("", -1, 0);
	check_duration("-1", -1, 0);
	check_duration("1s", -1, 0);
	check_duration("31622400", 0, 31622400000LL);
	check_duration("31622401", -1, 0);
	check_duration("99999999999999999999999", -1, 0);

	check_pow2(0, false);
	check_pow2(1, true);
	check_pow2(2, true);
	check_pow2(3, false);
	check_pow2(4096, true);
	check_pow2(4097, false);
	check_pow2(1ULL << 63, true);
	check_pow2(UINT64_MAX, false);

	check_events();

	if (failures) {
		fprintf(stderr, "lttng-selftest: %d failures\n", failures);
		return EXIT_FAILURE;
	}
	printf("lttng-selftest: all passed\n");
	return EXIT_SUCCESS;
}
