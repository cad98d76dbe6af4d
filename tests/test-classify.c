/* Alignment and classification: one case per level and per category, in
 * zh and en, and the sample policy's successive versions. */
#include <jansson.h>
#include <stdio.h>

#include "buf.h"
#include "common.h"
#include "internal.h"
#include "parallel.h"

static const char *const ZH =
	"# 隐私政策\n\n## 一、我们收集的信息\n\n我们收集您的手机号码，用于登录。\n\n"
	"## 二、Cookie 与本地存储\n\n我们保存您的显示偏好。\n\n"
	"## 三、我们如何共享您的个人信息\n\n我们仅与下列第三方共享。\n\n"
	"### 1、推送SDK\n- 用途：推送通知\n- 机构名称：某某推送公司\n\n"
	"## 四、您的权利\n\n您可以查阅、更正和删除您的个人信息。\n\n"
	"## 五、如何联系我们\n\n请发送邮件至 privacy@example.com。\n";

static const char *const EN =
	"# Privacy Policy\n\n## 1. Information we collect\n\nWe collect your phone number to sign "
	"you in.\n\n"
	"## 2. Cookies and local storage\n\nWe keep your display preferences.\n\n"
	"## 3. Sharing with third parties\n\nWe share only with the providers below.\n\n"
	"### Push SDK\n- Purpose: notifications\n- Company: Example Push Ltd.\n\n"
	"## 4. Your rights\n\nYou can access, correct and delete your personal information.\n\n"
	"## 5. Contact us\n\nWrite to privacy@example.com.\n";

/* Replace the first `from` in `base` with `to`; the result is static. */
static const char *edit(const char *base, const char *from, const char *to)
{
	static char out[8192];
	const char *at = strstr(base, from);

	ck_assert_msg(at != NULL, "no \"%s\" in the base text", from);
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return out;
}

static policy_doc *doc_of(const char *front, const char *body)
{
	char src[8192];

	snprintf(src, sizeof(src),
		 "---\ntitle: T\n%sreleased: 2024-01-01\neffective: 2024-01-01\n---\n%s", front,
		 body);
	return parse_as("drafts/p.md", src);
}

static policy_diff *diff_of(const char *base, const char *changed, const char *new_front)
{
	policy_doc *a = doc_of("version: \"1.0\"\n", base);
	policy_doc *b = doc_of(new_front, changed);
	policy_diff *d = NULL;

	ck_assert_int_eq(policy_diff_new(&d, a, b), 0);
	/* The documents must outlive the diff; tests free them with it. */
	return d;
}

static void free_all(policy_diff *d)
{
	policy_doc *a = (policy_doc *)policy_diff_from(d), *b = (policy_doc *)policy_diff_to(d);

	policy_diff_free(d);
	policy_doc_free(a);
	policy_doc_free(b);
}

static int has_finding(const policy_diff *d, policy_level level, unsigned category,
		       const char *rule)
{
	for (size_t i = 0; i < policy_diff_finding_count(d); i++) {
		const policy_finding *f = policy_diff_finding_at(d, i);

		if (f->level == level && f->category == category && strcmp(f->rule, rule) == 0)
			return 1;
	}
	return 0;
}

static void expect(const char *base, const char *changed, policy_level level, unsigned category,
		   const char *rule)
{
	policy_diff *d = diff_of(base, changed, "version: \"1.1\"\n");

	ck_assert_msg(policy_diff_level(d) == level, "level %s, want %s",
		      policy_level_name(policy_diff_level(d)), policy_level_name(level));
	if (rule != NULL)
		ck_assert_msg(has_finding(d, level, category, rule), "no %s finding", rule);
	free_all(d);
}

START_TEST(none_version_bump_alone)
{
	expect(ZH, ZH, POLICY_LEVEL_NONE, 0, NULL);
	expect(EN, EN, POLICY_LEVEL_NONE, 0, NULL);
}
END_TEST

START_TEST(editorial_renumbering_and_width)
{
	expect(ZH, edit(ZH, "## 一、我们收集的信息", "## 1. 我们收集的信息"),
	       POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(ZH, edit(ZH, "用于登录。", "用于登录."), POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(ZH,
	       edit(ZH, "我们收集您的手机号码，用于登录。", "我们收集您的手机号码,\n用于登录。"),
	       POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(EN, edit(EN, "## 1. Information we collect", "## I. Information we collect"),
	       POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(EN, edit(EN, "to sign you in.", "to  sign\nyou in ."), POLICY_LEVEL_EDITORIAL, 0,
	       NULL);
	/* Letter case and repeated punctuation are form (DESIGN: case folded,
	 * runs of one mark taken as one). */
	expect(EN, edit(EN, "your display", "your Display"), POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(EN, edit(EN, "to sign you in.", "to sign you in.."), POLICY_LEVEL_EDITORIAL, 0,
	       NULL);
	/* A word changed is not. */
	expect(EN, edit(EN, "your display", "your screen"), POLICY_LEVEL_MINOR, 0, NULL);
	expect(EN, edit(EN, "to sign you in.", "to  *sign*\nyou in."), POLICY_LEVEL_EDITORIAL, 0,
	       NULL);
}
END_TEST

/* Link destinations are text (DESIGN "Diff"); the same page written
 * another way is not a change. Renumbered lines are editorial. */
START_TEST(link_destinations_compared)
{
	const char *base =
		"# Policy\n\n## 5. Contact us\n\nWrite to [our office](mailto:privacy@example.com)."
		"\n\n## 6. About\n\nRead [the FAQ](http://example.com/faq/?utm_source=x).\n\n"
		"[Print this page](#)\n\n14\\. Security\n";

	expect(base, edit(base, "mailto:privacy@", "mailto:dpo@"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_CONTACT, NULL);
	expect(base, edit(base, "http://example.com/faq/?utm_source=x", "https://example.com/faq"),
	       POLICY_LEVEL_EDITORIAL, 0, NULL);
	expect(base, edit(base, "example.com/faq/", "example.com/terms/"), POLICY_LEVEL_MINOR, 0,
	       NULL);
	expect(base, edit(base, "faq/?utm_source=x", "faq?origin="), POLICY_LEVEL_EDITORIAL, 0,
	       NULL);
	expect(base, edit(base, "[Print this page](#)", "Print this page"), POLICY_LEVEL_EDITORIAL,
	       0, NULL);
	expect(base, edit(base, "14\\. Security", "13\\. Security"), POLICY_LEVEL_EDITORIAL, 0,
	       NULL);
	expect(base, edit(base, "14\\. Security", "14\\. Safety"), POLICY_LEVEL_MINOR, 0, NULL);
	/* text before the first heading is compared like any section */
	expect(base, edit(base, "# Policy", "Effective now.\n\n# Policy"), POLICY_LEVEL_MINOR, 0,
	       NULL);
}
END_TEST

START_TEST(moved_section_is_not_major)
{
	const char *moved =
		"# Privacy Policy\n\n## 5. Contact us\n\nWrite to privacy@example.com.\n\n"
		"## 1. Information we collect\n\nWe collect your phone number to sign you in.\n\n"
		"## 2. Cookies and local storage\n\nWe keep your display preferences.\n\n"
		"## 3. Sharing with third parties\n\nWe share only with the providers below.\n\n"
		"### Push SDK\n- Purpose: notifications\n- Company: Example Push Ltd.\n\n"
		"## 4. Your rights\n\nYou can access, correct and delete your personal "
		"information.\n";
	policy_diff *d = diff_of(EN, moved, "version: \"1.1\"\n");
	int moved_seen = 0;

	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_EDITORIAL);
	ck_assert_uint_eq(policy_diff_finding_count(d), 0);
	for (size_t i = 0; i < policy_diff_section_count(d); i++)
		moved_seen |= policy_diff_section_at(d, i)->status == POLICY_STATUS_MOVED;
	ck_assert(moved_seen);
	free_all(d);
}
END_TEST

/* A title that carries a date, or is respelled, stays the same section:
 * changed, not removed and added. */
START_TEST(redated_and_respelled_titles_pair)
{
	const char *old = "# Privacy Policy\n\n## Last Updated: May 22, 2024\n\nWe review this "
			  "policy yearly.\n\n"
			  "## E-mail us\n\nWrite to privacy@example.com.\n";
	const char *now = "# Privacy Policy\n\n## Last Updated: February 2, 2025\n\nWe review this "
			  "policy yearly.\n\n"
			  "## Email us\n\nWrite to dpo@example.com.\n";
	policy_diff *d = diff_of(old, now, "version: \"1.1\"\n");
	size_t added = 0, removed = 0;

	for (size_t i = 0; i < policy_diff_section_count(d); i++) {
		added += policy_diff_section_at(d, i)->status == POLICY_STATUS_ADDED;
		removed += policy_diff_section_at(d, i)->status == POLICY_STATUS_REMOVED;
	}
	ck_assert_uint_eq(added, 0);
	ck_assert_uint_eq(removed, 0);
	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MAJOR);
	ck_assert(has_finding(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_CONTACT, "contact-changed"));
	free_all(d);
}
END_TEST

static const policy_section_change *change_titled(const policy_diff *d, const char *title)
{
	for (size_t i = 0; i < policy_diff_section_count(d); i++)
		if (strstr(policy_diff_section_at(d, i)->title, title) != NULL)
			return policy_diff_section_at(d, i);
	ck_abort_msg("no section titled %s", title);
	return NULL;
}

/* A section renamed outright is paired by its content; one that shares
 * neither title nor text with anything is added. */
START_TEST(renamed_section_pairs_by_content)
{
	const char *old =
		"# Privacy Policy\n\n## How we keep your data safe\n\n"
		"We encrypt your data in transit and at rest, and limit who can see it.\n\n"
		"## Cookies\n\nWe use cookies to keep you signed in.\n";
	const char *now =
		"# Privacy Policy\n\n## Security\n\n"
		"We encrypt your data in transit and at rest, and limit who can read it.\n\n"
		"## Cookies\n\nWe use cookies to keep you signed in.\n\n"
		"## Updates\n\nWe post changes on this page.\n";
	policy_diff *d = diff_of(old, now, "version: \"1.1\"\n");
	const policy_section_change *c = change_titled(d, "Security");

	ck_assert_int_eq(c->status, POLICY_STATUS_CHANGED);
	ck_assert_ptr_nonnull(c->old_section);
	ck_assert_str_eq(c->old_section->id, "how-we-keep-your-data-safe");
	ck_assert_int_eq(change_titled(d, "Updates")->status, POLICY_STATUS_ADDED);
	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MINOR);
	free_all(d);
}
END_TEST

static const policy_edit *edit_of_kind(const policy_section_change *c, policy_edit_kind kind)
{
	for (size_t i = 0; i < c->edit_count; i++)
		if (c->edits[i].kind == kind)
			return &c->edits[i];
	return NULL;
}

/* An insertion or deletion of more than white space. */
static int has_text_edit(const policy_section_change *c, policy_edit_kind kind)
{
	for (size_t i = 0; i < c->edit_count; i++)
		if (c->edits[i].kind == kind && strspn(c->edits[i].text, " \n") < c->edits[i].len)
			return 1;
	return 0;
}

/* A paragraph moved from `from` to `to` is one move, both ends naming
 * each other, and editorial. */
static void expect_paragraph_moved(const char *base, const char *para, const char *anchor_from,
				   const char *anchor_to, const char *moved_para, const char *from,
				   const char *to)
{
	char old[8192], now[8192];
	policy_diff *d;
	const policy_edit *out, *in;

	snprintf(old, sizeof(old), "%s", edit(base, anchor_from, para));
	snprintf(now, sizeof(now), "%s", edit(base, anchor_to, moved_para));
	d = diff_of(old, now, "version: \"1.1\"\n");
	ck_assert_msg(policy_diff_level(d) == POLICY_LEVEL_EDITORIAL, "level %s",
		      policy_level_name(policy_diff_level(d)));
	ck_assert_uint_eq(policy_diff_finding_count(d), 0);
	ck_assert_uint_eq(policy_diff_moves(d), 1);
	out = edit_of_kind(change_titled(d, from), POLICY_EDIT_MOVED_OUT);
	in = edit_of_kind(change_titled(d, to), POLICY_EDIT_MOVED_IN);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(in);
	ck_assert_uint_eq(out->move, 1);
	ck_assert_uint_eq(in->move, 1);
	ck_assert_str_eq(out->move_section, change_titled(d, to)->id);
	ck_assert_str_eq(in->move_section, change_titled(d, from)->id);
	ck_assert(!has_text_edit(change_titled(d, from), POLICY_EDIT_DELETE));
	ck_assert(!has_text_edit(change_titled(d, to), POLICY_EDIT_INSERT));
	free_all(d);
}

START_TEST(moved_paragraph_is_not_major)
{
	const char *zh = "我们会在您注销账号后十五日内删除上述信息。如有疑问，请联系我们。";
	const char *en = "We delete this information within 15 days after you close your account. "
			 "Ask us if in doubt.";
	char buf[512];

	snprintf(buf, sizeof(buf), "用于登录。\n\n%s", zh);
	expect_paragraph_moved(ZH, buf, "用于登录。", "显示偏好。",
			       "显示偏好。\n\n"
			       "我们会在您注销账号后十五日内删除上述信息。如有疑问,请联系我们.",
			       "我们收集的信息", "Cookie");
	snprintf(buf, sizeof(buf), "sign you in.\n\n%s", en);
	expect_paragraph_moved(EN, buf, "sign you in.", "preferences.",
			       "preferences.\n\nWe delete this information within 15 days after\n"
			       "you close your account. Ask us if in doubt.",
			       "Information we collect", "Cookies");
}
END_TEST

START_TEST(moved_and_changed_text_is_not_a_move)
{
	char old[8192];
	policy_diff *d;

	snprintf(
		old, sizeof(old), "%s",
		edit(ZH, "用于登录。", "用于登录。\n\n我们会在您注销账号后十五日内删除上述信息。"));
	d = diff_of(
		old,
		edit(ZH, "显示偏好。", "显示偏好。\n\n我们会在您注销账号后三十日内删除上述信息。"),
		"version: \"1.1\"\n");
	ck_assert_uint_eq(policy_diff_moves(d), 0);
	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MAJOR); /* a retention period changed */
	free_all(d);
}
END_TEST

START_TEST(minor_uncategorised_text)
{
	expect(ZH, edit(ZH, "我们保存您的显示偏好。", "我们保存您的主题和字体大小。"),
	       POLICY_LEVEL_MINOR, 0, "text-changed");
	expect(EN, edit(EN, "display preferences", "theme and font size"), POLICY_LEVEL_MINOR, 0,
	       "text-changed");
}
END_TEST

START_TEST(major_new_sdk)
{
	const char *sdk_zh =
		"### 2、地图SDK\n- 用途：显示站点\n- 机构名称：某某地图公司\n\n## 四、您的权利";
	const char *sdk_en =
		"### Map SDK\n- Purpose: maps\n- Company: Example Maps Ltd.\n\n## 4. Your rights";

	expect(ZH, edit(ZH, "## 四、您的权利", sdk_zh), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_RECIPIENTS, "recipients-added");
	expect(EN, edit(EN, "## 4. Your rights", sdk_en), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_RECIPIENTS, "recipients-added");
	expect(EN, edit(EN, "Example Push Ltd.", "Other Push Inc."), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_RECIPIENTS, "recipients-changed");
	expect(ZH, edit(ZH, "### 1、推送SDK\n- 用途：推送通知\n- 机构名称：某某推送公司\n\n", ""),
	       POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "recipients-removed");
}
END_TEST

START_TEST(major_contact_changed)
{
	expect(ZH, edit(ZH, "privacy@example.com", "dpo@example.com"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_CONTACT, "contact-changed");
	expect(EN, edit(EN, "privacy@example.com", "dpo@example.com"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_CONTACT, "contact-changed");
}
END_TEST

static int collect_marks(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	char *b = payload;
	const char *open = kind == POLICY_EDIT_DELETE   ? "[-"
			   : kind == POLICY_EDIT_INSERT ? "{+"
							: "";
	const char *close = kind == POLICY_EDIT_DELETE   ? "-]"
			    : kind == POLICY_EDIT_INSERT ? "+}"
							 : "";

	size_t at = strlen(b);

	snprintf(b + at, 512 - at, "%s%.*s%s", open, (int)len, text, close);
	return 0;
}

/* A finding names its sentence with just the changed words marked. */
START_TEST(finding_marks_changed_words)
{
	policy_diff *d = diff_of(EN, edit(EN, "privacy@example.com", "dpo@example.com"),
				 "version: \"1.1\"\n");
	char b[512] = "";
	const policy_finding *f = NULL;

	for (size_t i = 0; i < policy_diff_finding_count(d); i++)
		if (strcmp(policy_diff_finding_at(d, i)->rule, "contact-changed") == 0)
			f = policy_diff_finding_at(d, i);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(policy_diff_finding_marks(f, collect_marks, b), 0);
	ck_assert_str_eq(b, "Write to [-privacy-]{+dpo+}@example.com.");
	free_all(d);
}
END_TEST

/* A row added to an SDK table: a recipients change, and the redline
 * shows the row inserted as a line of its cells. */
START_TEST(table_row_added)
{
	const char *base = "# 隐私政策\n\n## 三、第三方SDK\n\n| SDK名称 | 第三方名称 | 使用目的 "
			   "|\n|---|---|---|\n"
			   "| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 推送通知 |\n";
	policy_diff *d =
		diff_of(base,
			edit(base, "推送通知 |\n",
			     "推送通知 |\n| 友盟SDK | 友盟同欣（北京）科技有限公司 | 统计 |\n"),
			"version: \"1.1\"\n");
	policy_buf html = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MAJOR);
	ck_assert(
		has_finding(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "recipients-added"));
	ck_assert_int_eq(policy_diff_render(&html, d, POLICY_DIFF_HTML, 0, NULL), 0);
	ck_assert_ptr_nonnull(strstr(html.ptr, "友盟SDK | 友盟同欣（北京）科技有限公司 | 统计"));
	policy_buf_dispose(&html);
	free_all(d);
}
END_TEST

/* Rows of an SDK table are recipient records: one added or removed is a
 * recipients finding naming it, even when no fact reads its name; rows
 * reordered, respelled in case, or moved to another table are not. */
static const char *const SDK_TABLE =
	"# 隐私政策\n\n## 三、第三方SDK\n\n| 名称 | 使用目的 |\n|---|---|\n"
	"| Acme Analytics | 统计分析与崩溃报告 |\n| Blip Push | 推送系统通知消息 |\n\n## "
	"四、其他合作方\n\n| 合作方 | 用途 |\n|---|---|\n"
	"| Corvo Chat | 在线客服与工单 |\n";

static const policy_finding *row_finding(const policy_diff *d, const char *rule)
{
	for (size_t i = 0; i < policy_diff_finding_count(d); i++) {
		const policy_finding *f = policy_diff_finding_at(d, i);

		if (strcmp(f->rule, rule) == 0)
			return f;
	}
	return NULL;
}

START_TEST(table_rows_are_records)
{
	policy_diff *d =
		diff_of(SDK_TABLE, edit(SDK_TABLE, "| Blip Push | 推送系统通知消息 |\n", ""),
			"version: \"1.1\"\n");
	const policy_finding *f = row_finding(d, "recipients-removed");

	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MAJOR);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->fact, "Blip Push");
	ck_assert_str_eq(f->fact_kind, "recipient");
	ck_assert_str_eq(f->old_text, "Blip Push | 推送系统通知消息");
	ck_assert_ptr_null(f->new_text);
	ck_assert_ptr_null(row_finding(d, "text-changed"));
	free_all(d);

	d = diff_of(SDK_TABLE,
		    edit(SDK_TABLE, "| Corvo Chat | 在线客服与工单 |\n",
			 "| Corvo Chat | 在线客服与工单 |\n| Dyna Desk | 在线客服 |\n"),
		    "version: \"1.1\"\n");
	f = row_finding(d, "recipients-added");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->fact, "Dyna Desk");
	ck_assert_str_eq(f->message, "new recipient: Dyna Desk");
	free_all(d);

	/* reordered, and a name respelled in case: no record changed (two
	 * neighbouring rows swapped are an edit in place, not a move: minor) */
	d = diff_of(
		SDK_TABLE,
		edit(SDK_TABLE,
		     "| Acme Analytics | 统计分析与崩溃报告 |\n| Blip Push | 推送系统通知消息 |\n",
		     "| BLIP PUSH | 推送系统通知消息 |\n| Acme Analytics | 统计分析与崩溃报告 |\n"),
		"version: \"1.1\"\n");
	ck_assert_ptr_null(row_finding(d, "recipients-added"));
	ck_assert_ptr_null(row_finding(d, "recipients-removed"));
	ck_assert_int_le(policy_diff_level(d), POLICY_LEVEL_MINOR);
	free_all(d);

	/* a row moved from one table to the other */
	d = diff_of(SDK_TABLE,
		    "# 隐私政策\n\n## 三、第三方SDK\n\n| 名称 | 使用目的 |\n|---|---|\n"
		    "| Acme Analytics | 统计分析与崩溃报告 |\n\n## 四、其他合作方\n\n| 合作方 | "
		    "用途 |\n|---|---|\n"
		    "| Corvo Chat | 在线客服与工单 |\n| Blip Push | 推送系统通知消息 |\n",
		    "version: \"1.1\"\n");
	ck_assert_ptr_null(row_finding(d, "recipients-added"));
	ck_assert_ptr_null(row_finding(d, "recipients-removed"));
	free_all(d);
}
END_TEST

/* jansson's allocations, the n-th of them failing */
static size_t allocations, fail_at;

static void *failing_malloc(size_t size)
{
	return ++allocations == fail_at ? NULL : malloc(size);
}

/* A diff's JSON is whole or not written: with each of jansson's
 * allocations failing in turn, rendering fails with POLICY_ENOMEM, never
 * succeeds with a finding or a section left out. The sentence changed in
 * ten places gives a finding more marked runs than an array first holds. */
START_TEST(json_whole_or_refused)
{
	const char *base =
		"# 隐私政策\n\n## 三、第三方SDK\n\n我们与甲一乙二丙三丁四戊五己六庚七辛八壬九"
		"癸十共享信息。\n";
	policy_diff *d = diff_of(base,
				 "# 隐私政策\n\n## 三、第三方SDK\n\n我们与甲壹乙贰丙叁丁肆戊伍己陆"
				 "庚柒辛捌壬玖癸拾共享信息。\n",
				 "version: \"1.1\"\n");
	policy_buf want = POLICY_BUF_INIT;
	size_t refused = 0;

	ck_assert_int_eq(policy_diff_render(&want, d, POLICY_DIFF_JSON, 0, NULL), 0);
	for (fail_at = 1;; fail_at++) {
		policy_buf got = POLICY_BUF_INIT;
		int rc;

		allocations = 0;
		json_set_alloc_funcs(failing_malloc, free);
		rc = policy_diff_render(&got, d, POLICY_DIFF_JSON, 0, NULL);
		json_set_alloc_funcs(malloc, free);
		if (rc == 0) {
			ck_assert_str_eq(got.ptr, want.ptr);
			policy_buf_dispose(&got);
			break;
		}
		ck_assert_int_eq(rc, POLICY_ENOMEM);
		refused++;
		policy_buf_dispose(&got);
	}
	ck_assert_uint_gt(refused, 20);
	policy_buf_dispose(&want);
	free_all(d);
}
END_TEST

START_TEST(consent_right_deleted)
{
	expect(ZH, edit(ZH, "查阅、更正和删除", "查阅和更正"), POLICY_LEVEL_CONSENT,
	       POLICY_CATEGORY_RIGHTS, "rights-narrowed");
	expect(EN, edit(EN, "access, correct and delete", "access and correct"),
	       POLICY_LEVEL_CONSENT, POLICY_CATEGORY_RIGHTS, "rights-narrowed");
	/* A right added is major, not consent. */
	expect(EN, edit(EN, "correct and delete", "correct, export and delete"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_RIGHTS, "rights-added");
}
END_TEST

START_TEST(consent_new_data_collected)
{
	expect(ZH, edit(ZH, "我们收集您的手机号码，", "我们收集您的手机号码和位置信息，"),
	       POLICY_LEVEL_CONSENT, POLICY_CATEGORY_PURPOSES, "purposes-extended");
	expect(EN, edit(EN, "your phone number", "your phone number and location"),
	       POLICY_LEVEL_CONSENT, POLICY_CATEGORY_PURPOSES, "purposes-extended");
}
END_TEST

START_TEST(other_categories)
{
	const char *extra_en = "## 6. Retention {.retention}\n\nWe keep data for a year.\n\n"
			       "## 7. International transfers\n\nWe keep data in the EU.\n\n"
			       "## 8. Who we are\n\nExample Ltd.\n";
	char base[8192];

	snprintf(base, sizeof(base), "%s\n%s", EN, extra_en);
	expect(base, edit(base, "for a year", "for two years"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_RETENTION, "retention-changed");
	snprintf(base, sizeof(base), "%s\n%s", EN, extra_en);
	expect(base, edit(base, "in the EU", "in the EU and the US"), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_TRANSFER, "transfer-added");
	snprintf(base, sizeof(base), "%s\n%s", EN, extra_en);
	expect(base, edit(base, "Example Ltd.", "Example Holdings Ltd."), POLICY_LEVEL_MAJOR,
	       POLICY_CATEGORY_CONTROLLER, "controller-changed");
}
END_TEST

START_TEST(risk_high)
{
	policy_diff *d = diff_of(EN, EN, "version: \"1.1\"\nrisk: high\n");

	ck_assert_int_eq(policy_diff_level(d), POLICY_LEVEL_MAJOR);
	ck_assert(has_finding(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RISK, "risk-high"));
	ck_assert_ptr_null(policy_diff_finding_at(d, 0)->section);
	free_all(d);
}
END_TEST

START_TEST(findings_say_why)
{
	policy_diff *d = diff_of(ZH, edit(ZH, "privacy@example.com", "dpo@example.com"),
				 "version: \"2.0\"\n");
	const policy_finding *f = policy_diff_finding_at(d, 0);

	ck_assert_str_eq(f->change, "changed");
	ck_assert_str_eq(f->section, "如何联系我们");
	ck_assert_str_eq(f->title, "五、如何联系我们");
	ck_assert_ptr_nonnull(strstr(f->old_text, "privacy@"));
	ck_assert_ptr_nonnull(strstr(f->new_text, "dpo@"));
	ck_assert_ptr_nonnull(strstr(f->reference, "PIPL"));
	ck_assert_uint_eq(policy_diff_inserted(d), 3);
	ck_assert_uint_eq(policy_diff_deleted(d), 7);
	free_all(d);
}
END_TEST

static void sample_chain(const char *locale)
{
	static const struct {
		const char *from, *to;
		policy_level level;
	} steps[] = {
		{"1.0", "1.0.1", POLICY_LEVEL_EDITORIAL},
		{"1.0.1", "1.1", POLICY_LEVEL_MINOR},
		{"1.1", "2.0", POLICY_LEVEL_MAJOR},
	};

	for (size_t i = 0; i < 3; i++) {
		char pa[1024], pb[1024];
		policy_doc *a = NULL, *b = NULL;
		policy_diff *d = NULL;

		snprintf(pa, sizeof(pa), "%s/policies/sample/privacy/%s/%s.md",
			 getenv("POLICY_SOURCE_ROOT"), locale, steps[i].from);
		snprintf(pb, sizeof(pb), "%s/policies/sample/privacy/%s/%s.md",
			 getenv("POLICY_SOURCE_ROOT"), locale, steps[i].to);
		ck_assert_int_eq(policy_doc_load(&a, pa, NULL), 0);
		ck_assert_int_eq(policy_doc_load(&b, pb, NULL), 0);
		ck_assert_int_eq(policy_diff_new(&d, a, b), 0);
		ck_assert_msg(policy_diff_level(d) == steps[i].level, "%s %s..%s: %s", locale,
			      steps[i].from, steps[i].to, policy_level_name(policy_diff_level(d)));
		if (steps[i].level == POLICY_LEVEL_MAJOR) {
			ck_assert(has_finding(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS,
					      "recipients-added"));
			ck_assert(has_finding(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_CONTACT,
					      "contact-changed"));
		}
		policy_diff_free(d);
		policy_doc_free(a);
		policy_doc_free(b);
	}
}

START_TEST(samples_classify_as_their_summaries_say)
{
	sample_chain("zh-CN");
	sample_chain("en");
}
END_TEST

START_TEST(unusable_documents_are_refused)
{
	policy_doc *a = parse("# no front matter\n"), *b = doc_of("version: \"1.0\"\n", EN);
	policy_diff *d = NULL;

	ck_assert_int_eq(policy_diff_new(&d, a, b), POLICY_EINVALID);
	ck_assert_ptr_null(d);
	policy_doc_free(a);
	policy_doc_free(b);
}
END_TEST

/* The source of a policy of `n` sections; in the changed version every
 * seventh gains a kind of data, every eleventh loses a sentence and every
 * thirteenth is rewritten. */
static void long_source(policy_buf *src, size_t n, int changed)
{
	ck_assert_int_eq(policy__buf_puts(src, "---\ntitle: T\nversion: \"1.0\"\n"
					       "released: 2024-01-01\neffective: 2024-01-01\n"
					       "---\n# 隐私政策\n\n"),
			 0);
	for (size_t i = 0; i < n; i++) {
		char section[512];

		snprintf(
			section, sizeof(section),
			"## %zu、第%zu部分\n\n我们收集您的手机号码，用于登录%zu。%s%s%s\n\n", i + 1,
			i + 1, i, changed && i % 7 == 0 ? "我们还收集您的位置信息，用于推荐。" : "",
			changed && i % 11 == 0 ? "" : "您可以删除您的个人信息。",
			changed && i % 13 == 0 ? "本节内容已全部改写。" : "我们保存您的显示偏好。");
		ck_assert_int_eq(policy__buf_puts(src, section), 0);
	}
}

static policy_doc *long_policy(size_t n, int changed)
{
	policy_buf src = POLICY_BUF_INIT;
	policy_doc *doc;

	long_source(&src, n, changed);
	doc = parse_as("drafts/p.md", src.ptr);
	policy_buf_dispose(&src);
	return doc;
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void render_diff_with(policy_buf *out, unsigned workers, policy_doc *a, policy_doc *b)
{
	policy_diff *d = NULL;

	policy__parallel_limit(workers);
	ck_assert_int_eq(policy_diff_new(&d, a, b), 0);
	ck_assert_int_ge(policy_diff_level(d), POLICY_LEVEL_CONSENT);
	ck_assert_int_eq(policy_diff_render(out, d, POLICY_DIFF_JSON, 0, NULL), 0);
	policy_diff_free(d);
	policy__parallel_limit(0);
}

START_TEST(threads_change_nothing)
{
	policy_doc *a = long_policy(400, 0), *b = long_policy(400, 1);
	policy_buf one = POLICY_BUF_INIT, four = POLICY_BUF_INIT;

	render_diff_with(&one, 1, a, b);
	render_diff_with(&four, 4, a, b);
	/* each section that gained the kind of data says so, though the old
	 * version's text is searched for it once */
	ck_assert_uint_eq(count_of(one.ptr, "\"rule\": \"purposes-extended\""), 400 / 7 + 1);
	ck_assert_ptr_nonnull(strstr(one.ptr, "本节内容已全部改写"));
	ck_assert_uint_eq(one.size, four.size);
	ck_assert_int_eq(memcmp(one.ptr, four.ptr, one.size), 0);
	policy_buf_dispose(&one);
	policy_buf_dispose(&four);
	policy_doc_free(a);
	policy_doc_free(b);
}
END_TEST

/* Two versions written to files in a new directory: old.md and new.md. */
static void write_pair(char *dir, const char *old_src, const char *new_src, char *old_path,
		       char *new_path)
{
	snprintf(dir, 64, "/tmp/policy-load-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(old_path, 256, "%s/old.md", dir);
	snprintf(new_path, 256, "%s/new.md", dir);
	ck_assert_int_eq(policy_file_write(old_path, old_src, strlen(old_src)), 0);
	ck_assert_int_eq(policy_file_write(new_path, new_src, strlen(new_src)), 0);
}

static void remove_pair(const char *dir, const char *old_path, const char *new_path)
{
	ck_assert_int_eq(remove(old_path), 0);
	ck_assert_int_eq(remove(new_path), 0);
	ck_assert_int_eq(remove(dir), 0);
}

/* The diff of two files in `format`, their versions loaded whole or
 * together; how many sections of each were elided in *elided. */
static void diff_files(policy_buf *out, const char *old_path, const char *new_path, int together,
		       policy_diff_format format, size_t *elided)
{
	policy_doc *a = NULL, *b = NULL;
	policy_diff *d = NULL;

	if (together)
		ck_assert_int_eq(policy_diff_load(&a, &b, old_path, NULL, new_path, NULL), 0);
	else {
		ck_assert_int_eq(policy_doc_load(&a, old_path, NULL), 0);
		ck_assert_int_eq(policy_doc_load(&b, new_path, NULL), 0);
	}
	elided[0] = policy__doc_elided_count(a);
	elided[1] = policy__doc_elided_count(b);
	ck_assert_int_eq(policy_diff_new(&d, a, b), 0);
	ck_assert_int_eq(policy_diff_render(out, d, format, 0, NULL), 0);
	policy_diff_free(d);
	policy_doc_free(a);
	policy_doc_free(b);
}

/* Each format but the redline, the same from versions loaded together as
 * from versions loaded whole. Returns the sections elided in each. */
static void expect_same_diffs(const char *old_src, const char *new_src, size_t *elided)
{
	static const policy_diff_format formats[] = {POLICY_DIFF_JSON, POLICY_DIFF_TEXT,
						     POLICY_DIFF_MARKDOWN};
	char dir[64], pa[256], pb[256];

	write_pair(dir, old_src, new_src, pa, pb);
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		policy_buf whole = POLICY_BUF_INIT, together = POLICY_BUF_INIT;
		size_t none[2];

		diff_files(&whole, pa, pb, 0, formats[f], none);
		ck_assert_uint_eq(none[0] + none[1], 0);
		diff_files(&together, pa, pb, 1, formats[f], elided);
		ck_assert_uint_eq(whole.size, together.size);
		ck_assert_int_eq(memcmp(whole.ptr, together.ptr, whole.size), 0);
		policy_buf_dispose(&whole);
		policy_buf_dispose(&together);
	}
	remove_pair(dir, pa, pb);
}

START_TEST(shared_text_is_read_once)
{
	policy_buf a = POLICY_BUF_INIT, b = POLICY_BUF_INIT;
	size_t elided[2];

	long_source(&a, 300, 0);
	long_source(&b, 300, 1);
	expect_same_diffs(a.ptr, b.ptr, elided);
	/* sections neither gaining, losing nor rewritten: i % 7, i % 11 and
	 * i % 13 all non-zero, 300 * 6/7 * 10/11 * 12/13 of them, about */
	ck_assert_uint_eq(elided[0], elided[1]);
	ck_assert_uint_gt(elided[0], 200);
	ck_assert_uint_lt(elided[0], 300);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
}
END_TEST

/* expect_same_diffs(), and the sections elided in each version. */
static void expect_elided(const char *old_src, const char *new_src, size_t old_elided,
			  size_t new_elided)
{
	size_t elided[2];

	expect_same_diffs(old_src, new_src, elided);
	ck_assert_uint_eq(elided[0], old_elided);
	ck_assert_uint_eq(elided[1], new_elided);
}

START_TEST(shared_text_twice_is_parsed)
{
	/* a section the same in both, but twice in the new version: no twin
	 * of its own, so both are parsed; "乙" and the title's, once in each,
	 * are not */
	expect_elided(FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n\n"
			     "## 乙\n\n我们保存您的显示偏好。\n\n## 丙\n\n旧的。\n",
		      FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n\n"
			     "## 乙\n\n我们保存您的显示偏好。\n\n"
			     "## 甲\n\n我们收集您的手机号码。\n\n## 丙\n\n新的。\n",
		      2, 2);
	/* three times in the old version: none of them is */
	expect_elided(FM("") "# P\n\n## 甲\n\n同。\n\n## 甲\n\n同。\n\n## 甲\n\n同。\n\n"
			     "## 丙\n\n旧的。\n",
		      FM("") "# P\n\n## 甲\n\n同。\n\n## 丙\n\n新的。\n", 1, 1);
}
END_TEST

START_TEST(shared_text_without_twin_is_read_again)
{
	/* "## 定义 乙" is the same in both, once in each, but its id was
	 * "定义-2" and is now "定义": both versions are read whole again */
	expect_elided(FM("") "# P\n\n## 定义\n\n甲。\n\n## 定义\n\n乙。\n\n"
			     "## 联系\n\n请致电。\n",
		      FM("") "# P\n\n## 定义\n\n乙。\n\n## 联系\n\n请来信。\n", 0, 0);
}
END_TEST

START_TEST(shared_text_is_not_rendered_alone)
{
	const char *old_src = FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n\n## 乙\n\n旧的。\n";
	const char *new_src = FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n\n## 乙\n\n新的。\n";
	char dir[64], pa[256], pb[256];
	policy_doc *a = NULL, *b = NULL;
	policy_diff *d = NULL;
	policy_buf out = POLICY_BUF_INIT;

	write_pair(dir, old_src, new_src, pa, pb);
	ck_assert_int_eq(policy_diff_load(&a, &b, pa, NULL, pb, NULL), 0);
	ck_assert_uint_eq(policy__doc_elided_count(b), 2); /* "P" and "甲" */
	ck_assert_int_eq(policy_render(&out, b, POLICY_FORMAT_HTML, NULL), POLICY_EINVALID);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "read for a diff"));
	/* the redline reads an elided section's text from its source */
	ck_assert_int_eq(policy_diff_new(&d, a, b), 0);
	ck_assert_int_eq(policy_diff_render(&out, d, POLICY_DIFF_HTML, 0, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "我们收集您的手机号码"));
	policy_buf_dispose(&out);
	policy_diff_free(d);
	policy_doc_free(a);
	policy_doc_free(b);
	remove_pair(dir, pa, pb);
}
END_TEST

START_TEST(shared_text_reads_as_parsed)
{
	/* shared sections with what sanitising changes (an unsafe link, a
	 * tag, a line break, a remote image), a table and a list, their
	 * titles renumbered: changed, so their plain text is read */
	static const char *const shared = "见[链接](javascript:alert(1))与<b>粗体</b>，换行<br>以及"
					  "![图](https://example.com/a.png)。\n\n| 名称 | 用途 "
					  "|\n|---|---|\n| 推送 | 通知 |\n\n"
					  "- 手机号码\n- 位置信息\n\n";
	policy_buf a = POLICY_BUF_INIT, b = POLICY_BUF_INIT;

	ck_assert_int_eq(policy__buf_puts(&a, FM("") "# P\n\n## 1、前言 {#intro}\n\n旧的。\n\n"),
			 0);
	ck_assert_int_eq(policy__buf_puts(&b, FM("") "# P\n\n"), 0);
	for (int i = 0; i < 3; i++) {
		char head[64];

		snprintf(head, sizeof(head), "## %d、条款 {#c-%d}\n\n", i + 2, i);
		ck_assert_int_eq(policy__buf_puts(&a, head), 0);
		snprintf(head, sizeof(head), "## %d、条款 {#c-%d}\n\n", i + 1, i);
		ck_assert_int_eq(policy__buf_puts(&b, head), 0);
		ck_assert_int_eq(policy__buf_puts(&a, shared), 0);
		ck_assert_int_eq(policy__buf_puts(&b, shared), 0);
		ck_assert_int_eq(policy__buf_puts(&a, i == 1 ? "第二条。\n\n" : ""), 0);
		ck_assert_int_eq(policy__buf_puts(&b, i == 1 ? "第二条。\n\n" : ""), 0);
	}
	/* "P" and the one clause whose text is its own */
	expect_elided(a.ptr, b.ptr, 2, 2);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
}
END_TEST

START_TEST(shared_text_too_deep_is_still_fatal)
{
	/* quotes nested past the limit, in a section both versions share */
	policy_buf a = POLICY_BUF_INIT, b = POLICY_BUF_INIT;
	char dir[64], pa[256], pb[256];
	policy_doc *x = NULL, *y = NULL;

	ck_assert_int_eq(policy__buf_puts(&a, FM("") "# P\n\n## 甲\n\n"), 0);
	for (int i = 0; i < 250; i++)
		ck_assert_int_eq(policy__buf_puts(&a, ">"), 0);
	ck_assert_int_eq(policy__buf_puts(&a, " 深。\n\n## 乙\n\n"), 0);
	ck_assert_int_eq(policy__buf_puts(&b, a.ptr), 0);
	ck_assert_int_eq(policy__buf_puts(&a, "旧的。\n"), 0);
	ck_assert_int_eq(policy__buf_puts(&b, "新的。\n"), 0);
	write_pair(dir, a.ptr, b.ptr, pa, pb);
	ck_assert_int_eq(policy_diff_load(&x, &y, pa, NULL, pb, NULL), 0);
	ck_assert_int_lt(policy_doc_usable(x), 0);
	ck_assert_int_lt(policy_doc_usable(y), 0);
	ck_assert_ptr_nonnull(find_diag(y, "too-deep"));
	policy_doc_free(x);
	policy_doc_free(y);
	remove_pair(dir, pa, pb);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
}
END_TEST

START_TEST(bad_versions_read_together_are_reported)
{
	/* what loading each alone reports, fatal included, with its line */
	static const char *const good = FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n";
	static const struct {
		const char *src, *code;
		unsigned line;
	} bad[] = {
		{FM("") "# P\n\n## 甲\n\n我们收集您的手机号码。\n\xff\n", "invalid-utf8", 12},
		{"# P\n\n## 甲\n\n我们收集您的手机号码。\n", NULL, 0},
		{"---\ntitle: T\nversion: \"1.0\"\nreleased: 2024-13-01\neffective: "
		 "2024-01-02\n---\n"
		 "# P\n\n## 甲\n\n我们收集您的手机号码。\n",
		 "bad-date", 4},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		for (int side = 0; side < 2; side++) {
			char dir[64], pa[256], pb[256];
			policy_doc *a = NULL, *b = NULL, *alone = NULL;
			const policy_doc *broken;

			write_pair(dir, side ? good : bad[i].src, side ? bad[i].src : good, pa, pb);
			ck_assert_int_eq(policy_diff_load(&a, &b, pa, NULL, pb, NULL), 0);
			broken = side ? b : a;
			ck_assert_int_eq(policy_doc_usable(side ? a : b), 0);
			ck_assert_int_lt(policy_doc_usable(broken), 0);
			ck_assert_int_eq(policy_doc_load(&alone, side ? pb : pa, NULL), 0);
			ck_assert_uint_eq(policy_diags_count(policy_doc_diags(broken)),
					  policy_diags_count(policy_doc_diags(alone)));
			if (bad[i].code != NULL) {
				const policy_diag *d = find_diag(broken, bad[i].code);

				ck_assert_ptr_nonnull(d);
				ck_assert_uint_eq(d->line, bad[i].line);
				ck_assert_int_eq(d->severity, POLICY_SEVERITY_FATAL);
			}
			policy_doc_free(alone);
			policy_doc_free(a);
			policy_doc_free(b);
			remove_pair(dir, pa, pb);
		}
}
END_TEST

START_TEST(unreadable_version_fails_the_load)
{
	policy_doc *a = (policy_doc *)1, *b = (policy_doc *)1;

	ck_assert_int_lt(
		policy_diff_load(&a, &b, "/nonexistent/old.md", NULL, "/nonexistent/new.md", NULL),
		0);
	ck_assert_ptr_null(a);
	ck_assert_ptr_null(b);
}
END_TEST

START_TEST(level_names)
{
	policy_level l;

	ck_assert_int_eq(policy_level_from_name(&l, "major"), 0);
	ck_assert_int_eq(l, POLICY_LEVEL_MAJOR);
	ck_assert_int_eq(policy_level_from_name(&l, "huge"), POLICY_ENOTFOUND);
	ck_assert_str_eq(policy_level_name(POLICY_LEVEL_CONSENT), "consent");
}
END_TEST

/* The one answer for "in effect" and "notice": versions by value, the
 * day's version and the next, ties on a date, a user ahead of the day. */
static policy_timeline_entry entry(const char *version, const char *effective, policy_level level)
{
	policy_timeline_entry e;

	ck_assert_int_eq(policy_version_parse(&e.version, version), 0);
	ck_assert_int_eq(policy_date_parse(&e.effective, effective), 0);
	e.level = level;
	return e;
}

START_TEST(timeline_and_notice_since)
{
	policy_timeline_entry v[5];
	policy_timeline_day at;
	policy_notice_answer a;
	policy_version want;
	policy_date day;

	v[0] = entry("1.0", "2024-01-01", POLICY_LEVEL_NONE);
	v[1] = entry("1.1", "2024-03-01", POLICY_LEVEL_MINOR);
	v[2] = entry("2.0", "2024-06-01", POLICY_LEVEL_MAJOR);
	v[3] = entry("2.0.1", "2024-06-01", POLICY_LEVEL_EDITORIAL);
	v[4] = entry("3.0", "2099-01-01", POLICY_LEVEL_CONSENT);
	ck_assert_int_eq(policy_date_parse(&day, "2023-12-31"), 0);
	at = policy_timeline_on(v, 5, &day);
	ck_assert_int_eq(at.current, -1);
	ck_assert_int_eq(at.upcoming, 0);
	ck_assert_int_eq(policy_date_parse(&day, "2024-03-01"), 0);
	at = policy_timeline_on(v, 5, &day);
	ck_assert_int_eq(at.current, 1);
	ck_assert_int_eq(at.upcoming, 2);
	/* two versions on one date: the higher is in effect */
	ck_assert_int_eq(policy_date_parse(&day, "2025-01-01"), 0);
	at = policy_timeline_on(v, 5, &day);
	ck_assert_int_eq(at.current, 3);
	ck_assert_int_eq(at.upcoming, 4);
	ck_assert_int_eq(policy_version_parse(&want, "1.1.0"), 0);
	ck_assert_int_eq(policy_timeline_find(v, 5, &want), 1);

	/* since 1.1.0 on 2025-01-01: 2.0 (major) and 2.0.1 count, 3.0 not yet */
	ck_assert_int_eq(policy_notice_since(&a, v, 5, &want, &day), 0);
	ck_assert_int_eq(a.notice, POLICY_NOTICE_PROMINENT);
	ck_assert_int_eq(a.accepted, 1);
	ck_assert_int_eq(a.day.current, 3);
	/* from 2099 on, the consent version counts */
	ck_assert_int_eq(policy_date_parse(&day, "2099-01-01"), 0);
	ck_assert_int_eq(policy_notice_since(&a, v, 5, &want, &day), 0);
	ck_assert_int_eq(a.notice, POLICY_NOTICE_CONSENT);
	/* a user who accepted the upcoming version early owes nothing */
	ck_assert_int_eq(policy_version_parse(&want, "3.0"), 0);
	ck_assert_int_eq(policy_date_parse(&day, "2025-01-01"), 0);
	ck_assert_int_eq(policy_notice_since(&a, v, 5, &want, &day), 0);
	ck_assert_int_eq(a.notice, POLICY_NOTICE_NONE);
	ck_assert_int_eq(a.day.current, 3);
	/* a version never published */
	ck_assert_int_eq(policy_version_parse(&want, "1.2"), 0);
	ck_assert_int_eq(policy_notice_since(&a, v, 5, &want, &day), POLICY_ENOTFOUND);
	ck_assert_int_eq(policy_timeline_find(v, 0, &want), -1);
}
END_TEST

START_TEST(notice_over_chains)
{
	policy_diff *minor =
		diff_of(EN, edit(EN, "display preferences", "theme"), "version: \"1.1\"\n");
	policy_diff *major = diff_of(EN, edit(EN, "privacy@example.com", "dpo@example.com"),
				     "version: \"2.0\"\n");
	policy_diff *consent =
		diff_of(EN, edit(EN, "access, correct and delete", "access"), "version: \"3.0\"\n");
	policy_diff *editorial = diff_of(EN, edit(EN, "## 1. Information", "## I. Information"),
					 "version: \"1.0.1\"\n");
	const policy_diff *chain[3];

	ck_assert_int_eq(policy_notice_decide(chain, 0), POLICY_NOTICE_NONE);
	chain[0] = editorial;
	chain[1] = minor;
	ck_assert_int_eq(policy_notice_decide(chain, 2), POLICY_NOTICE_NONE);
	chain[2] = major;
	ck_assert_int_eq(policy_notice_decide(chain, 3), POLICY_NOTICE_PROMINENT);
	chain[0] = consent;
	ck_assert_int_eq(policy_notice_decide(chain, 3), POLICY_NOTICE_CONSENT);
	chain[0] = major;
	chain[1] = consent;
	chain[2] = minor;
	ck_assert_int_eq(policy_notice_decide(chain, 3), POLICY_NOTICE_CONSENT);
	ck_assert_str_eq(policy_notice_name(POLICY_NOTICE_PROMINENT), "prominent");
	free_all(minor);
	free_all(major);
	free_all(consent);
	free_all(editorial);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("classify");
	TCase *lv = tcase_create("levels");
	TCase *cat = tcase_create("categories");
	TCase *smp = tcase_create("samples");
	TCase *ld = tcase_create("loading together");

	tcase_add_test(lv, none_version_bump_alone);
	tcase_add_test(lv, editorial_renumbering_and_width);
	tcase_add_test(lv, link_destinations_compared);
	tcase_add_test(lv, renamed_section_pairs_by_content);
	tcase_add_test(lv, finding_marks_changed_words);
	tcase_add_test(lv, table_row_added);
	tcase_add_test(lv, table_rows_are_records);
	tcase_add_test(lv, json_whole_or_refused);
	tcase_add_test(lv, timeline_and_notice_since);
	tcase_add_test(lv, moved_section_is_not_major);
	tcase_add_test(lv, moved_paragraph_is_not_major);
	tcase_add_test(lv, moved_and_changed_text_is_not_a_move);
	tcase_add_test(lv, minor_uncategorised_text);
	tcase_add_test(lv, unusable_documents_are_refused);
	tcase_add_test(lv, level_names);
	tcase_add_test(cat, major_new_sdk);
	tcase_add_test(cat, major_contact_changed);
	tcase_add_test(cat, consent_right_deleted);
	tcase_add_test(cat, consent_new_data_collected);
	tcase_add_test(cat, other_categories);
	tcase_add_test(cat, risk_high);
	tcase_add_test(cat, redated_and_respelled_titles_pair);
	tcase_add_test(cat, findings_say_why);
	tcase_add_test(cat, threads_change_nothing);
	tcase_add_test(smp, samples_classify_as_their_summaries_say);
	tcase_add_test(lv, notice_over_chains);
	tcase_add_test(ld, shared_text_is_read_once);
	tcase_add_test(ld, shared_text_twice_is_parsed);
	tcase_add_test(ld, shared_text_without_twin_is_read_again);
	tcase_add_test(ld, shared_text_is_not_rendered_alone);
	tcase_add_test(ld, shared_text_reads_as_parsed);
	tcase_add_test(ld, shared_text_too_deep_is_still_fatal);
	tcase_add_test(ld, unreadable_version_fails_the_load);
	tcase_add_test(ld, bad_versions_read_together_are_reported);
	suite_add_tcase(s, lv);
	suite_add_tcase(s, cat);
	suite_add_tcase(s, smp);
	suite_add_tcase(s, ld);
	return run_suite(s);
}
