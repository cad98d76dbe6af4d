/* The token diff engine. */
#include <stdio.h>

#include "common.h"
#include "editorial.h"
#include "myers.h"
#include "textdiff.h"

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

	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_edit, &c, NULL), 0);
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
	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_rebuild, &r, NULL), 0);
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
	ck_assert_int_eq(policy_text_diff("a b", 3, "a c", 3, stop_at_first, NULL, NULL), 42);
}
END_TEST

START_TEST(invalid_utf8)
{
	ck_assert_int_eq(policy_text_diff("a\xff", 2, "a", 1, stop_at_first, NULL, NULL),
			 POLICY_EINVALID);
	/* Also when one side is empty (no alignment), or both are equal. */
	ck_assert_int_eq(policy_text_diff("", 0, "\xe4\xb8", 2, stop_at_first, NULL, NULL),
			 POLICY_EINVALID);
	ck_assert_int_eq(policy_text_diff("\xc0\xaf", 2, "\xc0\xaf", 2, stop_at_first, NULL, NULL),
			 POLICY_EINVALID);
}
END_TEST

/* The sentences of `s` joined by "|". */
static void expect_sentences(const char *s, const char *want)
{
	text_units u;
	policy_buf out = POLICY_BUF_INIT;

	ck_assert_int_eq(policy__units_sentences(&u, s, strlen(s)), 0);
	for (size_t i = 0; i < u.count; i++) {
		ck_assert_uint_lt(u.start[i], u.start[i + 1]);
		policy_buf_append(&out, s + u.start[i], u.start[i + 1] - u.start[i]);
		policy_buf_append(&out, "|", 1);
	}
	ck_assert_uint_eq(u.start[u.count], strlen(s));
	ck_assert_str_eq(out.ptr ? out.ptr : "", want);
	policy__units_dispose(&u);
	policy_buf_dispose(&out);
}

START_TEST(sentences)
{
	expect_sentences("第一句。第二句！第三句？第四句；完",
			 "第一句。|第二句！|第三句？|第四句；|完|");
	expect_sentences("One. Two! Three? Four; five", "One. |Two! |Three? |Four; |five|");
	expect_sentences("他说：“好。”然后走了。", "他说：“好。”|然后走了。|");
	expect_sentences("Version 1.5 of e.g.x stays whole", "Version 1.5 of e.g.x stays whole|");
	expect_sentences("He said \"yes.\" Then left.", "He said \"yes.\" |Then left.|");
	expect_sentences("line one\nline two", "line one\n|line two|");
	expect_sentences("", "");
	/* around the characters skipped without decoding (ASCII letters and
	 * digits, lead bytes E4..E9): an ideographic space, a closing mark */
	expect_sentences("一。\u3000二。」三", "一。\u3000|二。」|三|");
	expect_sentences("a1.\u4e00b", "a1.\u4e00b|");
}
END_TEST

START_TEST(sentences_reject_bad_utf8)
{
	text_units u;

	/* a truncated ideograph, a lead byte E4 before ASCII */
	ck_assert_int_eq(policy__units_sentences(&u, "好\xe4\xb8", 5), POLICY_EINVALID);
	policy__units_dispose(&u);
	ck_assert_int_eq(policy__units_sentences(&u, "\xe4\x41\x41", 3), POLICY_EINVALID);
	policy__units_dispose(&u);
}
END_TEST

START_TEST(sentence_pass_keeps_sentences_whole)
{
	/* The changed sentence is compared token by token; the unchanged ones
	 * are not broken up to match stray characters. */
	expect_edits("我们收集位置信息。我们不会出售数据。请放心。",
		     "我们收集位置信息。我们可能共享数据。请放心。",
		     "=我们收集位置信息。我们|-不会出售|+可能共享|=数据。请放心。|");
	expect_edits("Keep this. Change that one. Keep the end.",
		     "Keep this. Change this one. Keep the end.",
		     "=Keep this. Change |-that|+this|= one. Keep the end.|");
}
END_TEST

START_TEST(heavy_rewrite_is_coarse)
{
	size_t n = TOKEN_REGION_MAX, coarse = 0;
	char *a = malloc(n * 3 + 1), *b = malloc(n * 3 + 1);
	rebuild r;

	for (size_t i = 0; i < n; i++) {
		memcpy(a + 3 * i, "甲", 3);
		memcpy(b + 3 * i, i % 2 ? "乙" : "甲", 3);
	}
	a[3 * n] = b[3 * n] = '\0';
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_rebuild, &r, &coarse), 0);
	ck_assert_uint_eq(coarse, 1);
	ck_assert_str_eq(r.side[0].ptr, a);
	ck_assert_str_eq(r.side[1].ptr, b);
	ck_assert_uint_eq(r.changed, strlen(a) + strlen(b));
	policy_buf_dispose(&r.side[0]);
	policy_buf_dispose(&r.side[1]);
	/* Cut into sentences, every one of them edited: still one region too
	 * large, but sentences are paired and compared finely. */
	for (size_t i = 0; i + 1 < n; i += 50) {
		memcpy(a + 3 * i, "。", 3);
		memcpy(b + 3 * i, "。", 3);
	}
	coarse = 0;
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(policy_text_diff(a, strlen(a), b, strlen(b), on_rebuild, &r, &coarse), 0);
	ck_assert_uint_eq(coarse, 1);
	ck_assert_str_eq(r.side[0].ptr, a);
	ck_assert_str_eq(r.side[1].ptr, b);
	ck_assert_uint_le(r.changed, strlen(a)); /* half of each side, not all */
	policy_buf_dispose(&r.side[0]);
	policy_buf_dispose(&r.side[1]);
	free(a);
	free(b);
}
END_TEST

/* Length of a longest common subsequence, by dynamic programming. */
static size_t lcs_length(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *row = calloc(nb + 1, sizeof(size_t)), best;

	for (size_t i = 1; i <= na; i++) {
		size_t diag = 0;

		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];

			row[j] = a[i - 1] == b[j - 1] ? diag + 1
						      : (row[j] > row[j - 1] ? row[j] : row[j - 1]);
			diag = up;
		}
	}
	best = row[nb];
	free(row);
	return best;
}

START_TEST(myers_is_minimal_and_valid)
{
	uint32_t a[120], b[120];
	unsigned seed = 7;

	for (int round = 0; round < 400; round++) {
		size_t na = (seed = seed * 1103515245 + 12345) % 120, nb;
		unsigned alphabet = 2 + round % 6;
		unsigned char ca[120] = {0}, cb[120] = {0};
		size_t kept_a = 0, kept_b = 0, i = 0, j = 0;

		nb = (seed = seed * 1103515245 + 12345) % 120;
		for (size_t k = 0; k < na; k++)
			a[k] = (seed = seed * 1103515245 + 12345) / 65536 % alphabet;
		for (size_t k = 0; k < nb; k++) /* b: mostly a, some edits */
			b[k] = k < na && (seed = seed * 1103515245 + 12345) / 65536 % 4
				       ? a[k]
				       : (seed / 7) % alphabet;
		ck_assert_int_eq(policy__myers_diff(a, na, b, nb, ca, cb), 0);
		/* The kept elements of both sides are the same sequence... */
		while (i < na || j < nb) {
			if (i < na && ca[i]) {
				i++;
			} else if (j < nb && cb[j]) {
				j++;
			} else {
				ck_assert(i < na && j < nb);
				ck_assert_uint_eq(a[i], b[j]);
				i++, j++, kept_a++, kept_b++;
			}
		}
		ck_assert_uint_eq(kept_a, kept_b);
		/* ...and a longest one (small inputs never reach the cost cap). */
		ck_assert_uint_eq(kept_a, lcs_length(a, na, b, nb));
	}
}
END_TEST

START_TEST(myers_bounded_on_unrelated_input)
{
	size_t n = 200000;
	uint32_t *a = malloc(n * sizeof(uint32_t)), *b = malloc(n * sizeof(uint32_t));
	unsigned char *ca = calloc(n, 1), *cb = calloc(n, 1);
	size_t i = 0, j = 0;

	for (size_t k = 0; k < n; k++) {
		a[k] = (uint32_t)(k * 2654435761u % 1000);
		b[k] = (uint32_t)(k * 40503u % 997);
	}
	/* Finishes (the cost cap) and still gives a valid script. */
	ck_assert_int_eq(policy__myers_diff(a, n, b, n, ca, cb), 0);
	while (i < n || j < n) {
		if (i < n && ca[i])
			i++;
		else if (j < n && cb[j])
			j++;
		else
			ck_assert_uint_eq(a[i++], b[j++]);
	}
	free(a);
	free(b);
	free(ca);
	free(cb);
}
END_TEST

/* The editorial folding, case by case: pairs whose forms are equal (an
 * editorial change) and pairs whose forms differ (a change of text). */
START_TEST(editorial_folding_table)
{
	static const struct {
		const char *a, *b;
		int equal;
	} cases[] = {
		{"我们收集。", "我们收集.", 1},         /* 。 and . */
		{"“位置”信息", "\"位置\"信息", 1},      /* curly and straight quotes */
		{"「位置」信息", "\"位置\"信息", 1},    /* corner brackets */
		{"用户’s data", "用户's data", 1},      /* ’ and ' */
		{"姓名、电话", "姓名,电话", 1},         /* 、 and , */
		{"ＡＢＣ１２３", "ABC123", 1},          /* full-width (NFKC) */
		{"（一）", "(一)", 1},                  /* full-width brackets */
		{"我们 收集\n信息", "我们收集信息", 1}, /* wrapping between CJK */
		{"we  collect\n data", "we collect data", 1},
		{"Github", "GitHub", 1},        /* letter case */
		{"provided..", "provided.", 1}, /* a repeated mark */
		{"see below!!!", "see below!", 1},
		{"we collect data", "wecollect data", 0}, /* a space between words */
		{"we collect data.", "we collect data!", 0},
		{"保存15日", "保存30日", 0},
		{"位置信息", "位置数据", 0},
		{"e-mail", "email", 0},
		{"", "", 1},
		{"", ".", 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		policy_buf a = POLICY_BUF_INIT, b = POLICY_BUF_INIT;

		ck_assert_int_eq(policy__editorial_form(&a, cases[i].a, strlen(cases[i].a)), 0);
		ck_assert_int_eq(policy__editorial_form(&b, cases[i].b, strlen(cases[i].b)), 0);
		ck_assert_msg((a.size == b.size && (a.size == 0 || memcmp(a.ptr, b.ptr, a.size) ==
									   0)) == cases[i].equal,
			      "case %zu: \"%s\" and \"%s\" should %s (forms \"%s\" and \"%s\")", i,
			      cases[i].a, cases[i].b, cases[i].equal ? "fold alike" : "differ",
			      a.ptr ? a.ptr : "", b.ptr ? b.ptr : "");
		policy_buf_dispose(&a);
		policy_buf_dispose(&b);
	}
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
	tcase_add_test(t, sentences);
	tcase_add_test(t, sentences_reject_bad_utf8);
	tcase_add_test(t, sentence_pass_keeps_sentences_whole);
	tcase_add_test(t, heavy_rewrite_is_coarse);
	tcase_add_test(t, myers_is_minimal_and_valid);
	tcase_add_test(t, myers_bounded_on_unrelated_input);
	tcase_add_test(t, editorial_folding_table);
	suite_add_tcase(s, t);
	return run_suite(s);
}
