// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttngctl_fentry - enable a kernel FUNCTION_ENTRY event through
 * liblttng-ctl, for the dynamic probe tests.
 *
 *	lttngctl_fentry SESSION CHANNEL NAME SYMBOL
 *
 * lttng-tools 2.13 sends it to the kernel as the ABI's FUNCTION type, but
 * its CLI has no option for it, and its `lttng load` refuses every
 * FUNCTION_ENTRY event (it copies the symbol with a length limit equal to
 * the symbol's length), so the library is the only way in.
 */
#include <stdio.h>
#include <string.h>

#include <lttng/lttng.h>

int main(int argc, char **argv)
{
	struct lttng_domain domain;
	struct lttng_handle *handle;
	struct lttng_event *ev;
	int ret;

	if (argc != 5) {
		fprintf(stderr, "usage: lttngctl_fentry SESSION CHANNEL NAME SYMBOL\n");
		return 2;
	}
	memset(&domain, 0, sizeof(domain));
	domain.type = LTTNG_DOMAIN_KERNEL;
	handle = lttng_create_handle(argv[1], &domain);
	ev = lttng_event_create();
	if (!handle || !ev) {
		fprintf(stderr, "lttngctl_fentry: out of memory\n");
		return 1;
	}
	ev->type = LTTNG_EVENT_FUNCTION_ENTRY;
	snprintf(ev->name, sizeof(ev->name), "%s", argv[3]);
	snprintf(ev->attr.ftrace.symbol_name, sizeof(ev->attr.ftrace.symbol_name),
		 "%s", argv[4]);
	ret = lttng_enable_event(handle, ev, argv[2]);
	if (ret < 0) {
		fprintf(stderr, "lttngctl_fentry: %s\n", lttng_strerror(ret));
		return 1;
	}
	lttng_event_destroy(ev);
	lttng_destroy_handle(handle);
	return 0;
}
