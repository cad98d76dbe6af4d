/* The token diff engine. */
#include <stdio.h>

#include "common.h"

typedef struct {
	policy_buf out;
	size_t calls;
} collect;

/* Writes the edits as "=text", "+text", "-text" separated by "|". */
static int on_edit(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	collect *c = payload;
	char mark = kind == POLICY_EDIT_EQUAL ? '=' : kind == POLICY_EDIT_INSERT ? '+' : '-';

	c->calls++;
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(policy_buf_append(&c->out, &mark, 1), 0);
	ck_assert_int_eq(policy_buf_append(&c->out, text, len), 0);
	ck_assert_int_eq(policy_buf_append(&c->out, "|", 1), 0);
	return 0;
}

static void expect_edits(const char *a, const char *b, const char *want)
{
	collect c = {POLICY_BUF_INIT, 0};

	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_edit, &c), 0);
	ck_assert_msg(strcmp(c.out.ptr ? c.out.ptr : "", want) == 0, "got %s, want %s",
		      c.out.ptr ? c.out.ptr : "", want);
	policy_buf_dispose(&c.out);
}

START_TEST(cjk_by_character)
{
	expect_edits("您可以查阅、更正和删除您的个人信息。", "您可以查阅和更正您的个人信息。",
		     "=您可以查阅|-、|+和|=更正|-和删除|=您的个人信息。|");
}
END_TEST

/* Rebuild one side from the edits: old = equal + delete, new = equal + insert. */
typedef struct {
	policy_buf side[2];
	size_t changed;
} rebuild;

static int on_rebuild(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	rebuild *r = payload;

	if (kind != POLICY_EDIT_INSERT)
		policy_buf_append(&r->side[0], text, len);
	if (kind != POLICY_EDIT_DELETE)
		policy_buf_append(&r->side[1], text, len);
	if (kind != POLICY_EDIT_EQUAL)
		r->changed += len;
	return 0;
}

START_TEST(latin_by_word)
{
	const char *a = "You can access, correct and delete data.";
	const char *b = "You can access and correct data.";
	rebuild r;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_rebuild, &r), 0);
	ck_assert_str_eq(r.side[0].ptr, a);
	ck_assert_str_eq(r.side[1].ptr, b);
	/* Word tokens: a minimal diff changes whole words, never parts. */
	ck_assert_uint_le(r.changed, strlen(", correct and delete") + strlen(" and correct"));
	policy_buf_dispose(&r.side[0]);
	policy_buf_dispose(&r.side[1]);
}
END_TEST

START_TEST(whitespace_and_newlines)
{
	expect_edits("a\nb\\c", "a \nb\\c", "=a|-\n|+ \n|=b\\c|");
	expect_edits("", "new", "+new|");
	expect_edits("old", "", "-old|");
	expect_edits("same", "same", "=same|");
	expect_edits("", "", "");
}
END_TEST

static int stop_at_first(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	(void)kind;
	(void)text;
	(void)len;
	(void)payload;
	return 42;
}

START_TEST(callback_stops)
{
	ck_assert_int_eq(policy_text_diff("a b", 3, "a c", 3, stop_at_first, NULL), 42);
}
END_TEST

START_TEST(invalid_utf8)
{
	ck_assert_int_eq(policy_text_diff("a\xff", 2, "a", 1, stop_at_first, NULL), POLICY_EINVALID);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *t = tcase_create("tokens");

	tcase_add_test(t, cjk_by_character);
	tcase_add_test(t, latin_by_word);
	tcase_add_test(t, whitespace_and_newlines);
	tcase_add_test(t, callback_stops);
	tcase_add_test(t, invalid_utf8);
	suite_add_tcase(s, t);
	return run_suite(s);
}
