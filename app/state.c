/* state: positions and bookmarks on disk, written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "../model/archive.h"
#include "../model/buf.h"
#include "../model/file.h"
#include "state.h"

#define POS_MAGIC	"kanbao-position 2"
#define MARKS_MAGIC	"kanbao-marks 2"

bool
state_save_position(const char *dir, const char *issue,
    const struct position *pos)
{
	char		*f = file_cache_path(dir, issue, "pos");
	struct buf	 b = { 0 };
	char		 blk[32];
	bool		 ok;

	if (f == NULL)
		return false;
	if (pos->block == (size_t)-1)
		snprintf(blk, sizeof blk, "head");
	else
		snprintf(blk, sizeof blk, "%zu", pos->block);
	buf_addf(&b, POS_MAGIC "\narticle %zu\nblock %s\noffset %zu\n"
	    "view %s\ncolumns %d\nlinear %s\n", pos->article, blk, pos->off,
	    pos->reading ? "reader" : "contents", pos->columns,
	    pos->linear ? "yes" : "no");
	ok = !b.failed && file_write_atomic(f, b.p, b.len, true);
	buf_free(&b);
	free(f);
	return ok;
}

/* A whole small state file, or NULL. */
static char *
slurp(const char *f)
{
	const char	*err;
	size_t		 len;

	return file_read_max(f, 1 << 24, false, &len, &err);
}

bool
state_load_position(const char *dir, const char *issue, struct position *pos)
{
	char		*f = file_cache_path(dir, issue, "pos"), *s, *line;
	char		*next, *v, *end;
	unsigned	 seen = 0;
	size_t		 n;

	if (f == NULL)
		return false;
	s = slurp(f);
	free(f);
	if (s == NULL || strncmp(s, POS_MAGIC "\n", sizeof POS_MAGIC) != 0) {
		free(s);
		return false;
	}
	memset(pos, 0, sizeof *pos);
	for (line = s + sizeof POS_MAGIC; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (*next == '\n')
			*next++ = '\0';
		if ((v = strchr(line, ' ')) == NULL)
			continue;
		*v++ = '\0';
		errno = 0;
		n = strtoul(v, &end, 10);
		if (strcmp(line, "article") == 0 && *end == '\0' && !errno) {
			pos->article = n;
			seen |= 1;
		} else if (strcmp(line, "block") == 0 && strcmp(v, "head") == 0) {
			pos->block = (size_t)-1;
			seen |= 2;
		} else if (strcmp(line, "block") == 0 && *end == '\0' && !errno) {
			pos->block = n;
			seen |= 2;
		} else if (strcmp(line, "offset") == 0 && *end == '\0' && !errno) {
			pos->off = n;
			seen |= 4;
		} else if (strcmp(line, "view") == 0)
			pos->reading = strcmp(v, "reader") == 0;
		else if (strcmp(line, "columns") == 0 && *end == '\0' && n <= 16)
			pos->columns = (int)n;
		else if (strcmp(line, "linear") == 0)
			pos->linear = strcmp(v, "yes") == 0;
	}
	free(s);
	return seen == 7;
}

/* Appends s with tab, newline and backslash escaped: one field. */
static void
put_escaped(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		default: buf_addc(b, *s); break;
		}
}

/* Undoes put_escaped in place. */
static char *
unescape(char *s)
{
	char	*r = s, *w = s;

	for (; *r != '\0'; r++) {
		if (*r != '\\' || r[1] == '\0') {
			*w++ = *r;
			continue;
		}
		r++;
		*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' :
		    *r;
	}
	*w = '\0';
	return s;
}

static char *
marks_file(const char *dir, const char *name)
{
	struct buf	b = { 0 };

	buf_addf(&b, "%s/%s", dir, name);
	return buf_take(&b, NULL);
}

bool
state_load_marks(const char *dir, struct bookmark **out, size_t *nout)
{
	char		*f = marks_file(dir, "marks"), *s, *line, *next;
	char		*fld[6], *p, *end;
	size_t		 n = 0, cap = 0, k;
	struct bookmark	*m = NULL;
	bool		 v1 = false;

	*out = NULL;
	*nout = 0;
	s = f != NULL ? slurp(f) : NULL;
	free(f);
	if (s == NULL)
		return false;
	/* version 1 had no escapes and no marked line */
	if (strncmp(s, "kanbao-marks 1\n", 15) == 0)
		v1 = true;
	else if (strncmp(s, MARKS_MAGIC "\n", sizeof MARKS_MAGIC) != 0) {
		free(s);
		return false;
	}
	for (line = s + sizeof MARKS_MAGIC; *line != '\0'; line = next) {
		struct bookmark	b = { 0 };

		next = line + strcspn(line, "\n");
		if (*next == '\n')
			*next++ = '\0';
		for (k = 0, p = line; k < 6; k++) {
			fld[k] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (v1 && k == 4)
			fld[5] = "";
		else if (k != 5)
			continue;
		b.article = strtoul(fld[0], &end, 10);
		if (*end != '\0')
			continue;
		b.block = strtoul(fld[1], &end, 10);
		if (*end != '\0')
			continue;
		b.off = strtoul(fld[2], &end, 10);
		if (*end != '\0' || *fld[3] == '\0' ||
		    !vec_grow(&m, &cap, n, sizeof *m))
			continue;
		b.path = strdup(unescape(fld[3]));
		b.label = strdup(unescape(fld[4]));
		b.line = *fld[5] ? strdup(unescape(fld[5])) : NULL;
		if (b.path == NULL || b.label == NULL) {
			free(b.path);
			free(b.label);
			free(b.line);
			continue;
		}
		m[n++] = b;
	}
	free(s);
	*out = m;
	*nout = n;
	return true;
}

static bool
same_place(const struct bookmark *a, const struct bookmark *b)
{
	return a->article == b->article && a->block == b->block &&
	    a->off == b->off && strcmp(a->path, b->path) == 0;
}

static bool
save_marks(const char *dir, const struct bookmark *m, size_t n)
{
	struct buf	 b = { 0 };
	char		*f = marks_file(dir, "marks");
	size_t		 i;
	bool		 ok;

	buf_adds(&b, MARKS_MAGIC "\n");
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%zu\t%zu\t%zu\t", m[i].article, m[i].block,
		    m[i].off);
		put_escaped(&b, m[i].path);
		buf_addc(&b, '\t');
		put_escaped(&b, m[i].label);
		buf_addc(&b, '\t');
		put_escaped(&b, m[i].line);
		buf_addc(&b, '\n');
	}
	ok = f != NULL && !b.failed && file_write_atomic(f, b.p, b.len, true);
	buf_free(&b);
	free(f);
	return ok;
}

bool
state_change_marks(const char *dir, const struct bookmark *m, bool del,
    struct bookmark **out, size_t *nout)
{
	char		*lf = marks_file(dir, "marks.lock");
	struct bookmark	*v = NULL, c;
	size_t		 n = 0, cap, i;
	int		 fd = -1;
	bool		 ok = false;

	/* the lock covers read, merge and write: no reader's mark is lost */
	if (lf == NULL || (fd = open(lf, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1)
		goto out;
	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR)
			goto out;
	state_load_marks(dir, &v, &n);
	cap = n;
	for (i = 0; i < n && !same_place(&v[i], m); i++)
		;
	if (del && i < n) {
		free(v[i].path);
		free(v[i].label);
		free(v[i].line);
		memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof *v);
		n--;
	} else if (!del && i == n) {
		c.path = strdup(m->path);
		c.label = strdup(m->label ? m->label : "");
		c.line = m->line ? strdup(m->line) : NULL;
		c.article = m->article;
		c.block = m->block;
		c.off = m->off;
		if (c.path == NULL || c.label == NULL ||
		    !vec_grow(&v, &cap, n, sizeof *v)) {
			free(c.path);
			free(c.label);
			free(c.line);
			goto out;
		}
		v[n++] = c;
	}
	ok = save_marks(dir, v, n);
out:
	if (fd != -1)
		close(fd);	/* and the lock with it */
	free(lf);
	if (ok || v != NULL) {
		state_free_marks(*out, *nout);
		*out = v;
		*nout = n;
	}
	return ok;
}

void
state_free_marks(struct bookmark *m, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(m[i].path);
		free(m[i].label);
		free(m[i].line);
	}
	free(m);
}

/* ---- prompt history --------------------------------------------------- */

static char *
history_file(const char *dir, const char *name)
{
	struct buf	b = { 0 };

	buf_addf(&b, "%s/history-%s", dir, name);
	return buf_take(&b, NULL);
}

bool
state_load_history(const char *dir, const char *name, char ***out,
    size_t *nout)
{
	char		*path, *s, *line, *save = NULL;
	const char	*err;
	size_t		 len, cap = 0, n = 0;
	char		**v = NULL;

	*out = NULL;
	*nout = 0;
	if (dir == NULL || (path = history_file(dir, name)) == NULL)
		return false;
	s = file_read_max(path, (size_t)1 << 20, false, &len, &err);
	free(path);
	if (s == NULL)
		return true;	/* none yet */
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!vec_grow(&v, &cap, n, sizeof *v) ||
		    (v[n] = strdup(unescape(line))) == NULL)
			break;
		n++;
	}
	free(s);
	/* the newest STATE_HISTORY */
	if (n > STATE_HISTORY) {
		state_free_history(v, n - STATE_HISTORY);
		memmove(v, v + n - STATE_HISTORY, STATE_HISTORY * sizeof *v);
		n = STATE_HISTORY;
	}
	*out = v;
	*nout = n;
	return true;
}

bool
state_add_history(const char *dir, const char *name, const char *line,
    char ***v, size_t *n)
{
	struct buf	 b = { 0 };
	char		*path, *copy;
	size_t		 i, cap = *n;
	bool		 ok;

	if ((copy = strdup(line)) == NULL)
		return false;
	/* the same line again moves to the end */
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], line) == 0) {
			free((*v)[i]);
			memmove(*v + i, *v + i + 1, (*n - i - 1) * sizeof **v);
			(*n)--;
			break;
		}
	if (*n >= STATE_HISTORY) {
		free((*v)[0]);
		memmove(*v, *v + 1, (*n - 1) * sizeof **v);
		(*n)--;
	}
	if (!vec_grow(v, &cap, *n, sizeof **v)) {
		free(copy);
		return false;
	}
	(*v)[(*n)++] = copy;
	if (dir == NULL || (path = history_file(dir, name)) == NULL)
		return false;
	for (i = 0; i < *n; i++) {
		put_escaped(&b, (*v)[i]);
		buf_addc(&b, '\n');
	}
	ok = !b.failed && file_write_atomic(path, b.p ? b.p : "", b.len, true);
	free(path);
	buf_free(&b);
	return ok;
}

void
state_free_history(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- preferences -------------------------------------------------------- */

#define PREFS_MAGIC	"kanbao-prefs 1"

bool
state_save_prefs(const char *dir, int columns, bool linear)
{
	struct buf	 b = { 0 };
	char		*path;
	bool		 ok;

	if (dir == NULL || (path = marks_file(dir, "prefs")) == NULL)
		return false;
	buf_addf(&b, "%s\ncolumns\t%d\nlinear\t%d\n", PREFS_MAGIC, columns,
	    linear);
	ok = !b.failed && file_write_atomic(path, b.p, b.len, true);
	free(path);
	buf_free(&b);
	return ok;
}

bool
state_load_prefs(const char *dir, int *columns, bool *linear)
{
	char		*path, *s;
	const char	*err;
	size_t		 len;
	int		 c, l;

	if (dir == NULL || (path = marks_file(dir, "prefs")) == NULL)
		return false;
	s = file_read_max(path, 4096, false, &len, &err);
	free(path);
	if (s == NULL)
		return false;
	if (sscanf(s, PREFS_MAGIC "\ncolumns\t%d\nlinear\t%d", &c, &l) == 2 &&
	    c >= 0 && c <= 8) {
		*columns = c;
		*linear = l != 0;
		free(s);
		return true;
	}
	free(s);
	return false;
}

/* ---- how far each issue was read --------------------------------------- */

#define READS_MAGIC	"kanbao-reads 1"

static int
by_read_path(const void *a, const void *b)
{
	return strcmp(((const struct readmark *)a)->path,
	    ((const struct readmark *)b)->path);
}

bool
state_load_reads(const char *dir, struct readmark **out, size_t *nout)
{
	char		*path, *s, *line, *save = NULL, *f[5], *p;
	struct readmark	*v = NULL;
	size_t		 n = 0, cap = 0, k;

	*out = NULL;
	*nout = 0;
	if (dir == NULL || (path = marks_file(dir, "reads")) == NULL)
		return false;
	s = slurp(path);
	free(path);
	if (s == NULL)
		return true;
	line = strtok_r(s, "\n", &save);
	if (line == NULL || strcmp(line, READS_MAGIC) != 0) {
		free(s);
		return true;	/* another format: begun again */
	}
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		for (k = 0, p = line; k < 5 && p != NULL; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (k < 5 || !vec_grow(&v, &cap, n, sizeof *v) ||
		    (v[n].path = strdup(unescape(f[0]))) == NULL)
			continue;
		v[n].article = strtoul(f[1], NULL, 10);
		v[n].narticles = strtoul(f[2], NULL, 10);
		v[n].done = f[3][0] == '1';
		v[n].when = strtoll(f[4], NULL, 10);
		n++;
	}
	free(s);
	if (n > 1)
		qsort(v, n, sizeof *v, by_read_path);
	*out = v;
	*nout = n;
	return true;
}

const struct readmark *
state_find_read(const struct readmark *v, size_t n, const char *path)
{
	struct readmark	key = { .path = (char *)path };

	return n > 0 && path != NULL ? bsearch(&key, v, n, sizeof *v,
	    by_read_path) : NULL;
}

bool
state_note_read(const char *dir, const struct readmark *m,
    struct readmark **v, size_t *n)
{
	struct readmark	*r = (struct readmark *)state_find_read(*v, *n,
			    m->path);
	struct buf	 b = { 0 };
	char		*path;
	size_t		 i, cap = *n;
	bool		 ok;

	if (r == NULL) {
		if (!vec_grow(v, &cap, *n, sizeof **v))
			return false;
		r = &(*v)[(*n)++];
		memset(r, 0, sizeof *r);
		if ((r->path = strdup(m->path)) == NULL) {
			(*n)--;
			return false;
		}
	}
	/* the furthest article, unless the issue changed under it */
	if (m->narticles != r->narticles || m->article > r->article)
		r->article = m->article;
	r->narticles = m->narticles;
	r->done |= m->done;
	r->when = m->when;
	qsort(*v, *n, sizeof **v, by_read_path);
	if (dir == NULL || (path = marks_file(dir, "reads")) == NULL)
		return false;
	buf_adds(&b, READS_MAGIC "\n");
	for (i = 0; i < *n; i++) {
		put_escaped(&b, (*v)[i].path);
		buf_addf(&b, "\t%zu\t%zu\t%d\t%lld\n", (*v)[i].article,
		    (*v)[i].narticles, (*v)[i].done, (*v)[i].when);
	}
	ok = !b.failed && file_write_atomic(path, b.p, b.len, true);
	free(path);
	buf_free(&b);
	return ok;
}

void
state_free_reads(struct readmark *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}
