/* paths: the XDG folders kanbao keeps its files in. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../model/buf.h"
#include "../model/file.h"
#include "paths.h"

/* Makes path and its parents (0700), as mkdir -p does. */
static bool
mkdirs(char *path)
{
	char	*p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*p = '/';
			return false;
		}
		*p = '/';
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

/* $VAR/sub when VAR is an absolute path, else $HOME/home/sub, or NULL. */
static char *
xdg(const char *var, const char *home, const char *sub)
{
	const char	*x = getenv(var), *h = getenv("HOME");
	struct buf	 b = { 0 };

	if (x != NULL && *x == '/')
		buf_addf(&b, "%s/%s", x, sub);
	else if (h != NULL && *h == '/')
		buf_addf(&b, "%s/%s/%s", h, home, sub);
	else
		return NULL;
	return buf_take(&b, NULL);
}

char *
paths_dir(enum paths_kind kind, const char **why)
{
	char	*d;

	*why = NULL;
	d = kind == PATHS_STATE ? xdg("XDG_STATE_HOME", ".local/state",
	    "kanbao") : xdg("XDG_CACHE_HOME", ".cache", "kanbao");
	if (d == NULL)
		return NULL;
	if (!mkdirs(d)) {
		*why = strerror(errno);
		free(d);
		return NULL;
	}
	if (!file_private_dir(d, why)) {
		free(d);
		return NULL;
	}
	file_clean_stale(d);
	return d;
}

char *
paths_config_file(void)
{
	return xdg("XDG_CONFIG_HOME", ".config", "kanbao/config.ini");
}

char *
paths_expand(const char *p, const char **err)
{
	const char	*home = getenv("HOME");
	struct buf	 b = { 0 };
	char		*r;

	if (p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		if (home == NULL || *home == '\0') {
			*err = "no HOME for ~";
			return NULL;
		}
		buf_adds(&b, home);
		p++;
	}
	buf_adds(&b, p);
	if ((r = buf_take(&b, NULL)) == NULL)
		*err = "out of memory";
	return r;
}
