/* A body cut where its top-level headings begin (chunks.c says where and
 * why), for reading two versions together. */
#ifndef POLICY_DOCUMENT_CHUNKS_H
#define POLICY_DOCUMENT_CHUNKS_H

#include <stddef.h>
#include <stdint.h>

typedef struct body_chunk_s {
	size_t start, end; /* bytes of the body, the line ending included */
	unsigned line;     /* its first line, 1-based in the body */
	unsigned lines;    /* how many */
	size_t head_end;   /* where the line after its heading's begins */
	uint64_t hash;     /* of its bytes after the heading's line */
	int simple;        /* one section, and nothing in it reaches past it */
} body_chunk;

/* The chunks of body[0, len) in order, into *out (free() it): none when
 * the body holds what would read otherwise if cut (a fence, an HTML
 * block, a link reference definition). 0 or POLICY_ENOMEM. */
int policy__body_chunks(const char *body, size_t len, body_chunk **out, size_t *count);

#endif
