/*
 * lines: what one block of text is -- a byline, a photo credit, a
 * continuation note, a page name, a numbered section, a title-like line --
 * by its shape and the lexicon.  Each test looks at its block only.
 */
#include <string.h>

#include "parse.h"

size_t
u8_count(const char *s, size_t n)
{
	uint64_t	w, t;
	size_t		i = 0, cont = 0;

	/* eight bytes at a time: count the continuation bytes, 10xxxxxx */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		t = (w >> 7) & ~(w >> 6) & 0x0101010101010101ULL;
		cont += (size_t)((t * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xc0) == 0x80;
	return n - cont;
}

bool
u8_over(const char *s, size_t n, size_t k)
{
	if (n <= k)
		return false;
	if (n > 4 * k)
		return true;	/* no character is over 4 bytes */
	return u8_count(s, n) > k;
}

size_t
str_count(const char *s, size_t n, const char *w)
{
	size_t	k = strlen(w), i, c = 0;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			c++;
	return c;
}

bool
str_starts(const char *s, size_t n, const char *w)
{
	size_t	k;

	if (*w == '\0')
		return true;
	if (n == 0 || *s != *w)
		return false;
	k = strlen(w);
	return n >= k && memcmp(s, w, k) == 0;
}

bool
str_ends(const char *s, size_t n, const char *w)
{
	size_t	k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

text_char
u8_last(const char *s, size_t n)
{
	text_char	c = 0;
	size_t		i = n;

	while (i > 0) {
		do
			i--;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
		text_decode_fast(s + i, n - i, &c);
		if (!text_is_space(c))
			return c;
		n = i;
	}
	return 0;
}

text_char
u8_first(const char *s, size_t n)
{
	text_char	c = 0;

	if (n > 0)
		text_decode_fast(s, n, &c);
	return c;
}

bool
ends_sentence(const char *s, size_t n)
{
	return text_is_sentence_end(u8_last(s, n));
}

/* Skips □ and spaces at the start. */
const char *
skip_box(const char *s, size_t *n)
{
	for (;;) {
		if (str_starts(s, *n, PU_BOX) || str_starts(s, *n, PU_IDEO_SPACE)) {
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
		len = text_decode_fast(s + i, n - i, &c);
		if (text_is_han(c))
			(*k)++;
		else if (c != ' ' && c != 0x00b7)
			return false;
		i += len;
	}
	return true;
}




/* Skips an opening bracket: its length, and the closing one into *close. */
static size_t
open_bracket(const char *s, size_t n, const char **close)
{
	static const char *const	 pairs[][2] = {
		{ PU_LPAREN, PU_RPAREN }, { "(", ")" },
		{ PU_LLENTIL, PU_RLENTIL }, { "[", "]" },
		{ PU_LTORTOISE, PU_RTORTOISE },
		{ PU_FW_LBRACKET, PU_FW_RBRACKET },
	};
	size_t				 i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (str_starts(s, n, pairs[i][0])) {
			*close = pairs[i][1];
			return strlen(pairs[i][0]);
		}
	return 0;
}

/* Digits, ASCII or full width, up to max of them: their value, or -1. */
static int
number(const char *s, size_t n, size_t *i, int max)
{
	long	v;

	return text_digits(s, n, i, max, &v) > 0 ? (int)v : -1;
}

/* Without a trailing e-mail address and spaces: 홍길동 기자 hong@... */
static size_t
trim_mail(const char *s, size_t n)
{
	size_t	e = n, b;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && s[b - 1] != ' '; b--)
		;
	if (b > 0 && memchr(s + b, '@', e - b) != NULL)
		e = b;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	return e;
}

bool
line_is_credit(const struct lexicon *lx, const char *s, size_t n)
{
	const char	*close;
	size_t		 k;

	s = skip_box(s, &n);
	if ((k = open_bracket(s, n, &close)) > 0 && str_ends(s, n, close) &&
	    n >= k + strlen(close)) {
		s += k;
		n -= k + strlen(close);
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0 || u8_over(s, n, LEN_NAME) || text_has(s, n, PU_STOP) ||
	    text_has(s, n, PU_COMMA) || text_has(s, n, ","))
		return false;
	return lex_ends(s, n, lx->credit) > 0 ||
	    lex_starts(s, n, lx->credit_lead) > 0;
}

/* Past "our paper" and a reporter's prefixes: 本报特约记者 -> 记者. */
static const char *
past_own(const struct lexicon *lx, const char *s, size_t *n)
{
	size_t	k, i;

	if ((k = lex_starts(s, *n, lx->own)) > 0) {
		s += k;
		*n -= k;
	}
	for (i = 0; i < 2 && (k = lex_starts(s, *n, lx->prefix)) > 0; i++) {
		s += k;
		*n -= k;
	}
	return s;
}

bool
line_is_byline(const struct lexicon *lx, const char *s, size_t n)
{
	size_t		c, e;
	text_char	l = u8_last(s, n);

	/* a sentence is no byline: 기자들이 모였다. */
	if (n > 4 * LEN_LINE || (c = u8_count(s, n)) > LEN_LINE || l == '.' ||
	    l == '!' || l == '?' || l == U_FW_EXCLAM || l == U_FW_QUESTION ||
	    text_has(s, n, PU_STOP) || text_has(s, n, PU_COMMA))
		return false;
	if (str_starts(s, n, PU_BOX))
		return true;	/* short enough: counted above */
	if (lex_starts(s, n, lx->lead) > 0)
		return c <= LEN_HEAD;
	s = skip_box(s, &n);
	if (c > LEN_HEAD)
		return false;
	{
		size_t		 m = n;
		const char	*t = past_own(lx, s, &m);

		if (lex_starts(t, m, lx->reporter) > 0)
			return !text_has(t, m, PU_COLON) && !text_has(t, m, ":");
	}
	/* 홍길동 기자, 山田太郎記者: the name first */
	if (!lx->name_first)
		return false;
	e = trim_mail(s, n);
	return c <= LEN_NAME && lex_ends(s, e, lx->reporter) > 0 &&
	    !text_has(s, e, ". ") && !text_has(s, e, PU_COLON);
}

bool
line_is_note(const struct lexicon *lx, const char *s, size_t n)
{
	static const char	*dash[] = { PU_EM_DASH, PU_FW_HYPHEN, "-", PU_LLENTIL };
	size_t			 i;

	if (lex_starts(s, n, lx->note) > 0 ||
	    (str_starts(s, n, PU_LLENTIL) && lex_starts(s + 3, n - 3, lx->note) > 0))
		return true;
	if (u8_over(s, n, LEN_NOTE))
		return false;
	for (i = 0; i < sizeof dash / sizeof dash[0]; i++)
		if (str_starts(s, n, dash[i]) && (str_ends(s, n, dash[i]) ||
		    (i == 3 && str_ends(s, n, PU_RLENTIL))) && n > 2 * strlen(dash[i]))
			return true;
	return false;
}

/* (下转02版), （上接第1版）, （２面に続く）: the page and direction. */
bool
line_is_cont(const struct lexicon *lx, const char *s, size_t n, int *page,
    bool *up)
{
	const struct lex_cont	*c;
	const char		*close;
	size_t			 i, o, k, m;
	int			 v;

	if ((o = open_bracket(s, n, &close)) == 0 || o > 3 ||
	    str_starts(s, n, PU_LLENTIL) || str_starts(s, n, "["))
		return false;
	for (c = lx->cont; c->after != NULL; c++) {
		i = o;
		k = strlen(c->before);
		if (!str_starts(s + i, n - i, c->before))
			continue;
		i += k;
		if (k > 0 && (m = lex_starts(s + i, n - i, lex_ordinal)) > 0)
			i += m;
		if ((v = number(s, n, &i, 3)) < 0)
			continue;
		if (!str_starts(s + i, n - i, c->after))
			continue;
		i += strlen(c->after);
		if (!str_starts(s + i, n - i, close) || i + strlen(close) != n)
			continue;
		*page = v;
		*up = c->up;
		return true;
	}
	return false;
}

/* Where a continuation note ends the text: "...收完。(下转02版)", else n. */
size_t
line_trailing_cont(const struct lexicon *lx, const char *s, size_t n)
{
	size_t	i, e;
	int	page;
	bool	up;

	for (i = n; i > 0 && n - i < 48; i--) {
		if (s[i - 1] != '(' && !(i >= 3 && str_starts(s + i - 3,
		    n - i + 3, PU_LPAREN)))
			continue;
		i -= s[i - 1] == '(' ? 1 : 3;
		if (i > 0 && line_is_cont(lx, s + i, n - i, &page, &up)) {
			for (e = i; e > 0 && s[e - 1] == ' '; e--)
				;
			return e > 0 ? e : n;
		}
		break;
	}
	return n;
}

bool
line_is_page(const struct lexicon *lx, const char *s, size_t n, int *page)
{
	size_t	i = 0, k;
	int	v;

	if (u8_over(s, n, LEN_PAGE))
		return false;
	i = lex_starts(s, n, lex_ordinal);
	if ((v = number(s, n, &i, 3)) < 0)
		return false;
	if ((k = lex_starts(s + i, n - i, lx->page_unit)) == 0)
		return false;
	i += k;
	if (i < n && !(s[i] == ' ' || s[i] == ':' || str_starts(s + i, n - i,
	    PU_COLON) || str_starts(s + i, n - i, PU_IDEO_SPACE)))
		return false;
	*page = v;
	return true;
}

/* The page's production credits: 责任编辑：某某 美术编辑：某某. */
bool
line_is_meta(const struct lexicon *lx, const char *s, size_t n)
{
	if (u8_over(s, n, LEN_LINE) || text_has(s, n, PU_STOP))
		return false;
	s = skip_box(s, &n);
	return lex_starts(s, n, lx->meta) > 0;
}

/*
 * A dateline in brackets with an equals sign: 【ワシントン＝山田太郎】,
 * [서울=연합뉴스] (and the 홍길동 기자 = after it).  Its length, or 0.
 */
static size_t
bracket_dateline(const struct lexicon *lx, const char *s, size_t n)
{
	const char	*close, *p;
	size_t		 o, i, e, k;

	if ((o = open_bracket(s, n, &close)) == 0)
		return 0;
	for (i = o; i < n && i < REACH_BRACKET &&
	    !str_starts(s + i, n - i, close); i++)
		;
	if (i >= n || i >= REACH_BRACKET || (memchr(s + o, '=', i - o) == NULL &&
	    !text_has(s + o, i - o, PU_FW_EQUALS)))
		return 0;
	e = i + strlen(close);
	/* 홍길동 기자 = */
	for (k = e; k < n && k - e < 48; k++)
		if (s[k] == '=' || str_starts(s + k, n - k, PU_FW_EQUALS)) {
			size_t	m = k;

			while (m > e && s[m - 1] == ' ')
				m--;
			p = s + e;
			if (lex_ends(p, m - e, lx->reporter) > 0)
				return k + (s[k] == '=' ? 1 : 3);
			break;
		}
	return e;
}

/*
 * An inline byline at the start of body text: 本报讯 记者某某报道:,
 * 某某日报某地12月20日讯 ..., 某社某地3月5日电, a bracketed dateline.
 * Returns the length of the byline (up to and with 报道), or 0.
 */
/*
 * The first place in [from, last] where one of the words w starts (it may
 * go on past last, not past n), or (size_t)-1.
 */
static size_t
next_word(const char *s, size_t n, size_t from, size_t last,
    const char *const *w)
{
	size_t		 best = (size_t)-1, k, end;
	const char	*p;

	for (; *w != NULL && from <= last; w++) {
		k = strlen(*w);
		end = last + k < n ? last + k : n;
		if (k == 0 || end < from + k)
			continue;
		if ((p = text_find(s + from, end - from, *w, k)) != NULL &&
		    (size_t)(p - s) < best)
			best = (size_t)(p - s);
	}
	return best;
}

/* A Latin dateline: PLACE, Month 10 (Agency) -- ; its end, or 0. */
static size_t
latin_dateline(const char *s, size_t n, size_t lim)
{
	size_t	i;

	for (i = 3; i < lim && i < REACH_LATIN && s[i] != ','; i++)
		if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != ' ' &&
		    s[i] != '-' && s[i] != '.')
			return 0;
	for (; i + 4 < lim && i < REACH_LATIN; i++)
		if (s[i] == ' ' && (str_starts(s + i + 1, n - i - 1,
		    PU_EM_DASH " ") || str_starts(s + i + 1, n - i - 1, "-- ")))
			return i;
	return 0;
}

/*
 * A dateline's word (讯, 电) within the first LEN_NAME characters, after
 * an agency's or a place's name and before a space or a bracket: the end
 * of the word, or 0.
 */
static size_t
word_dateline(const struct lexicon *lx, const char *s, size_t n, size_t lim)
{
	size_t		 i, k, chars = 0, at = 0, pos;
	const char	*p;

	for (i = 6; i + 4 <= lim; i = pos + 1) {
		if ((pos = next_word(s, n, i, lim - 4,
		    lx->dateline)) == (size_t)-1)
			break;
		chars += u8_count(s + at, pos - at);
		at = pos;
		if (chars > LEN_NAME)
			break;
		if ((unsigned char)s[pos] < 0x80 ||
		    (k = lex_starts(s + pos, n - pos, lx->dateline)) == 0)
			continue;
		p = s + pos + k;
		if (p < s + n && (*p == ' ' || *p == '(' ||
		    str_starts(p, (size_t)(s + n - p), "\xc2\xa0") ||
		    str_starts(p, (size_t)(s + n - p), PU_LPAREN) ||
		    str_starts(p, (size_t)(s + n - p), PU_IDEO_SPACE)) &&
		    lex_ends(s, pos, lx->dateline_by) > 0) {
			if (text_has(s, pos, PU_COMMA) ||
			    text_has(s, pos, PU_STOP) || text_has(s, pos, ","))
				return 0;
			return pos + k;
		}
	}
	return 0;
}

/*
 * A byline's end from a dateline's (end): on to the names in brackets
 * (本报讯（记者 某某）, 某社某地3月5日电（记者某某）) or to 报道 when it comes
 * soon, before any sentence mark.
 */
static size_t
byline_names(const struct lexicon *lx, const char *s, size_t n, size_t end,
    size_t lim)
{
	size_t		 i = end, j, k;
	const char	*p, *close;

	/* spaces, no-break spaces (a web page's &nbsp;) */
	while (i < n && (s[i] == ' ' || str_starts(s + i, n - i, "\xc2\xa0")))
		i += s[i] == ' ' ? 1 : 2;
	if (end > 0 && (str_starts(s + i, n - i, PU_LPAREN) ||
	    (i < n && s[i] == '('))) {
		close = s[i] == '(' ? ")" : PU_RPAREN;
		for (j = i; j < lim && j - i < REACH_CREDIT; j++)
			if (str_starts(s + j, n - j, close))
				return j + strlen(close);
	}
	for (i = end; i + 6 <= lim; i++) {
		if ((unsigned char)s[i] < 0xc0)
			continue;	/* the words are not ASCII */
		if (str_starts(s + i, n - i, PU_STOP) ||
		    str_starts(s + i, n - i, PU_COMMA))
			break;
		if ((k = lex_starts(s + i, n - i, lx->report)) > 0) {
			p = s + i + k;
			if (p < s + n && (*p == ':' || str_starts(p,
			    (size_t)(s + n - p), PU_COLON) || *p == ' ' ||
			    str_starts(p, (size_t)(s + n - p), PU_RPAREN)))
				return i + k;
		}
	}
	return end;
}

static size_t
line_byline_end(const struct lexicon *lx, const char *s, size_t n)
{
	size_t		 i, k, end, m;
	size_t		 lim = n < REACH_LEAD ? n : REACH_LEAD;

	if ((end = bracket_dateline(lx, s, n)) > 0)
		return end;
	if ((k = lex_starts(s, n, lx->own)) > 0 &&
	    (i = lex_starts(s + k, n - k, lx->dateline)) > 0)
		end = k + i;
	else if (n > 8 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z')
		return latin_dateline(s, n, lim);
	else if ((end = word_dateline(lx, s, n, lim)) == 0) {
		m = n;
		if (lex_starts(past_own(lx, s, &m), m, lx->reporter) == 0)
			return 0;
	}
	return byline_names(lx, s, n, end, lim);
}

#define BYLINE_SCAN	320	/* bytes of a paragraph a byline lies in */

/*
 * The byline at the start of a paragraph (see line_byline_end), also when
 * the converter left stray spaces in it (本报 讯, 记 者): they are looked
 * through between Han characters, except after the dateline's word (讯,
 * 电), where a space is the byline's own.
 */
/* Whether s[0..n-1] holds a space between two Han characters. */
static bool
han_gap(const char *s, size_t n)
{
	const char	*p = s, *e = s + n;
	text_char	 b;
	size_t		 i;

	while ((p = memchr(p, ' ', (size_t)(e - p))) != NULL) {
		i = (size_t)(p - s);
		if (i > 0 && i + 1 < n && text_is_han(text_last(s, i))) {
			text_decode_fast(s + i + 1, n - i - 1, &b);
			if (text_is_han(b))
				return true;
		}
		p++;
	}
	return false;
}

size_t
line_byline(const struct lexicon *lx, const char *s, size_t n)
{
	char		 t[BYLINE_SCAN];
	size_t		 map[BYLINE_SCAN + 1], i = 0, k = 0, len, e;
	text_char	 c, prev = 0, next;
	bool		 squeezed = false;

	if ((e = line_byline_end(lx, s, n)) > 0)
		return e;
	/* no space near the start, none between Han: nothing to look through */
	if (memchr(s, ' ', n < BYLINE_SCAN / 2 ? n : BYLINE_SCAN / 2) == NULL ||
	    !han_gap(s, n < BYLINE_SCAN ? n : BYLINE_SCAN))
		return 0;
	while (i < n && k + 4 < BYLINE_SCAN) {
		len = text_decode_fast(s + i, n - i, &c);
		if (c == ' ' && text_is_han(prev) && i + 1 < n &&
		    lex_ends(t, k, lx->dateline) == 0) {
			text_decode_fast(s + i + 1, n - i - 1, &next);
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
	e = line_byline_end(lx, t, k);
	return e > 0 ? map[e] : 0;
}

/*
 * Copies a byline to out without the stray spaces a converter leaves
 * inside its set words (本报 讯, 记 者, 通讯 员, 报 道); the spaces
 * between its parts and names stay.
 */
void
line_tidy_byline(const struct lexicon *lx, const char *s, size_t n,
    struct buf *out)
{
	size_t		 i = 0, len;
	text_char	 c, prev = 0, next;

	while (i < n) {
		len = text_decode_fast(s + i, n - i, &c);
		if (c == ' ' && i + 1 < n && prev != 0) {
			text_decode_fast(s + i + 1, n - i - 1, &next);
			if (lex_pair(lx, prev, next)) {
				i++;
				continue;
			}
		}
		buf_add(out, s + i, len);
		prev = c;
		i += len;
	}
}

bool
line_is_sign(const char *s, size_t n)
{
	size_t	k;

	if (!str_starts(s, n, PU_BOX))
		return false;
	s = skip_box(s, &n);
	return all_han(s, n, &k) && k >= 2 && k <= 4;
}

bool
line_is_section(const char *s, size_t n)
{
	struct { const char *open, *close; } f[] = {
		{ "", PU_LIST_COMMA }, { PU_LPAREN, PU_RPAREN }, { "(", ")" },
		{ lex_ordinal[0], lex_part[0] },
	};
	const char		*num = lex_numerals;
	size_t			 i, j, k, c;
	text_char		 ch;

	if (u8_over(s, n, LEN_HEAD) || text_has(s, n, PU_STOP))
		return false;
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!str_starts(s, n, f[i].open))
			continue;
		j = strlen(f[i].open);
		for (c = 0; j < n && c < 4; c++) {
			k = text_decode_fast(s + j, n - j, &ch);
			if (!lex_in(ch, num))
				break;
			j += k;
		}
		if (c > 0 && str_starts(s + j, n - j, f[i].close) &&
		    n - j > strlen(f[i].close))
			return true;
	}
	/* 1. 2、 3． */
	for (j = 0; j < n && j < 2 && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j > 0 && j < n && (s[j] == '.' || str_starts(s + j, n - j, PU_LIST_COMMA) ||
	    str_starts(s + j, n - j, PU_FW_STOP)) && u8_count(s, n) <= LEN_NAME &&
	    !(j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9'))
		return true;
	return false;
}

/*
 * Whether a sentence ends inside s: ". " after a word of Hangul or of four
 * lower-case letters or more (not Mr. or U.S.).
 */
static bool
full_stop(const char *s, size_t n)
{
	size_t		i, k;
	text_char	c;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] != '.' || s[i + 1] != ' ')
			continue;
		for (k = i; k > 0 && s[k - 1] >= 'a' && s[k - 1] <= 'z'; k--)
			;
		if (i - k >= 4)
			return true;
		if (i >= 3 && text_decode_fast(s + i - 3, 3, &c) == 3 &&
		    text_is_hangul(c))
			return true;
	}
	return false;
}

bool
line_is_title(const struct lexicon *lx, const char *s, size_t n, size_t chars,
    size_t by)
{
	text_char	l;
	size_t		commas;

	/* each test says no on its own: the cheap ones first */
	if (chars == 0 || chars > LEN_LINE || by > 0)
		return false;
	l = u8_last(s, n);
	if (l == U_FW_COMMA || l == U_LIST_COMMA || l == U_FW_SEMICOLON || l == U_FW_COLON ||
	    l == ',' || l == ';' || l == ':' || l == '.')
		return false;
	if ((l == U_FW_QUESTION || l == U_FW_EXCLAM || l == '?' || l == '!') &&
	    chars > LEN_NAME)
		return false;
	/* a note in brackets: （作者单位：…）, （本报记者 某某） */
	if ((str_starts(s, n, PU_LPAREN) && l == U_FW_RPAREN) || (s[0] == '(' && l == ')'))
		return false;
	if (text_has(s, n, PU_STOP) || text_has(s, n, PU_SEMICOLON) || full_stop(s, n))
		return false;
	commas = str_count(s, n, PU_COMMA) + str_count(s, n, ",");
	if (commas > 1 || (commas == 1 && chars > LEN_NAME))
		return false;
	if ((text_has(s, n, PU_COLON) || text_has(s, n, ":")) &&
	    chars > LEN_NAME)
		return false;
	return line_trailing_cont(lx, s, n) >= n;
}

/*
 * Splits a trailing photo credit off a caption: "... 稳定。 □本报记者 某某摄".
 * Returns the offset of the credit, or 0.
 */
size_t
line_credit(const struct lexicon *lx, const char *s, size_t n)
{
	size_t	i, lo = n > REACH_CREDIT ? n - REACH_CREDIT : 1;
	bool	bracket = n > 0 && (str_ends(s, n, PU_RPAREN) || s[n - 1] == ')');

	/*
	 * The last □ in the final 120 bytes that starts a credit, or a
	 * credit in brackets that ends the text: ……。（某某 摄）
	 */
	for (i = n; i-- > lo; )
		if (((unsigned char)s[i] == 0xe2 ? str_starts(s + i, n - i, PU_BOX) :
		    bracket && (s[i] == '(' || str_starts(s + i, n - i, PU_LPAREN))) &&
		    line_is_credit(lx, s + i, n - i))
			return i;
	return 0;
}

/*
 * A series' or column's line: 系列：走进基层, 专栏: 某某.  Where its name
 * starts, or 0.
 */
size_t
line_is_series(const struct lexicon *lx, const char *s, size_t n)
{
	size_t	k, i;

	if (u8_over(s, n, LEN_HEAD) || text_has(s, n, PU_STOP) ||
	    (k = lex_starts(s, n, lx->series)) == 0)
		return 0;
	i = k;
	while (i < n && s[i] == ' ')
		i++;
	if (str_starts(s + i, n - i, PU_COLON))
		i += 3;
	else if (i < n && (s[i] == ':' || s[i] == '|'))
		i++;
	else if (str_starts(s + i, n - i, PU_FW_BAR))
		i += 3;
	else
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? i : 0;
}

/*
 * A web edition's source line: the author, the paper in 《》 and the
 * date and page in brackets: 某某《某某日报》（2025年01月02日第 05 版）.
 */
bool
line_is_source(const char *s, size_t n)
{
	const char	*open, *q;
	size_t		 m;

	if (u8_over(s, n, LEN_LINE) || text_has(s, n, PU_STOP) ||
	    (open = text_find(s, n, PU_LBOOK, 3)) == NULL ||
	    text_find(open, n - (size_t)(open - s), PU_RBOOK, 3) == NULL ||
	    !(str_ends(s, n, PU_RPAREN) || (n > 0 && s[n - 1] == ')')))
		return false;
	/* the last bracket holds a date or a page */
	for (q = s + n - 1; q > open; q--)
		if (*q == '(' || str_starts(q, (size_t)(s + n - q), PU_LPAREN))
			break;
	m = (size_t)(s + n - q);
	return q > open && ((lex_has(q, m, lex_date_year) &&
	    lex_has(q, m, lex_date_month)) || lex_has(q, m, lex_page_units));
}

/*
 * Whether a paragraph opens with a photo's mark: 图①, 图为, 上图：,
 * （左）, ①, 写真＝.
 */
bool
line_photo_mark(const struct lexicon *lx, const char *s, size_t n)
{
	size_t				 k;
	text_char			 c;

	if (n >= 3 && text_decode_fast(s, n, &c) == 3 && c >= 0x2460 && c <= 0x2473)
		return true;	/* ① … ⑳ */
	if (lex_starts(s, n, lex_photo_place) > 0)
		return true;
	if ((k = lex_starts(s, n, lx->photo)) == 0)
		return false;
	if (k < n && text_decode_fast(s + k, n - k, &c) > 0 &&
	    ((c >= 0x2460 && c <= 0x2473) || (c >= '0' && c <= '9')))
		return true;
	return lex_starts(s + k, n - k, lex_photo_after) > 0;
}

void
tline_at(const char *t, size_t len, size_t i, struct tline *l)
{
	const char	*e = memchr(t + i, '\n', len - i);
	size_t		 end = e != NULL ? (size_t)(e - t) : len;

	l->start = i;
	l->next = e != NULL ? end + 1 : len;
	l->indent = 0;
	while (i < end) {
		if (t[i] == ' ' || t[i] == '\t')
			i++;
		else if (str_starts(t + i, end - i, PU_IDEO_SPACE))
			i += 3;
		else
			break;
		l->indent++;
	}
	while (end > i && (t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	l->s = t + i;
	l->n = end - i;
}
