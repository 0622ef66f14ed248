/*
 * text: UTF-8 decoding, sanitising untrusted bytes, cell widths and the
 * character classes used by line breaking and repair.
 */
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "buf.h"
#include "text.h"

size_t
text_decode(const char *str, size_t n, text_char *c)
{
	const unsigned char	*s = (const unsigned char *)str;
	text_char		 v;
	size_t			 len, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		v = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		v = s[0] & 0x07;
	} else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*c = v;
	return len;
bad:
	*c = 0xfffd;
	return 1;
}

size_t
text_encode(text_char c, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xc0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * Skips the escape or control sequence that starts at s[i] (ESC, or the
 * C1 introducer c of length len) and returns the index after it.  String
 * sequences (OSC, DCS, SOS, PM, APC) end at BEL, ST or -- so that an
 * unterminated one cannot swallow the rest of the file -- before a newline.
 */
/*
 * Invisible format characters the sanitiser drops: a BOM inside the text,
 * and the bidi marks, embeddings, overrides and isolates, which would let
 * a file reorder what the terminal shows around them.
 */
static bool
invisible_format(text_char c)
{
	return c == 0xfeff || c == 0x200e || c == 0x200f || c == 0x061c ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

text_char
text_shown(const char *s, size_t n, size_t i, size_t *len, char out[8])
{
	text_char	c;

	*len = text_decode(s + i, n - i, &c);
	if (c == 0xad) {	/* a soft hyphen: '-' where the line breaks */
		out[0] = i + *len < n ? '\0' : '-';
		out[1] = '\0';
	} else if (text_is_unsafe(c, *len)) {
		out[0] = '?';
		out[1] = '\0';
	} else {
		memcpy(out, s + i, *len);
		out[*len] = '\0';
	}
	return c;
}

void
text_line_out(struct buf *b, const char *s, size_t n)
{
	size_t	i = 0, k, len;
	char	e[8];

	while (i < n) {
		/* runs of plain bytes at once; a soft hyphen as it shows */
		for (k = i; k + 1 < n && !((unsigned char)s[k] == 0xc2 &&
		    (unsigned char)s[k + 1] == 0xad); k++)
			;
		if (k + 1 >= n) {
			buf_add(b, s + i, n - i);
			return;
		}
		buf_add(b, s + i, k - i);
		text_shown(s, n, k, &len, e);
		buf_adds(b, e);
		i = k + len;
	}
}

bool
text_is_unsafe(text_char c, size_t len)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) ||
	    (c == 0xfffd && len < 3) || invisible_format(c);
}

/*
 * Appends s to b as one safe line of output: every control character,
 * DEL, C1 control, bidi control and invalid byte becomes `?`, so nothing
 * printed -- from an issue, a file name, a cache or a config file -- can
 * move the cursor, set a title or reorder the line.  Tabs and line breaks
 * become spaces when tsv is set (fields of one record), else `?` too.
 */
void
text_clean_out(struct buf *b, const char *s, size_t n, bool tsv)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, run = 0, len;
	text_char		 c;
	bool			 space;

	/* runs of what passes as it is copied at once */
	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		/* U+5000..U+9FFF: none of the below */
		if (text_3byte(s + i, n - i, 0xe5, 0xe9)) {
			i += 3;
			continue;
		}
		len = text_decode(s + i, n - i, &c);
		space = tsv && (c == '\t' || c == '\n' || c == '\r');
		if (!space && c != 0xad && !text_is_unsafe(c, len)) {
			i += len;
			continue;
		}
		if (i > run)
			buf_add(b, s + run, i - run);
		if (space)
			buf_addc(b, ' ');
		else if (c != 0xad)	/* a soft hyphen: no line breaks here */
			buf_addc(b, '?');
		i += len;
		run = i;
	}
	if (i > run)
		buf_add(b, s + run, i - run);
}

static size_t
skip_sequence(const char *str, size_t n, size_t i, text_char c, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	int			 kind;	/* 'C' CSI, 'S' string, 'E' other ESC */

	if (c == 0x1b) {
		i++;
		if (i >= n)
			return i;
		switch (s[i]) {
		case '[':
			kind = 'C';
			i++;
			break;
		case ']': case 'P': case 'X': case '^': case '_':
			kind = 'S';
			i++;
			break;
		default:
			kind = 'E';
			break;
		}
	} else {
		i += len;
		kind = c == 0x9b ? 'C' : 'S';
	}

	if (kind == 'C') {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
			i++;
		if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
			i++;
		return i;
	}
	if (kind == 'E') {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		if (i < n && s[i] >= 0x30 && s[i] <= 0x7e)
			i++;
		return i;
	}
	while (i < n) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == '\n' || s[i] == '\r')
			return i;
		if (s[i] == 0x1b)
			return i + 1 < n && s[i + 1] == '\\' ? i + 2 : i + 1;
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return i;
}

/*
 * An ASCII control at in[i] (not printable ASCII): a line break, a tab to
 * the next stop of 8, an escape sequence dropped, the others dropped;
 * returns where the text goes on.
 */
static size_t
control(const char *in, size_t n, size_t i, struct buf *b, size_t *col)
{
	switch (in[i]) {
	case '\n':
		buf_addc(b, '\n');
		*col = 0;
		break;
	case '\r':
		buf_addc(b, '\n');
		*col = 0;
		if (i + 1 < n && in[i + 1] == '\n')
			i++;
		break;
	case '\t':
		do
			buf_addc(b, ' ');
		while (++*col % 8 != 0);
		break;
	case 0x1b:
		return skip_sequence(in, n, i, 0x1b, 1);
	default:
		break;	/* other C0 controls and DEL */
	}
	return i + 1;
}

/* Whether c, len bytes, is kept as it is in a run of ordinary characters. */
static bool
ordinary(text_char c, size_t len)
{
	return !(c >= 0x80 && c <= 0x9f) && c != 0x2028 && c != 0x2029 &&
	    !invisible_format(c) && !(c == 0xfffd && len == 1);
}

/*
 * The end of a run of ordinary characters from in[i] (c, len bytes, the
 * first), *col advanced by their width.
 */
static size_t
ordinary_run(const char *in, size_t n, size_t i, text_char c, size_t len,
    size_t *col)
{
	const unsigned char	*s = (const unsigned char *)in;

	do {
		*col += (size_t)text_char_width_fast(c, 1);
		i += len;
		/* U+5000..U+9FFF: wide, and none of the above */
		while (text_3byte(in + i, n - i, 0xe5, 0xe9)) {
			*col += 2;
			i += 3;
		}
		if (i >= n || s[i] < 0x80)
			break;
		len = text_decode_fast(in + i, n - i, &c);
	} while (ordinary(c, len));
	return i;
}

char *
text_sanitise(const char *in, size_t n, size_t *outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	struct buf		 b = { 0 };
	size_t			 i = 0, len, run, col = 0;
	text_char		 c;
	char			*out, *fit;

	if (!buf_reserve(&b, n + n / 16 + 16))
		return NULL;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	while (i < n) {
		/* Fast path: a run of printable ASCII. */
		run = i;
		while (run < n && s[run] >= 0x20 && s[run] < 0x7f)
			run++;
		if (run > i) {
			buf_add(&b, in + i, run - i);
			col += run - i;
			i = run;
			continue;
		}
		if (s[i] < 0x80) {
			i = control(in, n, i, &b, &col);
			continue;
		}
		len = text_decode_fast(in + i, n - i, &c);
		if (ordinary(c, len)) {
			/* a run of ordinary characters, copied at once */
			run = ordinary_run(in, n, i, c, len, &col);
			buf_add(&b, in + i, run - i);
			i = run;
			continue;
		}
		if (c >= 0x80 && c <= 0x9f) {
			if (c == 0x9b || c == 0x90 || c == 0x9d ||
			    c == 0x98 || c == 0x9e || c == 0x9f)
				i = skip_sequence(in, n, i, c, len);
			else
				i += len;
			continue;
		}
		if (c == 0x2028 || c == 0x2029) {
			buf_addc(&b, '\n');
			col = 0;
		} else if (c == 0xfffd && len == 1) {
			buf_add(&b, "\xef\xbf\xbd", 3);
			col++;
		}
		/* else a stray BOM or a bidi control: dropped */
		i += len;
	}
	/* kept as long as the issue: no room to spare */
	if ((out = buf_take(&b, outlen)) != NULL && *outlen > 65536 &&
	    (fit = realloc(out, *outlen + 1)) != NULL)
		out = fit;
	return out;
}

/* A range of code points and their width in cells. */
struct width_range {
	text_char	first, last;
	int		width;
};

#include "widthtab.h"

static const struct width_range *
width_find(const struct width_range *r, size_t n, text_char c)
{
	size_t	lo = 0, hi = n, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c < r[m].first)
			hi = m;
		else if (c > r[m].last)
			lo = m + 1;
		else
			return &r[m];
	}
	return NULL;
}

/*
 * The one width function of kanbao: layout, wrapping, drawing and search
 * highlights all measure by it.  It agrees with the C library's wcwidth()
 * -- what ncurses and terminals place characters by -- wherever that
 * knows a character (tests/unit/test_text.c walks all of Unicode); where
 * it does not, libunistring's East Asian Width decides.  Only East Asian
 * Ambiguous characters change with ambiguous-width.
 */
int
text_char_width(text_char c, int ambiguous)
{
	const struct width_range	*r;
	int				 w;

	if (c < 0x7f)
		return c >= 0x20 ? 1 : 0;
	if (c < 0xa0)
		return 0;
	/* Fast paths for the bulk of Chinese text. */
	if (c >= 0x4e00 && c <= 0x9fff)
		return 2;
	if (c >= 0x3000 && c <= 0x3029)
		return 2;
	if (c >= 0xff01 && c <= 0xff60)
		return 2;
	r = width_find(width_exceptions, sizeof width_exceptions /
	    sizeof width_exceptions[0], c);
	w = r != NULL ? r->width : uc_width(c, "UTF-8");
	if (w < 0)
		return 0;
	if (ambiguous == 2 && w == 1 && width_find(width_ambiguous,
	    sizeof width_ambiguous / sizeof width_ambiguous[0], c) != NULL)
		return 2;
	return w;
}

size_t
text_width(const char *s, size_t n, int ambiguous)
{
	size_t		 i = 0, w = 0;
	text_char	 c;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			w += s[i] >= 0x20 && s[i] < 0x7f;
			i++;
			continue;
		}
		i += text_decode_fast(s + i, n - i, &c);
		w += (size_t)text_char_width_fast(c, ambiguous);
	}
	return w;
}

bool
text_is_cjk_punct(text_char c)
{
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) ||
	    (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65) || (c >= 0xfe10 && c <= 0xfe1f) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || c == 0x201c || c == 0x201d ||
	    c == 0x2018 || c == 0x2019 || c == 0x2026 || c == 0x2014 ||
	    c == 0x00b7 || c == 0x2022;
}

bool
text_is_cjk(text_char c)
{
	return text_is_han(c) || (c >= 0x3040 && c <= 0x30ff) ||
	    (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xac00 && c <= 0xd7a3) ||
	    (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) ||
	    (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) ||
	    (c >= 0xff41 && c <= 0xff5a) || (c >= 0x2e80 && c <= 0x2fdf) ||
	    (c >= 0x3100 && c <= 0x312f) || (c >= 0x3200 && c <= 0x33ff) ||
	    text_is_cjk_punct(c);
}

bool
text_is_space(text_char c)
{
	return c == ' ' || c == 0x3000 || c == 0xa0 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f;
}

bool
text_no_line_start(text_char c)
{
	if (c < 0x80)
		return c == ',' || c == '.' || c == ';' || c == ':' || c == '?' ||
		    c == '!' || c == ')' || c == ']' || c == '}' || c == '%';
	if (c >= 0x4e00 && c <= 0x9fff)
		return false;
	switch (c) {
	case 0xff0c: case 0x3002: case 0x3001: case 0xff1b: case 0xff1a:
	case 0xff1f: case 0xff01: case 0xff09: case 0x300b: case 0x300d:
	case 0x300f: case 0x201d: case 0x2019: case 0x2026: case 0x3011:
	case 0x3017: case 0x3015: case 0x3009: case 0xff3d: case 0xff5d:
	case 0xff0e: case 0xff05: case 0x2030: case 0x3019: case 0x301b:
	case 0xff60: case 0x30fc: case 0x3005: case 0x309d: case 0x309e:
	case 0x30fd: case 0x30fe: case 0x301f: case 0xfe50: case 0xfe51:
	case 0xfe52: case 0xfe54: case 0xfe55: case 0xfe56: case 0xfe57:
	case 0x2022:
	/* small kana */
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
	case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308e:
	case 0x30a1: case 0x30a3: case 0x30a5: case 0x30a7: case 0x30a9:
	case 0x30c3: case 0x30e3: case 0x30e5: case 0x30e7: case 0x30ee:
	case 0x30f5: case 0x30f6: case 0x3095: case 0x3096:
	/* jlreq cl-03 hyphens, cl-04 dividing, cl-05 middle dots, cl-06
	 * full stops, cl-08 iteration marks and the prolonged sound mark */
	case 0x2010: case 0x2013: case 0x301c: case 0x30a0: case 0x30fb:
	case 0x203c: case 0x2047: case 0x2048: case 0x2049:
	case 0x303b: case 0xff70:
		return true;
	default:
		/* small katakana for Ainu (ㇰ-ㇿ) */
		return c >= 0x31f0 && c <= 0x31ff;
	}
}

bool
text_no_line_end(text_char c)
{
	if (c < 0x80)
		return c == '(' || c == '[' || c == '{';
	if (c >= 0x4e00 && c <= 0x9fff)
		return false;
	switch (c) {
	case 0x201c: case 0x2018: case 0xff08: case 0x300a: case 0x300c:
	case 0x300e: case 0x3010: case 0x3016: case 0x3014: case 0x3008:
	case 0xff3b: case 0xff5b: case 0x3018: case 0x301a: case 0xff5f:
	case 0x301d:
		return true;
	default:
		return false;
	}
}

bool
text_is_sentence_end(text_char c)
{
	switch (c) {
	case 0x3002: case 0xff01: case 0xff1f: case 0x2026: case 0x201d:
	case 0x2019: case 0x300d: case 0x300f: case 0xff09: case 0x300b:
	case '.': case '!': case '?': case '"': case ')': case 0xff0e:
	case 0xff1b: case ';': case 0xff1a: case ':':
		return true;
	default:
		return false;
	}
}

size_t
text_han_count(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k = 0;
	text_char		 c;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/*
		 * U+3000..U+9FFF by their bytes: Han from U+3400 (E3 90) to
		 * U+4DBF (E4 B6 BF) and from U+4E00 (E4 B8), and U+3007
		 */
		if (text_3byte(s + i, n - i, 0xe3, 0xe9)) {
			if (u[i] >= 0xe5)
				k++;
			else if (u[i] == 0xe4)
				k += u[i + 1] != 0xb7;
			else
				k += u[i + 1] >= 0x90 ||
				    (u[i + 1] == 0x80 && u[i + 2] == 0x87);
			i += 3;
			continue;
		}
		i += text_decode_fast(s + i, n - i, &c);
		k += text_is_han(c);
	}
	return k;
}

const char *
text_find(const char *s, size_t n, const char *w, size_t k)
{
	const char	*p, *e = s + n;

	/*
	 * The words are short and the lines too: memmem(3)'s set-up costs
	 * more than the search.  A UTF-8 word's last byte is the rarer.
	 */
	if (k == 0)
		return s;
	if (n < k)
		return NULL;
	for (p = s + k - 1; p < e && (p = memchr(p, w[k - 1],
	    (size_t)(e - p))) != NULL; p++)
		if (memcmp(p - (k - 1), w, k - 1) == 0)
			return p - (k - 1);
	return NULL;
}

bool
text_has(const char *s, size_t n, const char *w)
{
	return text_find(s, n, w, strlen(w)) != NULL;
}

bool
text_may_have_hangul(const char *s, size_t n)
{
	return memchr(s, 0xea, n) != NULL || memchr(s, 0xeb, n) != NULL ||
	    memchr(s, 0xec, n) != NULL || memchr(s, 0xed, n) != NULL;
}

size_t
text_line_end(const char *s, size_t n, size_t i)
{
	const char	*p = i < n ? memchr(s + i, '\n', n - i) : NULL;

	return p != NULL ? (size_t)(p - s) : n;
}

int
text_digits(const char *s, size_t n, size_t *i, int max, long *v)
{
	text_char	ch;
	size_t		len;
	int		k = 0;

	*v = 0;
	while (*i < n && k < max) {
		len = text_decode_fast(s + *i, n - *i, &ch);
		if (ch >= '0' && ch <= '9')
			*v = *v * 10 + (long)(ch - '0');
		else if (ch >= 0xff10 && ch <= 0xff19)
			*v = *v * 10 + (long)(ch - 0xff10);
		else
			break;
		*i += len;
		k++;
	}
	return k;
}
