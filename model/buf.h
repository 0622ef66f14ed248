/*
 * buf: a growable byte string.  An allocation failure sets `failed` and
 * turns later appends into no-ops, so a caller checks once at the end.
 */
#ifndef KANBAO_BUF_H
#define KANBAO_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char	*p;		/* NUL-terminated once anything was added */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
	bool	 failed;	/* an allocation failed */
};

bool	buf_reserve(struct buf *, size_t extra);
void	buf_add(struct buf *, const char *, size_t);
void	buf_adds(struct buf *, const char *);
void	buf_addc(struct buf *, char);
void	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hands over the string (caller frees) and resets b; NULL if it failed. */
char	*buf_take(struct buf *, size_t *len);
void	buf_free(struct buf *);

/*
 * Makes room in the array *v (of *cap elements of size sz, n used) for one
 * more element, doubling it as needed.  Returns false when memory runs out.
 */
bool	vec_grow(void *v, size_t *cap, size_t n, size_t sz);

#endif
