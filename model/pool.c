/*
 * pool: a loop shared out between threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"

struct pool {
	size_t		 n;
	void		(*fn)(void *, size_t);
	void		*arg;
	atomic_size_t	 next, done;
};

static void *
work(void *arg)
{
	struct pool	*p = arg;
	size_t		 i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n) {
		p->fn(p->arg, i);
		atomic_fetch_add(&p->done, 1);
	}
	return NULL;
}

size_t
pool_threads(void)
{
	long	cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus <= 1 ? 1 : cpus > POOL_MAX ? POOL_MAX : (size_t)cpus;
}

size_t
pool_parts(size_t total, size_t parallel)
{
	/* (asking for the processors costs more than a small issue) */
	if (total < (parallel ? parallel : POOL_PARALLEL) ||
	    (parallel == 0 && pool_threads() < 2))
		return 0;
	return 16 * pool_threads();
}

/*
 * Threads for n items, the caller included: one a processor, with 16 items
 * or more each.
 */
static size_t
threads(size_t n)
{
	size_t	want = pool_threads();

	if (want > n / 16 + 1)
		want = n / 16 + 1;
	return want;
}

/* pool_run() on want threads at most, the caller included. */
static void
run(size_t n, size_t want, void (*fn)(void *, size_t),
    void (*tick)(void *, size_t), void *arg)
{
	struct pool	 p = { n, fn, arg, 0, 0 };
	pthread_t	 th[POOL_MAX - 1];
	size_t		 nth = 0, i, k = 0;

	while (nth + 1 < want && pthread_create(&th[nth], NULL, work, &p) == 0)
		nth++;
	while ((i = atomic_fetch_add(&p.next, 1)) < n) {
		fn(arg, i);
		atomic_fetch_add(&p.done, 1);
		if (tick != NULL && ++k % 16 == 0)
			tick(arg, atomic_load(&p.done));
	}
	while (nth > 0)
		pthread_join(th[--nth], NULL);
}

void
pool_run(size_t n, void (*fn)(void *, size_t), void (*tick)(void *, size_t),
    void *arg)
{
	run(n, threads(n), fn, tick, arg);
}

void
pool_split(size_t n, void (*fn)(void *, size_t), void *arg)
{
	size_t	want = pool_threads();

	run(n, want < n ? want : n, fn, NULL, arg);
}

struct pool_ordered {
	size_t		 n;
	void		(*fn)(void *, size_t);
	void		*arg;
	atomic_size_t	 next;		/* the next item no one has taken */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* one more item is done */
	bool		*done;		/* per item, under mu */
	size_t		 taken;		/* the caller waits for this, under mu */
	bool		 stop;		/* under mu: no more items */
	pthread_t	 th[POOL_MAX - 1];
	size_t		 nth;
};

/*
 * Items done ahead of the one the caller waits for, at most: results
 * wait in memory until taken, so workers do not run ahead of a slow
 * caller through a whole library.
 */
#define AHEAD	64

/*
 * Does the next item no one has taken; false when none is left.  A
 * worker (ahead) waits while it is AHEAD items past the caller.
 */
static bool
ordered_next(struct pool_ordered *p, bool ahead)
{
	size_t	i = atomic_fetch_add(&p->next, 1);

	if (i >= p->n)
		return false;
	if (ahead) {
		bool	stop;

		pthread_mutex_lock(&p->mu);
		while (i >= p->taken + AHEAD && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			return false;
	}
	p->fn(p->arg, i);
	pthread_mutex_lock(&p->mu);
	p->done[i] = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return true;
}

static void *
ordered_work(void *arg)
{
	while (ordered_next(arg, true))
		;
	return NULL;
}

struct pool_ordered *
pool_start(size_t n, void (*fn)(void *, size_t), void *arg)
{
	struct pool_ordered	*p;
	size_t			 want = threads(n);

	if ((p = calloc(1, sizeof *p)) == NULL ||
	    (p->done = calloc(n + 1, sizeof *p->done)) == NULL) {
		free(p);
		return NULL;
	}
	p->n = n;
	p->fn = fn;
	p->arg = arg;
	atomic_init(&p->next, 0);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* the caller takes the results: the others do the items */
	while (p->nth + 1 < want && pthread_create(&p->th[p->nth], NULL,
	    ordered_work, p) == 0)
		p->nth++;
	return p;
}

void
pool_wait(struct pool_ordered *p, size_t i)
{
	bool	done;

	pthread_mutex_lock(&p->mu);
	p->taken = i;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	do {
		pthread_mutex_lock(&p->mu);
		done = p->done[i];
		pthread_mutex_unlock(&p->mu);
		if (done)
			return;
	} while (ordered_next(p, false));
	pthread_mutex_lock(&p->mu);
	while (!p->done[i])
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void
pool_stop(struct pool_ordered *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->next, p->n);
	p->stop = true;			/* none waits to go on */
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	while (p->nth > 0)
		pthread_join(p->th[--p->nth], NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->done);
	free(p);
}
