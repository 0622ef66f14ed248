/* libFuzzer target: a hostile index file is rebuilt, never trusted. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../model/archive.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char		 dir[64];
	char			 lib[128], cache[128], issue[160], *ix;
	struct archive		 ar;
	struct archive_hit	*h;
	size_t			 n;
	const char		*err;
	FILE			*f;

	if (dir[0] == '\0') {
		strcpy(dir, "/tmp/kanbao-fuzz-ix-XXXXXX");
		if (mkdtemp(dir) == NULL)
			return 0;
	}
	snprintf(lib, sizeof lib, "%s/lib", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	snprintf(issue, sizeof issue, "%s/2025-06-10.txt", lib);
	mkdir(lib, 0700);
	mkdir(cache, 0700);
	if ((f = fopen(issue, "w")) == NULL)
		return 0;
	fputs("## 标题\n\n本报讯 记者某某报道:青河的麦子熟了。\n", f);
	fclose(f);
	if (!archive_open(&ar, lib, NULL, &err))
		return 0;
	if ((ix = archive_cache_path(cache, lib, "index")) != NULL &&
	    (f = fopen(ix, "wb")) != NULL) {
		fwrite(data, 1, size, f);
		fclose(f);
	}
	free(ix);
	if (archive_search(&ar, "麦子", cache, NULL, NULL, &h, &n, &err)) {
		if (n != 1)
			abort();
		archive_free_hits(h, n);
	}
	archive_close(&ar);
	return 0;
}
