/*
 * failalloc: an allocator that fails on request, linked in with
 * -Wl,--wrap=malloc,... so that every allocation of the code under test
 * goes through it.  failalloc_at(n) makes the n-th allocation from now
 * fail (and only that one); failalloc_at(0) turns failing off.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);
char	*__wrap_strdup(const char *);
char	*__wrap_strndup(const char *, size_t);

/* atomic: the model shares a large issue's work out between threads */
static atomic_ulong	countdown;	/* 0: never fail */
static atomic_ulong	failed;

void
failalloc_at(unsigned long n)
{
	atomic_store(&countdown, n);
	atomic_store(&failed, 0);
}

unsigned long
failalloc_failed(void)
{
	return atomic_load(&failed);
}

static int
fail_now(void)
{
	unsigned long	c = atomic_load(&countdown);

	while (c != 0)
		if (atomic_compare_exchange_weak(&countdown, &c, c - 1)) {
			if (c != 1)
				return 0;
			atomic_fetch_add(&failed, 1);
			return 1;
		}
	return 0;
}

void *
__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t sz)
{
	return fail_now() ? NULL : __real_calloc(n, sz);
}

void *
__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *
__wrap_strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p = __wrap_malloc(n);

	return p != NULL ? memcpy(p, s, n) : NULL;
}

char *
__wrap_strndup(const char *s, size_t max)
{
	size_t	 n = strnlen(s, max);
	char	*p = __wrap_malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
