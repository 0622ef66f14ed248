/* libFuzzer target: any config file gives warnings, not a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../tui/config.h"
#include "../../tui/keymap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 path[] = "/tmp/kanbao-fuzz-ini-XXXXXX";
	int		 fd = mkstemp(path);
	struct config	 c;
	struct buf	 w = { 0 };
	struct keymap	 km;
	char		 err[128];
	size_t		 i;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	config_defaults(&c);
	config_load(&c, path, &w);
	keymap_defaults(&km);
	for (i = 0; i < c.nkeys; i++)
		keymap_bind(&km, c.keys[i].command, c.keys[i].keys, err, sizeof err);
	buf_free(&w);
	config_free(&c);
	unlink(path);
	return 0;
}
