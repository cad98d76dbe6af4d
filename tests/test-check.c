/* Checks across documents: locale sync. */
#include "common.h"

static int count_code(const policy_diags *d, const char *code)
{
	int n = 0;

	for (size_t i = 0; i < policy_diags_count(d); i++)
		n += strcmp(policy_diags_at(d, i)->code, code) == 0;
	return n;
}

START_TEST(locales_in_sync)
{
	policy_doc *docs[3];
	policy_diags *out;

	docs[0] = parse_as("policies/privacy/en.md",
			   FM("") "## Data {#data}\n\n## Rights {#rights}\n");
	docs[1] = parse_as("policies/privacy/zh-CN.md",
			   FM("") "## 数据 {#data}\n\n## 权利 {#rights}\n");
	docs[2] = parse_as("policies/terms/en.md", "---\ntitle: T\nversion: \"3.0\"\nreleased: "
						   "2024-01-01\neffective: 2024-01-01\n---\n# X\n");
	ck_assert_int_eq(policy_diags_new(&out), 0);
	ck_assert_int_eq(policy_check_locales(out, (const policy_doc *const *)docs, 3), 0);
	ck_assert_uint_eq(policy_diags_count(out), 0);
	for (int i = 0; i < 3; i++)
		policy_doc_free(docs[i]);
	policy_diags_free(out);
}
END_TEST

START_TEST(locales_out_of_sync)
{
	policy_doc *docs[3];
	policy_diags *out;

	docs[0] = parse_as("policies/privacy/en.md",
			   FM("") "## Data {#data}\n\n## Rights {#rights}\n");
	docs[1] =
		parse_as("policies/privacy/zh-CN.md", "---\ntitle: T\nversion: \"1.1\"\nreleased: "
						      "2024-01-01\neffective: 2024-01-01\n---\n"
						      "## 数据 {#data}\n");
	/* Outside the layout: a draft or an old version, never compared. */
	docs[2] = parse_as("drafts/privacy/fr.md", FM("policy: privacy\nlocale: fr\n") "## X\n");
	ck_assert_int_eq(policy_diags_new(&out), 0);
	ck_assert_int_eq(policy_check_locales(out, (const policy_doc *const *)docs, 3), 0);
	ck_assert_int_eq(count_code(out, "locale-version"), 1);
	ck_assert_int_eq(count_code(out, "locale-sections"), 1);
	ck_assert_str_eq(policy_diags_at(out, 0)->file, "policies/privacy/zh-CN.md");
	ck_assert_int_eq(policy_diags_at(out, 0)->severity, POLICY_SEVERITY_ERROR);
	for (int i = 0; i < 3; i++)
		policy_doc_free(docs[i]);
	policy_diags_free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("check");
	TCase *t = tcase_create("locales");

	tcase_add_test(t, locales_in_sync);
	tcase_add_test(t, locales_out_of_sync);
	suite_add_tcase(s, t);
	return run_suite(s);
}
