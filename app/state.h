/*
 * state: reading positions per issue and bookmarks, kept in the state
 * folder (paths.h) and written atomically (temp file, fsync, rename), so a
 * dropped connection or a signal never leaves a torn file.  Bookmarks are
 * changed under a lock and merged with what is on disk, so two readers on
 * one state folder never lose each other's marks.
 */
#ifndef KANBAO_STATE_H
#define KANBAO_STATE_H

#include <stdbool.h>
#include <stddef.h>

/* Where a reader was in an issue; offsets are into the article's blocks. */
struct position {
	size_t	article;
	size_t	block;		/* (size_t)-1: at the article's head */
	size_t	off;		/* byte offset in the block */
	bool	reading;	/* in the reader, else on the contents */
	int	columns;	/* 0: automatic */
	bool	linear;
};

struct bookmark {
	char	*path;		/* the issue file */
	size_t	 article, block, off;
	char	*label;		/* date and headline, one line */
	char	*line;		/* the marked line's text, or NULL */
};

bool	state_save_position(const char *dir, const char *issue,
	    const struct position *);
bool	state_load_position(const char *dir, const char *issue,
	    struct position *);

/* The bookmarks on disk, into a new array (free with state_free_marks). */
bool	state_load_marks(const char *dir, struct bookmark **, size_t *);
/*
 * Adds m (or, with del, removes the mark at the same place) to the marks
 * on disk under a lock, and gives back the merged list in *out, *nout
 * (the old list there is freed).  False when the file cannot be written.
 */
bool	state_change_marks(const char *dir, const struct bookmark *m, bool del,
	    struct bookmark **out, size_t *nout);
void	state_free_marks(struct bookmark *, size_t);

/*
 * How far each issue was read, for the library's new, k/N and read marks
 * and for "continue": the furthest article reached, the issue's count,
 * whether its end was reached, and when it was last read (seconds).  One
 * file for the whole library, sorted by path.
 */
struct readmark {
	char		*path;
	size_t		 article, narticles;
	bool		 done;
	long long	 when;
};

bool	state_load_reads(const char *dir, struct readmark **, size_t *);
/* Adds or updates m (furthest article and done only grow) and writes. */
bool	state_note_read(const char *dir, const struct readmark *m,
	    struct readmark **, size_t *);
const struct readmark *state_find_read(const struct readmark *, size_t,
	    const char *path);
void	state_free_reads(struct readmark *, size_t);

/*
 * The reader's own choices, the same for every issue and session: columns
 * (0: automatic) and linear mode.  Loading leaves them as they are when
 * none was kept.
 */
bool	state_save_prefs(const char *dir, int columns, bool linear);
bool	state_load_prefs(const char *dir, int *columns, bool *linear);

/*
 * A prompt's history (name: search, find, date), oldest first, at most
 * STATE_HISTORY lines: loaded into a new array (free with
 * state_free_history), and added to (the same line again moves to the
 * end) and written back atomically.
 */
#define STATE_HISTORY	100
bool	state_load_history(const char *dir, const char *name, char ***,
	    size_t *);
bool	state_add_history(const char *dir, const char *name, const char *line,
	    char ***, size_t *);
void	state_free_history(char **, size_t);

#endif
