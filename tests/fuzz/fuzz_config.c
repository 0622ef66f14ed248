/* libFuzzer target: any config file gives warnings, not a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../app/config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 path[] = "/tmp/kanbao-fuzz-ini-XXXXXX";
	int		 fd = mkstemp(path);
	struct config	 c;
	struct buf	 w = { 0 };

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
	buf_free(&w);
	config_free(&c);
	unlink(path);
	return 0;
}
