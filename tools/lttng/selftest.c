// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng-selftest: exact-value checks of the pure helpers in util.c.
 * Run by "make check"; exits non-zero on the first mismatch count.
 */
#include <stdio.h>
#include <stdlib.h>

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

	if (failures) {
		fprintf(stderr, "lttng-selftest: %d failures\n", failures);
		return EXIT_FAILURE;
	}
	printf("lttng-selftest: all passed\n");
	return EXIT_SUCCESS;
}
