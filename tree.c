/*
 * tree: kanbao --tree FILE, the parsed model as text, like mandoc -T tree:
 * the input's format, script and damage profile, then the masthead and
 * every block in reading order with its kind, role and source offset.
 * For tests and bug reports; the text of a block is cut at 40 characters.
 */
#include <stdio.h>
#include <string.h>

#include "model/buf.h"
#include "model/issue.h"
#include "model/text.h"
#include "tree.h"

#define SHOWN	40	/* characters of a block's text shown */

static void
text(FILE *f, const char *s)
{
	struct buf	 b = { 0 };
	size_t		 i = 0, k = 0, n = s ? strlen(s) : 0, len;
	text_char	 c;

	while (i < n && k < SHOWN) {
		len = text_decode(s + i, n - i, &c);
		i += len;
		k++;
	}
	text_clean_out(&b, s ? s : "", i, true);
	fprintf(f, "%s%s", b.p ? b.p : "", i < n ? "…" : "");
	buf_free(&b);
}

static void
field(FILE *f, const char *role, const char *s)
{
	if (s == NULL)
		return;
	fprintf(f, "    %s\t", role);
	text(f, s);
	fputc('\n', f);
}

static const char *
block_kind(enum block_kind k)
{
	static const char *const names[] = { "para", "subhead", "section",
	    "note", "photo", "cont", "banner", "mast", "source" };

	return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

void
tree_print(FILE *f, const struct issue *is)
{
	size_t	i, k;

	fprintf(f, "format\t%s\n", is->format ? is->format : "text");
	fprintf(f, "script\t%s\n", is->profile ? is->profile : "-");
	fprintf(f, "damage\tspaces=%s rejoined=%zu markup=%zu html=%s\n",
	    is->damage.spaces ? "yes" : "no", is->damage.rejoined,
	    is->damage.markup, is->damage.html ? "yes" : "no");
	fprintf(f, "issue\ttitle=%s date=%s weekday=%s lunar=%s number=%s "
	    "pages=%d\n", is->title ? is->title : "-",
	    is->date[0] ? is->date : "-", is->weekday ? is->weekday : "-",
	    is->lunar ? is->lunar : "-", is->number ? is->number : "-",
	    is->pages);
	for (i = 0; i < is->nmast; i++) {
		fprintf(f, "mast\t@%zu\t", is->mast[i].src);
		text(f, is->mast[i].text);
		fputc('\n', f);
	}
	for (i = 0; i < is->nitems; i++) {
		const struct article	*a = is->items[i].article;

		if (is->items[i].banner != NULL) {
			fprintf(f, "banner\t@%zu\t", is->items[i].banner->src);
			text(f, is->items[i].banner->text);
			fputc('\n', f);
			continue;
		}
		fprintf(f, "article %zu\t%s\t@%zu\tpage=%d\n",
		    (size_t)(a - is->articles) + 1, issue_kind_name(a->kind),
		    a->src, a->page);
		field(f, "kicker", a->kicker);
		field(f, a->guessed ? "headline (guessed)" : "headline",
		    a->headline);
		field(f, "deck", a->deck);
		field(f, a->byline_inline ? "byline (inline)" : "byline",
		    a->byline);
		for (k = 0; k < a->nblocks; k++) {
			fprintf(f, "  %s\t@%zu\t", block_kind(a->blocks[k].kind),
			    a->blocks[k].src);
			text(f, a->blocks[k].text);
			if (a->blocks[k].extra != NULL) {
				fputs("\t— ", f);
				text(f, a->blocks[k].extra);
			}
			fputc('\n', f);
		}
	}
}
