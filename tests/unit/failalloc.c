/*
 * failalloc: an allocator that fails on request, linked in with
 * -Wl,--wrap=malloc,... so that every allocation of the code under test
 * goes through it.  failalloc_at(n) makes the n-th allocation from now
 * fail (and only that one); failalloc_at(0) turns failing off.
 */
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

static unsigned long	countdown;	/* 0: never fail */
static unsigned long	failed;

void
failalloc_at(unsigned long n)
{
	countdown = n;
	failed = 0;
}

unsigned long
failalloc_failed(void)
{
	return failed;
}

static int
fail_now(void)
{
	if (countdown == 0)
		return 0;
	if (--countdown == 0) {
		failed++;
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
