/*
 * file: reading an issue file whole, with the checks that give a user a
 * clear message instead of a garbled screen.
 */
#ifndef KANBAO_FILE_H
#define KANBAO_FILE_H

#include <stddef.h>

/*
 * Reads path into a new buffer (free with free()).  Returns NULL and sets
 * *err to a short phrase ("no such file", "is a directory", "binary data,
 * not text", ...) when it cannot or should not be read as text.
 */
char	*file_read(const char *path, size_t *len, const char **err);

#endif
