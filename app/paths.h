/*
 * paths: the folders kanbao keeps files in, after the XDG base directory
 * specification: config ($XDG_CONFIG_HOME/kanbao), state
 * ($XDG_STATE_HOME/kanbao) and cache ($XDG_CACHE_HOME/kanbao), each made
 * when missing.  A state or cache folder that is a link, belongs to another
 * user or can be written by others is refused: kanbao then works without
 * it rather than write where another user could redirect its files.
 */
#ifndef KANBAO_PATHS_H
#define KANBAO_PATHS_H

enum paths_kind { PATHS_STATE, PATHS_CACHE };

/*
 * The folder of that kind, made if missing, with temporary files of
 * killed writers removed; free it.  NULL when there is none or it is
 * refused; *why then says why (NULL when simply no HOME is set).
 */
char	*paths_dir(enum paths_kind, const char **why);

/*
 * p with a leading ~ (~/papers) made $HOME's, in a new string; NULL and
 * *err when there is no HOME to put there or memory runs out.
 */
char	*paths_expand(const char *p, const char **err);

/* The config file's default path ($XDG_CONFIG_HOME/kanbao/config.ini). */
char	*paths_config_file(void);

#endif
