/*
 * pool: a loop shared out between threads.
 */
#include <pthread.h>
#include <stdatomic.h>
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

void
pool_run(size_t n, void (*fn)(void *, size_t), void (*tick)(void *, size_t),
    void *arg)
{
	struct pool	 p = { n, fn, arg, 0, 0 };
	pthread_t	 th[POOL_MAX - 1];
	long		 cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t		 nth = 0, want = cpus > 1 ? (size_t)cpus : 1, i, k = 0;

	if (want > POOL_MAX)
		want = POOL_MAX;
	if (want > n / 16 + 1)
		want = n / 16 + 1;
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
