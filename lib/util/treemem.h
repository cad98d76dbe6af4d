/*
 * Memory for one document's CommonMark tree. cmark allocates a node, a
 * content buffer or a string at a time (about 60,000 of them for a 2 MB
 * policy), and every one of those pages is faulted in fresh; a tree is
 * freed all at once. So a document's tree comes from large blocks, given
 * to the kernel as transparent huge pages when the document is large,
 * and freed with the document.
 *
 * cmark's allocator has no context argument: the tree memory in use is
 * the calling thread's, set around the calls that build or edit a tree
 * (policy__treemem_enter / policy__treemem_leave). Allocations made with none set come
 * from malloc() behind the same header, so they mix with the tree's.
 */
#ifndef POLICY_UTIL_TREEMEM_H
#define POLICY_UTIL_TREEMEM_H

#include <cmark-gfm.h>
#include <stddef.h>

typedef struct treemem treemem;

/* Tree memory for a document of about `hint` bytes of source; NULL when
 * out of memory. */
treemem *policy__treemem_new(size_t hint);

/* The allocator to hand cmark (cmark_parser_new_with_mem). */
cmark_mem *policy__treemem_allocator(void);

/* A node for a tree built with the allocator above. cmark frees a whole
 * subtree with its top node's allocator, so every node of a tree must
 * come from one. NULL when out of memory. */
cmark_node *policy__treemem_node(cmark_node_type type);

/* Free what cmark's renderers return for such a tree (they allocate
 * with the tree's allocator, so free() would be wrong). Accepts NULL. */
void policy__treemem_release(void *p);

/* Make `t` the calling thread's tree memory until policy__treemem_leave(). */
void policy__treemem_enter(treemem *t);
void policy__treemem_leave(void);

/* Free every block. The tree's nodes must have been freed (or never be
 * touched again). Accepts NULL. */
void policy__treemem_free(treemem *t);

#endif
