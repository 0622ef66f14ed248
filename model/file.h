/*
 * file: reading an issue file whole, with the checks that give a user a
 * clear message instead of a garbled screen.
 */
#ifndef KANBAO_FILE_H
#define KANBAO_FILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Reads path into a new buffer (free with free()).  Returns NULL and sets
 * *err to a short phrase ("no such file", "is a directory", "binary data,
 * not text", ...) when it cannot or should not be read as text.
 */
char	*file_read(const char *path, size_t *len, const char **err);

/*
 * Writes data to path through a temporary file beside it, fsync(2) and
 * rename(2): a reader sees the old file or the new one, never a torn one.
 */
bool	file_write_atomic(const char *path, const char *data, size_t len);

/* The same for data in parts, written one after the other. */
struct file_part {
	const char	*p;
	size_t		 len;
};
bool	file_write_atomic_parts(const char *path, const struct file_part *,
	    size_t nparts);

#endif
