/*
 * session: the view stack and the issue open in it.  A view is on the
 * stack at most once: showing one already there goes back to it, so
 * back (q) always returns to the view and selection the reader left.
 */
#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../model/issue.h"
#include "../model/search.h"
#include "../model/day.h"
#include "view.h"

struct frame *
view_top(struct tui *t)
{
	return t->depth > 0 ? &t->stack[t->depth - 1] : NULL;
}

bool
view_on(const struct tui *t, const struct view *v)
{
	size_t	i;

	for (i = 0; i < t->depth; i++)
		if (t->stack[i].v == v)
			return true;
	return false;
}

static bool
is_issue_view(const struct view *v)
{
	return v == &view_contents || v == &view_reader;
}

void
view_pop(struct tui *t)
{
	const struct view	*from;
	struct frame		*f;

	if (t->depth == 0)
		return;
	from = t->stack[--t->depth].v;
	if (is_issue_view(from))
		issue_save_position(t);
	if ((f = view_top(t)) == NULL)
		t->quit = true;
	else if (f->v->resume != NULL)
		f->v->resume(t, f, from);
}

void
view_show(struct tui *t, const struct view *v)
{
	if (view_on(t, v)) {
		while (view_top(t)->v != v)
			view_pop(t);
		return;
	}
	if (t->depth == STACK_MAX)
		return;
	t->stack[t->depth].v = v;
	t->stack[t->depth].sel = t->stack[t->depth].top = 0;
	t->stack[t->depth].row0 = t->stack[t->depth].shown = 0;
	t->depth++;
}

size_t
lib_entry(const struct tui *t, size_t i)
{
	/*
	 * The archive has dated issues oldest first, then the undated; the
	 * map is its own inverse, row to entry and entry to row.
	 */
	return i < t->ndated ? t->ndated - 1 - i : i;
}

static void	note_read(struct tui *);

void
issue_save_position(struct tui *t)
{
	struct position	p;

	if (t->is == NULL || t->statedir == NULL)
		return;
	p.article = t->art;
	p.block = t->ahead ? (size_t)-1 : t->ablock;
	p.off = t->aoff;
	p.reading = view_on(t, &view_reader);
	p.columns = t->columns;
	p.linear = t->linear;
	state_save_position(t->statedir, t->path, &p);
	note_read(t);
}

/*
 * How far the issue open was read: its furthest article, and done when
 * the reader reached the last page of its last article.
 */
static void
note_read(struct tui *t)
{
	struct readmark	m;
	struct timespec	ts;
	size_t		i;

	if (t->is == NULL || t->path == NULL || t->is->narticles == 0)
		return;
	m.path = t->path;
	m.article = t->art;
	m.narticles = t->is->narticles;
	m.done = view_on(t, &view_reader) && t->laid &&
	    t->art + 1 >= t->is->narticles && t->page + 1 >= t->lay.npages;
	/* milliseconds, and after every other: the last read is last */
	clock_gettime(CLOCK_REALTIME, &ts);
	m.when = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	for (i = 0; i < t->nreads; i++)
		if (t->reads[i].when >= m.when)
			m.when = t->reads[i].when + 1;
	state_note_read(t->statedir, &m, &t->reads, &t->nreads);
}

bool
issue_open(struct tui *t, size_t i)
{
	struct issue_opts	 o = { .keep_punct = t->cf->keep_punct };
	struct issue		*is;
	struct position		 p;
	struct buf		 skipped = { 0 };
	const char		*err;
	char			*s, *path;
	size_t			 n, k;

	if (i >= t->ar.n)
		return false;
	if ((path = strdup(t->ar.v[i].path)) == NULL) {
		status(t, "out of memory");
		return false;
	}
	if ((s = day_read(path, &n, &err, &skipped)) == NULL) {
		status(t, "%s: %s", path, err);
		free(path);
		buf_free(&skipped);
		return false;
	}
	is = issue_parse_free(s, n, &o, &err);
	if (is == NULL) {
		status(t, "%s: %s", path, err);
		free(path);
		buf_free(&skipped);
		return false;
	}
	/*
	 * A day's file that could not be read: the first said, by its name
	 * (its line is "PATH: why"), and how many.
	 */
	if (skipped.len > 0) {
		char	*why;

		for (n = 0, k = 0; k < skipped.len; k++)
			n += skipped.p[k] == '\n';
		skipped.p[strcspn(skipped.p, "\n")] = '\0';
		if ((why = strstr(skipped.p, ": ")) != NULL)
			*why = '\0';
		status(t, "left out %zu %s: %s: %s", n, plural(n, "file",
		    "files"), base_name(skipped.p), why ? why + 2 : "");
	}
	buf_free(&skipped);
	issue_save_position(t);
	issue_free(t->is);
	free(t->path);
	t->is = is;
	t->issue_i = i;
	t->path = path;
	t->art = t->ablock = t->aoff = 0;
	t->ahead = true;
	t->page = t->line = 0;
	t->laid = false;
	t->was_reading = false;
	if (t->statedir && state_load_position(t->statedir, t->path, &p) &&
	    p.article < is->narticles) {
		t->art = p.article;
		t->ahead = p.block == (size_t)-1;
		t->ablock = t->ahead ? 0 : p.block;
		t->aoff = p.off;
		/* columns and linear mode are the reader's, not the issue's */
		t->was_reading = p.reading;
	}
	/* the library's selection follows the issue open */
	for (k = 0; k < t->depth; k++)
		if (t->stack[k].v == &view_library)
			t->stack[k].sel = lib_entry(t, i);
	return true;
}

void
issue_show(struct tui *t, bool reading)
{
	struct frame	*f;

	/* over the list it came from: the library or search results */
	/* the old issue's place was saved by issue_open: no view_pop */
	while ((f = view_top(t)) != NULL && (f->v->overlay ||
	    is_issue_view(f->v)))
		t->depth--;
	view_show(t, &view_contents);
	view_top(t)->sel = t->art;
	if (reading)
		view_show(t, &view_reader);
}

bool
issue_enter(struct tui *t, size_t i)
{
	if (!issue_open(t, i))
		return false;
	issue_show(t, t->was_reading);
	return true;
}

/*
 * A library search runs on its own thread (building the index can take
 * seconds on a library never searched): the loop polls it, the status
 * line counts the issues indexed, keys work meanwhile.
 */
struct search_job {
	pthread_t		 th;
	struct archive		 ar;		/* the library's, a copy: the
						   loop may replace its own */
	char			*query;
	const char		*cachedir, *err, *warn;
	struct query_hit	*hits;
	size_t			 nhits;
	bool			 ok;
	atomic_size_t		 done, total;
	atomic_bool		 finished;
	bool			 threaded;
};

static void
job_progress(size_t done, size_t total, void *arg)
{
	struct search_job	*j = arg;

	atomic_store(&j->done, done);
	atomic_store(&j->total, total);
}

static void *
job_run(void *arg)
{
	struct search_job	*j = arg;

	test_delay("KANBAO_TEST_SEARCH_DELAY");
	j->ok = search_library(&j->ar, j->query, j->cachedir, job_progress, j,
	    &j->hits, &j->nhits, &j->err, &j->warn);
	atomic_store(&j->finished, true);
	return NULL;
}

void
library_search(struct tui *t)
{
	struct search_job	*j;

	if (t->job != NULL) {
		status(t, "a search is still running");
		return;
	}
	if ((j = calloc(1, sizeof *j)) == NULL ||
	    (j->query = strdup(t->query)) == NULL ||
	    !archive_copy(&j->ar, &t->ar)) {
		if (j != NULL)
			free(j->query);
		free(j);
		status(t, "out of memory");
		return;
	}
	j->cachedir = t->cachedir;
	j->ar.index_memory = (size_t)t->cf->index_memory << 20;
	t->job = j;
	j->threaded = pthread_create(&j->th, NULL, job_run, j) == 0;
	if (!j->threaded) {
		job_run(j);
		library_search_poll(t, true);
	}
}

bool
library_search_poll(struct tui *t, bool wait)
{
	struct search_job	*j = t->job;

	if (j == NULL)
		return false;
	if (!wait && !atomic_load(&j->finished)) {
		t->indexed = atomic_load(&j->done);
		t->nindex = atomic_load(&j->total);
		return true;
	}
	if (j->threaded)
		pthread_join(j->th, NULL);
	t->job = NULL;
	t->indexed = t->nindex = 0;
	/* hits name issues of the copy: of the library as it is now */
	if (j->ok)
		hits_remap(j->hits, &j->nhits, &j->ar, &t->ar);
	if (!j->ok)
		status(t, "search: %s", j->err);
	else {
		query_free_hits(t->hits, t->nhits);
		t->hits = j->hits;
		t->nhits = j->nhits;
		t->msg[0] = '\0';
		if (j->warn != NULL)
			status(t, "%s: searched the files without it", j->warn);
		/* a new search replaces the results of the last */
		if (view_on(t, &view_results)) {
			view_show(t, &view_results);
			view_pop(t);
		}
		view_show(t, &view_results);
	}
	archive_close(&j->ar);
	free(j->query);
	free(j);
	return false;
}

void
test_delay(const char *name)
{
	const char	*v = getenv(name);
	long		 ms = v != NULL ? strtol(v, NULL, 10) : 0;

	if (ms > 0 && ms < 60000)
		nanosleep(&(struct timespec){ ms / 1000, ms % 1000 * 1000000 },
		    NULL);
}

size_t
entry_of(const struct archive *ar, const char *path)
{
	size_t	i;

	for (i = 0; path != NULL && i < ar->n; i++)
		if (strcmp(ar->v[i].path, path) == 0)
			return i;
	return (size_t)-1;
}

void
hits_remap(struct query_hit *h, size_t *n, const struct archive *from,
    const struct archive *to)
{
	size_t	i, k = 0, e;

	for (i = 0; i < *n; i++) {
		e = h[i].entry < from->n ?
		    entry_of(to, from->v[h[i].entry].path) : (size_t)-1;
		if (e == (size_t)-1) {
			free(h[i].headline);
			free(h[i].snippet);
			continue;
		}
		h[k] = h[i];
		h[k++].entry = e;
	}
	*n = k;
}

void
library_select(struct tui *t, size_t i)
{
	struct frame	*f;

	/* down to the library, its selection on entry i */
	while (t->depth > 1 && (f = view_top(t)) != NULL &&
	    f->v != &view_library)
		view_pop(t);
	if ((f = view_top(t)) != NULL && f->v == &view_library)
		f->sel = lib_entry(t, i);
}
