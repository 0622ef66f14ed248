/*
 * day: a day's folder of article files read as one issue's text -- the
 * files in name order, their page folders as front matter -- and what
 * stands for its stat(2) in the caches.  All the file I/O of a day's
 * folder is here; parsing (vault.c) reads none.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "date.h"
#include "day.h"
#include "file.h"
#include "text.h"
#include "vault.h"

struct vfile {
	char		*path;
	char		*page;		/* the page folder's name, or NULL */
	struct stat	 st;
};

static int
by_vpath(const void *a, const void *b)
{
	return strcmp(((const struct vfile *)a)->path,
	    ((const struct vfile *)b)->path);
}

static void
free_files(struct vfile *v, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++) {
		free(v[k].path);
		free(v[k].page);
	}
	free(v);
}

/*
 * Whether a file named by the date alone and numbers (20200119-01-03.txt:
 * the day, the page, the article) belongs to the day *day, which the
 * first such file sets: an article file of that day, not an issue.
 */
static bool
day_part(const char *name, char *day)
{
	char	date[11];
	size_t	n = strcspn(name, ".");

	if (!date_from_name(name, date) ||
	    strspn(name, "0123456789-_") != n)
		return false;
	if (day[0] == '\0')
		memcpy(day, date, sizeof date);
	return strcmp(day, date) == 0;
}

/*
 * A folder not named by a date holding only article files of one day
 * (20200119-01-01.txt, 20200119-01-02.txt): told by names alone, and at
 * the first that is not one (a folder of days' issues, of years).
 */
static bool
one_day(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		 day[11] = "";
	size_t		 n = 0;
	bool		 ok = true;

	if ((d = opendir(dir)) == NULL)
		return false;
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_DIR)
			ok = false;
		else if (file_is_issue(de->d_name))
			ok = day_part(de->d_name, day) && ++n > 0;
	}
	closedir(d);
	return ok && n >= 2;
}

/*
 * The issue files of a day's folder and of its page folders (one level),
 * sorted by path.  False when out of memory; *dated set when a file has a
 * date of its own (then the folder is a library, not an issue).
 */
static bool
day_files(const char *dir, struct vfile **out, size_t *nout, bool *dated)
{
	struct vfile	*v = NULL;
	size_t		 n = 0, cap = 0;
	char		 date[11];
	struct buf	 p = { 0 };
	DIR		*d, *d2;
	struct dirent	*de, *de2;
	struct stat	 st;
	bool		 ok = true;
	char		 day[11] = "";

	*dated = false;
	if ((d = opendir(dir)) == NULL)
		return true;
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p.len = 0;
		buf_addf(&p, "%s/%s", dir, de->d_name);
		if (p.failed) {
			ok = false;
			break;
		}
		if (stat(p.p, &st) != 0)
			continue;
		if (S_ISREG(st.st_mode) && file_is_issue(de->d_name)) {
			*dated |= date_from_name(de->d_name, date) &&
			    !day_part(de->d_name, day);
			ok = vec_grow(&v, &cap, n, sizeof *v) &&
			    (v[n].path = strdup(p.p)) != NULL;
			if (ok) {
				v[n].st = st;
				v[n++].page = NULL;
			}
			continue;
		}
		if (!S_ISDIR(st.st_mode) || (d2 = opendir(p.p)) == NULL)
			continue;
		while (ok && (de2 = readdir(d2)) != NULL) {
			struct buf	q = { 0 };

			if (!file_is_issue(de2->d_name))
				continue;
			buf_addf(&q, "%s/%s", p.p, de2->d_name);
			if (q.failed)
				ok = false;
			if (q.failed || stat(q.p, &st) != 0 || !S_ISREG(st.st_mode)) {
				buf_free(&q);
				continue;
			}
			*dated |= date_from_name(de2->d_name, date) &&
			    !day_part(de2->d_name, day);
			ok = vec_grow(&v, &cap, n, sizeof *v);
			if (ok) {
				v[n].path = buf_take(&q, NULL);
				v[n].page = strdup(de->d_name);
				v[n].st = st;
				ok = v[n].path != NULL && v[n].page != NULL;
				n++;
			}
			buf_free(&q);
		}
		closedir(d2);
	}
	closedir(d);
	buf_free(&p);
	if (!ok) {
		free_files(v, n);
		return false;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, by_vpath);
	*out = v;
	*nout = n;
	return true;
}

/*
 * Whether dir is a day's folder: 1 with its files in *v, *n (free with
 * free_files()), 0 when it is not, -1 when memory runs out.
 */
static int
day_list(const char *dir, struct vfile **v, size_t *n)
{
	const char	*base;
	char		 date[11], *copy;
	size_t		 len = strlen(dir);
	bool		 dated;
	int		 r = 0;

	*v = NULL;
	*n = 0;
	/* the folder's own name, a trailing slash aside */
	if ((copy = strdup(dir)) == NULL)
		return -1;
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	base = strrchr(copy, '/');
	if (date_from_name(base ? base + 1 : copy, date) || one_day(copy)) {
		if (!day_files(copy, v, n, &dated))
			r = -1;
		else if (*n > 0 && !dated)
			r = 1;
	}
	free(copy);
	if (r != 1) {
		free_files(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return r;
}

bool
day_is(const char *dir)
{
	struct vfile	*v;
	size_t		 n;
	bool		 ok = day_list(dir, &v, &n) == 1;

	free_files(v, n);
	return ok;
}

static bool
later(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec &&
	    a.tv_nsec > b.tv_nsec);
}

int
day_stat(const char *dir, struct stat *out, uint64_t *names)
{
	struct vfile	*v;
	size_t		 n, k;
	uint64_t	 h = 14695981039346656037ULL;
	const char	*c;
	int		 r;

	if ((r = day_list(dir, &v, &n)) != 1)
		return r;
	memset(out, 0, sizeof *out);
	out->st_mode = S_IFDIR;
	for (k = 0; k < n; k++) {
		/* the names in order: a page folder renamed moves articles */
		for (c = v[k].path; *c != '\0'; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ULL;
		h = (h ^ '\n') * 1099511628211ULL;
		out->st_size += v[k].st.st_size;
		if (later(v[k].st.st_mtim, out->st_mtim))
			out->st_mtim = v[k].st.st_mtim;
		if (later(v[k].st.st_ctim, out->st_ctim))
			out->st_ctim = v[k].st.st_ctim;
	}
	/* a file added or removed changes the count even at the same size */
	*names = (h ^ n) * 1099511628211ULL;
	free_files(v, n);
	return 1;
}

#define DAY_MAX	((off_t)1 << 30)	/* a day's files, as a file: 1 GiB */

/*
 * A day's folder's text, each file's first max bytes when head (a
 * library entry needs no more), else whole.
 */
/*
 * Adds file text s[0..n-1] of page folder page to b.  Plain article files
 * in one folder are joined like cat, a line break at each end (their text
 * says what they are).  Else each file as it is; one without front matter
 * gets a block naming its page folder, one with front matter but no
 * section gets the page folder as its section.  Metadata, never shown as
 * text.
 */
static void
join_file(struct buf *b, const char *s, size_t n, const char *page,
    bool plain)
{
	size_t	i, e, first;

	if (plain) {
		buf_add(b, s, n);
		if (n > 0 && s[n - 1] != '\n')
			buf_addc(b, '\n');
		return;
	}
	if (b->len > 0)
		buf_adds(b, "\n\n");
	i = strspn(s, "\n ");
	if ((e = vault_front_matter(s, n, i)) == 0) {
		buf_adds(b, "---\n");
		vault_add_section(b, page);
		buf_adds(b, "---\n");
		buf_add(b, s, n);
		return;
	}
	/* the page after the opening rule, as it stands */
	first = text_line_end(s, n, i) + 1;
	buf_add(b, s, first);
	if (vault_value_at(s, first, e, "section") == (size_t)-1)
		vault_add_section(b, page);
	buf_add(b, s + first, n - first);
}

static char *
read_day(const char *path, size_t max, bool head, size_t *len,
    const char **err, struct buf *skipped)
{
	struct vfile	*v = NULL;
	struct buf	 b = { 0 };
	size_t		 n = 0, k, flen, *tlen = NULL;
	off_t		 total;
	char		**txt = NULL, *s;
	bool		 plain = true;

	/* a file, nearly always: opened at once, not stat(2)ed first */
	if ((s = head ? file_read_max(path, max, true, len, err) :
	    file_read(path, len, err)) != NULL || *err != file_is_dir)
		return s;
	switch (day_list(path, &v, &n)) {
	case 1:
		break;
	case 0:
		*err = file_is_dir;
		return NULL;
	default:
		*err = file_no_memory;
		return NULL;
	}
	/* as large a day as a file may be, and no larger */
	for (k = 0, total = 0; k < n && !head; k++)
		total += v[k].st.st_size;
	if (total > DAY_MAX) {
		free_files(v, n);
		*err = "day folder too large (over 1 GiB)";
		return NULL;
	}
	/* the files' texts first: how they are joined depends on them all */
	if ((txt = calloc(n, sizeof *txt)) == NULL ||
	    (tlen = calloc(n, sizeof *tlen)) == NULL)
		b.failed = true;
	for (k = 0; k < n && !b.failed; k++) {
		char	*raw;

		raw = head ? file_read_max(v[k].path, max, true, &flen, err) :
		    file_read(v[k].path, &flen, err);
		if (raw == NULL && *err == file_no_memory) {
			b.failed = true;	/* no fault of the file's */
			break;
		}
		if (raw == NULL) {
			/* an unreadable file: the rest stands, and it is said */
			if (skipped != NULL) {
				buf_adds(skipped, v[k].path);
				buf_adds(skipped, ": ");
				buf_adds(skipped, *err);
				buf_addc(skipped, '\n');
				b.failed = skipped->failed;	/* unsaid */
			}
			continue;
		}
		txt[k] = text_sanitise(raw, flen, &tlen[k]);
		free(raw);
		if (txt[k] == NULL)
			b.failed = true;
		else if (v[k].page != NULL || vault_has_front_matter(txt[k],
		    tlen[k]))
			plain = false;
	}
	for (k = 0; k < n && !b.failed; k++)
		if (txt[k] != NULL)
			join_file(&b, txt[k], tlen[k], v[k].page, plain);
	for (k = 0; txt != NULL && k < n; k++)
		free(txt[k]);
	free(txt);
	free(tlen);
	free_files(v, n);
	if (b.failed) {
		buf_free(&b);
		*err = file_no_memory;
		return NULL;
	}
	if (b.len == 0) {
		buf_free(&b);
		*err = "no readable issue files in this folder";
		return NULL;
	}
	*err = NULL;
	return buf_take(&b, len);
}

char *
day_read(const char *path, size_t *len, const char **err,
    struct buf *skipped)
{
	return read_day(path, 0, false, len, err, skipped);
}

char *
day_read_head(const char *path, size_t max, size_t *len, const char **err)
{
	return read_day(path, max, true, len, err, NULL);
}
