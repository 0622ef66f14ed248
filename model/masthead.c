/* masthead: pattern matching of masthead fields. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "masthead.h"
#include "text.h"

struct cur {
	const char	*s;
	size_t		 i, n;
};

static bool
lit(struct cur *c, const char *w)
{
	size_t	k = strlen(w);

	if (c->n - c->i >= k && memcmp(c->s + c->i, w, k) == 0) {
		c->i += k;
		return true;
	}
	return false;
}

/* Reads up to max ASCII or full-width digits into *v. */
static int
digits(struct cur *c, int max, long *v)
{
	int		 k = 0;
	text_char	 ch;
	size_t		 len;

	*v = 0;
	while (c->i < c->n && k < max) {
		len = text_decode_fast(c->s + c->i, c->n - c->i, &ch);
		if (ch >= '0' && ch <= '9')
			*v = *v * 10 + (long)(ch - '0');
		else if (ch >= 0xff10 && ch <= 0xff19)
			*v = *v * 10 + (long)(ch - 0xff10);
		else
			break;
		c->i += len;
		k++;
	}
	return k;
}

/* Matches one character of the set (UTF-8 characters, concatenated). */
static bool
oneof(struct cur *c, const char *set)
{
	text_char	 ch;
	size_t		 len;
	const char	*p;

	if (c->i >= c->n)
		return false;
	len = text_decode_fast(c->s + c->i, c->n - c->i, &ch);
	if (ch == 0 || (ch == 0xfffd && len == 1))
		return false;
	/*
	 * UTF-8 synchronises: its bytes are in set only where it is.  Looked
	 * for by its last byte, which few others of a set of Han share.
	 */
	for (p = set; (p = strchr(p, c->s[c->i + len - 1])) != NULL; p++)
		if ((size_t)(p - set) >= len - 1 &&
		    memcmp(p - (len - 1), c->s + c->i, len) == 0) {
			c->i += len;
			return true;
		}
	return false;
}

static void
spaces(struct cur *c)
{
	while (c->i < c->n && c->s[c->i] == ' ')
		c->i++;
}

#define NUMS	"一二三四五六七八九十"

static bool
lunar(struct cur *c, struct mast *m)
{
	size_t	start = c->i, k;

	if (!lit(c, "农历") && !lit(c, "農曆"))
		lit(c, "農历");
	if (oneof(c, "甲乙丙丁戊己庚辛壬癸")) {
		if (!oneof(c, "子丑寅卯辰巳午未申酉戌亥") || !lit(c, "年"))
			goto no;
	}
	if (!lit(c, "闰"))
		lit(c, "閏");
	if (!oneof(c, "正" NUMS "冬腊臘"))
		goto no;
	oneof(c, "一二");
	if (!lit(c, "月"))
		goto no;
	if (!oneof(c, "初十廿二三卅") || !oneof(c, NUMS))
		goto no;
	k = c->i - start;
	if (m->lunar[0] == '\0' && k < sizeof m->lunar) {
		memcpy(m->lunar, c->s + start, k);
		m->lunar[k] = '\0';
	}
	return true;
no:
	c->i = start;
	return false;
}

static bool
weekday(struct cur *c, struct mast *m)
{
	size_t	start = c->i;

	/* 木曜日, 목요일: kept as written */
	if ((oneof(c, "月火水木金土日") && (lit(c, "曜日") || lit(c, "曜"))) ||
	    (oneof(c, "월화수목금토일") && lit(c, "요일"))) {
		size_t	k = c->i - start;

		if (m->weekday[0] == '\0' && k < sizeof m->weekday) {
			memcpy(m->weekday, c->s + start, k);
			m->weekday[k] = '\0';
		}
		return true;
	}
	c->i = start;
	if (!lit(c, "星期") && !lit(c, "周") && !lit(c, "週") &&
	    !lit(c, "礼拜") && !lit(c, "禮拜"))
		return false;
	if (!oneof(c, "一二三四五六日天")) {
		c->i = start;
		return false;
	}
	if (m->weekday[0] == '\0') {
		/* always say 星期X */
		memcpy(m->weekday, "星期", 6);
		memcpy(m->weekday + 6, c->s + c->i - 3, 3);
		m->weekday[9] = '\0';
	}
	return true;
}

static bool	bare_field(struct cur *, struct mast *, bool *);

/*
 * A field, maybe in brackets: `（农历乙巳年五月十五）`.  The brackets are
 * counted, not recursed into, so a line of 100,000 `(` costs one pass and
 * no stack.
 */
static bool
field(struct cur *c, struct mast *m, bool *day_pending)
{
	size_t	start = c->i, open = 0;

	while (lit(c, "（") || lit(c, "("))
		open++;
	if (!bare_field(c, m, day_pending))
		goto no;
	for (; open > 0; open--)
		if (!lit(c, "）") && !lit(c, ")"))
			goto no;
	return true;
no:
	c->i = start;
	return false;
}

static bool
bare_field(struct cur *c, struct mast *m, bool *day_pending)
{
	size_t	start = c->i;
	long	y, mo, d, v;

	if (lunar(c, m) || weekday(c, m))
		return true;
	if (lit(c, "总第") || lit(c, "總第") || lit(c, "第") || lit(c, "제")) {
		if (digits(c, 8, &v) > 0 && (lit(c, "期") || lit(c, "号") ||
		    lit(c, "號") || lit(c, "호"))) {
			if (m->number[0] == '\0')
				snprintf(m->number, sizeof m->number, "%ld", v);
			return true;
		}
		c->i = start;
		return false;
	}
	if (lit(c, "今日") || lit(c, "本期") || lit(c, "共")) {
		if (digits(c, 3, &v) > 0 && lit(c, "版")) {
			if (m->pages == 0)
				m->pages = (int)v;
			return true;
		}
		c->i = start;
		return false;
	}
	if (digits(c, 4, &y) == 4 && (lit(c, "年") || lit(c, "년"))) {
		spaces(c);
		if (digits(c, 2, &mo) > 0 && (lit(c, "月") || lit(c, "월")) &&
		    mo >= 1 && mo <= 12) {
			d = 0;
			spaces(c);
			if (digits(c, 2, &d) > 0 && !lit(c, "日") && !lit(c, "일"))
				goto no;
			if (d > 31)
				goto no;
			if (m->year == 0) {
				m->year = (int)y;
				m->month = (int)mo;
				m->day = (int)d;
				*day_pending = d == 0;
			}
			return true;
		}
		goto no;
	}
	c->i = start;
	if (*day_pending && digits(c, 2, &d) > 0 && d >= 1 && d <= 31) {
		lit(c, "日");
		m->day = (int)d;
		*day_pending = false;
		return true;
	}
no:
	c->i = start;
	return false;
}

/*
 * Whether a field can start at c, by its first character after brackets:
 * every pattern above opens with a digit or with one of these, in code
 * point order -- 一丁七三丙乙九二五今八六共农冬十周四土壬己庚总戊日星月
 * 木本正水火甲癸礼禮第總腊臘辛農週金閏闰금목수월일제토화 (lunar dates,
 * weekdays, numbers, pages).  A line of text fails here, not after trying
 * each pattern.
 */
static bool
may_open_field(struct cur c)
{
	static const uint16_t	first[] = {
		0x4e00, 0x4e01, 0x4e03, 0x4e09, 0x4e19, 0x4e59, 0x4e5d, 0x4e8c,
		0x4e94, 0x4eca, 0x516b, 0x516d, 0x5171, 0x519c, 0x51ac, 0x5341,
		0x5468, 0x56db, 0x571f, 0x58ec, 0x5df1, 0x5e9a, 0x603b, 0x620a,
		0x65e5, 0x661f, 0x6708, 0x6728, 0x672c, 0x6b63, 0x6c34, 0x706b,
		0x7532, 0x7678, 0x793c, 0x79ae, 0x7b2c, 0x7e3d, 0x814a, 0x81d8,
		0x8f9b, 0x8fb2, 0x9031, 0x91d1, 0x958f, 0x95f0, 0xae08, 0xbaa9,
		0xc218, 0xc6d4, 0xc77c, 0xc81c, 0xd1a0, 0xd654,
	};
	size_t		lo = 0, hi = sizeof first / sizeof first[0], mid;
	text_char	ch;

	while (lit(&c, "（") || lit(&c, "("))
		;
	if (c.i >= c.n)
		return false;
	text_decode_fast(c.s + c.i, c.n - c.i, &ch);
	if ((ch >= '0' && ch <= '9') || (ch >= 0xff10 && ch <= 0xff19))
		return true;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (first[mid] == ch)
			return true;
		if (first[mid] < ch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool
mast_fields(const char *s, size_t n, struct mast *m)
{
	struct mast	 t = *m;
	struct cur	 c = { s, 0, n };
	bool		 pending = m->year != 0 && m->day == 0, any = false;

	for (;;) {
		while (c.i < c.n && (lit(&c, " ") ||
		    lit(&c, "\xe3\x80\x80") || lit(&c, "□") || lit(&c, "|") ||
		    lit(&c, "·")))
			;
		if (c.i >= c.n)
			break;
		if ((!any && !may_open_field(c)) || !field(&c, &t, &pending))
			return false;
		any = true;
	}
	if (any)
		*m = t;
	return any;
}

bool
mast_is_contact(const char *s, size_t n)
{
	const char	*p;

	if (n > 600 || text_has(s, n, "。"))
		return false;
	if (text_has(s, n, "刊号") || text_has(s, n, "刊號") ||
	    text_has(s, n, "邮发代号") || text_has(s, n, "郵發代號") ||
	    text_has(s, n, "ISSN"))
		return true;
	for (p = s; n >= 5 && (p = memchr(p, 'C', n - 4 - (size_t)(p - s))) !=
	    NULL; p++)
		if (p[1] == 'N' && (p[2] == ' ' || (p[2] >= '0' && p[2] <= '9')))
			return true;
	return false;
}

bool
mast_is_publisher(const char *s, size_t n)
{
	return n < 200 && !text_has(s, n, "。") &&
	    (text_has(s, n, "主管") || text_has(s, n, "主办") ||
	    text_has(s, n, "主辦") ||
	    text_has(s, n, "出版"));
}
