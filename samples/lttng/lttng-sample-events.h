/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sample module's hand-written LTTng event, for the fields an LTTng
 * analysis wants that the tracepoint's arguments do not carry as such:
 * here an enumeration of the step's parity and a value in base 16.  No
 * include guard: <linux/lttng/define-probe.h> reads it once per pass.
 */

LTTNG_TRACEPOINT_ENUM(sample_parity,
	TP_ENUM_VALUES(
		ctf_enum_value("even", 0)
		ctf_enum_value("odd", 1)
	)
)

LTTNG_TRACEPOINT_EVENT(sample_custom,
	TP_PROTO(int n, const char *text),
	TP_ARGS(n, text),
	TP_FIELDS(
		ctf_integer(int, n, n)
		ctf_string(text, text)
		ctf_enum(sample_parity, u8, parity, n & 1)
		ctf_integer_hex(u32, cookie, 0x5a000000 | n)
	)
)
