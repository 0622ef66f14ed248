/* masthead: pattern matching of masthead fields. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lexicon.h"
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
	return text_digits(c->s, c->n, &c->i, max, v);
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

/* The first of the words at the cursor, taken; false when none is. */
static bool
lits(struct cur *c, const char *const *words)
{
	for (; *words != NULL; words++)
		if (lit(c, *words))
			return true;
	return false;
}

static bool
lunar(struct cur *c, struct mast *m)
{
	const struct lex_mast	*w = &lex_mast;
	size_t			 start = c->i, k;

	lits(c, w->lunar);
	if (oneof(c, w->stems)) {
		if (!oneof(c, w->branches) || !lit(c, w->year[0]))
			goto no;
	}
	lits(c, w->leap);
	if (!oneof(c, w->lunar_month))
		goto no;
	oneof(c, w->month_tail);
	if (!lit(c, w->month[0]))
		goto no;
	if (!oneof(c, w->day_tens) || !oneof(c, w->numerals))
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
	const struct lex_mast	*w = &lex_mast;
	size_t			 start = c->i, wl;

	/* 木曜日, 목요일: kept as written */
	if ((oneof(c, w->ja_days) && lits(c, w->ja_day)) ||
	    (oneof(c, w->ko_days) && lits(c, w->ko_day))) {
		size_t	k = c->i - start;

		if (m->weekday[0] == '\0' && k < sizeof m->weekday) {
			memcpy(m->weekday, c->s + start, k);
			m->weekday[k] = '\0';
		}
		return true;
	}
	c->i = start;
	if (!lits(c, w->week))
		return false;
	if (!oneof(c, w->week_days)) {
		c->i = start;
		return false;
	}
	/* always said one way: 星期X */
	wl = strlen(w->weekday);
	if (m->weekday[0] == '\0' && wl + 3 < sizeof m->weekday) {
		memcpy(m->weekday, w->weekday, wl);
		memcpy(m->weekday + wl, c->s + c->i - 3, 3);
		m->weekday[wl + 3] = '\0';
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

	while (lit(c, PU_LPAREN) || lit(c, "("))
		open++;
	if (!bare_field(c, m, day_pending))
		goto no;
	for (; open > 0; open--)
		if (!lit(c, PU_RPAREN) && !lit(c, ")"))
			goto no;
	return true;
no:
	c->i = start;
	return false;
}

static bool
bare_field(struct cur *c, struct mast *m, bool *day_pending)
{
	const struct lex_mast	*w = &lex_mast;
	size_t			 start = c->i;
	long			 y, mo, d, v;

	if (lunar(c, m) || weekday(c, m))
		return true;
	if (lits(c, w->number_lead)) {
		if (digits(c, 8, &v) > 0 && lits(c, w->number_tail)) {
			if (m->number[0] == '\0')
				snprintf(m->number, sizeof m->number, "%ld", v);
			return true;
		}
		c->i = start;
		return false;
	}
	if (lits(c, w->pages_lead)) {
		if (digits(c, 3, &v) > 0 && lits(c, w->pages_tail)) {
			if (m->pages == 0)
				m->pages = (int)v;
			return true;
		}
		c->i = start;
		return false;
	}
	if (digits(c, 4, &y) == 4 && lits(c, w->year)) {
		spaces(c);
		if (digits(c, 2, &mo) > 0 && lits(c, w->month) &&
		    mo >= 1 && mo <= 12) {
			d = 0;
			spaces(c);
			if (digits(c, 2, &d) > 0 && !lits(c, w->day))
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
		lit(c, w->day[0]);
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

	while (lit(&c, PU_LPAREN) || lit(&c, "("))
		;
	if (c.i >= c.n)
		return false;
	text_decode_fast(c.s + c.i, c.n - c.i, &ch);
	if ((ch >= '0' && ch <= '9') || (ch >= U_FW_ZERO && ch <= U_FW_NINE))
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
		    lit(&c, PU_IDEO_SPACE) || lit(&c, PU_BOX) || lit(&c, "|") ||
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

	if (n > 600 || text_has(s, n, PU_STOP))
		return false;
	if (lex_has(s, n, lex_mast.contact))
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
	return n < 200 && !text_has(s, n, PU_STOP) &&
	    lex_has(s, n, lex_mast.publisher);
}
