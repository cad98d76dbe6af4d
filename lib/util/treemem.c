/*
 * Tree memory: bump allocation from mmap()ed blocks, each allocation
 * behind a small header naming its owner (NULL for one from malloc()) and
 * its size, so that free() and realloc() know what they were given.
 * Freeing tree memory is a no-op; the blocks go with the document.
 * A block is zero when made (mmap() for a large document's, calloc() for
 * a small one's) and its memory is never reused, so calloc() needs no
 * memset().
 */
#define _GNU_SOURCE
#include "treemem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ALIGN 16u
#define HUGE_PAGE (2u << 20)
#define SMALL_BLOCK (64u << 10)
#define MAX_BLOCK (64u << 20)

typedef struct block {
	struct block *next;
	size_t size, used;
} block;

struct treemem {
	block *head;
	size_t next_size;
	int huge;
};

typedef struct {
	treemem *owner; /* NULL: from malloc() */
	size_t size;
} header;

_Static_assert(sizeof(header) % ALIGN == 0, "a header keeps 16-byte alignment");

static _Thread_local treemem *current;

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

treemem *policy__treemem_new(size_t hint)
{
	treemem *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	/* A tree takes about three times its source. Past a megabyte of
	 * source, huge pages: a fault per 2 MB rather than per 4 KB. */
	t->huge = hint >= (1u << 20);
	t->next_size = hint > MAX_BLOCK / 3 ? MAX_BLOCK : hint * 3;
	if (t->next_size < SMALL_BLOCK)
		t->next_size = SMALL_BLOCK;
	if (t->huge)
		t->next_size = round_up(t->next_size, HUGE_PAGE);
	return t;
}

static block *new_block(treemem *t, size_t need)
{
	size_t size = t->next_size;
	block *b;

	while (size < need + round_up(sizeof(block), ALIGN))
		size *= 2;
	if (t->huge) {
		b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b == MAP_FAILED)
			return NULL;
		madvise(b, size, MADV_HUGEPAGE); /* advice: no harm when refused */
	} else if ((b = calloc(1, size)) == NULL) {
		/* a small document's blocks come from the heap, whose freed
		 * memory the next document reuses without faulting it in */
		return NULL;
	}
	b->size = size;
	b->used = round_up(sizeof(block), ALIGN);
	b->next = t->head;
	t->head = b;
	if (t->next_size < MAX_BLOCK)
		t->next_size *= 2;
	return b;
}

static void *take(treemem *t, size_t size)
{
	size_t need = round_up(sizeof(header) + size, ALIGN);
	block *b = t->head;
	header *h;

	if (need < size)
		return NULL;
	if ((b == NULL || b->size - b->used < need) && (b = new_block(t, need)) == NULL)
		return NULL;
	h = (header *)((char *)b + b->used);
	b->used += need;
	h->owner = t;
	h->size = size;
	return h + 1;
}

/* cmark cannot take a NULL: like its own allocator, stop. */
static void *checked(void *p)
{
	if (p == NULL) {
		fputs("policyctl: out of memory building a document tree\n", stderr);
		abort();
	}
	return p;
}

static void *tm_calloc(size_t count, size_t size)
{
	header *h;

	if (size != 0 && count > (SIZE_MAX - sizeof(header)) / size)
		return checked(NULL);
	if (current != NULL)
		return checked(take(current, count * size));
	h = checked(calloc(1, sizeof(header) + count * size));
	h->size = count * size;
	return h + 1;
}

static void *tm_realloc(void *p, size_t size)
{
	header *h = p != NULL ? (header *)p - 1 : NULL, *n;
	treemem *t;
	block *b;
	void *q;

	if (h == NULL)
		return tm_calloc(1, size);
	if (size > SIZE_MAX - sizeof(header))
		return checked(NULL);
	if ((t = h->owner) == NULL) {
		n = checked(realloc(h, sizeof(header) + size));
		n->size = size;
		return n + 1;
	}
	if (size <= h->size)
		return p;
	/* the last allocation of the newest block grows where it is */
	b = t->head;
	if ((char *)h + round_up(sizeof(header) + h->size, ALIGN) == (char *)b + b->used &&
	    (char *)h + round_up(sizeof(header) + size, ALIGN) <= (char *)b + b->size) {
		b->used = (size_t)((char *)h - (char *)b) + round_up(sizeof(header) + size, ALIGN);
		h->size = size;
		return p;
	}
	q = checked(take(t, size));
	memcpy(q, p, h->size);
	return q;
}

static void tm_free(void *p)
{
	header *h = p != NULL ? (header *)p - 1 : NULL;

	if (h != NULL && h->owner == NULL)
		free(h);
}

cmark_mem *policy__treemem_allocator(void)
{
	static cmark_mem mem = {tm_calloc, tm_realloc, tm_free};

	return &mem;
}

cmark_node *policy__treemem_node(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, policy__treemem_allocator());
}

void policy__treemem_release(void *p)
{
	tm_free(p);
}

void policy__treemem_enter(treemem *t)
{
	current = t;
}

void policy__treemem_leave(void)
{
	current = NULL;
}

void policy__treemem_free(treemem *t)
{
	if (t == NULL)
		return;
	while (t->head != NULL) {
		block *b = t->head;

		t->head = b->next;
		if (t->huge)
			munmap(b, b->size);
		else
			free(b);
	}
	free(t);
}
