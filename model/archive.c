/*
 * archive: walking a library folder, dating and listing its issues (with
 * the list cache).  Searching them is search.c's.
 */
#include <dirent.h>
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
#include "buf.h"
#include "file.h"
#include "pool.h"
#include "issue.h"
#include "text.h"
#include "day.h"

#define HEAD_BYTES	1536	/* an issue's masthead and first headline */
#define HEAD_MORE	16384	/* when they hold no date (nor the name) or no headline */
#define LIST_MAGIC	"kanbao-list 4"	/* the list cache's first line */

struct vec {
	struct archive_entry	*v;
	size_t			 n, cap;
};

static bool	scan(struct archive *, const char *, bool, const char **);
static bool	open_tick(struct archive *, const char *, bool, const char *,
		    archive_tick *, void *, const char **);

static bool
dup_or_null(char **dst, const char *src)
{
	*dst = src != NULL ? strdup(src) : NULL;
	return src == NULL || *dst != NULL;
}

/*
 * Reads the head of an issue for its date, title and first headline (a
 * day's folder whole: its first article may be in any of its files).  A
 * file that cannot be read is dated by its name; false when memory ran
 * out (the list would lie).
 */
static bool
date_entry(struct archive_entry *e)
{
	static const struct issue_opts	 head = { .head = true };
	char			*s;
	size_t			 n;
	struct issue		*is = NULL;
	const char		*err;
	bool			 dir = e->dir, named, ok = true;
	const char		*base = strrchr(e->path, '/');
	char			 date[11];

	named = date_from_name(base != NULL ? base + 1 : e->path, date);
	if (dir)
		s = day_read_head(e->path, HEAD_MORE, &n, &err);
	else
		s = file_read_max(e->path, HEAD_BYTES, true, &n, &err);
	if (s == NULL && err == file_no_memory)
		return false;
	if (s != NULL && (is = issue_parse(s, n, &head, &err)) == NULL) {
		free(s);
		return false;	/* any bytes give an issue: no memory */
	}
	free(s);
	/*
	 * A masthead or headline further down (page furniture first); an
	 * issue with no masthead date in its head but one in its name (a web
	 * edition's) is dated by the name.
	 */
	if (is != NULL && ((is->date[0] == '\0' && !named) ||
	    is->narticles == 0 || is->articles[0].headline == NULL) &&
	    n >= HEAD_BYTES && !dir &&
	    (s = file_read_max(e->path, HEAD_MORE,
	    true, &n, &err)) != NULL) {
		issue_free(is);
		is = issue_parse(s, n, &head, &err);
		free(s);
		if (is == NULL)
			return false;
	}
	issue_date_of(is, e->path, e->date);
	if (is != NULL) {
		ok = dup_or_null(&e->title, is->title) &&
		    dup_or_null(&e->headline, is->narticles > 0 ?
		    is->articles[0].headline : NULL);
		issue_free(is);
	}
	return ok;
}

/* Dates entry todo[i] (issue_parse is reentrant: run on every processor). */
struct dating {
	struct archive_entry	*v;
	const size_t		*todo;
	size_t			 n;
	archive_tick		*tick;
	void			*arg;
	atomic_bool		 stop;
	atomic_bool		 nomem;	/* an entry ran out of memory */
};

static void
date_one(void *arg, size_t i)
{
	struct dating	*d = arg;

	if (!atomic_load(&d->stop) && !date_entry(&d->v[d->todo[i]])) {
		atomic_store(&d->nomem, true);
		atomic_store(&d->stop, true);	/* the rest need not be read */
	}
}

static void
date_tick(void *arg, size_t done)
{
	struct dating	*d = arg;

	if (!d->tick(done, d->n, d->arg))
		atomic_store(&d->stop, true);
}

static long long
ns(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

static bool
add(struct vec *v, const char *path, const struct stat *st, uint64_t names)
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
	p->dir = S_ISDIR(st->st_mode);
	p->names = names;
	v->n++;
	return true;
}

static void
free_vec(struct vec *v)
{
	struct archive	a = { v->v, v->n, NULL, 0 };

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
	uint64_t	 names;
	int		 day;

	if ((d = opendir(dir)) == NULL)
		return !top;
	buf_add(&p, dir, dlen);
	if (dlen == 0 || dir[dlen - 1] != '/') {
		buf_addc(&p, '/');
		dlen++;
	}
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_REG && !file_is_issue(de->d_name))
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
			if ((day = day_stat(p.p, &st, &names)) != 0) {
				ok = day > 0 && add(v, p.p, &st, names);
				continue;
			}
			memset(&st, 0, sizeof st);
			ok = add(dirs, p.p, &st, 0);
		} else if (S_ISREG(st.st_mode) && file_is_issue(de->d_name))
			ok = add(v, p.p, &st, 0);
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
struct walking {
	const struct vec	*dirs;
	struct vec		*parts;
	atomic_bool		 failed;
};

static void
walk_part(void *arg, size_t i)
{
	struct walking	*w = arg;

	if (!walk(&w->parts[i], w->dirs->v[i].path, false, NULL))
		atomic_store(&w->failed, true);
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
	struct walking	 p = { &dirs, NULL, false };
	bool		 ok = true;
	size_t		 i, j;
	uint64_t	 names;
	char		*lone;
	int		 day;

	/* the folder named may itself be a day's folder: one issue */
	if ((day = day_stat(dir, &st, &names)) != 0) {
		if (day < 0)
			errno = ENOMEM;
		return day > 0 && add(v, dir, &st, names);
	}
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
	/* a thread a processor (pool.c), however few the folders */
	pool_split(dirs.n, walk_part, &p);
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


/*
 * Reads the list cache: entries sorted by path.  The file ends with a
 * line `sum HEX` over all before it; a damaged or foreign file is not
 * used (and is written anew).
 */
static void
load_list_cache(const char *file, struct vec *c)
{
	char			*s, *line, *next, *fld[8], *p;
	size_t			 n, k;
	struct archive_entry	 e;
	struct stat		 st;

	memset(c, 0, sizeof *c);
	if ((s = file_read_summed(file, (size_t)1 << 30, &n)) == NULL)
		return;
	if (strncmp(s, LIST_MAGIC "\n", sizeof LIST_MAGIC) != 0)
		goto out;
	for (line = s + sizeof LIST_MAGIC; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (*next == '\n')
			*next++ = '\0';
		for (k = 0, p = line; k < 8; k++) {
			fld[k] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (k != 7 || strlen(fld[5]) > 10)
			continue;
		memset(&st, 0, sizeof st);
		if (!add(c, fld[0], &st, strtoull(fld[4], NULL, 16)))
			break;
		e = c->v[c->n - 1];
		e.size = strtoll(fld[1], NULL, 10);
		e.mtime = strtoll(fld[2], NULL, 10);
		e.ctime = strtoll(fld[3], NULL, 10);
		memcpy(e.date, fld[5], strlen(fld[5]) + 1);
		e.title = *fld[6] ? strdup(fld[6]) : NULL;
		e.headline = *fld[7] ? strdup(fld[7]) : NULL;
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
		buf_addf(&b, "%s\t%lld\t%lld\t%lld\t%llx\t%s\t%s\t%s\n",
		    e->path, e->size, e->mtime, e->ctime, e->names, e->date,
		    e->title ? e->title : "", e->headline ? e->headline : "");
	}
	file_add_sum(&b);
	if (!b.failed)
		file_write_atomic(file, b.p, b.len, false);
	buf_free(&b);
}

bool
archive_scan(struct archive *ar, const char *dir, const char **err)
{
	return scan(ar, dir, false, err);
}

/* The issues under dir, or with flat those in dir itself only. */
static bool
scan(struct archive *ar, const char *dir, bool flat, const char **err)
{
	struct vec	v = { 0 }, sub = { 0 };
	struct stat	st;

	memset(ar, 0, sizeof *ar);
	if (stat(dir, &st) != 0) {
		*err = strerror(errno);
		return false;
	}
	if (S_ISREG(st.st_mode)) {
		if (!add(&v, dir, &st, 0))
			goto oom;
	} else if (!S_ISDIR(st.st_mode)) {
		*err = "not a folder or an issue file";
		return false;
	} else if (flat) {
		bool	ok = walk_one(&v, dir, true, &sub);

		free_vec(&sub);		/* its folders are not its own */
		if (!ok)
			goto oom;
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
	return archive_open_tick(ar, dir, cachedir, NULL, NULL, err);
}

bool
archive_open_tick(struct archive *ar, const char *dir, const char *cachedir,
    archive_tick *tick, void *arg, const char **err)
{
	return open_tick(ar, dir, false, cachedir, tick, arg, err);
}

bool
archive_open_folder_of(struct archive *ar, const char *file,
    const char *cachedir, const char **err)
{
	char	*dir, *slash;
	bool	 ok;

	if ((dir = strdup(file)) == NULL) {
		*err = "out of memory";
		return false;
	}
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	ok = open_tick(ar, dir, true, cachedir, NULL, NULL, err);
	free(dir);
	return ok;
}

static bool
open_tick(struct archive *ar, const char *dir, bool flat, const char *cachedir,
    archive_tick *tick, void *arg, const char **err)
{
	char		*cf;
	struct vec	 c = { 0 };
	size_t		 i, changed = 0, *todo;

	if (!scan(ar, dir, flat, err))
		return false;
	cf = cachedir ? file_cache_path(cachedir, dir, flat ? "flat" :
	    "list") : NULL;
	if (cf != NULL)
		load_list_cache(cf, &c);
	if ((todo = malloc((ar->n + 1) * sizeof *todo)) == NULL) {
		free_vec(&c);
		free(cf);
		archive_close(ar);
		*err = "out of memory";
		return false;
	}
	for (i = 0; i < ar->n; i++) {
		struct archive_entry	*e = &ar->v[i], *hit = c.n ?
		    bsearch(e, c.v, c.n, sizeof *c.v, by_path) : NULL;

		if (hit != NULL && hit->size == e->size &&
		    hit->mtime == e->mtime && hit->ctime == e->ctime &&
		    hit->names == e->names) {
			memcpy(e->date, hit->date, sizeof hit->date);
			e->title = hit->title;
			e->headline = hit->headline;
			hit->title = hit->headline = NULL;
		} else
			todo[changed++] = i;
	}
	{
		struct dating	d = { ar->v, todo, changed, tick, arg, false,
				    false };

		if (tick != NULL && !tick(0, changed, arg))
			atomic_store(&d.stop, true);
		pool_run(changed, date_one, tick ? date_tick : NULL, &d);
		if (atomic_load(&d.stop)) {
			free(todo);
			free_vec(&c);
			free(cf);
			archive_close(ar);
			*err = atomic_load(&d.nomem) ? "out of memory" :
			    "interrupted";
			return false;
		}
	}
	free(todo);
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
archive_name_dates(struct archive *ar)
{
	size_t	i;

	for (i = 0; i < ar->n; i++)
		issue_date_of(NULL, ar->v[i].path, ar->v[i].date);
	if (ar->n > 1)
		qsort(ar->v, ar->n, sizeof *ar->v, by_date);
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

bool
archive_copy(struct archive *dst, const struct archive *src)
{
	size_t	i;

	memset(dst, 0, sizeof *dst);
	if ((dst->v = calloc(src->n + 1, sizeof *dst->v)) == NULL)
		return false;
	for (i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].path = dst->v[i].title = dst->v[i].headline = NULL;
		dst->n = i + 1;
		if (!dup_or_null(&dst->v[i].path, src->v[i].path) ||
		    !dup_or_null(&dst->v[i].title, src->v[i].title) ||
		    !dup_or_null(&dst->v[i].headline, src->v[i].headline)) {
			archive_close(dst);
			return false;
		}
	}
	if (!dup_or_null(&dst->root, src->root)) {
		archive_close(dst);
		return false;
	}
	return true;
}


