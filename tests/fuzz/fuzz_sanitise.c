/* libFuzzer target: the sanitiser never lets a control byte through. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../model/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		 n, i, len;
	char		*s = text_sanitise((const char *)data, size, &n);
	text_char	 c;

	if (s == NULL)
		return 0;
	for (i = 0; i < n; i += len) {
		len = text_decode(s + i, n - i, &c);
		if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f))
			abort();
		/* nor a bidi control that could reorder the screen */
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
		    c == 0x200e || c == 0x200f || c == 0x061c)
			abort();
		if (c == 0xfffd && len == 1)
			abort();	/* output is valid UTF-8 */
	}
	free(s);
	return 0;
}
