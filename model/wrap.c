/*
 * wrap: greedy line breaking over UAX #14 opportunities with the Chinese
 * (clreq) rules layered on top.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>

#include "text.h"
#include "wrap.h"

void
wrap_init(struct wrapper *w, int ambiguous)
{
	memset(w, 0, sizeof *w);
	w->ambiguous = ambiguous == 2 ? 2 : 1;
	w->korean_word = true;
}

void
wrap_free(struct wrapper *w)
{
	free(w->brk);
	free(w->lines);
	memset(w, 0, sizeof *w);
}

static bool
is_url_start(const char *s, size_t n)
{
	static const char	*pre[] = { "http://", "https://", "ftp://",
	    "www.", "mailto:" };
	size_t			 i, k;

	if (strchr("hHfFwWmM", s[0]) == NULL)
		return false;
	for (i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		k = strlen(pre[i]);
		if (n >= k && strncasecmp(s, pre[i], k) == 0)
			return true;
	}
	return false;
}

/* A character of a token that stays whole: a domain, an address, a path. */
static bool
token_char(unsigned char u)
{
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
	    (u >= '0' && u <= '9') || u == '.' || u == '@' || u == '-' ||
	    u == '_' || u == '/';
}

/*
 * No break inside a run of letters, digits and . @ - _ / that holds one
 * of . @ _ / between two of its characters (lists.debian.org, a@b.example,
 * /usr/share, PM2.5): UAX #14 would split it after the dot.  A run wider
 * than the line is still split where it must be.  Returns the end of the
 * run starting at s[i] when it is such a token, else i.
 */
static size_t
token_end(const char *s, size_t n, size_t i)
{
	size_t	j;
	bool	inner = false;

	for (j = i; j < n && token_char((unsigned char)s[j]); j++)
		if (j > i && j + 1 < n && strchr("./@_", s[j]) != NULL &&
		    token_char((unsigned char)s[j + 1]) &&
		    s[j + 1] != '.' && s[j + 1] != '-')
			inner = true;
	return inner ? j : i;
}

/*
 * Fills w->brk[0..n-1]: UC_BREAK_POSSIBLE where a line may start at byte i,
 * anything else where it may not.
 */
/*
 * Where the word at s[i] ends (a space or the end); *korean when it is a
 * Korean word, more Hangul than Han in it (not a Chinese sentence that
 * names someone in Hangul).
 */
static size_t
korean_word_end(const char *s, size_t n, size_t i, bool *korean)
{
	const char	*sp = memchr(s + i, ' ', n - i);
	size_t		 e = sp != NULL ? (size_t)(sp - s) : n, len;
	size_t		 hangul = 0, han = 0;
	text_char	 c;

	for (; i < e; i += len) {
		len = text_decode_fast(s + i, e - i, &c);
		hangul += text_is_hangul(c);
		han += text_is_han(c);
	}
	*korean = hangul > han;
	return e;
}

static void
find_breaks(struct wrapper *w, const char *s, size_t n)
{
	char		*brk = w->brk;
	size_t		 i, len, j, tok = 0, tokend = 0;
	text_char	 a = 0, b;
	bool		 acjk = false, bcjk, ahangul = false, bhangul, nostart;
	bool		 noend = false;	/* the last character not a space */
	size_t		 wend = 0;	/* end of the word at hand */
	size_t		 urlend = 0;	/* end of the last URL kept whole */
	bool		 kword = false;	/* it is a Korean word: keep it all */
	bool		 hangul = w->korean_word && text_may_have_hangul(s, n);

	u8_possible_linebreaks((const uint8_t *)s, n,
	    w->ambiguous == 2 ? "GBK" : "UTF-8", brk);
	for (i = 0; i < n; i += len) {
		/* a word with Hangul is whole, its Han too: 정의(正義)를 */
		if (hangul && i >= wend && s[i] != ' ')
			wend = korean_word_end(s, n, i, &kword);
		len = text_decode_fast(s + i, n - i, &b);
		if (b >= 0x4e00 && b <= 0x9fff) {
			/* most of a Chinese text: a Han character */
			bcjk = true;
			bhangul = nostart = false;
		} else {
			bcjk = text_is_cjk(b);
			bhangul = text_is_hangul(b);
			nostart = text_no_line_start(b) ||
			    (text_char_width(b, 1) == 0 && b != '\n');
		}
		if (i > 0 && brk[i] != UC_BREAK_MANDATORY) {
			/* an opener stays with what follows, spaces or not */
			if (nostart || noend)
				brk[i] = UC_BREAK_PROHIBITED;
			else if (w->korean_word && a != ' ' && b != ' ' &&
			    (ahangul || bhangul || (kword && i < wend)))
				brk[i] = UC_BREAK_PROHIBITED;	/* keep-all */
			else if ((b == U_LDQUOTE || b == U_LSQUOTE) && acjk)
				brk[i] = UC_BREAK_POSSIBLE;
			else if ((a == U_RDQUOTE || a == U_RSQUOTE) && bcjk)
				brk[i] = UC_BREAK_POSSIBLE;
			else if (brk[i] == UC_BREAK_HYPHENATION)
				brk[i] = UC_BREAK_POSSIBLE;
			else if (a == ' ' && b == '/')
				brk[i] = UC_BREAK_POSSIBLE;	/* a path: LB13 */
		}
		if (b < 0x80) {
			/* Keep a URL or e-mail address in one piece when it fits. */
			/* once: a URL inside one already kept ends with it */
			if (i >= urlend && (i == 0 || a == ' ' || a >= 0x80 ||
			    a == '<' || a == '(') && is_url_start(s + i, n - i)) {
				for (j = i + 1; j < n; j++) {
					unsigned char	u = (unsigned char)s[j];

					if (u <= ' ' || u >= 0x80 || u == '>')
						break;
					brk[j] = UC_BREAK_PROHIBITED;
				}
				urlend = j;
			}
			/* ... and a domain, a path or a number: see token_end */
			if (i >= tokend && token_char((unsigned char)b) &&
			    (i == 0 || a >= 0x80 || !token_char((unsigned char)a)))
				tokend = token_end(s, n, tok = i);
			if (i > tok && i < tokend)
				brk[i] = UC_BREAK_PROHIBITED;
		}
		a = b;
		if (b != ' ' && b != 0x3000)
			noend = !(b >= 0x4e00 && b <= 0x9fff) &&
			    text_no_line_end(b);
		acjk = bcjk;
		ahangul = bhangul;
	}
}

const char *
wrap_breaks(struct wrapper *w, const char *s, size_t n)
{
	char	*p;

	if (n > w->brkcap) {
		if ((p = realloc(w->brk, n)) == NULL)
			return NULL;
		w->brk = p;
		w->brkcap = n;
	}
	if (n > 0)
		find_breaks(w, s, n);
	return w->brk;
}

static bool
soft_hyphen_at(const char *s, size_t i)
{
	return (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xad;
}

/* Cells of a line as shown: soft hyphens none, but '-' at its end. */
static int
shown_width(const char *s, size_t n, int amb)
{
	size_t	i;
	int	w = (int)text_width(s, n, amb);

	for (i = 0; i + 1 < n; i++)
		if (soft_hyphen_at(s, i))
			w -= i + 2 == n ? 0 : 1;
	return w;
}

/* cells < 0: not known, measure the line */
static bool
push_line(struct wrapper *w, const char *s, size_t start, size_t end,
    int indent, int cells)
{
	struct wrap_line	*l;
	size_t			 cap;

	while (end > start && s[end - 1] == ' ') {
		end--;
		if (cells > 0)
			cells--;
	}
	if (w->nlines == w->linecap) {
		cap = w->linecap ? w->linecap * 2 : 64;
		l = realloc(w->lines, cap * sizeof *l);
		if (l == NULL)
			return false;
		w->lines = l;
		w->linecap = cap;
	}
	l = &w->lines[w->nlines++];
	l->off = start;
	l->len = end - start;
	l->cells = cells >= 0 ? cells : shown_width(s + start, end - start,
	    w->ambiguous);
	l->indent = indent;
	return true;
}

/*
 * Chooses where to split a line that holds s[start..i) and cannot take the
 * character at i, when UAX #14 gave no opportunity: as late as possible
 * without breaking a rule, else (too narrow to honour one) at i.
 */
static size_t
forced_break(const char *s, size_t n, size_t start, size_t i, int amb)
{
	size_t		 b = i, p, q;
	text_char	 cb, ca;

	while (b > start) {
		p = text_prev(s, b, &ca);
		/* the next line starts at the first character after spaces */
		for (q = b; q < n && s[q] == ' '; q++)
			;
		cb = 'x';
		if (q < n)
			text_decode_fast(s + q, n - q, &cb);
		if (!text_no_line_start(cb) && !text_no_line_end(ca) &&
		    text_char_width(cb, amb) > 0)
			return b;
		b = p;
	}
	return i;
}

/* Whether the last character before i, spaces aside, is an opener. */
static bool
opener_before(const char *s, size_t start, size_t i)
{
	while (i > start && s[i - 1] == ' ')
		i--;
	if (i == start)
		return false;
	return text_no_line_end(text_last(s, i));
}

/*
 * The line from start is full at i (a space there when space): where it
 * breaks into *lastbrk, and *brkcells its cells (-1: to be measured).  A
 * space breaks unless what follows it cannot start a line or what is
 * before it cannot end one; with no break found, one is forced.
 */
static void
full_line(const struct wrapper *w, const char *s, size_t n, size_t start,
    size_t i, bool space, int cells, int avail, size_t *lastbrk,
    int *brkcells)
{
	size_t		q = i;
	text_char	nc = 'x';

	if (space) {
		while (q < n && s[q] == ' ')
			q++;
		if (q < n)
			text_decode_fast(s + q, n - q, &nc);
		if (!text_no_line_start(nc) && !opener_before(s, start, i)) {
			*lastbrk = i;
			*brkcells = cells;
			return;
		}
	}
	if (*lastbrk <= start) {
		*lastbrk = forced_break(s, n, start, i, w->ambiguous);
		*brkcells = -1;
	}
	/*
	 * A forced break just after a soft hyphen would show it as '-' in a
	 * line already full: break before it instead.
	 */
	if (*brkcells == -1 && *lastbrk >= start + 4 &&
	    soft_hyphen_at(s, *lastbrk - 2) && cells + 1 > avail)
		*lastbrk -= 2;
}

long
wrap_paragraph(struct wrapper *w, const char *s, size_t n, int width,
    int indent)
{
	size_t		 start = 0, i, len, lastbrk = 0;
	int		 cells = 0, cw, avail, ind, brkcells = -1;
	text_char	 c;
	char		*p;

	w->nlines = 0;
	if (n == 0)
		return 0;
	if (width < 1)
		width = 1;
	if (n > w->brkcap) {
		if ((p = realloc(w->brk, n)) == NULL)
			return -1;
		w->brk = p;
		w->brkcap = n;
	}
	find_breaks(w, s, n);

	ind = indent > 0 && indent + 2 <= width ? indent : 0;
	avail = width - ind;
	while (start < n && s[start] == ' ')
		start++;
	i = start;
	while (i < n) {
		if (s[i] == '\n') {
			if (!push_line(w, s, start, i, ind, cells))
				return -1;
			goto newline;
		}
		len = text_decode_fast(s + i, n - i, &c);
		/* a soft hyphen takes a cell only where the line breaks */
		cw = c == 0xad ? 0 : text_char_width_fast(c, w->ambiguous);
		if (i > start && w->brk[i] == UC_BREAK_POSSIBLE) {
			int	hy = i >= 2 && soft_hyphen_at(s, i - 2);

			if (!hy || cells + 1 <= avail) {
				lastbrk = i;
				brkcells = cells + hy;
			}
		}
		if (cells + cw <= avail || i == start) {
			cells += cw;
			i += len;
			continue;
		}
		full_line(w, s, n, start, i, c == ' ', cells, avail, &lastbrk,
		    &brkcells);
		if (!push_line(w, s, start, lastbrk, ind, brkcells))
			return -1;
		i = lastbrk;
newline:
		if (i < n && s[i] == '\n')
			i++;
		while (i < n && s[i] == ' ')
			i++;
		start = i;
		lastbrk = 0;
		cells = 0;
		ind = 0;
		avail = width;
	}
	if (i > start && !push_line(w, s, start, i, ind, cells))
		return -1;
	return (long)w->nlines;
}
