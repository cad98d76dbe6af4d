/* The limits of the toolkit: inputs far larger or deeper than any policy,
 * each of which must get a clear error or a correct result, never a
 * crash. (How long they take is measured by hand, see
 * docs/robustness.md: never timed here.) */
#include <stdio.h>

#include "common.h"

#define FRONT                                                                                      \
	"---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: 2024-01-02\n---\n# "    \
	"T\n\n"

static char *repeat(const char *head, const char *unit, size_t times, const char *tail)
{
	size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
	char *s = malloc(h + u * times + t + 1), *p = s;

	ck_assert_ptr_nonnull(s);
	memcpy(p, head, h);
	p += h;
	for (size_t i = 0; i < times; i++, p += u)
		memcpy(p, unit, u);
	memcpy(p, tail, t + 1);
	return s;
}

static void renders(const char *src, const char *must_contain)
{
	policy_doc *doc = NULL;
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_doc_parse(&doc, "policies/privacy/en.md", src, strlen(src), NULL),
			 0);
	ck_assert_int_eq(policy_doc_usable(doc), 0);
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_HTML, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, must_contain));
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_MARKDOWN, NULL), 0);
	ck_assert_int_eq(policy_render(&out, doc, POLICY_FORMAT_JSON, NULL), 0);
	policy_buf_dispose(&out);
	policy_doc_free(doc);
}

/* Nested past 200 levels: refused with a clear error (cmark-gfm's
 * Markdown writer is quadratic in the depth); 150 levels render. */
static void refused_too_deep(const char *src)
{
	policy_doc *doc = NULL;
	const policy_diag *d = NULL;

	ck_assert_int_eq(policy_doc_parse(&doc, "policies/privacy/en.md", src, strlen(src), NULL),
			 0);
	ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	for (size_t i = 0; i < policy_diags_count(policy_doc_diags(doc)); i++)
		if (strcmp(policy_diags_at(policy_doc_diags(doc), i)->code, "too-deep") == 0)
			d = policy_diags_at(policy_doc_diags(doc), i);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->line, 9);
	ck_assert_ptr_nonnull(strstr(d->message, "200"));
	policy_doc_free(doc);
}

START_TEST(deep_quotes)
{
	char *src = repeat(FRONT, ">", 100000, " deep end\n");

	refused_too_deep(src);
	free(src);
	src = repeat(FRONT, ">", 150, " deep end\n");
	renders(src, "deep end");
	free(src);
}
END_TEST

START_TEST(deep_lists)
{
	char *src = repeat(FRONT, "- ", 100000, "deep end\n");

	refused_too_deep(src);
	free(src);
	src = repeat(FRONT, "- ", 70, "deep end\n");
	renders(src, "deep end");
	free(src);
}
END_TEST

START_TEST(many_headings)
{
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	char *src = repeat(FRONT, "## Part\n\nText.\n\n", 100000, "");
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_doc_parse(&a, "policies/privacy/en.md", src, strlen(src), NULL), 0);
	ck_assert_int_eq(policy_doc_usable(a), 0);
	ck_assert_uint_eq(policy_doc_section_count(a), 100001);
	/* 100,000 headings of one title: each a duplicate id, each reported. */
	ck_assert_ptr_nonnull(find_diag(a, "duplicate-id"));
	src[strlen(src) - 3] = '!';
	ck_assert_int_eq(policy_doc_parse(&b, "policies/privacy/en.md", src, strlen(src), NULL), 0);
	ck_assert_int_eq(policy_diff_new(&diff, a, b), 0);
	ck_assert_int_eq(policy_diff_level(diff),
			 POLICY_LEVEL_MINOR); /* "." to "!": a word of text */
	ck_assert_int_eq(policy_diff_render(&out, diff, POLICY_DIFF_JSON, 0, NULL), 0);
	policy_buf_dispose(&out);
	policy_diff_free(diff);
	policy_doc_free(a);
	policy_doc_free(b);
	free(src);
}
END_TEST

START_TEST(long_lines)
{
	size_t room = POLICY_DOC_MAX_SIZE - strlen(FRONT) - 1;
	char *fits = repeat(FRONT, "a", room, "\n");
	char *over = repeat(FRONT, "a", room + 1, "\n");
	policy_doc *doc = NULL;

	/* One line up to the limit renders; a byte more is a clear error. */
	ck_assert_uint_eq(strlen(fits), POLICY_DOC_MAX_SIZE);
	renders(fits, "aaaa");
	ck_assert_int_eq(policy_doc_parse(&doc, "big.md", over, strlen(over), NULL), 0);
	ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	ck_assert_ptr_nonnull(find_diag(doc, "too-large"));
	ck_assert_str_eq(policy_error_last()->file, "big.md");
	policy_doc_free(doc);
	free(fits);
	free(over);
}
END_TEST

START_TEST(invalid_utf8_in_every_field)
{
	static const char *const fields[] = {"title",   "version", "released", "effective",
					     "summary", "policy",  "locale",   "risk"};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char src[512];
		policy_doc *doc = NULL;
		const policy_diag *d;

		snprintf(src, sizeof(src),
			 "---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: "
			 "2024-01-02\n"
			 "%s: a\xc3\x28z\n---\n# T\n",
			 fields[i]);
		ck_assert_int_eq(policy_doc_parse(&doc, "bad.md", src, strlen(src), NULL), 0);
		ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
		d = find_diag(doc, "invalid-utf8");
		ck_assert_msg(d != NULL, "%s", fields[i]);
		ck_assert_uint_eq(d->line, 6);
		policy_doc_free(doc);
	}
}
END_TEST

/* Front matter built to be slow: every case ends in linear time with a
 * clear diagnostic (before: 24 s, 27 s and 45 s). */
static void front_matter_refused(const char *src, const char *code, unsigned line)
{
	policy_doc *doc = NULL;
	const policy_diag *d;

	ck_assert_int_eq(policy_doc_parse(&doc, "big.md", src, strlen(src), NULL), 0);
	ck_assert_int_eq(policy_doc_usable(doc), POLICY_EPARSE);
	d = find_diag(doc, code);
	ck_assert_msg(d != NULL, "no %s", code);
	ck_assert_uint_eq(d->line, line);
	policy_doc_free(doc);
}

START_TEST(front_matter_at_the_limits)
{
	char *src = repeat("---\ntitle: T\n", "k: v\n", 100000, "---\n# T\n");

	/* 100,000 keys: over the size any front matter needs. */
	front_matter_refused(src, "front-matter-syntax", 2);
	free(src);
	/* 100,000 levels of nesting in a value, and as deep in a key. */
	src = repeat("---\ntitle: T\nx: ", "[", 100000, "\n---\n# T\n");
	front_matter_refused(src, "front-matter-syntax", 3);
	free(src);
	src = repeat("---\ntitle: T\n? ", "{", 100000, "\n---\n# T\n");
	front_matter_refused(src, "front-matter-syntax", 3);
	free(src);
	/* 10,000 anchors in a list, then an alias as a value. */
	src = repeat("---\ntitle: T\nlist: [", "&a x, ", 10000, "y]\nother: *a\n---\n# T\n");
	front_matter_refused(src, "bad-value", 3);
	free(src);
	/* 20,000 distinct keys and one repeated: reported once, at its line. */
	{
		size_t cap = 20000 * 16 + 64, n = 0, dups = 0;
		char *text = malloc(cap);
		policy_doc *doc = NULL;

		ck_assert_ptr_nonnull(text);
		n += (size_t)snprintf(text + n, cap - n, "---\ntitle: T\n");
		for (int i = 0; i < 20000; i++)
			n += (size_t)snprintf(text + n, cap - n, "key%d: v\n", i);
		n += (size_t)snprintf(text + n, cap - n, "key7: again\n---\n# T\n");
		ck_assert_int_eq(policy_doc_parse(&doc, "keys.md", text, n, NULL), 0);
		for (size_t i = 0; i < policy_diags_count(policy_doc_diags(doc)); i++) {
			const policy_diag *d = policy_diags_at(policy_doc_diags(doc), i);

			if (strcmp(d->code, "duplicate-key") == 0) {
				dups++;
				ck_assert_uint_eq(d->line, 20003);
				ck_assert_ptr_nonnull(strstr(d->message, "first on line 10"));
			}
		}
		ck_assert_uint_eq(dups, 1);
		policy_doc_free(doc);
		free(text);
	}
}
END_TEST

START_TEST(import_at_the_limits)
{
	char *text = repeat("Policy\n", "1. Heading\n", 100000, "");
	policy_import *r = NULL;
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;

	opts.format = POLICY_IMPORT_TEXT;
	ck_assert_int_eq(policy_import_parse(&r, text, strlen(text), &opts), 0);
	/* Every heading keeps an id of its own. */
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "{#heading-100000}"));
	policy_import_free(r);
	free(text);
	/* Nesting beyond libxml2's limit: a clear error, not a deep recursion. */
	text = repeat("<html><body>", "<div><b><a href=\"https://x\">", 20000,
		      "deep</a></b></div></body></html>");
	opts.format = POLICY_IMPORT_HTML;
	ck_assert_int_eq(policy_import_parse(&r, text, strlen(text), &opts), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "depth"));
	free(text);
	/* 40,000 attributes on one element: refused before libxml2, whose
	 * check of each attribute against those before it is quadratic. */
	text = repeat("<html><body>\n<p ", "a=\"1\" ", 40000, ">Text</p></body></html>");
	ck_assert_int_eq(policy_import_parse(&r, text, strlen(text), &opts), POLICY_EPARSE);
	ck_assert_uint_eq(policy_error_last()->line, 2);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "attributes"));
	free(text);
	/* Within it, the text comes through. */
	text = repeat("<html><body><p>Policy</p>", "<div>", 80, "deep text</body></html>");
	ck_assert_int_eq(policy_import_parse(&r, text, strlen(text), &opts), 0);
	ck_assert_ptr_nonnull(strstr(policy_import_source(r, NULL), "deep text"));
	policy_import_free(r);
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("limits");
	TCase *t = tcase_create("limits");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, deep_quotes);
	tcase_add_test(t, deep_lists);
	tcase_add_test(t, many_headings);
	tcase_add_test(t, long_lines);
	tcase_add_test(t, invalid_utf8_in_every_field);
	tcase_add_test(t, import_at_the_limits);
	tcase_add_test(t, front_matter_at_the_limits);
	suite_add_tcase(s, t);
	return run_suite(s);
}
