/*
 * Unit test: nothing is lost.  For every sample, fixture and regress
 * input (and the seeds and corpus beside the project, when there), every
 * letter and digit of the input is in the laid-out issue, as often, by
 * the rules a reader counts them by (../shared/tools/corpuscheck's):
 * NFKC, categories L and N; markup (tags, entities, link targets,
 * addresses, and -- this test's own rule -- style sheets and scripts),
 * front matter, a record's date, page and 专栏： fields not
 * counted; a feed's text is its channel title and its items' titles,
 * bylines and bodies; a line the source repeats counts once (one of six
 * letters or more seen anywhere before, a shorter one in the eight lines
 * before).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "fixtures.h"
#include "../../model/buf.h"
#include "../../model/file.h"
#include "../../model/issue.h"
#include "../../model/layout.h"
#include "../../model/text.h"
#include "../../model/day.h"

/* ---- markup out, as the reader's rules say ------------------------- */

static bool
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* <tag …>, <!…>, <?…>, up to 3000 bytes without < or >: its length. */
static size_t
tag_len(const char *s, size_t n)
{
	size_t	i;

	if (n < 2 || s[0] != '<' || !(alpha(s[1]) || s[1] == '/' ||
	    s[1] == '!' || s[1] == '?'))
		return 0;
	for (i = 1; i < n && i <= 3001; i++) {
		if (s[i] == '>')
			return i + 1;
		if (s[i] == '<')
			return 0;
	}
	return 0;
}

static size_t
entity_len(const char *s, size_t n)
{
	size_t	i = 1, k;

	if (n < 3 || s[0] != '&')
		return 0;
	if (alpha(s[1])) {
		for (k = 2; k < n && k <= 10 && (alpha(s[k]) || digit(s[k])); k++)
			;
		return k >= 3 && k < n && s[k] == ';' ? k + 1 : 0;
	}
	if (s[1] != '#')
		return 0;
	i = 2;
	if (i < n && (s[i] == 'x' || s[i] == 'X')) {
		for (k = ++i; k < n && k - i < 6 && strchr("0123456789abcdefABCDEF",
		    s[k]) != NULL && s[k] != '\0'; k++)
			;
	} else
		for (k = i; k < n && k - i < 7 && digit(s[k]); k++)
			;
	return k > i && k < n && s[k] == ';' ? k + 1 : 0;
}

static size_t
link_target_len(const char *s, size_t n)
{
	size_t	i;

	if (n < 3 || s[0] != ']' || s[1] != '(')
		return 0;
	for (i = 2; i < n && s[i] != '(' && s[i] != ')' && s[i] != '\n'; i++)
		;
	return i < n && s[i] == ')' ? i + 1 : 0;
}

static size_t
url_len(const char *s, size_t n)
{
	size_t	i;

	if (n > 5 && memcmp(s, "http:", 5) == 0)
		i = 5;
	else if (n > 6 && memcmp(s, "https:", 6) == 0)
		i = 6;
	else if (n > 7 && memcmp(s, "mailto:", 7) == 0)
		i = 7;
	else
		return 0;
	while (i < n && (unsigned char)s[i] > ' ' && strchr("<>()[]\"", s[i]) ==
	    NULL)
		i++;
	return i;
}

/*
 * A style sheet or a script in HTML: markup, not text, though
 * corpuscheck counts its letters (the one rule this test adds).
 */
static size_t
style_len(const char *s, size_t n)
{
	static const char *const el[][2] = { { "<style", "</style>" },
	    { "<script", "</script>" } };
	const char	*e;
	size_t		 k;

	for (k = 0; k < 2; k++)
		if (n > strlen(el[k][0]) && strncasecmp(s, el[k][0],
		    strlen(el[k][0])) == 0 && (s[strlen(el[k][0])] == '>' ||
		    s[strlen(el[k][0])] == ' ') &&
		    (e = memmem(s, n, el[k][1], strlen(el[k][1]))) != NULL)
			return (size_t)(e - s) + strlen(el[k][1]);
	return 0;
}

/* One pass of a pattern over s: its matches become a space. */
static void
blank_out(struct buf *b, size_t (*match)(const char *, size_t))
{
	struct buf	 o = { 0 };
	size_t		 i = 0, k;

	while (i < b->len) {
		if ((k = match(b->p + i, b->len - i)) > 0) {
			buf_addc(&o, ' ');
			i += k;
		} else
			buf_addc(&o, b->p[i++]);
	}
	buf_free(b);
	*b = o;
}

/* ---- sources -------------------------------------------------------- */

/* Decodes entities once (the few a feed uses), as html.unescape would. */
static void
unescape(struct buf *b)
{
	static const struct { const char *n; const char *s; } e[] = {
		{ "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&#39;", "'" },
		{ "&nbsp;", " " },
	};
	struct buf	o = { 0 };
	size_t		i = 0, k;

	while (i < b->len) {
		for (k = 0; k < sizeof e / sizeof e[0]; k++)
			if (strncmp(b->p + i, e[k].n, strlen(e[k].n)) == 0)
				break;
		if (k < sizeof e / sizeof e[0]) {
			buf_adds(&o, e[k].s);
			i += strlen(e[k].n);
		} else
			buf_addc(&o, b->p[i++]);
	}
	buf_free(b);
	*b = o;
}

/* A feed's text: its title, then each item's fields, as a reader sees it. */
static void
feed_text(const char *s, size_t n, struct buf *out)
{
	static const char *const fields[] = { "title", "description",
	    "content:encoded", "dc:creator", "author" };
	const char	*p = s, *e = s + n, *it, *end, *a, *b;
	char		 open[32], close[32];
	size_t		 k;

	if ((a = strstr(s, "<title>")) != NULL && (b = strstr(a, "</title>")) != NULL)
		buf_add(out, a + 7, (size_t)(b - a - 7));
	while ((it = memmem(p, (size_t)(e - p), "<item", 5)) != NULL &&
	    (end = memmem(it, (size_t)(e - it), "</item>", 7)) != NULL) {
		for (k = 0; k < sizeof fields / sizeof fields[0]; k++) {
			snprintf(open, sizeof open, "<%s>", fields[k]);
			snprintf(close, sizeof close, "</%s>", fields[k]);
			if ((a = memmem(it, (size_t)(end - it), open,
			    strlen(open))) != NULL && (b = memmem(a,
			    (size_t)(end - a), close, strlen(close))) != NULL) {
				buf_addc(out, ' ');
				buf_add(out, a + strlen(open),
				    (size_t)(b - a) - strlen(open));
			}
		}
		p = end + 7;
	}
	unescape(out);
	unescape(out);
	blank_out(out, style_len);
	blank_out(out, tag_len);
}

/* Whether the line s is a record's field: a date, 第N版(…), or starts 专栏：. */
static size_t
record_meta(const char *s, size_t n)
{
	size_t	i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i >= 10 && digit(s[i]) && digit(s[i + 3]) && s[i + 4] == '-' &&
	    s[i + 7] == '-' && (n - i == 10 || (n - i == 11 && s[n - 1] == '\r')))
		return n;
	if (n - i >= 6 && memcmp(s + i, "第", 3) == 0 && (memmem(s + i, n - i,
	    "版", 3) != NULL) && n - i <= 40 && memchr(s + i, ' ', n - i) == NULL &&
	    (s[n - 1] == ')' || s[n - 1] == '\r' || memcmp(s + n - 3, "版", 3) == 0))
		return n;
	if (n >= 9 && memcmp(s, "专栏：", 9) == 0)
		return 9;
	return 0;
}

/* The input's text as a reader counts it, before repeats. */
static void
source(const char *s, size_t n, struct buf *out)
{
	struct buf	 t = { 0 };
	size_t		 i, e, k;

	if (n > 0 && (strstr(s, "<?xml") == s || memmem(s, n < 2000 ? n : 2000,
	    "<rss", 4) != NULL)) {
		feed_text(s, n, &t);
	} else
		buf_add(&t, s, n);
	/* front matter, then a record's fields, line by line */
	for (i = 0; i < t.len; i = e + 1) {
		const char	*l = t.p + i, *f;

		e = i;
		while (e < t.len && t.p[e] != '\n')
			e++;
		if ((i == 0 || t.p[i - 1] == '\n') && e - i == 3 &&
		    memcmp(l, "---", 3) == 0 && e + 1 < t.len &&
		    alpha(t.p[e + 1]) && (f = memmem(t.p + e, t.len - e,
		    "\n---\n", 5)) != NULL) {
			for (k = e + 1; k < t.len && (alpha(t.p[k]) ||
			    t.p[k] == '_'); k++)
				;
			if (k < t.len && t.p[k] == ':') {
				buf_addc(out, ' ');
				e = (size_t)(f - t.p) + 4;
				continue;
			}
		}
		k = record_meta(l, e - i);
		if (k < e - i)
			buf_add(out, l + k, e - i - k);
		buf_addc(out, '\n');
	}
	buf_free(&t);
	blank_out(out, style_len);
	blank_out(out, tag_len);
	blank_out(out, link_target_len);
	blank_out(out, entity_len);
	blank_out(out, url_len);
}

/* ---- letters ------------------------------------------------------- */

struct letters {
	uint32_t	*v;
	size_t		 n, cap;
};

/* The letters and digits of s after NFKC, appended to l. */
static void
letters_of(const char *s, size_t n, struct letters *l)
{
	size_t		 n32 = 0, nf = 0, i;
	uint32_t	*u = u8_to_u32((const uint8_t *)s, n, NULL, &n32), *f;

	if (u == NULL)
		return;
	f = u32_normalize(UNINORM_NFKC, u, n32, NULL, &nf);
	free(u);
	for (i = 0; f != NULL && i < nf; i++)
		if (uc_is_general_category(f[i], UC_CATEGORY_L) ||
		    uc_is_general_category(f[i], UC_CATEGORY_N)) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 256;
				l->v = realloc(l->v, l->cap * sizeof *l->v);
				assert_non_null(l->v);
			}
			l->v[l->n++] = f[i];
		}
	free(f);
}

static int
by_cp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The source's letters, a line the source repeats counted once. */
static void
source_letters(const char *s, size_t n, struct letters *l)
{
	struct letters	*lines = NULL;
	size_t		 nl = 0, i = 0, e, k, j, from, w;

	while (i <= n) {
		for (e = i; e < n && s[e] != '\n'; e++)
			;
		lines = realloc(lines, (nl + 1) * sizeof *lines);
		assert_non_null(lines);
		memset(&lines[nl], 0, sizeof *lines);
		letters_of(s + i, e - i, &lines[nl++]);
		i = e + 1;
	}
	for (k = 0; k < nl; k++) {
		bool	seen = false;

		if (lines[k].n == 0)
			continue;
		/* found earlier: in a line, or across the ones before */
		from = lines[k].n >= 6 ? 0 : (k > 8 ? k - 8 : 0);
		for (j = from; j < k && !seen; j++)
			for (w = 0; w + lines[k].n <= lines[j].n && !seen; w++)
				seen = memcmp(lines[j].v + w, lines[k].v,
				    lines[k].n * sizeof *lines[k].v) == 0;
		for (w = 0; !seen && w < lines[k].n; w++) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 256;
				l->v = realloc(l->v, l->cap * sizeof *l->v);
				assert_non_null(l->v);
			}
			l->v[l->n++] = lines[k].v[w];
		}
	}
	for (k = 0; k < nl; k++)
		free(lines[k].v);
	free(lines);
}

/* Checks one input: its letters all in the layout. */
static void
check(const char *path)
{
	struct stat		 st;
	const char		*err;
	char			*raw, *clean;
	size_t			 n, cn, i, k, missing = 0;
	struct issue		*is;
	struct layout		 lay;
	struct layout_opts	 o = { .width = 80, .columns = 1, .gutter = 2,
	    .indent = 2, .ambiguous = 1, .masthead = true, .banners = true };
	struct buf		 src = { 0 };
	struct letters		 in = { 0 }, out = { 0 };
	char			 u[8];

	assert_int_equal(stat(path, &st), 0);
	raw = S_ISDIR(st.st_mode) ? day_read(path, &n, &err, NULL) :
	    file_read(path, &n, &err);
	if (raw == NULL)
		return;		/* hostile fixtures the reader refuses */
	/* control and escape sequences are no text: the sanitised input */
	clean = text_sanitise(raw, n, &cn);
	assert_non_null(clean);
	if (clean == NULL)
		return;		/* (said above; for the compiler's sake) */
	source(clean, cn, &src);
	free(clean);
	source_letters(src.p ? src.p : "", src.len, &in);
	is = issue_parse(raw, n, NULL, &err);
	free(raw);
	assert_non_null(is);
	layout_init(&lay);
	assert_true(layout_issue(&lay, is, &o, 0, is->narticles));
	for (i = 0; i < lay.nlines; i++)
		letters_of(lay.lines[i].s, lay.lines[i].len, &out);
	if (in.n > 0)
		qsort(in.v, in.n, sizeof *in.v, by_cp);
	if (out.n > 0)
		qsort(out.v, out.n, sizeof *out.v, by_cp);
	for (i = k = 0; i < in.n; i++) {
		while (k < out.n && out.v[k] < in.v[i])
			k++;
		if (k < out.n && out.v[k] == in.v[i])
			k++;
		else if (missing++ < 12) {
			u[u8_uctomb((uint8_t *)u, in.v[i], 6)] = '\0';
			fprintf(stderr, "%s: lost %s\n", path, u);
		}
	}
	if (missing > 0)
		fprintf(stderr, "%s: %zu letters lost\n", path, missing);
	assert_int_equal(missing, 0);
	layout_free(&lay);
	issue_free(is);
	buf_free(&src);
	free(in.v);
	free(out.v);
}

/* Every input of a folder (and its folders; a day's folder whole). */
static size_t
check_dir(const char *dir, const char *ext)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	struct stat	 st;
	char		 p[4096];
	size_t		 n = 0, len;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		if (stat(p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (day_is(p)) {
				check(p);
				n++;
			} else
				n += check_dir(p, ext);
			continue;
		}
		len = strlen(de->d_name);
		if (ext != NULL && (len < strlen(ext) ||
		    strcmp(de->d_name + len - strlen(ext), ext) != 0))
			continue;
		/* a folder's notes about its issues are none */
		if (ext == NULL && (!file_is_issue(de->d_name) ||
		    strcmp(de->d_name, "SOURCES.md") == 0 ||
		    strcmp(de->d_name, "README.md") == 0))
			continue;
		check(p);
		n++;
	}
	closedir(d);
	return n;
}

static void
our_inputs_lose_nothing(void **state)
{
	(void)state;
	assert_true(check_dir("../../assets", ".txt") >= 3);
	assert_true(check_dir("../regress", ".in") >= 20);
	assert_true(check_dir("../fixtures", NULL) >= 5);
}

/* The real issues beside the project, when they are there. */
static void
real_issues_lose_nothing(void **state)
{
	size_t	n;

	(void)state;
	n = check_dir("../../../shared/seeds", ".txt") +
	    check_dir("../../../shared/corpus", NULL);
	if (n == 0)
		skip();
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(our_inputs_lose_nothing),
		cmocka_unit_test(real_issues_lose_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
