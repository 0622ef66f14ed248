/* Unit tests: line breaking and the Chinese rules, over many widths. */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "../../model/buf.h"
#include "../../model/file.h"
#include "../../model/text.h"
#include "../../model/wrap.h"

static text_char
first(const char *s, size_t n)
{
	text_char	c = 0;

	if (n > 0)
		text_decode(s, n, &c);
	return c;
}

static text_char
last(const char *s, size_t n)
{
	text_char	c = 0;
	size_t		i = n;

	while (i > 0) {
		do
			i--;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
		text_decode(s + i, n - i, &c);
		return c;
	}
	return c;
}

/* The text without ASCII spaces, for comparing what the lines hold. */
static char *
squeeze(const char *s, size_t n)
{
	char	*o = malloc(n + 1), *p = o;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ')
			*p++ = s[i];
	*p = '\0';
	return o;
}

static void
check_paragraph(struct wrapper *w, const char *s, int width, int indent)
{
	long		 k, i;
	char		*want, *got, *p;
	size_t		 n = strlen(s), total = 0;

	k = wrap_paragraph(w, s, n, width, indent);
	assert_true(k >= 0);
	want = squeeze(s, n);
	got = calloc(1, n + 1);
	p = got;
	for (i = 0; i < k; i++) {
		const struct wrap_line	*l = &w->lines[i];
		const char		*t = s + l->off;

		/* never wider than the width (one wide character may stand
		 * alone on a 1-cell line) */
		assert_true(l->cells + l->indent <= width ||
		    (l->cells == 2 && width < 2));
		assert_int_equal((int)text_width(t, l->len, 1), l->cells);
		/* the rules hold wherever the width allows them */
		if (width >= 8 && l->len > 0) {
			if (i > 0 && text_no_line_start(first(t, l->len)))
				fail_msg("width %d line %ld starts with closing "
				    "punctuation: %.*s", width, i, (int)l->len, t);
			if (i + 1 < k && text_no_line_end(last(t, l->len)))
				fail_msg("width %d line %ld ends with opening "
				    "punctuation: %.*s", width, i, (int)l->len, t);
		}
		memcpy(p, t, l->len);
		p += l->len;
		total += l->len;
	}
	*p = '\0';
	/* nothing lost, nothing reordered */
	{
		char	*g = squeeze(got, strlen(got));

		assert_string_equal(g, want);
		free(g);
	}
	free(got);
	free(want);
	(void)total;
}

static void
no_line_too_wide_no_rule_broken_no_text_lost(void **state)
{
	struct wrapper	w;
	size_t		f;
	int		width;

	(void)state;
	wrap_init(&w, 1);
	for (f = 0; f < NFIXTURES; f++)
		for (width = 1; width <= 120; width++) {
			check_paragraph(&w, fixture_paras[f], width, 0);
			check_paragraph(&w, fixture_paras[f], width, 4);
		}
	wrap_free(&w);
}

/*
 * The Chinese rules (GB/T 15834, W3C clreq) written out here, apart from
 * text_no_line_start() and text_no_line_end(): a change to those sets
 * that lets one of these start or end a line is caught, not agreed with.
 */
static const char *const never_first[] = {
	"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』",
	"”", "’", "】", "〕", "〉", "…", ",", ".", ";", ":", "?", "!", ")",
};
static const char *const never_last[] = {
	"（", "《", "「", "『", "“", "‘", "【", "〔", "〈", "(",
};

static bool
is_one_of(const char *s, size_t n, const char *const *set, size_t nset,
    bool at_end)
{
	size_t	i, k;

	for (i = 0; i < nset; i++) {
		k = strlen(set[i]);
		if (k <= n && memcmp(at_end ? s + n - k : s, set[i], k) == 0)
			return true;
	}
	return false;
}

/*
 * Converters leave spaces before punctuation, and after a space a line
 * may break (UAX #14): there only the Chinese rules keep the marks off a
 * line's start.  Our own sentences, a space before every mark.
 */
static const char *const spaced[] = {
	"往年最怕的是机子等人 、人等机子 ，今年手机上一约 ，第二天机手就到了 。",
	"河边新修了步道 、凉亭 、驿站 ；傍晚散步的人多了 ：老人 、孩子都有 ！",
	"他问 ：“ 这条路通到哪里 ？” 她答 ：“ 通到 《青河晚报》 的老楼 。”",
	"展览分三部分 （ 历史 、现状 、未来 ）， 每部分都配有图片 …… 欢迎参观 。",
};

/*
 * Every paragraph (a line of the file) of the samples at widths 6-60,
 * and the spaced sentences at 8-60.
 */
/*
 * Wraps s[0..n-1] at width and fails at a line that starts or ends with
 * a mark the rules keep off there (what names the paragraph in a message);
 * returns how many lines were looked at.
 */
static size_t
check_kinsoku(struct wrapper *w, const char *s, size_t n, int width,
    const char *what)
{
	long	k, i;

	k = wrap_paragraph(w, s, n, width, 0);
	assert_true(k >= 0);
	for (i = 0; i < k; i++) {
		const struct wrap_line	*l = &w->lines[i];
		const char		*t = s + l->off;

		if (i > 0 && is_one_of(t, l->len, never_first,
		    sizeof never_first / sizeof never_first[0], false))
			fail_msg("%s width %d: a line starts %.*s", what, width,
			    (int)l->len, t);
		if (i + 1 < k && is_one_of(t, l->len, never_last,
		    sizeof never_last / sizeof never_last[0], true))
			fail_msg("%s width %d: a line ends %.*s", what, width,
			    (int)l->len, t);
	}
	return (size_t)k;
}

static void
kinsoku_oracle_on_the_samples(void **state)
{
	static const char *const files[] = {
		"../../assets/qinghe-2025-06-10.txt",
		"../../assets/qinghe-2025-06-11.txt",
		"../../assets/qinghe-2025-06-12.txt",
	};
	struct wrapper	 w;
	const char	*err, *s, *e;
	char		*text;
	size_t		 f, n, checked = 0;
	int		 width;

	(void)state;
	wrap_init(&w, 1);
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		assert_non_null(text = file_read(files[f], &n, &err));
		for (s = text; s < text + n; s = e + 1) {
			if ((e = memchr(s, '\n', (size_t)(text + n - s))) == NULL)
				e = text + n;
			for (width = 6; width <= 60; width++)
				checked += check_kinsoku(&w, s, (size_t)(e - s),
				    width, files[f]);
		}
		free(text);
	}
	/* (at 6 cells "来 ），" cannot stand on one line: 8 and up) */
	for (f = 0; f < sizeof spaced / sizeof spaced[0]; f++)
		for (width = 8; width <= 60; width++)
			check_kinsoku(&w, spaced[f], strlen(spaced[f]), width,
			    "spaced");
	wrap_free(&w);
	assert_true(checked > 10000);
}

static void
ambiguous_two_cells(void **state)
{
	struct wrapper	w;
	size_t		f;
	int		width;
	long		k, i;

	(void)state;
	wrap_init(&w, 2);
	for (f = 0; f < NFIXTURES; f++)
		for (width = 2; width <= 60; width++) {
			k = wrap_paragraph(&w, fixture_paras[f],
			    strlen(fixture_paras[f]), width, 0);
			for (i = 0; i < k; i++)
				assert_true(w.lines[i].cells <= width);
		}
	wrap_free(&w);
}

static void
closing_punctuation_pulls_previous_character_down(void **state)
{
	struct wrapper	 w;
	const char	*s = "一二三四五，六七";	/* 10 cells then ， */
	long		 k;

	(void)state;
	wrap_init(&w, 1);
	k = wrap_paragraph(&w, s, strlen(s), 10, 0);
	assert_int_equal(k, 2);
	/* "五，" moves down together */
	assert_int_equal(w.lines[0].len, strlen("一二三四"));
	assert_memory_equal(s + w.lines[1].off, "五，", strlen("五，"));
	wrap_free(&w);
}

static void
opening_punctuation_never_ends_a_line(void **state)
{
	struct wrapper	 w;
	const char	*s = "一二三四《青河日报》";
	long		 k;

	(void)state;
	wrap_init(&w, 1);
	k = wrap_paragraph(&w, s, strlen(s), 10, 0);
	assert_true(k >= 2);
	assert_memory_equal(s + w.lines[1].off, "《", strlen("《"));
	wrap_free(&w);
}

static void
urls_and_numbers_stay_whole_when_they_fit(void **state)
{
	struct wrapper	 w;
	const char	*u = "全文见 https://www.qinghe-news.example/a/b-c/d.html 。";
	const char	*d = "编号12345678901234567890号";
	long		 k, i;
	int		 found = 0;

	(void)state;
	wrap_init(&w, 1);
	k = wrap_paragraph(&w, u, strlen(u), 50, 0);
	for (i = 0; i < k; i++)
		found |= memmem(u + w.lines[i].off, w.lines[i].len,
		    "https://www.qinghe-news.example/a/b-c/d.html", 44) != NULL;
	assert_true(found);
	k = wrap_paragraph(&w, d, strlen(d), 24, 0);
	found = 0;
	for (i = 0; i < k; i++)
		found |= memmem(d + w.lines[i].off, w.lines[i].len,
		    "12345678901234567890", 20) != NULL;
	assert_true(found);
	/* longer than the width: split, not overflowing */
	k = wrap_paragraph(&w, d, strlen(d), 8, 0);
	for (i = 0; i < k; i++)
		assert_true(w.lines[i].cells <= 8);
	wrap_free(&w);
}

static void
latin_words_break_at_spaces(void **state)
{
	struct wrapper	 w;
	const char	*s = "the quick brown fox jumps";
	long		 k;

	(void)state;
	wrap_init(&w, 1);
	k = wrap_paragraph(&w, s, strlen(s), 10, 0);
	assert_int_equal(k, 3);
	assert_int_equal(w.lines[0].len, 9);	/* "the quick" */
	wrap_free(&w);
}

static void
indent_only_on_first_line(void **state)
{
	struct wrapper	 w;
	const char	*s = fixture_paras[0];
	long		 k;

	(void)state;
	wrap_init(&w, 1);
	k = wrap_paragraph(&w, s, strlen(s), 30, 4);
	assert_true(k > 2);
	assert_int_equal(w.lines[0].indent, 4);
	assert_int_equal(w.lines[1].indent, 0);
	wrap_free(&w);
}


/* The lines of s at width w, joined by '|', spaces at the breaks dropped. */
static char *
lines_of(const char *s, int width, bool korean_word)
{
	struct wrapper	 w;
	struct buf	 b = { 0 };
	long		 k, i;

	wrap_init(&w, 1);
	w.korean_word = korean_word;
	k = wrap_paragraph(&w, s, strlen(s), width, 0);
	assert_true(k > 0);
	for (i = 0; i < k; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_add(&b, s + w.lines[i].off, w.lines[i].len);
	}
	wrap_free(&w);
	return buf_take(&b, NULL);
}

#define LINES_ARE(s, width, kw, want) do {				\
	char *got_ = lines_of(s, width, kw);				\
	assert_string_equal(got_, want);				\
	free(got_);							\
} while (0)

/* Each script by its own rules; the expected lines are reasoned, not run. */
static void
scripts(void **state)
{
	(void)state;
	/* Japanese, jlreq strict: no small kana, ー, ・, 〜, 々 at a line start */
	LINES_ARE("コーヒーを飲みます", 4, true, "コー|ヒー|を飲|みま|す");
	LINES_ARE("ちょっと待って", 4, true, "ちょ|っと|待っ|て");
	LINES_ARE("Debian ・Ubuntu", 9, true, "Debian ・|Ubuntu");
	LINES_ARE("人々の声", 4, true, "人々|の声");
	LINES_ARE("五〜十人", 4, true, "五〜|十人");
	/* an opening bracket or quote never ends a line, spaces or not */
	LINES_ARE("テスト「 例です」", 8, true, "テスト|「 例で|す」");
	LINES_ARE("他們的 “ Overview", 10, true, "他們的|“ Overview");
	/* Korean: word by word; a word wider than the line is split */
	LINES_ARE("자유 운영 체제를 만드는", 10, true, "자유 운영|체제를|만드는");
	LINES_ARE("자유 운영 체제를 만드는", 10, false, "자유 운영|체제를 만|드는");
	LINES_ARE("아주아주아주긴단어", 8, true, "아주아주|아주긴단|어");
	/* Korean punctuation is ASCII and stays with its word */
	LINES_ARE("우리는 (테스트) 했습니다?", 12, true, "우리는|(테스트)|했습니다?");
	/* Han it quotes is of the Korean word: 정의(正義)를 stays whole */
	LINES_ARE("밝혔다 정의(正義)를 위해", 14, true, "밝혔다|정의(正義)를|위해");
	/* ... but a Chinese line with a Hangul name still breaks at Han */
	LINES_ARE("韩国友好城市청하代表团，好", 10, true,
	    "韩国友好城|市청하代表|团，好");
	/* domains, addresses and paths stay whole when they fit */
	LINES_ARE("见 lists.debian.org 网站", 19, true, "见 lists.debian.org|网站");
	LINES_ARE("写信到 desk@qinghe.example 吧", 20, true,
	    "写信到|desk@qinghe.example|吧");
	LINES_ARE("文件在 /usr/share/doc 下", 16, true, "文件在|/usr/share/doc|下");
	LINES_ARE("细颗粒物PM2.5浓度", 10, true, "细颗粒物|PM2.5浓度");
	/* Latin and Vietnamese: at spaces, whole words */
	LINES_ARE("Tiếng Việt có dấu", 10, true, "Tiếng Việt|có dấu");
	/* a soft hyphen is a break that shows '-' and takes its cell there */
	LINES_ARE("read every\xc2\xadwhere", 11, true, "read every\xc2\xad|where");
	LINES_ARE("read every\xc2\xadwhere", 10, true, "read|every\xc2\xadwhere");
	/* a word split by force where its soft hyphen would not fit */
	LINES_ARE("wordwordwo\xc2\xadrdword", 10, true,
	    "wordwordwo|\xc2\xadrdword");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_line_too_wide_no_rule_broken_no_text_lost),
		cmocka_unit_test(ambiguous_two_cells),
		cmocka_unit_test(closing_punctuation_pulls_previous_character_down),
		cmocka_unit_test(opening_punctuation_never_ends_a_line),
		cmocka_unit_test(urls_and_numbers_stay_whole_when_they_fit),
		cmocka_unit_test(latin_words_break_at_spaces),
		cmocka_unit_test(indent_only_on_first_line),
		cmocka_unit_test(scripts),
		cmocka_unit_test(kinsoku_oracle_on_the_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
