/* arena: chunked bump allocator. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 cap;
	max_align_t	 data[];
};

struct arena {
	struct chunk	*head;
	bool		 failed;	/* an allocation failed */
};

struct arena *
arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/*
 * Chunks grow from 256 bytes to 64 KiB, each twice the last: an issue made
 * of thousands of tiny parts (a record each) holds a small chunk a part,
 * not 64 KiB of which the allocator touches the first and last pages.
 */
#define CHUNK_MIN	((size_t)256)
#define CHUNK_MAX	((size_t)64 << 10)

/* A new chunk at the head of a with room for n bytes at least. */
static struct chunk *
grow(struct arena *a, size_t n)
{
	struct chunk	*c;
	size_t		 cap = a->head == NULL ? CHUNK_MIN :
			    a->head->cap >= CHUNK_MAX / 2 ? CHUNK_MAX :
			    a->head->cap * 2;

	if (cap < n)
		cap = n;

	if ((c = malloc(sizeof *c + cap)) == NULL) {
		a->failed = true;
		return NULL;
	}
	c->cap = cap;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c = a->head;
	size_t		 align = sizeof(max_align_t);
	char		*p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if ((c == NULL || c->cap - c->used < n) && (c = grow(a, n)) == NULL)
		return NULL;
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

bool
arena_reserve(struct arena *a, size_t n)
{
	struct chunk	*c = a->head;

	return (c != NULL && c->cap - c->used >= n) || grow(a, n) != NULL;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == (size_t)-1 || (p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_adopt(struct arena *a, struct arena *b)
{
	struct chunk	**tail;

	if (b == NULL)
		return;
	/* after a's chunks: a goes on filling its newest */
	for (tail = &a->head; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = b->head;
	a->failed |= b->failed;
	free(b);
}

bool
arena_failed(const struct arena *a)
{
	return a->failed;
}
