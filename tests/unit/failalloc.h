/* failalloc: make the n-th allocation from now fail (0: none). */
#ifndef KANBAO_FAILALLOC_H
#define KANBAO_FAILALLOC_H

void		failalloc_at(unsigned long n);
/* How many allocations failed since failalloc_at(). */
unsigned long	failalloc_failed(void);

#endif
