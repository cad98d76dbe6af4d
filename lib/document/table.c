/*
 * Tables of recipients. Real policies list their SDKs and partners in a
 * table (SDK名称 | 第三方名称 | 使用目的 | 收集的个人信息 | 隐私政策链接),
 * the MIIT's 第三方信息共享清单 is one. Each row of such a table is a
 * recipient record, as a subsection of a recipients section is: adding or
 * removing a row is a change of recipients. A table is one of recipients
 * when it sits in a recipients section or its header names a party; a
 * row is named by its cell under the first column that names a party
 * (else one headed 名称 / name, else the first column), and its fields
 * are its cells under their column headers.
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "internal.h"
#include "utf8.h"

/* Header words that name a party, NFKC and case-folded. */
static const char *const party_words[] = {
	"第三方",  "合作方", "合作伙伴",  "sdk",        "公司",
	"主体",    "机构",   "接收方",    "third part", "partner",
	"company", "vendor", "recipient", "processor",  "provider",
};

/* Does `header`, NFKC and case-folded, hold one of `words`? 1 or 0;
 * POLICY_ENOMEM. */
static int header_has(const char *header, const char *const *words, size_t count)
{
	policy_buf folded = POLICY_BUF_INIT;
	int hit = 0;

	if (policy__utf8_nfkc(&folded, header, strlen(header), 1) < 0) {
		policy_buf_dispose(&folded);
		return POLICY_ENOMEM;
	}
	for (size_t i = 0; folded.ptr && i < count && !hit; i++)
		hit = strstr(folded.ptr, words[i]) != NULL;
	policy_buf_dispose(&folded);
	return hit;
}

int policy__names_a_party(const char *header)
{
	return header_has(header, party_words, sizeof(party_words) / sizeof(party_words[0]));
}

static int names_a_name(const char *header)
{
	static const char *const words[] = {"名称", "name"};

	return header_has(header, words, 2);
}

/* The text of a cell, copied into the arena ("" for an empty one). */
static const char *cell_text(arena *mem, cmark_node *cell)
{
	policy_buf text = POLICY_BUF_INIT;
	const char *s;

	if (policy__inline_text(&text, cell) < 0)
		return NULL;
	s = policy__arena_strdup(mem, text.ptr ? text.ptr : "");
	policy_buf_dispose(&text);
	return s;
}

static size_t count_children(cmark_node *n)
{
	size_t k = 0;

	for (cmark_node *c = cmark_node_first_child(n); c != NULL; c = cmark_node_next(c))
		k++;
	return k;
}

/* The header's column that names a row, into *col: 1, or 0 when the
 * table is not one of recipients; POLICY_ENOMEM. */
static int name_column(size_t *col, const char *const *head, size_t ncols, int in_recipients)
{
	int (*const tests[])(const char *) = {policy__names_a_party, names_a_name};

	for (size_t t = 0; t < (in_recipients ? 2u : 1u); t++)
		for (size_t j = 0; j < ncols; j++) {
			int rc = tests[t](head[j]);

			if (rc != 0) {
				*col = j;
				return rc;
			}
		}
	*col = 0;
	return in_recipients;
}

static int add_row(table_records *out, arena *mem, cmark_node *row, const char *const *head,
		   size_t ncols, size_t name_col, unsigned line0)
{
	policy_field *fields = policy__arena_alloc(mem, ncols * sizeof(*fields));
	unsigned line = line0 + (unsigned)cmark_node_get_start_line(row) - 1;
	cmark_node *cell = cmark_node_first_child(row);
	policy_record *r;
	size_t j = 0;

	if (fields == NULL)
		return policy__error_nomem();
	for (; cell != NULL && j < ncols; cell = cmark_node_next(cell), j++) {
		fields[j].key = head[j];
		fields[j].value = cell_text(mem, cell);
		fields[j].line = line;
		if (fields[j].value == NULL)
			return policy__error_nomem();
	}
	if (j <= name_col || fields[name_col].value[0] == '\0')
		return 0; /* a row without a name continues the one above */
	if (ARRAY_RESERVE(out->items, out->cap, out->count) < 0)
		return policy__error_nomem();
	r = &out->items[out->count++];
	r->name = fields[name_col].value;
	r->line = line;
	r->fields = fields;
	r->field_count = j;
	return 0;
}

int policy__table_records(table_records *out, arena *mem, cmark_node *table, int in_recipients,
			  unsigned line0)
{
	cmark_node *header = cmark_node_first_child(table);
	size_t ncols = header ? count_children(header) : 0, j = 0;
	const char **head;
	size_t name_col;
	int rc;

	if (ncols == 0)
		return 0;
	if ((head = policy__arena_alloc(mem, ncols * sizeof(*head))) == NULL)
		return policy__error_nomem();
	for (cmark_node *c = cmark_node_first_child(header); c != NULL; c = cmark_node_next(c))
		if ((head[j++] = cell_text(mem, c)) == NULL)
			return policy__error_nomem();
	if ((rc = name_column(&name_col, head, ncols, in_recipients)) <= 0)
		return rc;
	rc = 0;
	for (cmark_node *row = cmark_node_next(header); row != NULL && rc == 0;
	     row = cmark_node_next(row))
		rc = add_row(out, mem, row, head, ncols, name_col, line0);
	return rc;
}
