/*
 * issue: from sanitised text to masthead, banners and articles.
 *
 * Passes: split the text into blocks at blank lines; strip markup from each;
 * classify each block by its shape (masthead field, title-like line, byline,
 * photo credit, body, ...); assemble articles with a small state machine
 * that rejoins broken paragraphs (also across photos) and decides which
 * runs of title-like lines open an article; repair punctuation and spaces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "issue.h"
#include "masthead.h"
#include "parse.h"
#include "repair.h"
#include "text.h"
#include "vault.h"

enum rkind {
	R_EMPTY,	/* nothing left after markup */
	R_MAST,		/* masthead line */
	R_TITLE,	/* short line without sentence punctuation */
	R_BODY,		/* body text */
	R_BYLINE,	/* □本报记者 某某 */
	R_SIGN,		/* □某某: a commentary's signature */
	R_CREDIT,	/* □本报记者 某某摄 */
	R_CAPTION,	/* text followed by a credit */
	R_SECTION,	/* 一、... */
	R_NOTE,		/* — 开栏语 — */
	R_CONT,		/* (下转02版) */
	R_PAGE,		/* 第02版 */
	R_META		/* 责任编辑：某某: the page's credits, not an article */
};

struct raw {
	size_t		 src;		/* offset in the sanitised text */
	int		 gap;		/* empty paragraphs before it */
	struct markup	 mk;
	char		*text;		/* markup stripped, in the arena */
	size_t		 len;
	size_t		 chars;
	enum rkind	 kind;
	const char	*credit;	/* of a caption */
	int		 page;		/* of R_PAGE and R_CONT */
	bool		 up;		/* R_CONT: 上接 (continued from) */
};

struct bblock {
	enum block_kind	 kind;
	struct buf	 text;
	const char	*credit;
	size_t		 src;
};

struct bart {
	struct article	 a;
	struct bblock	*b;
	size_t		 nb, cap;
	size_t		 nbody;		/* paragraphs so far */
	bool		 sign;		/* signed like a commentary */
};

struct item {
	bool	 banner;
	size_t	 idx;
};

struct parser {
	struct issue		*is;
	struct arena		*a;
	const struct issue_opts	*opts;
	struct raw		*raw;
	size_t			 nraw;
	struct mast		 mast;
	struct bart		*art;
	size_t			 nart, artcap;
	struct bblock		*ban;
	size_t			 nban, bancap;
	struct bblock		*mastb;
	size_t			 nmastb, mastcap;
	struct item		*items;
	size_t			 nitems, itemcap;
	const struct raw	*upcont;	/* (上接01版) before a headline */
	struct bblock		*pend;		/* photos waiting for a home */
	size_t			 npend, pendcap;
	int			 page;
	bool			 damaged;	/* spaces between CJK throughout */
	bool			 failed;
};

/* ---- small string helpers ---------------------------------------------- */

static size_t
nchars(const char *s, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

static size_t
count(const char *s, size_t n, const char *w)
{
	size_t	k = strlen(w), i, c = 0;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			c++;
	return c;
}

static bool
starts(const char *s, size_t n, const char *w)
{
	size_t	k = strlen(w);

	return n >= k && memcmp(s, w, k) == 0;
}

static bool
ends(const char *s, size_t n, const char *w)
{
	size_t	k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

static text_char
last_char(const char *s, size_t n)
{
	text_char	c = 0;
	size_t		i = n;

	while (i > 0) {
		do
			i--;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
		text_decode(s + i, n - i, &c);
		if (!text_is_space(c))
			return c;
		n = i;
	}
	return 0;
}

static text_char
first_of(const char *s, size_t n)
{
	text_char	c = 0;

	if (n > 0)
		text_decode(s, n, &c);
	return c;
}

static bool
terminated(const char *s, size_t n)
{
	return text_is_sentence_end(last_char(s, n));
}

/* Skips □ and spaces at the start. */
static const char *
skip_box(const char *s, size_t *n)
{
	for (;;) {
		if (starts(s, *n, "□") || starts(s, *n, "\xe3\x80\x80")) {
			s += 3;
			*n -= 3;
		} else if (*n > 0 && *s == ' ') {
			s++;
			(*n)--;
		} else
			return s;
	}
}

static bool
all_han(const char *s, size_t n, size_t *k)
{
	size_t		i = 0, len;
	text_char	c;

	*k = 0;
	while (i < n) {
		len = text_decode(s + i, n - i, &c);
		if (text_is_han(c))
			(*k)++;
		else if (c != ' ' && c != 0x00b7)
			return false;
		i += len;
	}
	return true;
}

/* ---- classification ---------------------------------------------------- */

/* Whether ch is one of the UTF-8 characters of set. */
static bool
in_set(text_char ch, const char *set)
{
	size_t		i = 0, n = strlen(set);
	text_char	c;

	while (i < n) {
		i += text_decode(set + i, n - i, &c);
		if (c == ch)
			return true;
	}
	return false;
}

static bool
is_credit(const char *s, size_t n)
{
	s = skip_box(s, &n);
	if (starts(s, n, "（") && ends(s, n, "）")) {
		s += 3;
		n -= 6;
	} else if (n > 2 && s[0] == '(' && s[n - 1] == ')') {
		s++;
		n -= 2;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (!ends(s, n, "摄") && !ends(s, n, "摄影"))
		return false;
	return nchars(s, n) <= 30 && !text_has(s, n, "。") && !text_has(s, n, "，") &&
	    !text_has(s, n, ",");
}

static bool
is_sign(const char *s, size_t n)
{
	size_t	k;

	if (!starts(s, n, "□"))
		return false;
	s = skip_box(s, &n);
	return all_han(s, n, &k) && k >= 2 && k <= 4;
}

static bool
is_byline(const char *s, size_t n)
{
	size_t	c = nchars(s, n);

	if (text_has(s, n, "。") || text_has(s, n, "，"))
		return false;
	if (starts(s, n, "□"))
		return c <= 60;
	if (starts(s, n, "文/") || starts(s, n, "文／") ||
	    starts(s, n, "文·图/") || starts(s, n, "图/"))
		return c <= 40;
	s = skip_box(s, &n);
	if (starts(s, n, "本报"))
		s += 6, n -= 6;
	if (starts(s, n, "特约") || starts(s, n, "实习"))
		s += 6, n -= 6;
	return (starts(s, n, "记者") || starts(s, n, "通讯员")) && c <= 40 &&
	    !text_has(s, n, "：") && !text_has(s, n, ":");
}

static bool
is_section(const char *s, size_t n)
{
	struct { const char *open, *close; } f[] = {
		{ "", "、" }, { "（", "）" }, { "(", ")" }, { "第", "部分" },
	};
	static const char	*num = "一二三四五六七八九十";
	size_t			 i, j, k, c;
	text_char		 ch;

	if (nchars(s, n) > 40 || text_has(s, n, "。"))
		return false;
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!starts(s, n, f[i].open))
			continue;
		j = strlen(f[i].open);
		for (c = 0; j < n && c < 4; c++) {
			k = text_decode(s + j, n - j, &ch);
			if (!in_set(ch, num))
				break;
			j += k;
		}
		if (c > 0 && starts(s + j, n - j, f[i].close) &&
		    n - j > strlen(f[i].close))
			return true;
	}
	/* 1. 2、 3． */
	for (j = 0; j < n && j < 2 && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j > 0 && j < n && (s[j] == '.' || starts(s + j, n - j, "、") ||
	    starts(s + j, n - j, "．")) && nchars(s, n) <= 30 &&
	    !(j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9'))
		return true;
	return false;
}

static bool
is_note(const char *s, size_t n)
{
	static const char	*dash[] = { "—", "－", "-", "【" };
	size_t			 i;

	if (starts(s, n, "编者按") || starts(s, n, "【编者按】") ||
	    starts(s, n, "编者的话"))
		return true;
	if (nchars(s, n) > 16)
		return false;
	for (i = 0; i < sizeof dash / sizeof dash[0]; i++)
		if (starts(s, n, dash[i]) && (ends(s, n, dash[i]) ||
		    (i == 3 && ends(s, n, "】"))) && n > 2 * strlen(dash[i]))
			return true;
	return false;
}

/* (下转02版), （上接第1版）: the page and direction, or false. */
static bool
is_cont(const char *s, size_t n, int *page, bool *up)
{
	size_t	i = 0;
	int	v = 0, k = 0;

	if (starts(s, n, "（"))
		i = 3;
	else if (starts(s, n, "("))
		i = 1;
	else
		return false;
	if (starts(s + i, n - i, "下转"))
		*up = false;
	else if (starts(s + i, n - i, "上接"))
		*up = true;
	else
		return false;
	i += 6;
	if (starts(s + i, n - i, "第"))
		i += 3;
	while (i < n && s[i] >= '0' && s[i] <= '9' && k < 3) {
		v = v * 10 + (s[i++] - '0');
		k++;
	}
	if (k == 0 || !starts(s + i, n - i, "版"))
		return false;
	i += 3;
	if (!(starts(s + i, n - i, "）") && i + 3 == n) &&
	    !(starts(s + i, n - i, ")") && i + 1 == n))
		return false;
	*page = v;
	return true;
}

/* Where a continuation note ends the text: "...收完。(下转02版)", else n. */
static size_t
trailing_cont(const char *s, size_t n)
{
	size_t	i, e;
	int	page;
	bool	up;

	for (i = n; i > 0 && n - i < 40; i--) {
		if (s[i - 1] != '(' && !(i >= 3 && starts(s + i - 3, n - i + 3, "（")))
			continue;
		i -= s[i - 1] == '(' ? 1 : 3;
		if (i > 0 && is_cont(s + i, n - i, &page, &up)) {
			for (e = i; e > 0 && s[e - 1] == ' '; e--)
				;
			return e > 0 ? e : n;
		}
		break;
	}
	return n;
}

static bool
is_page(const char *s, size_t n, int *page)
{
	size_t	i = 0;
	int	v = 0, k = 0;

	if (nchars(s, n) > 20)
		return false;
	if (starts(s, n, "第"))
		i = 3;
	while (i < n && s[i] >= '0' && s[i] <= '9' && k < 3) {
		v = v * 10 + (s[i++] - '0');
		k++;
	}
	if (k == 0 || !starts(s + i, n - i, "版"))
		return false;
	i += 3;
	if (i < n && !(s[i] == ' ' || s[i] == ':' || starts(s + i, n - i, "：") ||
	    starts(s + i, n - i, "\xe3\x80\x80")))
		return false;
	*page = v;
	return true;
}

/* The page's production credits: 责任编辑：某某 美术编辑：某某. */
static bool
is_meta(const char *s, size_t n)
{
	static const char	*w[] = { "责任编辑", "责编", "美术编辑", "美编",
	    "责任校对", "校对", "版式", "组版", "编辑：", "编辑:" };
	size_t			 i;

	if (nchars(s, n) > 60 || text_has(s, n, "。"))
		return false;
	s = skip_box(s, &n);
	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (starts(s, n, w[i]))
			return true;
	return false;
}

/*
 * An inline byline at the start of body text: 本报讯 记者某某报道:,
 * 某某日报昌吉12月20日讯 ..., 新华社北京3月5日电.  Returns the length of
 * the byline (up to and with 报道), or 0.
 */
static size_t
byline_end(const char *s, size_t n)
{
	size_t		 i, lim = n < 240 ? n : 240, end = 0;
	const char	*p;

	if (starts(s, n, "本报讯"))
		end = strlen("本报讯");
	else if (n > 8 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z') {
		/* a Latin dateline: PLACE, Month 10 (Agency) -- */
		for (i = 3; i < lim && i < 80 && s[i] != ','; i++)
			if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != ' ' &&
			    s[i] != '-' && s[i] != '.')
				return 0;
		for (; i + 4 < lim && i < 80; i++)
			if (s[i] == ' ' && (starts(s + i + 1, n - i - 1, "— ") ||
			    starts(s + i + 1, n - i - 1, "-- ")))
				return i;
		return 0;
	} else {
		for (i = 6; i + 4 <= lim && nchars(s, i) <= 30; i++) {
			if ((starts(s + i, n - i, "讯") ||
			    starts(s + i, n - i, "电")) &&
			    (s[i + 3] == ' ' || starts(s + i + 3, n - i - 3, "（") ||
			    s[i + 3] == '(' || starts(s + i + 3, n - i - 3,
			    "\xe3\x80\x80")) &&
			    (ends(s, i, "日") || ends(s, i, "报") ||
			    ends(s, i, "社"))) {
				if (text_has(s, i, "，") || text_has(s, i, "。") ||
				    text_has(s, i, ","))
					break;
				end = i + 3;
				break;
			}
		}
		if (end == 0) {
			const char	*t = s;
			size_t		 m = n;

			if (starts(t, m, "本报"))
				t += 6, m -= 6;
			if (starts(t, m, "特约") || starts(t, m, "实习"))
				t += 6, m -= 6;
			if (!starts(t, m, "记者") && !starts(t, m, "通讯员"))
				return 0;
		}
	}
	/* 本报讯（记者 某某）, 新华社北京3月5日电（记者某某）: with the names */
	i = end;
	while (i < n && s[i] == ' ')
		i++;
	if (end > 0 && (starts(s + i, n - i, "（") || (i < n && s[i] == '('))) {
		const char	*close = s[i] == '(' ? ")" : "）";
		size_t		 j;

		for (j = i; j < lim && j - i < 120; j++)
			if (starts(s + j, n - j, close))
				return j + strlen(close);
	}
	/* extend to 报道 when it comes soon, before any sentence mark */
	for (i = end; i + 6 <= lim; i++) {
		if (starts(s + i, n - i, "。") || starts(s + i, n - i, "，"))
			break;
		if (starts(s + i, n - i, "报道")) {
			p = s + i + 6;
			if (p < s + n && (*p == ':' || starts(p, (size_t)(s + n - p), "：") ||
			    *p == ' ' || starts(p, (size_t)(s + n - p), "）")))
				return i + 6;
		}
	}
	return end;
}

#define BYLINE_SCAN	320	/* bytes of a paragraph a byline lies in */

/*
 * The byline at the start of a paragraph (see byline_end), also when the
 * converter left stray spaces in it (本报 讯, 记 者): they are looked
 * through between Han characters, except after 讯 and 电, where a space
 * is the byline's own.
 */
static size_t
inline_byline(const char *s, size_t n)
{
	char		 t[BYLINE_SCAN];
	size_t		 map[BYLINE_SCAN + 1], i = 0, k = 0, len, e;
	text_char	 c, prev = 0, next;
	bool		 squeezed = false;

	if ((e = byline_end(s, n)) > 0)
		return e;
	while (i < n && k + 4 < BYLINE_SCAN) {
		len = text_decode(s + i, n - i, &c);
		if (c == ' ' && text_is_han(prev) && prev != 0x8baf &&
		    prev != 0x7535 && i + 1 < n) {
			text_decode(s + i + 1, n - i - 1, &next);
			if (text_is_han(next)) {
				squeezed = true;
				i++;
				continue;
			}
		}
		memcpy(t + k, s + i, len);
		while (len-- > 0)
			map[k++] = i++;
		prev = c;
	}
	if (!squeezed)
		return 0;
	map[k] = i;
	e = byline_end(t, k);
	return e > 0 ? map[e] : 0;
}

static bool
is_title(const char *s, size_t n, size_t chars)
{
	text_char	l = last_char(s, n);
	size_t		commas = count(s, n, "，") + count(s, n, ",");

	if (chars == 0 || chars > 60)
		return false;
	if (text_has(s, n, "。") || text_has(s, n, "；") || inline_byline(s, n) > 0)
		return false;
	/* a note in brackets: （作者单位：…）, （本报记者 某某） */
	if ((starts(s, n, "（") && l == 0xff09) || (s[0] == '(' && l == ')'))
		return false;
	if (commas > 1 || (commas == 1 && chars > 30))
		return false;
	if (l == 0xff0c || l == 0x3001 || l == 0xff1b || l == 0xff1a ||
	    l == ',' || l == ';' || l == ':' || l == '.')
		return false;
	if ((l == 0xff1f || l == 0xff01 || l == '?' || l == '!') && chars > 30)
		return false;
	if ((text_has(s, n, "：") || text_has(s, n, ":")) && chars > 30)
		return false;
	return true;
}

/*
 * Splits a trailing photo credit off a caption: "... 稳定。 □本报记者 某某摄".
 * Returns the offset of the credit, or 0.
 */
static size_t
inline_credit(const char *s, size_t n)
{
	size_t	i;

	/* the last □ in the final 120 bytes that starts a credit */
	for (i = n; i-- > 1 && n - i <= 120; )
		if (starts(s + i, n - i, "□") && is_credit(s + i, n - i))
			return i;
	return 0;
}

static void
classify(struct parser *p, struct raw *r)
{
	size_t	k;

	if (r->len == 0) {
		r->kind = R_EMPTY;
		return;
	}
	if (is_cont(r->text, r->len, &r->page, &r->up))
		r->kind = R_CONT;
	else if (mast_fields(r->text, r->len, &p->mast))
		r->kind = R_MAST;
	else if (mast_is_contact(r->text, r->len))
		r->kind = R_MAST;
	else if (is_credit(r->text, r->len))
		r->kind = R_CREDIT;
	else if (is_sign(r->text, r->len))
		r->kind = R_SIGN;
	else if (is_byline(r->text, r->len))
		r->kind = R_BYLINE;
	else if (is_section(r->text, r->len))
		r->kind = R_SECTION;
	else if (is_note(r->text, r->len))
		r->kind = R_NOTE;
	else if (is_page(r->text, r->len, &r->page))
		r->kind = R_PAGE;
	else if (is_meta(r->text, r->len))
		r->kind = R_META;
	else if (r->mk.hlevel > 0 && r->chars <= 80)
		r->kind = R_TITLE;
	else if (is_title(r->text, r->len, r->chars))
		r->kind = R_TITLE;
	else if ((k = inline_credit(r->text, r->len)) > 0) {
		r->kind = R_CAPTION;
		r->credit = r->text + k;
		while (k > 0 && r->text[k - 1] == ' ')
			k--;
		r->len = k;
	} else
		r->kind = R_BODY;
}

/*
 * A line without a full stop right before a byline is a headline even when
 * it is long or has a comma: 某某 首条生产线试产 年产能可达500吨,填补空白.
 */
static void
mark_headlines(struct parser *p)
{
	size_t		 k, j;
	struct raw	*r, *n;

	for (k = 0; k + 1 < p->nraw; k++) {
		r = &p->raw[k];
		if (r->kind != R_BODY || r->chars > 80 || text_has(r->text, r->len, "。") ||
		    terminated(r->text, r->len) || last_char(r->text, r->len) == 0xff0c ||
		    last_char(r->text, r->len) == ',' ||
		    inline_byline(r->text, r->len) > 0)
			continue;
		for (j = k + 1; j < p->nraw && p->raw[j].kind == R_EMPTY; j++)
			;
		if (j == p->nraw)
			continue;
		n = &p->raw[j];
		if (n->kind == R_BYLINE || n->kind == R_SIGN ||
		    (n->kind == R_BODY && inline_byline(n->text, n->len) > 0))
			r->kind = R_TITLE;
	}
}

/* The block before a photo credit is the photo's caption. */
static void
mark_captions(struct parser *p)
{
	size_t		 k, j;
	struct raw	*r;

	for (k = 1; k < p->nraw; k++) {
		if (p->raw[k].kind != R_CREDIT)
			continue;
		for (j = k; j > 0 && p->raw[j - 1].kind == R_EMPTY; j--)
			;
		if (j == 0)
			continue;
		r = &p->raw[j - 1];
		if ((r->kind == R_BODY || (r->kind == R_TITLE &&
		    r->mk.hlevel == 0)) && inline_byline(r->text, r->len) == 0) {
			r->kind = R_CAPTION;
			r->credit = p->raw[k].text;
			p->raw[k].kind = R_EMPTY;
		}
	}
}

static bool
is_romanized(const char *s, size_t n)
{
	size_t	i, letters = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
		else if (s[i] != ' ' && s[i] != '-' && s[i] != '.' &&
		    s[i] != '\'')
			return false;
	}
	return letters >= 4;
}

/*
 * Before the first byline or body text lies the masthead: there, a short
 * level-1 heading (or a short line ending in 报) is the paper's title, an
 * all-capitals Latin line its romanized name, 主管/主办 its publisher.
 */
static void
masthead_zone(struct parser *p)
{
	struct issue	*is = p->is;
	struct raw	*r;
	size_t		 i;

	for (i = 0; i < p->nraw; i++) {
		r = &p->raw[i];
		if (r->kind == R_BODY || r->kind == R_BYLINE ||
		    r->kind == R_SIGN || r->kind == R_CAPTION ||
		    r->kind == R_SECTION || r->kind == R_CREDIT)
			break;
		if (r->kind != R_TITLE && r->kind != R_BODY)
			continue;
		/*
		 * The paper's name: a short line ending in 报, or a # line
		 * when the page has a masthead (else it is a headline).
		 */
		if (is->title == NULL && r->chars <= 12 &&
		    (((ends(r->text, r->len, "报") || ends(r->text, r->len, "報")) &&
		    r->mk.hlevel <= 1) || (r->mk.hlevel == 1 && (p->mast.year != 0 ||
		    p->mast.number[0] != '\0' || p->mast.pages != 0)))) {
			is->title = r->text;
			r->kind = R_MAST;
		} else if (is->romanized == NULL &&
		    is_romanized(r->text, r->len)) {
			is->romanized = r->text;
			r->kind = R_MAST;
		} else if (mast_is_publisher(r->text, r->len)) {
			/* 主管主办 and 出版 may stand as two paragraphs */
			if (is->publisher == NULL)
				is->publisher = r->text;
			r->kind = R_MAST;
		}
	}
}

/* Guesses the title from 某某日报邮箱 / 某某报网 in the contact line. */
static void
guess_title(struct parser *p)
{
	const char	*c = p->is->contact, *q, *e, *b;
	size_t		 n;
	text_char	 ch;

	if (p->is->title != NULL || c == NULL)
		return;
	for (q = c; (q = strstr(q, "报")) != NULL; q += 3) {
		e = q + 3;
		if (strncmp(e, "邮箱", 6) != 0 && strncmp(e, "网", 3) != 0 &&
		    strncmp(e, "社", 3) != 0)
			continue;
		/* back over Han characters */
		b = q;
		while (b - 3 >= c) {
			text_decode(b - 3, 3, &ch);
			if (!text_is_han(ch))
				break;
			b -= 3;
		}
		n = (size_t)(e - b);
		if (nchars(b, n) >= 3 && nchars(b, n) <= 8) {
			p->is->title = arena_strndup(p->a, b, n);
			p->is->title_guessed = true;
			return;
		}
	}
}

/* ---- assembly ---------------------------------------------------------- */

static struct bart *
cur(struct parser *p)
{
	return p->nart > 0 ? &p->art[p->nart - 1] : NULL;
}

static bool
add_item(struct parser *p, bool banner, size_t idx)
{
	if (!vec_grow(&p->items, &p->itemcap, p->nitems, sizeof *p->items)) {
		p->failed = true;
		return false;
	}
	p->items[p->nitems].banner = banner;
	p->items[p->nitems++].idx = idx;
	return true;
}

static void
add_banner(struct parser *p, const struct raw *r)
{
	struct bblock	*b;

	if (!vec_grow(&p->ban, &p->bancap, p->nban, sizeof *p->ban)) {
		p->failed = true;
		return;
	}
	b = &p->ban[p->nban];
	memset(b, 0, sizeof *b);
	b->kind = BLOCK_BANNER;
	b->src = r->src;
	buf_add(&b->text, r->text, r->len);
	if (add_item(p, true, p->nban))
		p->nban++;
	else
		buf_free(&b->text);
}

static struct bart *
new_article(struct parser *p, size_t src)
{
	struct bart	*a;

	if (!vec_grow(&p->art, &p->artcap, p->nart, sizeof *p->art)) {
		p->failed = true;
		return NULL;
	}
	a = &p->art[p->nart];
	memset(a, 0, sizeof *a);
	a->a.src = src;
	a->a.page = p->page;
	if (!add_item(p, false, p->nart))
		return NULL;
	p->nart++;
	return a;
}

static struct bblock *
add_block(struct parser *p, struct bart *a, enum block_kind kind,
    const char *s, size_t n, size_t src)
{
	struct bblock	*b;

	if (!vec_grow(&a->b, &a->cap, a->nb, sizeof *a->b)) {
		p->failed = true;
		return NULL;
	}
	b = &a->b[a->nb++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->src = src;
	buf_add(&b->text, s, n);
	if (kind == BLOCK_PARA)
		a->nbody++;
	return b;
}

static void
flush_photos(struct parser *p, struct bart *a)
{
	size_t	i;

	if (a == NULL && p->npend > 0) {
		/* photos before any article: an article of their own */
		if ((a = new_article(p, p->pend[0].src)) == NULL)
			return;
	}
	for (i = 0; i < p->npend; i++) {
		if (!vec_grow(&a->b, &a->cap, a->nb, sizeof *a->b)) {
			p->failed = true;
			buf_free(&p->pend[i].text);
			continue;
		}
		a->b[a->nb++] = p->pend[i];
	}
	p->npend = 0;
}

static void
add_photo(struct parser *p, const char *cap, size_t n, const char *credit,
    size_t src)
{
	struct bblock	*b;
	struct bart	*a = cur(p);

	if (!vec_grow(&p->pend, &p->pendcap, p->npend, sizeof *p->pend)) {
		p->failed = true;
		return;
	}
	b = &p->pend[p->npend++];
	memset(b, 0, sizeof *b);
	b->kind = BLOCK_PHOTO;
	b->src = src;
	buf_add(&b->text, cap, n);
	b->credit = credit;
	/* between a headline and its text: the article's own photo */
	if (a != NULL && a->nbody == 0 && a->a.headline != NULL)
		flush_photos(p, a);
}

static struct bblock *
last_para(struct bart *a)
{
	if (a == NULL || a->nb == 0 || a->b[a->nb - 1].kind != BLOCK_PARA)
		return NULL;
	return &a->b[a->nb - 1];
}

static size_t
next_nonempty(struct parser *p, size_t i)
{
	while (i < p->nraw && p->raw[i].kind == R_EMPTY)
		i++;
	return i;
}

/* Whether the run of title-like blocks [i, j) opens an article. */
static bool
opens_article(struct parser *p, size_t i, size_t j, bool strong)
{
	struct raw	*r;
	size_t		 k;
	bool		 photo = false;

	for (k = i; k < j; k++)
		if (p->raw[k].mk.hlevel == 1 || p->raw[k].mk.hlevel == 2 ||
		    p->raw[k].mk.kicker_mark)
			return true;
	k = next_nonempty(p, j);
	while (k < p->nraw && (p->raw[k].kind == R_CAPTION ||
	    p->raw[k].kind == R_CREDIT)) {
		photo = true;
		k = next_nonempty(p, k + 1);
	}
	if (k >= p->nraw)
		return photo;
	r = &p->raw[k];
	switch (r->kind) {
	case R_BYLINE:
	case R_SIGN:
	case R_SECTION:
		return true;
	case R_BODY:
		if (inline_byline(r->text, r->len) > 0)
			return true;
		if (strong)
			return false;
		if (p->nart == 0 || p->raw[i].gap > 0)
			return true;
		/* kicker and headline, not a subhead and a broken line */
		return j - i >= 2 && !text_has(p->raw[j - 1].text, p->raw[j - 1].len,
		    "、") && !text_has(p->raw[j - 1].text, p->raw[j - 1].len, "，");
	case R_TITLE:
		return photo;
	default:
		return photo || (!strong && p->raw[i].gap > 0 && j - i >= 2);
	}
}

static bool
deck_marked(const struct raw *r)
{
	return starts(r->text, r->len, "—") || starts(r->text, r->len, "－－") ||
	    starts(r->text, r->len, "--");
}

static const char *
dup_punct(struct parser *p, const char *s, size_t n)
{
	struct buf	b = { 0 };
	const char	*r;

	if (p->opts->keep_punct)
		return arena_strndup(p->a, s, n);
	repair_punct(s, n, &b);
	r = b.failed ? NULL : arena_strndup(p->a, b.p ? b.p : "", b.len);
	if (b.failed)
		p->failed = true;
	buf_free(&b);
	return r;
}

/*
 * Splits "headline deck" given on one line: at " ——", or at a space when
 * both sides are long (a two-line headline keeps its space).
 */
static void
split_deck(struct parser *p, struct bart *a, const char *s, size_t n)
{
	size_t	i, best = 0;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] != ' ')
			continue;
		if (starts(s + i + 1, n - i - 1, "—") ||
		    starts(s + i + 1, n - i - 1, "－－")) {
			best = i;
			break;
		}
		if (best == 0 && nchars(s, i) >= 12 &&
		    nchars(s + i + 1, n - i - 1) >= 12 &&
		    text_is_cjk(last_char(s, i)) &&
		    text_is_cjk(first_of(s + i + 1, n - i - 1)))
			best = i;
	}
	if (best == 0) {
		a->a.headline = dup_punct(p, s, n);
		return;
	}
	a->a.headline = dup_punct(p, s, best);
	a->a.deck = dup_punct(p, s + best + 1, n - best - 1);
}

/*
 * Whether a title line cannot end there: it stops on a particle,
 * preposition or conjunction, or an opening bracket or quote -- the first
 * half of a headline the converter split, not a kicker.  (A line ending
 * in a comma is not a title line at all: see is_title.)
 */
static bool
title_continues(const struct raw *r)
{
	static const text_char	 open[] = {
		0x7684, 0x4e4b, 0x4e0e, 0x548c, 0x53ca, 0x5728, 0x4e3a,	/* 的之与和及在为 */
		0x628a, 0x8ba9, 0x5411, 0x4ece, 0x5bf9, 0x5c06, 0x88ab,	/* 把让向从对将被 */
		0x7ed9, 0x540c, 0x5e76, 0x4e14, 0x6216, 0x4ee5, 0x4e8e,	/* 给同并且或以于 */
		0x8ddf, 0x4f7f, 0x7531, 0x81f3,				/* 跟使由至 */
		0x201c, 0x300a, 0xff08, 0x3008, 0x300c, '(',	/* “《（〈「( */
	};
	text_char	 c;
	size_t		 k;

	if (r->len == 0)
		return false;
	c = last_char(r->text, r->len);
	for (k = 0; k < sizeof open / sizeof *open; k++)
		if (c == open[k])
			return true;
	return false;
}

/*
 * A 上接 note held for the headline after it, when no article opens
 * there after all: it goes to the article at hand, or is a banner.
 */
static void
flush_upcont(struct parser *p, struct bart *a)
{
	const struct raw	*r = p->upcont;

	if (r == NULL)
		return;
	p->upcont = NULL;
	if (a != NULL)
		add_block(p, a, BLOCK_CONT, r->text, r->len, r->src);
	else
		add_banner(p, r);
}

/* Gives the run [i, j) its roles: banners, kicker, headline, deck. */
static void
open_article(struct parser *p, size_t i, size_t j)
{
	struct raw	*r = p->raw;
	struct bart	*a;
	struct buf	 head = { 0 }, deck = { 0 };
	size_t		 h, k, lines = 1;
	int		 level = 0;

	flush_photos(p, cur(p));
	for (k = i; k < j; k++)
		if ((r[k].mk.hlevel == 1 || r[k].mk.hlevel == 2) &&
		    !deck_marked(&r[k]) && (level == 0 || r[k].mk.hlevel < level))
			level = r[k].mk.hlevel;
	if (level > 0) {
		for (h = i; r[h].mk.hlevel != level || deck_marked(&r[h]); h++)
			;
		/*
		 * A column's name over a longer title (## 短评, ### 让…):
		 * the name is the kicker, the title the headline.
		 */
		if (h + 1 < j && r[h].chars <= 4 && r[h + 1].mk.hlevel > level &&
		    !deck_marked(&r[h + 1]) && r[h + 1].chars > r[h].chars &&
		    (h == i || r[h - 1].mk.hlevel != level)) {
			h++;
			level = r[h].mk.hlevel;
		}
	} else {
		/* the headline stands last, before any deck ... */
		h = j - 1;
		while (h > i && deck_marked(&r[h]))
			h--;
		/* ... unless the last line is a long deck without a dash */
		if (h > i && h == j - 1 && !r[h - 1].mk.kicker_mark &&
		    r[h].chars >= 20 && r[h].chars * 2 >= r[h - 1].chars * 3 &&
		    !(r[h - 1].chars <= 10 && h - 1 == i))
			h--;
		/* a headline split over two lines is one headline */
		if (h > i && !r[h - 1].mk.kicker_mark &&
		    r[h - 1].mk.hlevel == 0 && r[h].mk.hlevel == 0 &&
		    title_continues(&r[h - 1])) {
			h--;
			lines = 2;
		}
	}
	/*
	 * Short lines in a row after an article's text, before a marked
	 * headline, unmarked or marked as its subheads, are that text's last
	 * lines (a poem's, a list's), not banners and a kicker.
	 */
	if (level > 0 && h - i >= 2 && (a = cur(p)) != NULL &&
	    (a->nb > 0 || a->a.byline != NULL)) {
		for (k = i; k < h && (r[k].mk.hlevel == 0 ||
		    r[k].mk.hlevel > level) && !r[k].mk.kicker_mark; k++)
			;
		if (k == h) {
			for (k = i; k < h; k++)
				add_block(p, a, r[k].mk.hlevel > 0 ?
				    BLOCK_SUBHEAD : BLOCK_PARA, r[k].text,
				    r[k].len, r[k].src);
			i = h;
		}
	}
	for (k = i; k + 1 < h; k++)
		add_banner(p, &r[k]);
	if ((a = new_article(p, r[h > i ? h - 1 : h].src)) == NULL)
		return;
	if (h > i)
		a->a.kicker = dup_punct(p, r[h - 1].text, r[h - 1].len);
	if (p->upcont != NULL) {
		add_block(p, a, BLOCK_CONT, p->upcont->text, p->upcont->len,
		    p->upcont->src);
		p->upcont = NULL;
	}
	buf_add(&head, r[h].text, r[h].len);
	for (k = h + 1; k < h + lines; k++)
		repair_join(&head, r[k].text, r[k].len);
	for (; k < j && level > 0 && r[k].mk.hlevel == level &&
	    !deck_marked(&r[k]); k++)
		repair_join(&head, r[k].text, r[k].len);
	for (; k < j; k++) {
		if (deck.len > 0)
			buf_addc(&deck, ' ');
		buf_add(&deck, r[k].text, r[k].len);
	}
	if (deck.len == 0 && head.p != NULL)
		split_deck(p, a, head.p, head.len);
	else {
		a->a.headline = dup_punct(p, head.p ? head.p : "", head.len);
		a->a.deck = dup_punct(p, deck.p, deck.len);
	}
	if (head.failed || deck.failed)
		p->failed = true;
	buf_free(&head);
	buf_free(&deck);
}

/*
 * Copies a byline to out without the stray spaces a converter leaves
 * inside its set words (本报 讯, 记 者, 通讯 员, 报 道); the spaces
 * between its parts and names stay.
 */
static void
byline_tidy(const char *s, size_t n, struct buf *out)
{
	static const text_char	 pairs[][2] = {
		{ 0x672c, 0x62a5 }, { 0x62a5, 0x8baf }, { 0x8bb0, 0x8005 },
		{ 0x901a, 0x8baf }, { 0x8baf, 0x5458 }, { 0x62a5, 0x9053 },
		{ 0x62a5, 0x8bb0 },
	};	/* 本报 报讯 记者 通讯 讯员 报道 报记 */
	size_t		 i = 0, k, len;
	text_char	 c, prev = 0, next;

	while (i < n) {
		len = text_decode(s + i, n - i, &c);
		if (c == ' ' && i + 1 < n) {
			text_decode(s + i + 1, n - i - 1, &next);
			for (k = 0; k < sizeof pairs / sizeof *pairs; k++)
				if (prev == pairs[k][0] && next == pairs[k][1])
					break;
			if (k < sizeof pairs / sizeof *pairs) {
				i++;
				continue;
			}
		}
		buf_add(out, s + i, len);
		prev = c;
		i += len;
	}
}

/* A byline, tidied and with full-width punctuation, in the arena. */
static const char *
dup_byline(struct parser *p, const char *s, size_t n)
{
	struct buf	 b = { 0 };
	const char	*r;

	byline_tidy(s, n, &b);
	r = b.failed ? NULL : dup_punct(p, b.p ? b.p : "", b.len);
	if (b.failed)
		p->failed = true;
	buf_free(&b);
	return r;
}

static void
set_byline(struct parser *p, struct bart *a, const char *s, size_t n)
{
	s = skip_box(s, &n);
	a->a.byline = dup_byline(p, s, n);
}

/* Body text: a rejoined half, a new paragraph, or a new article. */
static void
body(struct parser *p, const struct raw *r)
{
	struct bart	*a = cur(p);
	struct bblock	*last = last_para(a);
	size_t		 by = inline_byline(r->text, r->len), cont;

	if (by > 0 && (a == NULL || a->nbody > 0 || a->a.headline == NULL)) {
		/* an article whose headline the converter lost */
		if ((a = new_article(p, r->src)) == NULL)
			return;
		flush_photos(p, a);
		last = NULL;
	} else if (a == NULL) {
		if ((a = new_article(p, r->src)) == NULL)
			return;
		last = NULL;
	}
	if (by > 0 && a->a.byline == NULL) {
		a->a.byline = dup_byline(p, r->text, by);
		a->a.byline_inline = true;
	}
	if (last != NULL && by == 0 && !p->opts->whole &&
	    !terminated(last->text.p, last->text.len)) {
		repair_join(&last->text, r->text, r->len);
		p->is->damage.rejoined++;
		flush_photos(p, a);
		return;
	}
	flush_photos(p, a);
	cont = trailing_cont(r->text, r->len);
	add_block(p, a, BLOCK_PARA, r->text, cont, r->src);
	if (cont < r->len) {
		add_block(p, a, BLOCK_CONT, r->text + cont, r->len - cont,
		    r->src + cont);
	}
}

static void
assemble(struct parser *p)
{
	struct raw	*r;
	struct bart	*a;
	struct bblock	*last;
	size_t		 i, j, k;
	bool		 sub, opens;

	for (i = 0; i < p->nraw && !p->failed; ) {
		r = &p->raw[i];
		a = cur(p);
		switch (r->kind) {
		case R_EMPTY:
			i++;
			continue;
		case R_MAST:
			if (!vec_grow(&p->mastb, &p->mastcap, p->nmastb,
			    sizeof *p->mastb)) {
				p->failed = true;
				break;
			}
			memset(&p->mastb[p->nmastb], 0, sizeof *p->mastb);
			p->mastb[p->nmastb].kind = BLOCK_MAST;
			p->mastb[p->nmastb].src = r->src;
			buf_add(&p->mastb[p->nmastb++].text, r->text, r->len);
			if (mast_is_contact(r->text, r->len) &&
			    p->is->contact == NULL)
				p->is->contact = r->text;
			i++;
			continue;
		case R_PAGE:
			p->page = r->page;
			/* FALLTHROUGH */
		case R_META:
			flush_photos(p, a);
			add_banner(p, r);
			i++;
			continue;
		case R_CAPTION:
		case R_CREDIT:
			if (r->kind == R_CREDIT)
				add_photo(p, "", 0, r->text, r->src);
			else
				add_photo(p, r->text, r->len, r->credit, r->src);
			i++;
			continue;
		case R_TITLE:
			for (j = i + 1; j < p->nraw && p->raw[j].kind == R_TITLE &&
			    p->raw[j].gap == 0; j++)
				;
			sub = a != NULL && a->nbody > 0 && r->mk.hlevel >= 3 &&
			    !opens_article(p, i, j, true);
			opens = !sub && opens_article(p, i, j, false);
			/* a pending 上接 note goes with a new article, else here */
			if (!opens)
				flush_upcont(p, a);	/* may move a's blocks */
			last = last_para(a);
			if (sub) {
				/* a subhead; what follows it is text */
				flush_photos(p, a);
				add_block(p, a, BLOCK_SUBHEAD, r->text, r->len,
				    r->src);
				i++;
				continue;
			}
			if (a != NULL && j == i + 1 && r->mk.hlevel == 0 &&
			    ((a->nb > 0 && a->b[a->nb - 1].kind == BLOCK_SUBHEAD) ||
			    (last != NULL && !terminated(last->text.p,
			    last->text.len))) && !opens) {
				body(p, r);
				i = j;
				continue;
			}
			if (opens) {
				open_article(p, i, j);
				i = j;
				continue;
			}
			if (a == NULL) {
				for (k = i; k < j; k++)
					add_banner(p, &p->raw[k]);
				i = j;
				continue;
			}
			flush_photos(p, a);
			for (k = i; k < j; k++) {
				r = &p->raw[k];
				if (r->mk.hlevel == 0 && r->chars >= 12 &&
				    memchr(r->text, ' ', r->len) == NULL &&
				    k + 1 == j)
					body(p, r);
				else
					add_block(p, a, BLOCK_SUBHEAD, r->text,
					    r->len, r->src);
			}
			i = j;
			continue;
		case R_SIGN:
		case R_BYLINE:
			if (a == NULL || a->nbody > 0 || a->a.byline != NULL) {
				if (a != NULL && a->nbody > 0) {
					/* a signature after the text */
					flush_photos(p, a);
					add_block(p, a, BLOCK_PARA, r->text,
					    r->len, r->src);
					i++;
					continue;
				}
				if ((a = new_article(p, r->src)) == NULL)
					break;
			}
			flush_photos(p, a);
			set_byline(p, a, r->text, r->len);
			a->sign = r->kind == R_SIGN;
			i++;
			continue;
		case R_SECTION:
		case R_NOTE:
			if (a == NULL && (a = new_article(p, r->src)) == NULL)
				break;
			flush_photos(p, a);
			add_block(p, a, r->kind == R_SECTION ? BLOCK_SECTION :
			    BLOCK_NOTE, r->text, r->len, r->src);
			i++;
			continue;
		case R_CONT:
			k = next_nonempty(p, i + 1);
			if (r->up && k < p->nraw && p->raw[k].kind == R_TITLE) {
				p->upcont = r;
				i++;
				continue;
			}
			if (a == NULL && (a = new_article(p, r->src)) == NULL)
				break;
			flush_photos(p, a);
			add_block(p, a, BLOCK_CONT, r->text, r->len, r->src);
			i++;
			continue;
		case R_BODY:
			body(p, r);
			i++;
			continue;
		}
		i++;
	}
	flush_upcont(p, cur(p));
	flush_photos(p, cur(p));
	/*
	 * Short lines only, none of which opened an article: rather than hide
	 * them as banners, make them an article, the first as its headline.
	 */
	if (p->nart == 0 && p->nban > 0 && !p->failed) {
		struct bart	*a;

		p->nitems = 0;
		if ((a = new_article(p, p->ban[0].src)) == NULL)
			return;
		a->a.headline = dup_punct(p, p->ban[0].text.p ? p->ban[0].text.p :
		    "", p->ban[0].text.len);
		for (i = 1; i < p->nban; i++)
			add_block(p, a, BLOCK_PARA, p->ban[i].text.p ?
			    p->ban[i].text.p : "", p->ban[i].text.len, p->ban[i].src);
		for (i = 0; i < p->nban; i++)
			buf_free(&p->ban[i].text);
		p->nban = 0;
	}
}

/* ---- finishing --------------------------------------------------------- */

static const char *
finish_text(struct parser *p, enum block_kind kind, struct buf *t, size_t *len)
{
	struct buf	 a = { 0 }, b = { 0 };
	const char	*s = t->p ? t->p : "";
	size_t		 n = t->len;
	char		*r;

	if (kind != BLOCK_MAST && kind != BLOCK_BANNER && !p->opts->keep_punct) {
		repair_punct(s, n, &a);
		s = a.p ? a.p : "";
		n = a.len;
	}
	if (kind == BLOCK_PARA || kind == BLOCK_PHOTO || kind == BLOCK_SECTION ||
	    kind == BLOCK_NOTE) {
		/* an inline byline keeps its spaces: 本报讯 记者某某 */
		size_t	by = kind == BLOCK_PARA ? inline_byline(s, n) : 0;

		byline_tidy(s, by, &b);
		repair_spaces(s + by, n - by, &b, p->damaged);
		s = b.p ? b.p : "";
		n = b.len;
	}
	if (t->failed || a.failed || b.failed)
		p->failed = true;
	r = arena_strndup(p->a, s, n);
	if (r == NULL)
		p->failed = true;
	*len = n;
	buf_free(&a);
	buf_free(&b);
	return r;
}

static struct block *
finish_blocks(struct parser *p, struct bblock *bb, size_t n)
{
	struct block	*v;
	size_t		 i;

	if ((v = arena_alloc(p->a, (n ? n : 1) * sizeof *v)) == NULL) {
		p->failed = true;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		v[i].kind = bb[i].kind;
		v[i].src = bb[i].src;
		v[i].text = finish_text(p, bb[i].kind, &bb[i].text, &v[i].len);
		v[i].extra = NULL;
		if (bb[i].credit != NULL) {
			size_t		 m = strlen(bb[i].credit);
			const char	*c = skip_box(bb[i].credit, &m);

			v[i].extra = arena_strndup(p->a, c, m);
		}
		buf_free(&bb[i].text);
	}
	return v;
}

/* A headline from the first words, for an article that lost its own. */
static void
guess_headline(struct parser *p, struct article *a)
{
	const struct block	*b = NULL;
	size_t			 i, n, by, start, k;
	const char		*s;

	for (i = 0; i < a->nblocks && b == NULL; i++)
		if (a->blocks[i].kind == BLOCK_PARA)
			b = &a->blocks[i];
	for (i = 0; i < a->nblocks && b == NULL; i++)
		if (a->blocks[i].kind == BLOCK_PHOTO)
			b = &a->blocks[i];
	if (b == NULL || b->len == 0)
		return;
	s = b->text;
	n = b->len;
	by = inline_byline(s, n);
	start = by;
	while (start < n && (s[start] == ':' || s[start] == ' ' ||
	    starts(s + start, n - start, "：")))
		start += s[start] == ' ' || s[start] == ':' ? 1 : 3;
	for (i = start, k = 0; i < n && k < 20; k++) {
		text_char	c;
		size_t		len = text_decode(s + i, n - i, &c);

		if ((c == 0xff0c || c == 0x3002 || c == 0xff1f || c == 0xff01 ||
		    c == 0xff1b) && k >= 6)
			break;
		i += len;
	}
	if (i <= start)
		return;
	{
		struct buf	h = { 0 };

		buf_add(&h, s + start, i - start);
		buf_adds(&h, "…");
		a->headline = h.failed ? NULL : arena_strndup(p->a, h.p, h.len);
		if (h.failed)
			p->failed = true;
		buf_free(&h);
	}
	a->guessed = true;
}

static bool
has_cont(const struct article *a, const char *dir)
{
	size_t	i;

	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].kind == BLOCK_CONT && strstr(a->blocks[i].text, dir))
			return true;
	return false;
}

/*
 * An article that starts with (上接01版) continues an earlier one that ends
 * with (下转02版) under the same headline: its blocks join that article and
 * it is no article of its own.  p->items and p->nart follow.
 */
/*
 * The title lines of a continued part -- kicker, headline, deck and a
 * byline on its own line -- as blocks into v (up to 4); how many.
 */
static size_t
cont_heading(const struct article *a, struct block *v)
{
	const char	*line[4];
	size_t		 i, n = 0;

	line[0] = a->kicker;
	line[1] = a->guessed ? NULL : a->headline;
	line[2] = a->deck;
	line[3] = a->byline_inline ? NULL : a->byline;
	for (i = 0; i < 4; i++) {
		if (line[i] == NULL || *line[i] == '\0')
			continue;
		memset(&v[n], 0, sizeof v[n]);
		v[n].kind = i == 3 ? BLOCK_PARA : BLOCK_SUBHEAD;
		v[n].text = line[i];
		v[n].len = strlen(line[i]);
		v[n].src = a->src;
		n++;
	}
	return n;
}

static void
merge_continuations(struct parser *p, struct article *av)
{
	size_t		 a, b, i, k, *map;
	struct block	*v;
	bool		 merged = false;

	if ((map = malloc((p->nart + 1) * sizeof *map)) == NULL) {
		p->failed = true;
		return;
	}
	for (a = 0; a < p->nart; a++)
		map[a] = a;
	for (a = 1; a < p->nart; a++) {
		if (av[a].nblocks == 0 || av[a].blocks[0].kind != BLOCK_CONT ||
		    strstr(av[a].blocks[0].text, "上接") == NULL)
			continue;
		for (b = a; b-- > 0; ) {
			if (map[b] != b || !has_cont(&av[b], "下转"))
				continue;
			if (av[a].headline != NULL && !av[a].guessed &&
			    (av[b].headline == NULL ||
			    strcmp(av[a].headline, av[b].headline) != 0))
				continue;
			v = arena_alloc(p->a, (av[a].nblocks + av[b].nblocks +
			    4) * sizeof *v);
			if (v == NULL)
				break;
			memcpy(v, av[b].blocks, av[b].nblocks * sizeof *v);
			/*
			 * After the 上接 note, the continued part's own title
			 * lines, as the page prints them: no text is lost.
			 */
			v[av[b].nblocks] = av[a].blocks[0];
			k = av[b].nblocks + 1;
			k += cont_heading(&av[a], v + k);
			memcpy(v + k, av[a].blocks + 1,
			    (av[a].nblocks - 1) * sizeof *v);
			av[b].blocks = v;
			av[b].nblocks = k + av[a].nblocks - 1;
			map[a] = b;
			merged = true;
			break;
		}
	}
	if (merged) {
		/* close the gaps: articles and the items that name them */
		size_t	*to = malloc((p->nart + 1) * sizeof *to);

		if (to == NULL) {
			free(map);
			return;
		}
		for (a = 0, k = 0; a < p->nart; a++) {
			to[a] = map[a] == a ? k : (size_t)-1;
			if (map[a] == a)
				av[k++] = av[a];
		}
		for (i = 0, k = 0; i < p->nitems; i++) {
			if (!p->items[i].banner) {
				if (to[p->items[i].idx] == (size_t)-1)
					continue;
				p->items[i].idx = to[p->items[i].idx];
			}
			p->items[k++] = p->items[i];
		}
		p->nitems = k;
		for (a = 0, k = 0; a < p->nart; a++)
			k += map[a] == a;
		p->nart = k;
		free(to);
	}
	free(map);
}

static bool
kicker_says_commentary(const char *k)
{
	return k != NULL && (strstr(k, "评") != NULL || strstr(k, "社论") != NULL ||
	    strstr(k, "论坛") != NULL || strstr(k, "观点") != NULL);
}

static void
finish(struct parser *p)
{
	struct issue	*is = p->is;
	struct article	*av;
	size_t		 i, k, nbody, nphoto;

	if (p->mast.year > 0 && p->mast.year < 10000 && p->mast.month > 0 &&
	    p->mast.month <= 12 && p->mast.day > 0 && p->mast.day <= 31)
		snprintf(is->date, sizeof is->date, "%04d-%02d-%02d",
		    p->mast.year % 10000, p->mast.month % 100, p->mast.day % 100);
	if (p->mast.weekday[0] != '\0')
		is->weekday = arena_strndup(p->a, p->mast.weekday,
		    strlen(p->mast.weekday));
	if (p->mast.lunar[0] != '\0')
		is->lunar = arena_strndup(p->a, p->mast.lunar,
		    strlen(p->mast.lunar));
	if (p->mast.number[0] != '\0')
		is->number = arena_strndup(p->a, p->mast.number,
		    strlen(p->mast.number));
	is->pages = p->mast.pages;
	guess_title(p);

	/* Is the converter's space damage everywhere, or only here and there? */
	{
		size_t	spaces = 0, han = 0;

		for (i = 0; i < p->nart; i++)
			for (k = 0; k < p->art[i].nb; k++) {
				const struct buf	*t = &p->art[i].b[k].text;

				if (p->art[i].b[k].kind != BLOCK_PARA || t->p == NULL)
					continue;
				spaces += repair_count_cjk_spaces(t->p, t->len);
				han += text_han_count(t->p, t->len);
			}
		p->damaged = han > 0 && spaces * 1000 / han >= 5 &&
		    !p->opts->whole;
	}
	p->is->damage.spaces = p->damaged;

	is->mast = finish_blocks(p, p->mastb, p->nmastb);
	is->nmast = p->nmastb;
	av = arena_alloc(p->a, (p->nart ? p->nart : 1) * sizeof *av);
	if (av == NULL) {
		p->failed = true;
		return;
	}
	for (i = 0; i < p->nart; i++) {
		struct bart	*b = &p->art[i];

		av[i] = b->a;
		av[i].blocks = finish_blocks(p, b->b, b->nb);
		av[i].nblocks = b->nb;
		free(b->b);
		b->b = NULL;
		b->nb = 0;
		nbody = nphoto = 0;
		for (k = 0; k < av[i].nblocks; k++) {
			nbody += av[i].blocks[k].kind == BLOCK_PARA;
			nphoto += av[i].blocks[k].kind == BLOCK_PHOTO;
		}
		if (b->sign || kicker_says_commentary(av[i].kicker))
			av[i].kind = ARTICLE_COMMENTARY;
		else if (nbody == 0 && nphoto > 0)
			av[i].kind = ARTICLE_PHOTO;
		else if (av[i].byline == NULL && av[i].nblocks > 0 &&
		    av[i].blocks[0].kind == BLOCK_SECTION)
			av[i].kind = ARTICLE_SIDEBAR;
		else
			av[i].kind = ARTICLE_STORY;
		if (av[i].headline == NULL || av[i].headline[0] == '\0') {
			av[i].headline = NULL;
			guess_headline(p, &av[i]);
		}
		if (av[i].page == 0 && is->nmast > 0)
			av[i].page = 1;
	}
	merge_continuations(p, av);
	is->articles = av;
	is->narticles = p->nart;
	is->items = arena_alloc(p->a, (p->nitems ? p->nitems : 1) *
	    sizeof *is->items);
	{
		struct block	*bv = finish_blocks(p, p->ban, p->nban);

		if (is->items == NULL || bv == NULL) {
			p->failed = true;
			return;
		}
		for (i = 0; i < p->nitems; i++) {
			is->items[i].banner = p->items[i].banner ?
			    &bv[p->items[i].idx] : NULL;
			is->items[i].article = p->items[i].banner ? NULL :
			    &av[p->items[i].idx];
		}
		is->nitems = p->nitems;
	}
}

/* ---- splitting --------------------------------------------------------- */

static bool
blank_line(const char *s, size_t n)
{
	size_t	i = 0;

	while (i < n) {
		if (s[i] == ' ')
			i++;
		else if (starts(s + i, n - i, "\xe3\x80\x80"))
			i += 3;
		else
			return false;
	}
	return true;
}

/* Splits the text into blocks at blank lines and strips their markup. */
static bool
split(struct parser *p)
{
	const char	*t = p->is->text;
	size_t		 n = p->is->textlen, i = 0, e, cap = 0, start;
	int		 gap = 0, blanks = 0;
	struct buf	 joined = { 0 }, clean = { 0 };
	struct raw	*r;
	size_t		 nblank = 0, nfull = 0, next;
	bool		 lines, hard;

	/*
	 * Most converters separate paragraphs by blank lines; some put one
	 * paragraph on each line and no blank line at all.
	 */
	for (i = 0; i < n; i = e + 1) {
		for (e = i; e < n && t[e] != '\n'; e++)
			;
		if (blank_line(t + i, e - i))
			nblank++;
		else
			nfull++;
	}
	lines = nfull > 10 && nblank * 10 < nfull;
	i = 0;
	while (i < n) {
		e = i;
		while (e < n && t[e] != '\n')
			e++;
		if (blank_line(t + i, e - i)) {
			blanks++;
			i = e + 1;
			continue;
		}
		/* a block: this line and the non-blank ones after it */
		start = i;
		joined.len = 0;
		hard = false;
		for (;;) {
			size_t	a = i, b = e;

			while (a < b && t[a] == ' ')
				a++;
			while (b > a && t[b - 1] == ' ')
				b--;
			/* a Markdown hard break ("  " at the end) is a real space */
			if (hard && joined.len > 0)
				buf_addc(&joined, ' ');
			hard = e - b >= 2 && t[e - 1] == ' ' && t[e - 2] == ' ';
			repair_join(&joined, t + a, b - a);
			next = e < n ? e + 1 : n;
			if (lines || next >= n) {
				i = next;
				break;
			}
			for (e = next; e < n && t[e] != '\n'; e++)
				;
			i = next;
			if (blank_line(t + next, e - next))
				break;	/* the outer loop counts it */
		}
		gap = lines ? blanks : blanks > 1 ? blanks - 1 : 0;
		blanks = 0;
		if (!vec_grow(&p->raw, &cap, p->nraw, sizeof *p->raw))
			goto fail;
		r = &p->raw[p->nraw++];
		memset(r, 0, sizeof *r);
		r->src = start;
		r->gap = gap;
		clean.len = 0;
		repair_markup(joined.p ? joined.p : "", joined.len, &clean, &r->mk);
		if (clean.failed || joined.failed)
			goto fail;
		if (clean.len < joined.len && joined.p != NULL &&
		    (strstr(joined.p, "**") != NULL || strchr(joined.p, '<') ||
		    strstr(joined.p, "](") != NULL || strchr(joined.p, '\\')))
			p->is->damage.markup++;
		r->text = arena_strndup(p->a, clean.p ? clean.p : "", clean.len);
		if (r->text == NULL)
			goto fail;
		r->len = clean.len;
		r->chars = nchars(r->text, r->len);
	}
	buf_free(&joined);
	buf_free(&clean);
	return true;
fail:
	buf_free(&joined);
	buf_free(&clean);
	return false;
}

struct issue *
issue_parse(const char *in, size_t n, const struct issue_opts *opts,
    const char **err)
{
	char	*text;
	size_t	 len;

	*err = "out of memory";
	if ((text = text_sanitise(in, n, &len)) == NULL)
		return NULL;
	/* a web edition's articles with front matter: the vault front-end */
	if (vault_has_front_matter(text, len) ||
	    memmem(text, len, "\n---\ntitle:", 11) != NULL)
		return vault_parse(text, len, opts, err);
	return issue_parse_text(text, len, opts, err);
}

struct issue *
issue_parse_text(char *text, size_t len, const struct issue_opts *opts,
    const char **err)
{
	static const struct issue_opts	 defaults = { false, false };
	struct parser			 p;
	struct issue			*is;
	size_t				 i;

	*err = "out of memory";
	memset(&p, 0, sizeof p);
	p.opts = opts != NULL ? opts : &defaults;
	if ((is = calloc(1, sizeof *is)) == NULL) {
		free(text);
		return NULL;
	}
	p.is = is;
	is->text = text;
	is->textlen = len;
	if ((is->arena = p.a = arena_new()) == NULL)
		goto fail;
	if (!split(&p))
		goto fail;
	for (i = 0; i < p.nraw; i++)
		classify(&p, &p.raw[i]);
	mark_captions(&p);
	mark_headlines(&p);
	masthead_zone(&p);
	assemble(&p);
	if (!p.failed)
		finish(&p);
	for (i = 0; i < p.nart; i++) {
		size_t	k;

		for (k = 0; k < p.art[i].nb; k++)
			buf_free(&p.art[i].b[k].text);
		free(p.art[i].b);
	}
	for (i = 0; i < p.nban; i++)
		buf_free(&p.ban[i].text);
	for (i = 0; i < p.nmastb; i++)
		buf_free(&p.mastb[i].text);
	for (i = 0; i < p.npend; i++)
		buf_free(&p.pend[i].text);
	free(p.art);
	free(p.ban);
	free(p.mastb);
	free(p.items);
	free(p.pend);
	free(p.raw);
	if (p.failed || arena_failed(p.a))
		goto fail2;
	*err = NULL;
	return is;
fail:
	free(p.raw);
fail2:
	issue_free(is);
	return NULL;
}

void
issue_free(struct issue *is)
{
	size_t	i;

	if (is == NULL)
		return;
	for (i = 0; i < is->nparts; i++)
		issue_free(is->parts[i]);
	free(is->parts);
	for (i = 0; i < sizeof is->owned / sizeof is->owned[0]; i++)
		free(is->owned[i]);
	arena_free(is->arena);
	free(is->text);
	free(is);
}

const char *
issue_kind_name(enum article_kind k)
{
	switch (k) {
	case ARTICLE_PHOTO:
		return "photo";
	case ARTICLE_COMMENTARY:
		return "commentary";
	case ARTICLE_SIDEBAR:
		return "sidebar";
	default:
		return "story";
	}
}
