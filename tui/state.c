/* state: positions and bookmarks on disk, written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/buf.h"
#include "../model/file.h"
#include "state.h"

static bool
mkdirs(const char *path)
{
	char	*p, *s;

	if ((s = strdup(path)) == NULL)
		return false;
	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0700) == -1 && errno != EEXIST) {
			free(s);
			return false;
		}
		*p = '/';
	}
	free(s);
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

char *
state_dir(void)
{
	const char	*x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	struct buf	 b = { 0 };
	char		*d;

	if (x != NULL && *x == '/')
		buf_addf(&b, "%s/kanbao", x);
	else if (h != NULL && *h == '/')
		buf_addf(&b, "%s/.local/state/kanbao", h);
	else
		return NULL;
	if ((d = buf_take(&b, NULL)) != NULL && !mkdirs(d)) {
		free(d);
		return NULL;
	}
	return d;
}

/* A file name for an issue: a hash of its absolute path. */
static char *
position_file(const char *dir, const char *issue)
{
	char		 real[PATH_MAX];
	const char	*p = realpath(issue, real) ? real : issue;
	unsigned long	 h = 5381;
	struct buf	 b = { 0 };

	for (; *p != '\0'; p++)
		h = h * 33 ^ (unsigned char)*p;
	buf_addf(&b, "%s/pos-%016lx", dir, h);
	return buf_take(&b, NULL);
}

bool
state_save_position(const char *dir, const char *issue,
    const struct position *pos)
{
	char		*f = position_file(dir, issue);
	struct buf	 b = { 0 };
	bool		 ok;

	if (f == NULL)
		return false;
	buf_addf(&b, "kanbao-position 1\n%zu %zu %zu %d %d %d\n", pos->article,
	    pos->block, pos->off, pos->view, pos->columns, pos->linear ? 1 : 0);
	ok = !b.failed && file_write_atomic(f, b.p, b.len);
	buf_free(&b);
	free(f);
	return ok;
}

bool
state_load_position(const char *dir, const char *issue, struct position *pos)
{
	char		*f = position_file(dir, issue);
	FILE		*fp;
	int		 lin = 0, n;

	if (f == NULL || (fp = fopen(f, "r")) == NULL) {
		free(f);
		return false;
	}
	n = fscanf(fp, "kanbao-position 1 %zu %zu %zu %d %d %d", &pos->article,
	    &pos->block, &pos->off, &pos->view, &pos->columns, &lin);
	fclose(fp);
	free(f);
	pos->linear = lin != 0;
	if (pos->columns < 0 || pos->columns > 16)
		pos->columns = 0;
	return n == 6;
}

bool
state_save_marks(const char *dir, const struct bookmark *m, size_t n)
{
	struct buf	 b = { 0 }, f = { 0 };
	size_t		 i;
	bool		 ok;

	buf_adds(&b, "kanbao-marks 1\n");
	for (i = 0; i < n; i++)
		buf_addf(&b, "%zu\t%zu\t%zu\t%s\t%s\n", m[i].article, m[i].block,
		    m[i].off, m[i].path, m[i].label ? m[i].label : "");
	buf_addf(&f, "%s/marks", dir);
	ok = !b.failed && !f.failed && file_write_atomic(f.p, b.p, b.len);
	buf_free(&b);
	buf_free(&f);
	return ok;
}

bool
state_load_marks(const char *dir, struct bookmark **out, size_t *nout)
{
	struct buf	 f = { 0 };
	FILE		*fp;
	char		*line = NULL, *p, *q;
	size_t		 cap = 0, n = 0;
	struct bookmark	*m = NULL, *t;

	*out = NULL;
	*nout = 0;
	buf_addf(&f, "%s/marks", dir);
	if (f.failed || (fp = fopen(f.p, "r")) == NULL) {
		buf_free(&f);
		return false;
	}
	buf_free(&f);
	while (getline(&line, &cap, fp) != -1) {
		struct bookmark	b = { 0 };

		if (sscanf(line, "%zu\t%zu\t%zu\t", &b.article, &b.block,
		    &b.off) != 3)
			continue;
		if ((p = strchr(line, '\t')) == NULL || (p = strchr(p + 1, '\t')) == NULL ||
		    (p = strchr(p + 1, '\t')) == NULL)
			continue;
		p++;
		if ((q = strchr(p, '\t')) == NULL)
			continue;
		*q++ = '\0';
		q[strcspn(q, "\n")] = '\0';
		if ((t = realloc(m, (n + 1) * sizeof *m)) == NULL)
			break;
		m = t;
		b.path = strdup(p);
		b.label = strdup(q);
		m[n++] = b;
	}
	free(line);
	fclose(fp);
	*out = m;
	*nout = n;
	return true;
}

void
state_free_marks(struct bookmark *m, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(m[i].path);
		free(m[i].label);
	}
	free(m);
}

/* $XDG_CACHE_HOME/kanbao (else ~/.cache/kanbao), made if missing; or NULL. */
char *
state_cache_dir(void)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	struct buf	 b = { 0 };
	char		*d, *p;

	if (x != NULL && *x == '/')
		buf_addf(&b, "%s/kanbao", x);
	else if (h != NULL && *h == '/')
		buf_addf(&b, "%s/.cache/kanbao", h);
	else
		return NULL;
	if ((d = buf_take(&b, NULL)) == NULL)
		return NULL;
	for (p = d + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(d, 0700);
			*p = '/';
		}
	if (mkdir(d, 0700) != 0 && errno != EEXIST) {
		free(d);
		return NULL;
	}
	return d;
}

