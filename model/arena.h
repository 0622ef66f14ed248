/*
 * arena: bump allocation for the strings and arrays of one issue, all
 * freed at once by arena_free().
 */
#ifndef KANBAO_ARENA_H
#define KANBAO_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
/* Returns n bytes aligned for any object, or NULL when memory runs out. */
void		*arena_alloc(struct arena *, size_t n);
/* Returns a NUL-terminated copy of s[0..n-1], unaligned, or NULL. */
char		*arena_strndup(struct arena *, const char *s, size_t n);
/*
 * Makes room for n bytes now, on this thread: work shared out to other
 * threads then takes memory the whole process can use again once freed
 * (glibc gives each thread a heap of its own).  False when out of memory.
 */
bool		 arena_reserve(struct arena *, size_t n);
/* Moves the memory of b into a (what b gave stays valid) and frees b. */
void		 arena_adopt(struct arena *a, struct arena *b);
/*
 * Whether any allocation of the arena failed: a parser checks once at
 * the end instead of after every string.
 */
bool		 arena_failed(const struct arena *);

#endif
