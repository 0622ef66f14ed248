/*
 * archive: a library of issues -- a folder tree of *.txt / *.md files --
 * listed by date and searched by phrase with Chinese-aware matching
 * (full-width = half-width, stray spaces and line breaks ignored, Latin
 * case folded).
 */
#ifndef KANBAO_ARCHIVE_H
#define KANBAO_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

struct archive_entry {
	char		*path;
	char		 date[11];	/* YYYY-MM-DD, "" when undated */
	char		*title;		/* paper title, or NULL */
	char		*headline;	/* first headline, or NULL */
	long long	 size;		/* of the file when it was read, */
	long long	 mtime, ctime;	/* and its times, in nanoseconds */
	unsigned long long names;	/* a day's folder: its files' names
					   and count (day_stat), else 0 */
	bool		 dir;		/* a day's folder, not a file */
};

struct archive {
	struct archive_entry	*v;	/* oldest first, undated last */
	size_t			 n;
	char			*root;	/* the folder or file it was opened on */
	size_t			 index_memory;	/* bytes its index's build
						   may hold (0: 128 MB) */
};

/*
 * Lists the issue files under dir with their size and times only, in the
 * order the folders were read: all a search needs.  Dates, titles and
 * headlines are left empty.
 */
bool	archive_scan(struct archive *, const char *dir, const char **err);

/*
 * Lists the issues under dir (a file gives a one-issue archive).  With a
 * cache folder, what was read of each file is kept there keyed by path,
 * size, mtime and ctime, so only new or changed files are read again.
 */
bool	archive_open(struct archive *, const char *dir, const char *cachedir,
	    const char **err);
/*
 * The same, telling tick (from the calling thread, now and then) how
 * many of the issues to read are read; when tick returns false the rest
 * are left and it fails with "interrupted".
 */
typedef bool archive_tick(size_t done, size_t total, void *arg);
bool	archive_open_tick(struct archive *, const char *dir,
	    const char *cachedir, archive_tick *, void *arg, const char **err);
/*
 * The issues in the folder of file, not in its folders below (what reading
 * on from a file goes through), as archive_open lists them.
 */
bool	archive_open_folder_of(struct archive *, const char *file,
	    const char *cachedir, const char **err);
void	archive_close(struct archive *);
/* A copy of src of its own (for another thread); false when out of memory. */
bool	archive_copy(struct archive *dst, const struct archive *src);

typedef void archive_progress(size_t done, size_t total, void *arg);

/*
 * Dates each entry by its file or folder name alone and sorts them as
 * archive_open does: a list to show at once while the issues are read.
 */
void	archive_name_dates(struct archive *);

#endif
