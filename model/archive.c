/*
 * archive: walking a library folder, dating its issues, and searching
 * them with folded matching.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "date.h"
#include "index.h"
#include "buf.h"
#include "file.h"
#include "issue.h"
#include "text.h"
#include "vault.h"

#define HEAD_BYTES	16384	/* enough of an issue for its masthead */
#define LIST_MAGIC	"kanbao-list 3"	/* the list cache's first line */
#define MAX_THREADS	8	/* to walk a library's folders */

struct vec {
	struct archive_entry	*v;
	size_t			 n, cap;
};

static bool
wanted(const char *name)
{
	size_t	n = strlen(name);

	return name[0] != '.' && ((n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
	    (n > 3 && strcmp(name + n - 3, ".md") == 0));
}

/*
 * Reads the head of an issue for its date, title and first headline (a
 * day's folder whole: its first article may be in any of its files).
 */
static void
date_entry(struct archive_entry *e)
{
	char			*s;
	size_t			 n;
	struct issue		*is = NULL;
	const char		*err;
	struct stat		 st;

	if (stat(e->path, &st) == 0 && S_ISDIR(st.st_mode))
		s = vault_read(e->path, &n, &err);
	else
		s = file_read_max(e->path, HEAD_BYTES, true, &n, &err);
	if (s != NULL)
		is = issue_parse(s, n, NULL, &err);
	free(s);
	archive_issue_date(is, e->path, e->date);
	if (is != NULL) {
		if (is->title != NULL)
			e->title = strdup(is->title);
		if (is->narticles > 0 && is->articles[0].headline)
			e->headline = strdup(is->articles[0].headline);
		issue_free(is);
	}
}

static long long
ns(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

static bool
add(struct vec *v, const char *path, const struct stat *st)
{
	struct archive_entry	*p;

	if (!vec_grow(&v->v, &v->cap, v->n, sizeof *v->v))
		return false;
	p = &v->v[v->n];
	memset(p, 0, sizeof *p);
	if ((p->path = strdup(path)) == NULL)
		return false;
	p->size = (long long)st->st_size;
	p->mtime = ns(st->st_mtim);
	p->ctime = ns(st->st_ctim);
	v->n++;
	return true;
}

static void
free_vec(struct vec *v)
{
	struct archive	a = { v->v, v->n, NULL };

	archive_close(&a);
	memset(v, 0, sizeof *v);
}

/*
 * Adds the issue files of the folder dir to v and its folders to dirs,
 * each file stat(2)ed by its name relative to its folder (the kernel need
 * not walk the whole path again).  A folder that cannot be opened is
 * skipped unless it is the top one.  False when out of memory.
 */
static bool
walk_one(struct vec *v, const char *dir, bool top, struct vec *dirs)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	struct buf	 p = { 0 };
	bool		 ok = true;
	size_t		 dlen = strlen(dir);

	if ((d = opendir(dir)) == NULL)
		return !top;
	buf_add(&p, dir, dlen);
	if (dlen == 0 || dir[dlen - 1] != '/')
		buf_addc(&p, '/'), dlen++;
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_REG && !wanted(de->d_name))
			continue;
		if (de->d_type != DT_DIR && fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) != 0)
			continue;	/* gone */
		/*
		 * A link to an issue file is read; a link to a folder is not
		 * followed, as find(1) and rg(1) do not: links cannot make
		 * the walk go round in circles.
		 */
		if (de->d_type != DT_DIR && S_ISLNK(st.st_mode) &&
		    (fstatat(dirfd(d), de->d_name, &st, 0) != 0 ||
		    !S_ISREG(st.st_mode)))
			continue;
		p.len = dlen;
		buf_adds(&p, de->d_name);
		if (p.failed) {
			ok = false;
			break;
		}
		if (de->d_type == DT_DIR || S_ISDIR(st.st_mode)) {
			/* a day's folder of article files is one issue */
			if (vault_day_stat(p.p, &st)) {
				ok = add(v, p.p, &st);
				continue;
			}
			memset(&st, 0, sizeof st);
			ok = add(dirs, p.p, &st);
		} else if (S_ISREG(st.st_mode) && wanted(de->d_name))
			ok = add(v, p.p, &st);
	}
	closedir(d);
	buf_free(&p);
	return ok;
}

/*
 * Adds the issue files under dir to v.  Folders go to defer when it is
 * given, else are walked in turn from a queue, not by recursion: any
 * nesting is read, with no stack to overflow.  False when out of memory.
 */
static bool
walk(struct vec *v, const char *dir, bool top, struct vec *defer)
{
	struct vec	 todo = { 0 };
	size_t		 next = 0;
	bool		 ok;

	if (defer != NULL)
		ok = walk_one(v, dir, top, defer);
	else {
		ok = walk_one(v, dir, top, &todo);
		while (ok && next < todo.n) {
			ok = walk_one(v, todo.v[next].path, false, &todo);
			next++;
		}
		free_vec(&todo);
	}
	if (!ok)
		errno = ENOMEM;
	return ok;
}

/* The folders of a library, walked by threads, each folder into its part. */
struct pool {
	const struct vec	*dirs;
	struct vec		*parts;
	atomic_size_t		 next;
	atomic_bool		 failed;
};

static void *
pool_work(void *arg)
{
	struct pool	*p = arg;
	size_t		 i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->dirs->n)
		if (!walk(&p->parts[i], p->dirs->v[i].path, false, NULL))
			atomic_store(&p->failed, true);
	return NULL;
}

/*
 * Collects the issue files under dir in a stable order: the files of dir,
 * then each folder's in the order the folders were read.  A library of
 * thousands of issues is mostly getdents(2) and stat(2) calls, so its
 * folders are shared out between threads, one per processor.
 */
static bool
walk_all(struct vec *v, const char *dir)
{
	struct stat	 st;
	struct vec	 dirs = { 0 };
	struct pool	 p = { &dirs, NULL, 0, false };
	pthread_t	 th[MAX_THREADS - 1];
	long		 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	bool		 ok = true;
	size_t		 i, j, nth = 0, want;
	char		*lone;

	/* the folder named may itself be a day's folder: one issue */
	if (vault_day_stat(dir, &st))
		return add(v, dir, &st);
	if (!walk(v, dir, true, &dirs)) {
		free_vec(&dirs);
		return false;
	}
	/* a lone folder (library/paper/2016/...): share out what is in it */
	while (dirs.n == 1) {
		lone = dirs.v[0].path;
		dirs.n = 0;
		ok = walk(v, lone, false, &dirs);
		free(lone);
		if (!ok) {
			free_vec(&dirs);
			return false;
		}
	}
	if (dirs.n == 0) {
		free(dirs.v);
		return true;
	}
	if ((p.parts = calloc(dirs.n, sizeof *p.parts)) == NULL) {
		free_vec(&dirs);
		errno = ENOMEM;
		return false;
	}
	want = cpus > 1 ? (size_t)cpus : 1;
	if (want > dirs.n)
		want = dirs.n;
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	while (nth + 1 < want &&
	    pthread_create(&th[nth], NULL, pool_work, &p) == 0)
		nth++;
	pool_work(&p);
	while (nth > 0)
		pthread_join(th[--nth], NULL);
	ok = !atomic_load(&p.failed);
	for (i = 0; i < dirs.n; i++) {
		for (j = 0; j < p.parts[i].n; j++) {
			if (ok && !vec_grow(&v->v, &v->cap, v->n, sizeof *v->v))
				ok = false;
			if (ok)
				v->v[v->n++] = p.parts[i].v[j];
			else
				free(p.parts[i].v[j].path);
		}
		free(p.parts[i].v);
	}
	free(p.parts);
	free_vec(&dirs);
	if (!ok)
		errno = ENOMEM;
	return ok;
}

static int
by_date(const void *a, const void *b)
{
	const struct archive_entry	*x = a, *y = b;
	int				 c;

	if (x->date[0] == '\0' && y->date[0] != '\0')
		return 1;
	if (y->date[0] == '\0' && x->date[0] != '\0')
		return -1;
	if ((c = strcmp(x->date, y->date)) != 0)
		return c;
	return strcmp(x->path, y->path);
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct archive_entry *)a)->path,
	    ((const struct archive_entry *)b)->path);
}

char *
archive_cache_path(const char *cachedir, const char *dir, const char *prefix)
{
	char		*real = realpath(dir, NULL);
	const char	*p = real ? real : dir;
	unsigned long	 h = 5381;
	struct buf	 b = { 0 };

	for (; *p != '\0'; p++)
		h = h * 33 ^ (unsigned char)*p;
	free(real);
	buf_addf(&b, "%s/%s-%016lx", cachedir, prefix, h);
	return buf_take(&b, NULL);
}

/*
 * Reads the list cache: entries sorted by path.  The file ends with a
 * line `sum HEX` over all before it; a damaged or foreign file is not
 * used (and is written anew).
 */
static void
load_list_cache(const char *file, struct vec *c)
{
	char			*s = NULL, *line, *next, *fld[7], *p, *end;
	size_t			 n = 0, k;
	off_t			 size;
	ssize_t			 r;
	struct archive_entry	 e;
	struct stat		 st;
	const char		*err;
	int			 fd;

	memset(c, 0, sizeof *c);
	if ((fd = file_open(file, true, &size, &err)) == -1)
		return;
	if (size > 0 && size < (off_t)1 << 30 &&
	    (s = malloc((size_t)size + 1)) != NULL) {
		while (n < (size_t)size &&
		    ((r = read(fd, s + n, (size_t)size - n)) > 0 ||
		    (r == -1 && errno == EINTR)))
			n += r > 0 ? (size_t)r : 0;
		s[n] = '\0';
	}
	close(fd);
	if (s == NULL)
		return;
	/* the last line: sum HEX */
	if (n < 2 || s[n - 1] != '\n')
		goto out;
	for (p = s + n - 1; p > s && p[-1] != '\n'; p--)
		;
	if (strncmp(p, "sum ", 4) != 0 ||
	    strtoull(p + 4, &end, 16) != file_checksum(s, (size_t)(p - s), 0) ||
	    *end != '\n')
		goto out;
	*p = '\0';
	if (strncmp(s, LIST_MAGIC "\n", sizeof LIST_MAGIC) != 0)
		goto out;
	for (line = s + sizeof LIST_MAGIC; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (*next == '\n')
			*next++ = '\0';
		for (k = 0, p = line; k < 7; k++) {
			fld[k] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (k != 6 || strlen(fld[4]) > 10)
			continue;
		memset(&st, 0, sizeof st);
		if (!add(c, fld[0], &st))
			break;
		e = c->v[c->n - 1];
		e.size = strtoll(fld[1], NULL, 10);
		e.mtime = strtoll(fld[2], NULL, 10);
		e.ctime = strtoll(fld[3], NULL, 10);
		memcpy(e.date, fld[4], strlen(fld[4]) + 1);
		e.title = *fld[5] ? strdup(fld[5]) : NULL;
		e.headline = *fld[6] ? strdup(fld[6]) : NULL;
		c->v[c->n - 1] = e;
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, by_path);
out:
	free(s);
}

static bool
safe_field(const char *s)
{
	return s == NULL || strpbrk(s, "\t\n") == NULL;
}

static void
save_list_cache(const char *file, const struct vec *v)
{
	struct buf	 b = { 0 };
	size_t		 i;

	buf_adds(&b, LIST_MAGIC "\n");
	for (i = 0; i < v->n; i++) {
		const struct archive_entry	*e = &v->v[i];

		if (!safe_field(e->path) || !safe_field(e->title) ||
		    !safe_field(e->headline))
			continue;
		buf_addf(&b, "%s\t%lld\t%lld\t%lld\t%s\t%s\t%s\n", e->path,
		    e->size, e->mtime, e->ctime, e->date, e->title ? e->title : "",
		    e->headline ? e->headline : "");
	}
	buf_addf(&b, "sum %016llx\n",
	    (unsigned long long)file_checksum(b.p, b.len, 0));
	if (!b.failed)
		file_write_atomic(file, b.p, b.len);
	buf_free(&b);
}

bool
archive_scan(struct archive *ar, const char *dir, const char **err)
{
	struct vec	v = { 0 };
	struct stat	st;

	memset(ar, 0, sizeof *ar);
	if (stat(dir, &st) != 0) {
		*err = strerror(errno);
		return false;
	}
	if (S_ISREG(st.st_mode)) {
		if (!add(&v, dir, &st))
			goto oom;
	} else if (!S_ISDIR(st.st_mode)) {
		*err = "not a folder or an issue file";
		return false;
	} else if (!walk_all(&v, dir)) {
		if (errno != ENOMEM) {
			*err = strerror(errno);
			free_vec(&v);
			return false;
		}
		goto oom;
	}
	ar->v = v.v;
	ar->n = v.n;
	if ((ar->root = strdup(dir)) == NULL)
		goto oom;
	return true;
oom:
	ar->v = v.v;
	ar->n = v.n;
	archive_close(ar);
	*err = "out of memory";
	return false;
}

bool
archive_open(struct archive *ar, const char *dir, const char *cachedir,
    const char **err)
{
	char		*cf;
	struct vec	 c = { 0 };
	size_t		 i, changed = 0;

	if (!archive_scan(ar, dir, err))
		return false;
	cf = cachedir ? archive_cache_path(cachedir, dir, "list") : NULL;
	if (cf != NULL)
		load_list_cache(cf, &c);
	for (i = 0; i < ar->n; i++) {
		struct archive_entry	*e = &ar->v[i], *hit = c.n ?
		    bsearch(e, c.v, c.n, sizeof *c.v, by_path) : NULL;

		if (hit != NULL && hit->size == e->size &&
		    hit->mtime == e->mtime && hit->ctime == e->ctime) {
			memcpy(e->date, hit->date, sizeof hit->date);
			e->title = hit->title;
			e->headline = hit->headline;
			hit->title = hit->headline = NULL;
		} else {
			date_entry(e);
			changed++;
		}
	}
	if (cf != NULL && (changed > 0 || c.n != ar->n)) {
		struct vec	v = { ar->v, ar->n, ar->n };

		save_list_cache(cf, &v);
	}
	free_vec(&c);
	free(cf);
	if (ar->n > 1)
		qsort(ar->v, ar->n, sizeof *ar->v, by_date);
	return true;
}

void
archive_close(struct archive *ar)
{
	size_t	i;

	for (i = 0; i < ar->n; i++) {
		free(ar->v[i].path);
		free(ar->v[i].title);
		free(ar->v[i].headline);
	}
	free(ar->v);
	free(ar->root);
	memset(ar, 0, sizeof *ar);
}

text_char
archive_fold_char(text_char c)
{
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0;
	switch (c) {
	case 0x3001: return ',';
	case 0x3002: return '.';
	case 0x201c: case 0x201d: case 0x300c: case 0x300d: return '"';
	case 0x2018: case 0x2019: case 0x300e: case 0x300f: return '\'';
	default: break;
	}
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

/*
 * Folds s[0..n) into o (n + 1 bytes: folding never makes text longer),
 * NUL-terminated; its length is returned.  With map, map[k] gets the
 * offset in s of the character that folded byte k comes from.
 */
static size_t
fold_into(const char *s, size_t n, char *o, size_t *map)
{
	char		*p = o, e[4];
	size_t		 i = 0, len, k, el;
	text_char	 c;

	while (i < n) {
		unsigned char	u = (unsigned char)s[i];

		if (u < 0x80) {
			if (u != ' ' && u != '\n' && u != '\t') {
				if (map != NULL)
					map[p - o] = i;
				*p++ = (char)(u >= 'A' && u <= 'Z' ?
				    u + ('a' - 'A') : u);
			}
			i++;
			continue;
		}
		len = text_decode(s + i, n - i, &c);
		/* spaces and soft hyphens do not matter to a search */
		if (!text_is_space(c) && c != 0xad) {
			el = text_encode(archive_fold_char(c), e);
			if (el > len) {
				/* only for bad input: keep within bounds */
				el = len;
				memset(e, '?', sizeof e);
			}
			for (k = 0; k < el; k++) {
				if (map != NULL)
					map[p - o] = i;
				*p++ = e[k];
			}
		}
		i += len;
	}
	*p = '\0';
	return (size_t)(p - o);
}

char *
archive_fold(const char *s, size_t n, size_t *outlen)
{
	char	*o;

	if ((o = malloc(n + 1)) == NULL)
		return NULL;
	*outlen = fold_into(s, n, o, NULL);
	return o;
}

bool
archive_find(const char *s, size_t n, size_t from, const char *query,
    size_t *at, size_t *len)
{
	char		*q, *f = NULL, *hit;
	size_t		 qlen, flen, k, *map = NULL;
	text_char	 c;
	bool		 found = false;

	if (from >= n || (q = archive_fold(query, strlen(query), &qlen)) == NULL)
		return false;
	if (qlen == 0 || (f = malloc(n - from + 1)) == NULL ||
	    (map = malloc((n - from + 1) * sizeof *map)) == NULL)
		goto out;
	flen = fold_into(s + from, n - from, f, map);
	if ((hit = memmem(f, flen, q, qlen)) == NULL)
		goto out;
	k = map[(size_t)(hit - f) + qlen - 1];	/* the last character */
	*at = from + map[hit - f];
	*len = from + k + text_decode(s + from + k, n - from - k, &c) - *at;
	found = true;
out:
	free(q);
	free(f);
	free(map);
	return found;
}

static bool	scan_search(const struct archive *, char *const *, size_t,
		    struct archive_hit **, size_t *);

/*
 * Splits the query at spaces into folded words.  A word that repeats one
 * before it, or is inside another word, adds nothing (every word must
 * occur) and is dropped, so a pasted paragraph costs what its words do.
 * More than ARCHIVE_MAX_WORDS words give (size_t)-1 and no words.
 */
size_t
archive_words(const char *q, char ***out)
{
	char	**w = NULL, *f;
	size_t	  n = 0, cap = 0, k, len, i;

	*out = NULL;
	while (*q != '\0') {
		while (*q == ' ' || strncmp(q, "\xe3\x80\x80", 3) == 0)
			q += *q == ' ' ? 1 : 3;
		if (*q == '\0')
			break;
		for (k = 0; q[k] != '\0' && q[k] != ' ' &&
		    strncmp(q + k, "\xe3\x80\x80", 3) != 0; k++)
			;
		f = archive_fold(q, k, &len);
		q += k;
		if (f == NULL || len == 0) {
			free(f);
			continue;
		}
		for (i = 0; i < n && strstr(w[i], f) == NULL; i++)
			;
		if (i < n) {
			free(f);	/* inside a word before it */
			continue;
		}
		/* words inside this one go */
		for (i = 0; i < n; )
			if (strstr(f, w[i]) != NULL) {
				free(w[i]);
				w[i] = w[--n];
			} else
				i++;
		if (n == ARCHIVE_MAX_WORDS || !vec_grow(&w, &cap, n, sizeof *w)) {
			free(f);
			for (i = 0; i < n; i++)
				free(w[i]);
			free(w);
			return n == ARCHIVE_MAX_WORDS ? (size_t)-1 : 0;
		}
		w[n++] = f;
	}
	*out = w;
	return n;
}

/* A snippet: the block text around byte offset at, on one line. */
char *
archive_snippet(const char *s, size_t n, size_t at)
{
	size_t	a = at > SNIPPET_BEFORE ? at - SNIPPET_BEFORE : 0;
	size_t	e = at + SNIPPET_AFTER < n ? at + SNIPPET_AFTER : n;

	while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80)
		a--;
	while (e < n && ((unsigned char)s[e] & 0xc0) == 0x80)
		e++;
	return strndup(s + a, e - a);
}

/* Whether article k holds every word; *snip gets a snippet of the hit. */
static bool
article_matches(const struct issue *is, size_t k, char *const *w, size_t nw,
    char **snip)
{
	char	*t, *f;
	size_t	 flen, i;
	bool	 ok = true;

	*snip = NULL;
	if ((t = archive_article_text(is, k)) == NULL)
		return false;
	if ((f = archive_fold(t, strlen(t), &flen)) == NULL) {
		free(t);
		return false;
	}
	for (i = 0; i < nw && ok; i++)
		ok = strstr(f, w[i]) != NULL;
	if (ok)
		*snip = archive_snippet(t, strlen(t),
		    archive_unfold_offset(t, (size_t)(strstr(f, w[0]) - f)));
	free(f);
	free(t);
	return ok;
}

bool
archive_search(const struct archive *ar, const char *query,
    const char *cachedir, archive_progress *progress, void *arg,
    struct archive_hit **hits, size_t *nhits, const char **err,
    const char **warn)
{
	char	**w;
	size_t	  nw, k;
	bool	  ok = false;

	*hits = NULL;
	*nhits = 0;
	if (warn != NULL)
		*warn = NULL;
	/* a query no search can take is said once, here */
	if ((nw = archive_words(query, &w)) == 0 || nw == (size_t)-1) {
		*err = nw == 0 ? "the query has no words" :
		    "the query has too many words (at most "
		    ARCHIVE_MAX_WORDS_S ")";
		free(w);
		return false;
	}
	if (cachedir != NULL && index_search(ar, query, w, nw, cachedir,
	    progress, arg, hits, nhits, err))
		ok = true;
	else {
		/* no cache, or an index that cannot be written or read */
		if (cachedir != NULL && warn != NULL)
			*warn = *err;
		*err = "out of memory";
		ok = scan_search(ar, w, nw, hits, nhits);
	}
	for (k = 0; k < nw; k++)
		free(w[k]);
	free(w);
	return ok;
}

static bool
scan_search(const struct archive *ar, char *const *w, size_t nw,
    struct archive_hit **hits, size_t *nhits)
{
	size_t			  i, j, n = 0, cap = 0, len;
	struct archive_hit	 *h = NULL;
	struct issue		 *is;
	char			 *s, *snip, date[11];
	const char		 *e;

	for (i = 0; i < ar->n; i++) {
		if ((s = vault_read(ar->v[i].path, &len, &e)) == NULL)
			continue;
		is = issue_parse(s, len, NULL, &e);
		free(s);
		if (is == NULL)
			continue;
		if (ar->v[i].date[0] != '\0')
			memcpy(date, ar->v[i].date, sizeof date);
		else
			archive_issue_date(is, ar->v[i].path, date);
		for (j = 0; j < is->narticles; j++) {
			if (!article_matches(is, j, w, nw, &snip))
				continue;
			if (!vec_grow(&h, &cap, n, sizeof *h)) {
				free(snip);
				break;
			}
			h[n].entry = i;
			h[n].article = j;
			memcpy(h[n].date, date, sizeof date);
			h[n].headline = strdup(is->articles[j].headline ?
			    is->articles[j].headline : "");
			h[n].snippet = snip;
			n++;
		}
		issue_free(is);
	}
	archive_sort_hits(ar, h, n);
	*hits = h;
	*nhits = n;
	return true;
}

/* The date of a parsed issue: its masthead's, else its file name's. */
void
archive_issue_date(const struct issue *is, const char *path, char *out)
{
	const char	*base = strrchr(path, '/');

	out[0] = '\0';
	if (is != NULL && is->date[0] != '\0')
		memcpy(out, is->date, 11);
	else
		date_from_name(base ? base + 1 : path, out);
}

static int
hit_order(const void *a, const void *b, void *arp)
{
	const struct archive_hit	*x = a, *y = b;
	const struct archive		*ar = arp;
	int				 c;

	if ((x->date[0] == '\0') != (y->date[0] == '\0'))
		return x->date[0] == '\0' ? 1 : -1;
	if ((c = strcmp(y->date, x->date)) != 0)
		return c;
	if (x->entry != y->entry)
		return strcmp(ar->v[x->entry].path, ar->v[y->entry].path);
	return x->article < y->article ? -1 : x->article > y->article;
}

/* Puts hits newest first, undated last; by path and article in a day. */
void
archive_sort_hits(const struct archive *ar, struct archive_hit *h, size_t n)
{
	if (n > 1)
		qsort_r(h, n, sizeof *h, hit_order, (void *)ar);
}

void
archive_free_hits(struct archive_hit *h, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(h[i].headline);
		free(h[i].snippet);
	}
	free(h);
}
