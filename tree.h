/* tree: the parsed model as text (kanbao --tree). */
#ifndef KANBAO_TREE_H
#define KANBAO_TREE_H

#include <stdio.h>

struct issue;

void	tree_print(FILE *, const struct issue *);

#endif
