/*
 * day: a day's folder of article files (2025-01-02/05-评论/, .md files) read as
 * one issue, and any issue file read as its text.
 */
#ifndef KANBAO_DAY_H
#define KANBAO_DAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Whether dir is a day's folder: named by a date (2025-01-02, 20250102),
 * holding issue files (*.md, *.txt) directly or in page folders, none of
 * them with a date of its own.  Such a folder is one issue.
 */
bool		 day_is(const char *dir);

struct stat;
/*
 * For a day's folder, what stands for its stat(2) in the caches: the
 * sizes of its files summed, their latest mtime and ctime, and in *names
 * a hash of their names and count, so that editing, adding, removing or
 * renaming an article is seen.  1 for a day's folder, 0 when dir is not
 * one, -1 when memory ran out.
 */
int		 day_stat(const char *dir, struct stat *, uint64_t *names);

/*
 * The text of the issue at path: a file's bytes, or a day's folder's
 * files in name order with their page folders as front matter.  Free
 * with free(); NULL and *err when it cannot be read.  A day's file that
 * cannot be read (or is binary) is left out, with a line "PATH: why"
 * added to skipped when it is not NULL.
 */
struct buf;
char		*day_read(const char *path, size_t *len, const char **err,
		    struct buf *skipped);
/* The same, each file's first max bytes only: what a library entry needs. */
char		*day_read_head(const char *path, size_t max, size_t *len,
		    const char **err);

#endif
