/*
 * pool: a loop shared out between threads, one per processor (at most
 * POOL_MAX), for work on independent items such as parsing issues.
 */
#ifndef KANBAO_POOL_H
#define KANBAO_POOL_H

#include <stdbool.h>
#include <stddef.h>

#define POOL_MAX	8
/* Bytes of text from which the work on one issue is shared out. */
#define POOL_PARALLEL	(512 << 10)

/* Processors to work on, at most POOL_MAX. */
size_t	pool_threads(void);

/*
 * The parts to share the work on one issue of total bytes of text out
 * in, more than one a processor, or 0 when it is too small for that
 * (under parallel bytes, 0: POOL_PARALLEL) or, parallel 0, there is one
 * processor (tests set parallel to share out anyway).
 */
size_t	pool_parts(size_t total, size_t parallel);

/* Whether part np of want ends once done of the total bytes are in it. */
static inline bool
pool_part_ends(size_t done, size_t total, size_t np, size_t want)
{
	return np + 1 < want && done * want >= total * (np + 1);
}

/*
 * Runs fn(arg, i) for every i in [0, n), in no set order.  The calling
 * thread works too and alone calls tick(arg, done) (when not NULL) after
 * some of its items, so a progress display stays on one thread.  Fewer
 * than 16 items a thread run on the caller alone.
 */
void	pool_run(size_t n, void (*fn)(void *, size_t),
	    void (*tick)(void *, size_t), void *arg);

/*
 * The same for a few large items (the parts of one large issue): a thread
 * a processor however few they are, no progress.
 */
void	pool_split(size_t n, void (*fn)(void *, size_t), void *arg);

/*
 * The same loop with its results taken in order as they come: fn(arg, i)
 * runs on the other processors while the caller takes item after item
 * with pool_wait(), doing more items itself while it waits.
 */
struct pool_ordered;

/* Starts the loop; NULL when memory runs out. */
struct pool_ordered *pool_start(size_t n, void (*fn)(void *, size_t),
		    void *arg);
/* Returns when item i is done (the items are to be waited for in order). */
void		 pool_wait(struct pool_ordered *, size_t i);
/* Takes no more items, waits for those under way and frees the pool. */
void		 pool_stop(struct pool_ordered *);

#endif
