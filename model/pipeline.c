/*
 * pipeline: text (sanitised, in one front-end's form) to an issue -- the
 * blocks, then the passes: classify, assemble, finish.  Front-ends that
 * read a file's parts (records, feeds, day folders) run it on each part.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"

struct issue *
issue_parse_text(char *text, size_t len, const struct issue_opts *opts,
    const struct lexicon *lx, struct arena *into, const char **err)
{
	static const struct issue_opts	 defaults = { .keep_punct = false };
	struct parser			 p;
	struct issue			*is;
	size_t				 i;

	*err = "out of memory";
	memset(&p, 0, sizeof p);
	p.opts = opts != NULL ? opts : &defaults;
	if ((is = calloc(1, sizeof *is)) == NULL) {
		free(text);
		return NULL;
	}
	p.is = is;
	is->text = text;
	is->textlen = len;
	p.lx = lx != NULL ? lx : lexicon_detect(text, len);
	is->profile = p.lx->name;
	if (into != NULL)
		p.a = into;
	else if ((is->arena = p.a = arena_new()) == NULL)
		goto fail;
	if ((p.tmp = arena_new()) == NULL)
		goto fail;
	if (!plain_split(&p))
		goto fail;
	parse_classify(&p);
	parse_assemble(&p);	/* frees the raw blocks */
	if (!p.failed)
		parse_finish(&p);
	for (i = 0; i < p.nart; i++) {
		size_t	k;

		for (k = 0; k < p.art[i].nb; k++)
			bb_free(&p.art[i].b[k]);
		free(p.art[i].b);
	}
	for (i = 0; i < p.nban; i++)
		bb_free(&p.ban[i]);
	for (i = 0; i < p.nmastb; i++)
		bb_free(&p.mastb[i]);
	for (i = 0; i < p.npend; i++)
		bb_free(&p.pend[i]);
	free(p.art);
	free(p.ban);
	free(p.mastb);
	free(p.items);
	free(p.pend);
	buf_free(&p.scratch[0]);
	buf_free(&p.scratch[1]);
	if (p.failed || arena_failed(p.a) || arena_failed(p.tmp))
		goto fail2;
	arena_free(p.tmp);
	*err = NULL;
	return is;
fail:
	free(p.raw);
fail2:
	arena_free(p.tmp);
	issue_free(is);
	return NULL;
}
