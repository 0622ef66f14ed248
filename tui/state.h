/*
 * state: reading positions per issue and bookmarks, kept under
 * $XDG_STATE_HOME/kanbao/ and written atomically (temp file, fsync,
 * rename), so a dropped connection or a signal never leaves a torn file.
 */
#ifndef KANBAO_STATE_H
#define KANBAO_STATE_H

#include <stdbool.h>
#include <stddef.h>

struct position {
	size_t	article, block, off;
	int	view;		/* the reader's view when saved */
	int	columns;	/* 0: automatic */
	bool	linear;
};

struct bookmark {
	char	*path;
	size_t	 article, block, off;
	char	*label;
};

/* The state folder, created if needed; NULL when there is none. */
char	*state_dir(void);
/* The cache folder ($XDG_CACHE_HOME/kanbao), created if needed, or NULL. */
char	*state_cache_dir(void);
bool	state_save_position(const char *dir, const char *issue,
	    const struct position *);
bool	state_load_position(const char *dir, const char *issue,
	    struct position *);
bool	state_save_marks(const char *dir, const struct bookmark *, size_t);
bool	state_load_marks(const char *dir, struct bookmark **, size_t *);
void	state_free_marks(struct bookmark *, size_t);

#endif
