/* Unit tests: sanitising and cell widths. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "fixtures.h"
#include "../../model/buf.h"
#include "../../model/text.h"

static char *
san(const char *in, size_t n)
{
	size_t	len;
	char	*s = text_sanitise(in, n, &len);

	assert_non_null(s);
	assert_int_equal(strlen(s), len);
	return s;
}

#define SAN_EQ(in, want) do {					\
	char *s_ = san(in, sizeof(in) - 1);			\
	assert_string_equal(s_, want);				\
	free(s_);						\
} while (0)

static void
sanitise_drops_escape_sequences(void **state)
{
	(void)state;
	SAN_EQ("a\033[31mred\033[0mb", "aredb");
	SAN_EQ("x\033]0;title\007y", "xy");
	SAN_EQ("x\033]52;c;aGk=\033\\y", "xy");
	SAN_EQ("x\033P1$r\033\\y", "xy");
	SAN_EQ("x\033cy", "xy");
	SAN_EQ("x\xc2\x9b" "31my", "xy");		/* 8-bit CSI */
	SAN_EQ("x\xc2\x9d" "0;t\xc2\x9cy", "xy");	/* 8-bit OSC .. ST */
	/* an unterminated OSC cannot swallow the next line */
	SAN_EQ("a\033]0;never ends\n正文", "a\n正文");
}

static void
sanitise_controls_and_lines(void **state)
{
	(void)state;
	SAN_EQ("\xef\xbb\xbf" "bom", "bom");
	SAN_EQ("a\r\nb\rc", "a\nb\nc");
	SAN_EQ("a\0b\x01\x7f" "c", "abc");
	SAN_EQ("a\tb", "a       b");
	SAN_EQ("中\t文", "中      文");
	SAN_EQ("a\xe2\x80\xa8" "b", "a\nb");
	/* bidi overrides, isolates and marks cannot reorder the screen */
	SAN_EQ("正\xe2\x80\xae" "文abc\xe2\x80\xac", "正文abc");
	SAN_EQ("a\xe2\x81\xa6" "b\xe2\x81\xa9" "c\xe2\x80\x8f" "d", "abcd");
	SAN_EQ("x\xef\xbb\xbf" "y", "xy");
}

static void
sanitise_invalid_utf8_becomes_replacement(void **state)
{
	(void)state;
	SAN_EQ("a\xff" "b", "a\xef\xbf\xbd" "b");
	SAN_EQ("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");		/* overlong */
	SAN_EQ("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");	/* surrogate */
	SAN_EQ("\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd");		/* truncated */
}

static void
sanitise_output_is_clean_for_all_bytes(void **state)
{
	unsigned char	in[512];
	size_t		i, len;
	char		*s;

	(void)state;
	srand(7);
	for (int round = 0; round < 500; round++) {
		for (i = 0; i < sizeof in; i++)
			in[i] = (unsigned char)(rand() % 4 == 0 ? 0x1b : rand());
		s = text_sanitise((char *)in, sizeof in, &len);
		assert_non_null(s);
		for (i = 0; i < len; i++) {
			unsigned char	c = (unsigned char)s[i];

			assert_false(c < 0x20 && c != '\n');
			assert_false(c == 0x7f);
			if (c == 0xc2 && i + 1 < len)
				assert_false((unsigned char)s[i + 1] >= 0x80 &&
				    (unsigned char)s[i + 1] <= 0x9f);
		}
		free(s);
	}
}

static void
widths(void **state)
{
	(void)state;
	assert_int_equal(text_char_width('a', 1), 1);
	assert_int_equal(text_char_width(0x4e2d, 1), 2);	/* 中 */
	assert_int_equal(text_char_width(0x3042, 1), 2);	/* あ */
	assert_int_equal(text_char_width(0xac00, 1), 2);	/* 가 */
	assert_int_equal(text_char_width(0xff0c, 1), 2);	/* ， */
	assert_int_equal(text_char_width(0x0301, 1), 0);	/* combining acute */
	assert_int_equal(text_char_width(0x200d, 1), 0);	/* ZWJ */
	assert_int_equal(text_char_width(0x1f600, 1), 2);	/* emoji */
	/* East Asian ambiguous: 1 by default, 2 with the setting */
	assert_int_equal(text_char_width(0x201c, 1), 1);
	assert_int_equal(text_char_width(0x201c, 2), 2);
	assert_int_equal(text_char_width(0x2026, 1), 1);
	assert_int_equal(text_char_width(0x2026, 2), 2);
	assert_int_equal(text_width("中a文", strlen("中a文"), 1), 5);
}

static void
classes(void **state)
{
	(void)state;
	assert_true(text_no_line_start(0xff0c));
	assert_true(text_no_line_start(0x3002));
	assert_true(text_no_line_start(0x300d));
	assert_true(text_no_line_start(0x201d));
	assert_false(text_no_line_start(0x4e2d));
	assert_true(text_no_line_end(0x201c));
	assert_true(text_no_line_end(0x300a));
	assert_true(text_no_line_end(0xff08));
	assert_true(text_is_han(0x9752));
	assert_int_equal(text_han_count("青河a日报", strlen("青河a日报")), 4);
}

/*
 * The width function agrees with the C library's wcwidth() -- what
 * ncurses and the terminal place characters by -- on every code point
 * wcwidth() knows.
 */
static void
widths_agree_with_wcwidth(void **state)
{
	text_char	c;
	int		w;
	unsigned long	n = 0, bad = 0;

	(void)state;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		skip();
	for (c = 0x20; c <= 0x10ffff; c++) {
		if ((c >= 0xd800 && c <= 0xdfff) || (w = wcwidth((wchar_t)c)) < 0)
			continue;
		n++;
		if (text_char_width(c, 1) != w && bad++ < 10)
			print_message("U+%04X: %d cells, wcwidth %d\n", (unsigned)c,
			    text_char_width(c, 1), w);
	}
	setlocale(LC_CTYPE, "C");
	assert_true(n > 200000);
	assert_int_equal(bad, 0);
}

/* ambiguous-width = 2 widens East Asian Ambiguous characters, no others */
static void
ambiguous_width_two(void **state)
{
	(void)state;
	assert_int_equal(text_char_width(0x201c, 2), 2);	/* “ */
	assert_int_equal(text_char_width(0x2026, 2), 2);	/* … */
	assert_int_equal(text_char_width(0x00b7, 2), 2);	/* · */
	assert_int_equal(text_char_width(0x201c, 1), 1);
	assert_int_equal(text_char_width(0x1ec5, 2), 1);	/* ễ */
	assert_int_equal(text_char_width(0x0627, 2), 1);	/* ا */
	assert_int_equal(text_char_width(0x2713, 2), 1);	/* ✓ */
	assert_int_equal(text_char_width(0x4e00, 2), 2);
	assert_int_equal(text_char_width('a', 2), 1);
	/* the tone marks wcwidth counts as 0, the hexagrams as 2 */
	assert_int_equal(text_char_width(0x302a, 1), 0);
	assert_int_equal(text_char_width(0x4dc0, 1), 2);
	assert_int_equal(text_char_width(0x3248, 1), 2);
}

/* a laid-out line as shown: soft hyphens hidden, '-' at a break */
static void
soft_hyphens_shown_at_breaks(void **state)
{
	struct buf	b = { 0 };

	(void)state;
	text_line_out(&b, "inter\xc2\xadnational news\xc2\xad",
	    strlen("inter\xc2\xadnational news\xc2\xad"));
	assert_string_equal(b.p, "international news-");
	buf_free(&b);
}

/*
 * Output cleaning as its rule says, a character at a time: the reference
 * the run-copying text_clean_out() must give byte for byte.
 */
static void
clean_ref(struct buf *b, const char *s, size_t n, bool tsv)
{
	size_t		i = 0, len;
	text_char	c;

	while (i < n) {
		len = text_decode(s + i, n - i, &c);
		if (tsv && (c == '\t' || c == '\n' || c == '\r'))
			buf_addc(b, ' ');
		else if (c == 0xad)
			;
		else if (text_is_unsafe(c, len))
			buf_addc(b, '?');
		else
			buf_add(b, s + i, len);
		i += len;
	}
}

static void
clean_out_as_its_rule_says(void **state)
{
	/* pieces a line of output may hold: text and everything unsafe */
	static const char *const piece[] = {
		"a", "报", "\xe9\xbe\xa5", "\xe4\xb8\x80", "\t", "\n", "\r",
		"\x1b[31m", "\x7f", "\xc2\x9b", "\xc2\xad", "\xe2\x80\xae",
		"\xef\xbb\xbf", "\xff", "\xe5\x80", "\xe9", "\xef\xbf\xbd",
		"\xf0\x9f\x93\xb0", "\xe3\x80\x82", "\x01", " ",
	};
	char		in[256];
	struct buf	a, b;
	size_t		n;
	int		round, tsv;

	(void)state;
	srand(7);
	for (round = 0; round < 20000; round++) {
		n = fixture_pieces(in, piece, sizeof piece / sizeof *piece, 12);
		for (tsv = 0; tsv < 2; tsv++) {
			memset(&a, 0, sizeof a);
			memset(&b, 0, sizeof b);
			clean_ref(&a, in, n, tsv);
			text_clean_out(&b, in, n, tsv);
			assert_int_equal(a.len, b.len);
			if (a.len > 0)
				assert_memory_equal(a.p, b.p, a.len);
			buf_free(&a);
			buf_free(&b);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sanitise_drops_escape_sequences),
		cmocka_unit_test(sanitise_controls_and_lines),
		cmocka_unit_test(sanitise_invalid_utf8_becomes_replacement),
		cmocka_unit_test(sanitise_output_is_clean_for_all_bytes),
		cmocka_unit_test(widths),
		cmocka_unit_test(widths_agree_with_wcwidth),
		cmocka_unit_test(ambiguous_width_two),
		cmocka_unit_test(soft_hyphens_shown_at_breaks),
		cmocka_unit_test(classes),
		cmocka_unit_test(clean_out_as_its_rule_says),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
