/*
 * config: the INI file ($XDG_CONFIG_HOME/kanbao/config.ini or --config),
 * read with iniparser and checked against one table of settings, which
 * also prints their documentation.  Problems are collected as warnings
 * naming file, line and key; defaults stand in for bad values.
 */
#ifndef KANBAO_CONFIG_H
#define KANBAO_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "../model/buf.h"

enum theme { THEME_DEFAULT, THEME_MONO, THEME_HIGH_CONTRAST };

struct binding_spec {
	char	*command;	/* a command name of the keymap */
	char	*keys;		/* space-separated key names */
	int	 line;
};

struct config {
	int			 columns;	/* 0: from the terminal width */
	int			 column_width;	/* widest column, cells */
	int			 indent;	/* ideographic spaces */
	int			 ambiguous;	/* 1 or 2 */
	int			 index_memory;	/* MB an index build may hold */
	bool			 keep_punct;
	bool			 korean_syllable; /* break Korean anywhere */
	bool			 no_clipboard;	/* clipboard = off */
	bool			 no_mouse;	/* mouse = off */
	int			 theme;		/* enum theme */
	char			*library;	/* NULL when not set */
	char			*save_dir;	/* NULL: ~/kanbao */
	char			*path;		/* the file read, or NULL */
	struct binding_spec	*keys;
	size_t			 nkeys;
};

void	config_defaults(struct config *);
/*
 * Reads path (or the default location when path is NULL; a missing default
 * file is fine).  Warnings, one per line, are appended to warn.  Returns
 * false only when an explicitly given file cannot be read at all.
 */
bool	config_load(struct config *, const char *path, struct buf *warn);
void	config_free(struct config *);
struct layout_opts;
/*
 * The layout's options as the config sets them -- the reader's and
 * --dump's alike: indent, widths, Korean breaks, linear mode, gutter.
 * Width, height and columns are the caller's.
 */
void	config_layout_opts(const struct config *, bool linear,
	    struct layout_opts *);
/* Prints the settings table as INI comments (for --help and the man page). */
void	config_print_help(FILE *);

#endif
