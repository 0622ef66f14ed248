/*
 * pool: a loop shared out between threads, one per processor (at most
 * POOL_MAX), for work on independent items such as parsing issues.
 */
#ifndef KANBAO_POOL_H
#define KANBAO_POOL_H

#include <stddef.h>

#define POOL_MAX	8

/*
 * Runs fn(arg, i) for every i in [0, n), in no set order.  The calling
 * thread works too and alone calls tick(arg, done) (when not NULL) after
 * some of its items, so a progress display stays on one thread.  Fewer
 * than 16 items a thread run on the caller alone.
 */
void	pool_run(size_t n, void (*fn)(void *, size_t),
	    void (*tick)(void *, size_t), void *arg);

#endif
