/*
 * Unit test: the line breaker against Unicode's LineBreakTest.txt (the
 * unicode-data package).  Each difference is counted under the rule the
 * test file names for that position; a rule may differ only as often as
 * the table below allows, each entry a deliberate tailoring (or a known
 * gap of libunistring's older Unicode version) with its reason.  Any
 * other difference fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>

#include "fixtures.h"
#include "../../model/buf.h"
#include "../../model/text.h"
#include "../../model/wrap.h"

#define TESTFILE	"/usr/share/unicode/auxiliary/LineBreakTest.txt"

struct tailoring {
	const char	*rule;	/* as LineBreakTest.txt names it */
	int		 max;	/* differences allowed */
	const char	*why;
};

static const struct tailoring tailorings[] = {
	/* ours: no line starts with % (clreq), small kana (jlreq strict),
	 * or a character of no width (a combining mark, ZWJ, the Hangul
	 * jungseong filler and jongseong, which wcwidth() counts as 0) --
	 * also after spaces; nor after leading spaces (never shown) */
	{ "18.0", 804, "kanbao: line-start rules after a space" },
	{ "999.0", 171, "kanbao: the same line-start rules elsewhere" },
	{ "8.0", 110, "kanbao: a combining mark never starts a line" },
	/* ours: a path after a space may start a line (/usr/share) */
	{ "13.02", 85, "kanbao: break before / after a space" },
	/* libunistring 1.0 (Unicode 14) against the Unicode 15 test: the
	 * object replacement character, IS x AL, CP SP* x NS, RI pairs */
	{ "20.02", 17, "libunistring: U+FFFC (CB)" },
	{ "20.01", 4, "libunistring: U+FFFC (CB)" },
	{ "29.0", 11, "libunistring: IS x AL" },
	{ "16.0", 2, "libunistring: CP SP* x NS" },
	{ "30.11", 1, "libunistring: RI CM RI" },
};

struct tally {
	char	rule[16];
	int	n;
};

static void
count(struct tally *t, size_t *nt, const char *rule)
{
	size_t	i;

	for (i = 0; i < *nt; i++)
		if (strcmp(t[i].rule, rule) == 0) {
			t[i].n++;
			return;
		}
	if (*nt < 256) {
		snprintf(t[*nt].rule, sizeof t[*nt].rule, "%s", rule);
		t[(*nt)++].n = 1;
	}
}

static void
linebreak_test(void **state)
{
	FILE		*f = fopen(TESTFILE, "r");
	char		*line = NULL, *p, *c, *end;
	size_t		 cap = 0, nt = 0, i, k, cases = 0;
	struct tally	 t[256];
	struct wrapper	 w;
	int		 bad = 0;

	(void)state;
	/* a dependency of make check (unicode-data), never a skip */
	if (f == NULL)
		fail_msg("%s: missing: make deps-test installs unicode-data",
		    TESTFILE);
	wrap_init(&w, 1);
	w.korean_word = false;	/* UAX #14 breaks Hangul syllables */
	while (getline(&line, &cap, f) != -1) {
		struct buf	 s = { 0 };
		bool		 want[64];
		size_t		 off[64], nc = 0;
		char		 rules[64][16];
		const char	*brk;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		/* the code points and, between them, × or ÷ */
		if ((c = strchr(line, '#')) == NULL)
			continue;
		*c++ = '\0';
		for (p = line; *p != '\0' && nc < 64; ) {
			if (strncmp(p, "\xc3\x97", 2) == 0 ||
			    strncmp(p, "\xc3\xb7", 2) == 0) {
				want[nc] = p[1] == '\xb7';
				p += 2;
				continue;
			}
			if (*p == ' ' || *p == '\t') {
				p++;
				continue;
			}
			{
				char		e[4];
				text_char	cp = (text_char)strtoul(p, &end, 16);

				if (end == p)
					break;
				off[nc++] = s.len;
				buf_add(&s, e, text_encode(cp, e));
				p = end;
			}
		}
		/* the comment names each position's rule: ÷ [18.0] */
		for (k = 0, p = c; k <= nc && (p = strchr(p, '[')) != NULL; k++) {
			size_t	l = strcspn(p + 1, "]");

			snprintf(rules[k], sizeof rules[k], "%.*s", (int)l, p + 1);
			p += l + 1;
		}
		if (k != nc + 1 || nc < 2) {
			buf_free(&s);
			continue;
		}
		brk = wrap_breaks(&w, s.p, s.len);
		cases++;
		for (i = 1; i < nc; i++) {
			/* libunistring marks a line break character itself */
			bool	got = brk[off[i]] == UC_BREAK_POSSIBLE ||
			    brk[off[i - 1]] == UC_BREAK_MANDATORY;

			if (got != want[i]) {
				count(t, &nt, rules[i]);
				if (getenv("LBDEBUG") != NULL)
					print_message("%s %s: %s\n", rules[i],
					    want[i] ? "want break" : "want none", c);
			}
		}
		buf_free(&s);
	}
	free(line);
	fclose(f);
	wrap_free(&w);
	assert_true(cases > 5000);
	for (i = 0; i < nt; i++) {
		for (k = 0; k < sizeof tailorings / sizeof *tailorings; k++)
			if (strcmp(tailorings[k].rule, t[i].rule) == 0)
				break;
		print_message("rule %s: %d differences%s\n", t[i].rule, t[i].n,
		    k < sizeof tailorings / sizeof *tailorings &&
		    t[i].n <= tailorings[k].max ? " (tailored)" : " NOT ALLOWED");
		if (k == sizeof tailorings / sizeof *tailorings ||
		    t[i].n > tailorings[k].max)
			bad++;
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(linebreak_test),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
