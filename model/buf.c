/* buf: growable byte strings with sticky allocation failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

bool
buf_reserve(struct buf *b, size_t extra)
{
	size_t	 want, cap;
	char	*p;

	if (b->failed)
		return false;
	if (extra > (size_t)-1 / 2 - b->len - 1) {
		b->failed = true;
		return false;
	}
	want = b->len + extra + 1;
	if (want <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->failed = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_take(struct buf *b, size_t *len)
{
	char	*p;

	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	if (b->p == NULL)
		buf_add(b, "", 0);
	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	/* reserved but never added to: still a string (cap > len) */
	b->p[b->len] = '\0';
	p = b->p;
	if (len != NULL)
		*len = b->len;
	memset(b, 0, sizeof *b);
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

bool
vec_grow(void *vp, size_t *cap, size_t n, size_t sz)
{
	void	**v = vp, *p;
	size_t	  c;

	if (n < *cap)
		return true;
	c = *cap ? *cap * 2 : 16;
	if (c > (size_t)-1 / sz || (p = realloc(*v, c * sz)) == NULL)
		return false;
	*v = p;
	*cap = c;
	return true;
}
