/* Helpers shared by the Check suites. */
#ifndef POLICY_TESTS_COMMON_H
#define POLICY_TESTS_COMMON_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

/* A source of the given front matter lines and body. */
#define FM(extra)                                                                                  \
	"---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: 2024-01-02\n" extra     \
	"---\n"

static inline policy_doc *parse_as(const char *path, const char *src)
{
	policy_doc *doc = NULL;
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;

	opts.now.year = 2024;
	opts.now.month = 6;
	opts.now.day = 1;
	ck_assert_int_eq(policy_doc_parse(&doc, path, src, strlen(src), &opts), 0);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

static inline policy_doc *parse(const char *src)
{
	return parse_as("policies/privacy/en.md", src);
}

/* The first diagnostic with `code`, or NULL. */
static inline const policy_diag *find_diag(const policy_doc *doc, const char *code)
{
	const policy_diags *d = policy_doc_diags(doc);

	for (size_t i = 0; i < policy_diags_count(d); i++)
		if (strcmp(policy_diags_at(d, i)->code, code) == 0)
			return policy_diags_at(d, i);
	return NULL;
}

static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
