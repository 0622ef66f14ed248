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

/*
 * n bytes at the head chunk's first multiple of align: objects are aligned
 * for any type, strings packed a byte after another (a paragraph of one
 * character took 16 bytes, 4 now).
 */
static void *
take(struct arena *a, size_t n, size_t align)
{
	struct chunk	*c = a->head;
	size_t		 at = 0;

	if (c != NULL)
		at = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || at > c->cap || c->cap - at < n) {
		if ((c = grow(a, n)) == NULL)
			return NULL;
		at = 0;
	}
	c->used = at + n;
	return (char *)c->data + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return take(a, n == 0 ? 1 : n, sizeof(max_align_t));
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

	if (n == (size_t)-1 || (p = take(a, n + 1, 1)) == NULL)
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
