/* policyctl.yaml: values read, and every bad one named with its line. */
#include "common.h"

static policy_config *parse_ok(const char *text)
{
	policy_config *c = NULL;

	ck_assert_msg(policy_config_parse(&c, "policyctl.yaml", text, strlen(text)) == 0, "%s",
		      policy_error_last()->message);
	return c;
}

/* Parsing fails on `line` with a message containing `words`. */
static void expect_error(const char *text, unsigned line, const char *words)
{
	policy_config *c = NULL;
	const policy_error *e;

	ck_assert_int_eq(policy_config_parse(&c, "policyctl.yaml", text, strlen(text)),
			 POLICY_EPARSE);
	ck_assert_ptr_null(c);
	e = policy_error_last();
	ck_assert_str_eq(e->file, "policyctl.yaml");
	ck_assert_msg(e->line == line, "line %u, want %u (%s)", e->line, line, e->message);
	ck_assert_msg(strstr(e->message, words) != NULL, "\"%s\" lacks \"%s\"", e->message, words);
}

START_TEST(values)
{
	policy_config *c = parse_ok("title: 城市通\nbase_url: https://example.org/p/\n"
				    "default_locale: zh-CN\nnotice_days: 30\n"
				    "keywords:\n  recipients: [合作方名单, Partner list]\n");

	ck_assert_str_eq(policy_config_title(c), "城市通");
	ck_assert_str_eq(policy_config_base_url(c), "https://example.org/p/");
	ck_assert_str_eq(policy_config_default_locale(c), "zh-CN");
	ck_assert_uint_eq(policy_config_notice_days(c), 30);
	ck_assert_uint_eq(policy_rules_match(policy_config_rules(c), "三、合作方名单"),
			  POLICY_CATEGORY_RECIPIENTS);
	ck_assert_uint_eq(policy_rules_match(policy_config_rules(c), "Our PARTNER LIST"),
			  POLICY_CATEGORY_RECIPIENTS);
	/* The built-in rules still apply. */
	ck_assert_uint_eq(policy_rules_match(policy_config_rules(c), "您的权利"),
			  POLICY_CATEGORY_RIGHTS);
	ck_assert_uint_eq(policy_rules_match(NULL, "三、合作方名单"), 0);
	policy_config_free(c);
}
END_TEST

START_TEST(empty_and_defaults)
{
	policy_config *c = parse_ok("");

	ck_assert_ptr_null(policy_config_title(c));
	ck_assert_ptr_null(policy_config_base_url(c));
	ck_assert_uint_eq(policy_config_notice_days(c), 0);
	policy_config_free(c);
	c = parse_ok("# only a comment\n");
	policy_config_free(c);
}
END_TEST

START_TEST(bad_values)
{
	expect_error("title: a\nnotice_day: 3\n", 2, "unknown setting \"notice_day\"");
	expect_error("notice_days: -1\n", 1, "not a whole number");
	expect_error("notice_days: 1e3\n", 1, "not a whole number");
	expect_error("notice_days: 99999999999999999999\n", 1, "more than 3650");
	expect_error("notice_days: [1]\n", 1, "a number of days");
	expect_error("base_url: javascript:alert(1)\n", 1, "not an http:// or https:// URL");
	expect_error("base_url: \"https://a b\"\n", 1, "space");
	expect_error("default_locale: zh_CN\n", 1, "not a locale tag");
	expect_error("title: [a, b]\n", 1, "a text value");
	expect_error("keywords:\n  sharing: [x]\n", 2, "not a category");
	expect_error("keywords:\n  recipients: x\n", 2, "a list of keywords");
	expect_error("keywords:\n  recipients: [\"\"]\n", 2, "non-empty");
	expect_error("keywords: [a]\n", 1, "a mapping");
	expect_error("- a\n- b\n", 1, "not a mapping");
	expect_error("title: \"unclosed\n", 2, "end of stream");
	expect_error("title: \"a\\0b\"\n", 1, "NUL");
	expect_error("keywords:\n  rights: [\"a\\0b\"]\n", 2, "non-empty text");
	expect_error("facts: [a]\n", 1, "a mapping of kind of fact");
	expect_error("facts:\n  cookies: [x]\n", 2, "not a kind of fact");
	expect_error("facts:\n  data: x\n", 2, "a list of phrases");
	expect_error("facts:\n  data:\n    - {phrase: x, kind: heatlh}\n", 3,
		     "not a kind of data (identity");
	expect_error("facts:\n  data:\n    - {kind: health}\n", 3, "needs a phrase");
	expect_error("facts:\n  data:\n    - {phrase: x, colour: red}\n", 3,
		     "not a key of a data item");
	expect_error("facts:\n  data:\n    - {phrase: x, sensitive: maybe}\n", 3, "true or false");
	expect_error("facts:\n  recipients: [\"\"]\n", 2, "non-empty text");
	expect_error("facts:\n  recipients: [{phrase: x}]\n", 2, "non-empty text");
}
END_TEST

START_TEST(bad_files)
{
	policy_config *c = NULL;

	ck_assert_int_eq(policy_config_parse(&c, "policyctl.yaml", "title: \xff\n", 10),
			 POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "UTF-8"));
	ck_assert_int_eq(policy_config_load(&c, "/nonexistent/policyctl.yaml"), POLICY_ENOTFOUND);
	ck_assert_ptr_null(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *t = tcase_create("config");

	tcase_add_test(t, values);
	tcase_add_test(t, empty_and_defaults);
	tcase_add_test(t, bad_values);
	tcase_add_test(t, bad_files);
	suite_add_tcase(s, t);
	return run_suite(s);
}
