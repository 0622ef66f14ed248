/*
 * file: reading an issue file whole, with the checks that give a user a
 * clear message instead of a garbled screen.
 */
#ifndef KANBAO_FILE_H
#define KANBAO_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Reads path into a new buffer (free with free()).  Returns NULL and sets
 * *err to a short phrase ("no such file", "is a directory", "binary data,
 * not text", ...) when it cannot or should not be read as text.
 */
char	*file_read(const char *path, size_t *len, const char **err);
/* The *err of a path that is a folder: the caller may read it otherwise. */
extern const char	file_is_dir[];
/* The *err when memory ran out: no fault of the file's. */
extern const char	file_no_memory[];

/*
 * The same for at most max bytes; with head, a longer file gives its first
 * max bytes instead of an error (enough of an issue for its masthead).
 */
char	*file_read_max(const char *path, size_t max, bool head, size_t *len,
	    const char **err);

/*
 * Whether a file of this name is an issue (or a day's article): *.txt,
 * *.md, a saved feed (*.xml, *.rss, *.atom); never a hidden one.
 */
bool	file_is_issue(const char *name);

/*
 * Opens a regular file for reading without blocking on a FIFO or device,
 * and without following a final symbolic link when nofollow is set (cache
 * files).  Returns the descriptor and its size in *size, or -1 and *err.
 */
int	file_open(const char *path, bool nofollow, off_t *size,
	    const char **err);

/* Removes temporary files in dir left by writers that were killed. */
void	file_clean_stale(const char *dir);

/*
 * Whether dir is a folder of ours alone (not a link, owned by the user,
 * not writable by others): caches and state are kept only in such a one.
 */
bool	file_private_dir(const char *dir, const char **err);

/*
 * Writes data to path through a temporary file beside it and rename(2): a
 * reader sees the old file or the new one, never a torn one.  durable
 * fsync(2)s it first; a cache is not: a crash may leave it empty or
 * damaged (its checksum tells), and it is then made again -- waiting for
 * the disk would double a build.
 */
bool	file_write_atomic(const char *path, const char *data, size_t len,
	    bool durable);

/*
 * A file made piece by piece beside path and put in its place, whole, by
 * file_out_close() -- for a cache too large to be made in memory first.
 * A write that fails makes close fail and remove the file; one the
 * process is killed in the middle of is left to file_clean_stale().
 */
struct file_out {
	char		*tmp;		/* the temporary file */
	int		 fd;
	uint64_t	 len;		/* its size so far, buffered too */
	char		*buf;		/* what file_out_write() keeps until
					   there is a block of it (or NULL:
					   each written at once) */
	size_t		 blen;		/* bytes in buf: the last of len */
	bool		 failed;
	bool		 unnamed;	/* O_TMPFILE: no name until closed */
};
bool	file_out_open(struct file_out *, const char *path);
/*
 * A scratch file beside path (the same disk), with no name: gone however
 * the process ends.  Its descriptor, or -1.
 */
int	file_scratch(const char *path);
void	file_out_write(struct file_out *, const void *, size_t);
void	file_out_write_at(struct file_out *, uint64_t off, const void *,
	    size_t);
/* Renames it to path (fsync(2) first when durable); false on any failure. */
bool	file_out_close(struct file_out *, const char *path, bool durable);

/*
 * A checksum of p[0..n-1] continuing from h, to find a damaged cache file
 * (a flipped bit, a field written over), not to stop an attacker.
 */
uint64_t	file_checksum(const void *p, size_t n, uint64_t h);

/* A cache file name for dir under cachedir: PREFIX-HASH; free it. */
char	*file_cache_path(const char *cachedir, const char *dir,
	    const char *prefix);

struct buf;
/*
 * A cache of text lines ending in a line `sum HEX` over all before it:
 * file_add_sum() writes that line; file_read_summed() reads the file at
 * path (at most max bytes) and gives its text without the line, NUL-
 * terminated, or NULL when it is missing, damaged or foreign.
 */
void	file_add_sum(struct buf *);
char	*file_read_summed(const char *path, size_t max, size_t *len);

#endif
