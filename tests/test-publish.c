/* Publishing, the site it writes and the bundles' verification, on real
 * git repositories made in temporary directories through libgit2. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "buf.h"
#include "common.h"
#include "digest.h"
#include "site.h"

static char dir[64];
static char site[96];

static void write_file(const char *rel, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/policies", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/policies/privacy", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(policy_file_write(path, text, strlen(text)), 0);
}

/* Bodies of increasing weight: the base, a minor change (an uncategorised
 * section), a major one (a recipient record), and a consent one (a right
 * taken away). */
#define BODY_BASE                                                                                  \
	"# Privacy\n\nIntro.\n\n## Cookies {#cookies}\n\nWe use cookies.\n\n"                      \
	"## Sharing {#sharing .recipients}\n\nWe share data with the partners below.\n\n"          \
	"## Your rights {#rights .rights}\n\nYou may access and delete your data.\n"
#define BODY_MINOR                                                                                 \
	"# Privacy\n\nIntro.\n\n## Cookies {#cookies}\n\nWe use a few cookies.\n\n"                \
	"## Sharing {#sharing .recipients}\n\nWe share data with the partners below.\n\n"          \
	"## Your rights {#rights .rights}\n\nYou may access and delete your data.\n"
#define BODY_MAJOR                                                                                 \
	BODY_MINOR "\n## Partners {#partners .recipients}\n\n### Map SDK {#sdk-map}\n\n"           \
		   "- Purpose: maps\n- Company: Maps Ltd.\n"
#define BODY_CONSENT                                                                               \
	"# Privacy\n\nIntro.\n\n## Cookies {#cookies}\n\nWe use a few cookies.\n\n"                \
	"## Sharing {#sharing .recipients}\n\nWe share data with the partners below.\n\n"          \
	"## Your rights {#rights .rights}\n\nYou may access your data.\n\n"                        \
	"## Partners {#partners .recipients}\n\n### Map SDK {#sdk-map}\n\n"                        \
	"- Purpose: maps\n- Company: Maps Ltd.\n"

static void source(const char *locale, const char *version, const char *released,
		   const char *effective, const char *body)
{
	char text[4096], rel[64];

	snprintf(text, sizeof(text),
		 "---\ntitle: Privacy\nversion: \"%s\"\nreleased: %s\neffective: %s\n"
		 "summary: Version %s.\n---\n%s",
		 version, released, effective, version, body);
	snprintf(rel, sizeof(rel), "policies/privacy/%s.md", locale);
	write_file(rel, text);
}

static policy_repo *new_repo(const char *config)
{
	policy_repo *repo;
	char path[128];

	snprintf(dir, sizeof(dir), "/tmp/policyctl-publish-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(site, sizeof(site), "%s/site", dir);
	ck_assert_int_eq(policy_repo_init(&repo, dir), 0);
	if (config != NULL) {
		snprintf(path, sizeof(path), "%s/policyctl.yaml", dir);
		ck_assert_int_eq(policy_file_write(path, config, strlen(config)), 0);
	}
	snprintf(path, sizeof(path), "%s/.gitignore", dir);
	ck_assert_int_eq(policy_file_write(path, "/site*\n/.site*\n/copy*\n", 22), 0);
	return repo;
}

static void commit(policy_repo *repo, const char *message)
{
	ck_assert_int_eq(policy_repo_commit_all(repo, message), 0);
}

static int publish_to(policy_repo *repo, const char *out, const char *now,
		      policy_publish_result **result)
{
	policy_publish_options opts = POLICY_PUBLISH_OPTIONS_INIT;

	opts.out_dir = out;
	ck_assert_int_eq(policy_date_parse(&opts.now, now), 0);
	return policy_publish(result, repo, &opts);
}

/* Publish to `site`, expecting success. */
static void publish_ok(policy_repo *repo, const char *now)
{
	policy_publish_result *r = NULL;
	int rc = publish_to(repo, site, now, &r);

	if (rc == POLICY_EINVALID)
		ck_abort_msg("publish refused: %s",
			     policy_diags_at(policy_publish_problems(r), 0)->message);
	ck_assert_int_eq(rc, 0);
	policy_publish_result_free(r);
}

/* Publish to `site`, expecting a refusal with `code`. */
static void publish_refused(policy_repo *repo, const char *now, const char *code)
{
	policy_publish_result *r = NULL;
	const policy_diags *d;
	int found = 0;

	ck_assert_int_eq(publish_to(repo, site, now, &r), POLICY_EINVALID);
	d = policy_publish_problems(r);
	for (size_t i = 0; i < policy_diags_count(d); i++) {
		const policy_diag *g = policy_diags_at(d, i);

		found |= strcmp(g->code, code) == 0;
		ck_assert_ptr_nonnull(g->file);
		ck_assert_uint_gt(g->line, 0);
	}
	ck_assert_msg(found, "no problem %s", code);
	policy_publish_result_free(r);
}

static size_t tag_count(policy_repo *repo)
{
	const policy_published *list;
	size_t count;

	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), 0);
	return count;
}

/* A digest of every file under `path` (names and bytes). */
static void tree_digest(char out[80], const char *path)
{
	char cmd[300];
	FILE *p;

	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum", path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(out, 80, p));
	ck_assert_int_eq(pclose(p), 0);
}

/* The whole file at `path`. */
static policy_buf read_all(const char *path)
{
	policy_buf b = POLICY_BUF_INIT;

	ck_assert_msg(policy_file_read(&b, path, 1 << 26) == 0, "cannot read %s", path);
	return b;
}

static char *read_site(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", site, rel);
	return read_all(path).ptr;
}

/* The site is the site a publish from nothing makes (into dir/copy, where
 * it keeps no file), byte for byte. */
static void expect_as_from_nothing(policy_repo *repo, const char *now)
{
	policy_publish_result *r = NULL;
	char a[80], b[80], copy[128];
	size_t written, kept;

	tree_digest(a, site);
	snprintf(copy, sizeof(copy), "%s/copy", dir);
	ck_assert_int_eq(publish_to(repo, copy, now, &r), 0);
	policy_publish_files(r, &written, &kept);
	ck_assert_uint_eq(kept, 0);
	policy_publish_result_free(r);
	tree_digest(b, copy);
	ck_assert_str_eq(a, b);
}

/* Delete `tag` by hand, as an operator would, and open the repository
 * again. */
static void untag(policy_repo **repo, const char *tag)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "git -C '%s' tag -d %s >/dev/null", dir, tag);
	ck_assert_int_eq(system(cmd), 0);
	policy_repo_free(*repo);
	ck_assert_int_eq(policy_repo_open(repo, dir), 0);
}

/* Publish over the site again: `want_kept` files kept, and the site's
 * bytes are still `digest`'s. */
static void republish_same(policy_repo *repo, const char *digest, size_t want_kept)
{
	policy_publish_result *r = NULL;
	size_t written, kept;
	char now[80];

	ck_assert_int_eq(publish_to(repo, site, "2024-08-01", &r), 0);
	policy_publish_files(r, &written, &kept);
	ck_assert_uint_eq(kept, want_kept);
	policy_publish_result_free(r);
	tree_digest(now, site);
	ck_assert_str_eq(now, digest);
}

static void remove_from(const char *root, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	ck_assert_int_eq(unlink(path), 0);
}

static void remove_all(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* 1.0, 1.1 (minor) and 2.0 (major, taking effect 2024-07-01) published. */
static policy_repo *three_versions(void)
{
	policy_repo *repo = new_repo(NULL);

	source("en", "1.0", "2024-01-01", "2024-01-15", BODY_BASE);
	commit(repo, "1.0");
	publish_ok(repo, "2024-02-01");
	source("en", "1.1", "2024-03-01", "2024-03-01", BODY_MINOR);
	commit(repo, "1.1");
	publish_ok(repo, "2024-03-01");
	source("en", "2.0", "2024-06-01", "2024-07-01", BODY_MAJOR);
	commit(repo, "2.0");
	publish_ok(repo, "2024-06-01");
	return repo;
}

START_TEST(tags_carry_the_classification)
{
	policy_repo *repo = three_versions();
	const policy_published *list;
	policy_buf src = POLICY_BUF_INIT;
	char hex[DIGEST_HEX_SIZE];
	size_t count;

	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "en"), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(list[0].level, POLICY_LEVEL_NONE);
	ck_assert_int_eq(list[1].level, POLICY_LEVEL_MINOR);
	ck_assert_int_eq(list[2].level, POLICY_LEVEL_MAJOR);
	ck_assert_uint_eq(list[2].categories, POLICY_CATEGORY_RECIPIENTS);
	ck_assert_str_eq(list[2].summary, "Version 2.0.");
	ck_assert_str_eq(list[2].title, "Privacy");
	ck_assert_int_eq(policy_repo_read_version(&src, repo, &list[2]), 0);
	ck_assert_int_eq(policy__digest_sha256(hex, src.ptr, src.size), 0);
	ck_assert_str_eq(list[2].sha256, hex);
	policy_buf_dispose(&src);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(published_versions_never_change)
{
	policy_repo *repo = three_versions();
	char before[80], after[80];

	tree_digest(before, site);
	/* The same version with other content. */
	source("en", "2.0", "2024-06-01", "2024-07-01", BODY_MAJOR "\nMore.\n");
	commit(repo, "edit 2.0");
	publish_refused(repo, "2024-06-01", "version-published");
	ck_assert_uint_eq(tag_count(repo), 3);
	tree_digest(after, site);
	ck_assert_str_eq(before, after);
	/* A lower version. */
	source("en", "1.5", "2024-06-01", "2024-07-01", BODY_MAJOR);
	commit(repo, "1.5");
	publish_refused(repo, "2024-06-01", "version-not-higher");
	/* A release before the last one's. */
	source("en", "2.1", "2024-05-01", "2024-07-01", BODY_MAJOR);
	commit(repo, "2.1 early");
	publish_refused(repo, "2024-06-01", "released-earlier");
	ck_assert_uint_eq(tag_count(repo), 3);
	tree_digest(after, site);
	ck_assert_str_eq(before, after);
	/* Republishing what is published changes nothing. */
	source("en", "2.0", "2024-06-01", "2024-07-01", BODY_MAJOR);
	commit(repo, "back to 2.0");
	publish_ok(repo, "2024-06-01");
	ck_assert_uint_eq(tag_count(repo), 3);
	tree_digest(after, site);
	ck_assert_str_eq(before, after);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(notice_period)
{
	policy_repo *repo = new_repo("notice_days: 30\n");

	source("en", "1.0", "2024-01-01", "2024-01-01", BODY_BASE);
	commit(repo, "1.0");
	publish_ok(repo, "2024-01-01");
	/* A minor change needs no notice period. */
	source("en", "1.1", "2024-02-01", "2024-02-01", BODY_MINOR);
	commit(repo, "1.1");
	publish_ok(repo, "2024-02-01");
	/* A major one does. */
	source("en", "2.0", "2024-03-01", "2024-03-20", BODY_MAJOR);
	commit(repo, "2.0 soon");
	publish_refused(repo, "2024-03-01", "notice-period");
	ck_assert_uint_eq(tag_count(repo), 2);
	source("en", "2.0", "2024-03-01", "2024-03-31", BODY_MAJOR);
	commit(repo, "2.0");
	publish_ok(repo, "2024-03-01");
	ck_assert_uint_eq(tag_count(repo), 3);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(uncommitted_sources_are_refused)
{
	policy_repo *repo = new_repo(NULL);
	policy_publish_result *r = NULL;

	source("en", "1.0", "2024-01-01", "2024-01-15", BODY_BASE);
	commit(repo, "1.0");
	source("en", "1.1", "2024-03-01", "2024-03-01", BODY_MINOR);
	publish_refused(repo, "2024-03-01", "uncommitted");
	ck_assert_uint_eq(tag_count(repo), 0);
	ck_assert_int_ne(access(site, F_OK), 0);
	/* A new file not yet added counts too. */
	commit(repo, "1.1");
	source("zh-CN", "1.1", "2024-03-01", "2024-03-01", BODY_MINOR);
	publish_refused(repo, "2024-03-01", "uncommitted");
	/* So does a bad source, with nothing tagged for the good one. */
	commit(repo, "zh-CN");
	write_file("policies/privacy/zh-CN.md", "---\ntitle: x\n---\n# x\n");
	commit(repo, "broken zh-CN");
	ck_assert_int_eq(publish_to(repo, site, "2024-03-01", &r), POLICY_EINVALID);
	ck_assert_uint_gt(policy_diags_count(policy_publish_problems(r)), 0);
	ck_assert_uint_eq(tag_count(repo), 0);
	policy_publish_result_free(r);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(current_and_upcoming)
{
	policy_repo *repo = three_versions();
	char *text;

	/* Published on 2024-06-01: 1.1 is in effect, 2.0 takes effect later. */
	text = read_site("privacy/en/index.json");
	ck_assert_ptr_nonnull(strstr(text, "\"current\": \"1.1\""));
	ck_assert_ptr_nonnull(strstr(text, "\"upcoming\": \"2.0\""));
	free(text);
	text = read_site("privacy/en/current.html");
	ck_assert_ptr_nonnull(strstr(text, "<dd data-slot=\"version\">1.1</dd>"));
	ck_assert_ptr_nonnull(strstr(text, "takes effect on 2024-07-01"));
	/* the current page's level and redline; the upcoming one's page */
	ck_assert_ptr_nonnull(strstr(text, "href=\"diff/1.0..1.1.html\""));
	ck_assert_ptr_nonnull(strstr(text, "href=\"2.0.html\""));
	free(text);
	/* Before the first version took effect, none is current. */
	publish_ok(repo, "2024-01-10");
	text = read_site("privacy/en/index.json");
	ck_assert_ptr_nonnull(strstr(text, "\"current\": null"));
	ck_assert_ptr_nonnull(strstr(text, "\"upcoming\": \"1.0\""));
	free(text);
	text = read_site("privacy/en/versions.html");
	ck_assert_ptr_null(strstr(text, "current.html\"><span>"));
	free(text);
	{
		char path[160];

		snprintf(path, sizeof(path), "%s/privacy/en/current.html", site);
		ck_assert_int_ne(access(path, F_OK), 0);
	}
	publish_ok(repo, "2024-08-01");
	text = read_site("index.json");
	ck_assert_ptr_nonnull(strstr(text, "\"current\": \"2.0\""));
	ck_assert_ptr_nonnull(strstr(text, "\"upcoming\": null"));
	free(text);
	text = read_site("privacy/en/versions.html");
	ck_assert_ptr_nonnull(strstr(text, "href=\"diff/1.1..2.0.html\""));
	ck_assert_ptr_nonnull(strstr(text, "href=\"../../archive/privacy-en.zip\""));
	free(text);
	text = read_site("privacy/en/feed.atom");
	/* ids unique to this repository: the first version's commit */
	ck_assert_ptr_nonnull(strstr(text, "<id>urn:policyctl:"));
	ck_assert_ptr_nonnull(strstr(text, ":privacy:en:2.0</id>"));
	ck_assert_ptr_null(strstr(text, "<id>urn:policyctl:privacy:en"));
	ck_assert_ptr_nonnull(strstr(text, "<updated>2024-06-01T00:00:00Z</updated>"));
	free(text);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

static policy_level chain_level(policy_repo *repo, size_t from)
{
	const policy_published *list;
	policy_doc *docs[8] = {NULL};
	policy_diff *diffs[8] = {NULL};
	size_t count;
	policy_notice n;

	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "en"), 0);
	for (size_t i = from; i < count; i++) {
		ck_assert_int_eq(policy_repo_load_version(&docs[i], NULL, repo, &list[i], NULL), 0);
		if (i > from)
			ck_assert_int_eq(
				policy_diff_new(&diffs[i - from - 1], docs[i - 1], docs[i]), 0);
	}
	n = policy_notice_decide((const policy_diff *const *)diffs, count - from - 1);
	for (size_t i = 0; i < 8; i++) {
		policy_diff_free(diffs[i]);
		policy_doc_free(docs[i]);
	}
	return (policy_level)n;
}

START_TEST(notice_over_chains)
{
	policy_repo *repo = three_versions();

	/* Since 1.0: minor, then major: a prominent notice. */
	ck_assert_int_eq(chain_level(repo, 0), POLICY_NOTICE_PROMINENT);
	ck_assert_int_eq(chain_level(repo, 1), POLICY_NOTICE_PROMINENT);
	ck_assert_int_eq(chain_level(repo, 2), POLICY_NOTICE_NONE);
	source("en", "2.1", "2024-07-01", "2024-07-01", BODY_CONSENT);
	commit(repo, "2.1");
	publish_ok(repo, "2024-07-01");
	/* Any consent in the chain: consent. */
	ck_assert_int_eq(chain_level(repo, 0), POLICY_NOTICE_CONSENT);
	ck_assert_int_eq(chain_level(repo, 2), POLICY_NOTICE_CONSENT);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(deterministic_and_incremental)
{
	policy_repo *repo = three_versions();
	char first[80];

	publish_ok(repo, "2024-08-01");
	tree_digest(first, site);
	/* A fresh site elsewhere: the same bytes, nothing kept. */
	expect_as_from_nothing(repo, "2024-08-01");
	/* Again over the same site: nothing rendered anew but the lists;
	 * 3 pages, 3 sources, 3 facts and 2 redlines, each with its twin. */
	republish_same(repo, first, 22);
	/* A spare (the site before, kept beside) missing one page of a
	 * version, and the live site too: that version is written anew, its
	 * source too (1.1's page, source and facts are written, not kept),
	 * and the result is the same. */
	remove_from(dir, ".site.spare/privacy/en/1.1.html");
	remove_from(site, "privacy/en/1.1.html");
	republish_same(repo, first, 16);
	/* The live site has it, the spare not: linked from the live site. */
	remove_from(dir, ".site.spare/privacy/en/1.1.md");
	republish_same(repo, first, 22);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* A version no longer published (its tag deleted): the site built in the
 * spare, which held its files, loses them and is the site a publish from
 * nothing makes. */
START_TEST(spare_loses_a_version)
{
	policy_repo *repo = three_versions();
	char path[160];
	struct stat st;

	publish_ok(repo, "2024-08-01");
	publish_ok(repo, "2024-08-01"); /* the spare now has 2.0 too */
	snprintf(path, sizeof(path), "%s/.site.spare/privacy/en/2.0.html", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	source("en", "1.1", "2024-03-01", "2024-03-01", BODY_MINOR);
	commit(repo, "back to 1.1");
	untag(&repo, "privacy/en/2.0");
	publish_ok(repo, "2024-08-01");
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/privacy/en/%s", site,
			 k ? "diff/1.1..2.0.html" : "2.0.html");
		ck_assert_int_ne(stat(path, &st), 0);
	}
	expect_as_from_nothing(repo, "2024-08-01");
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* A stream no longer published: the site built in the spare loses its
 * directory and bundles, and is the site a publish from nothing makes. */
START_TEST(spare_loses_what_is_gone)
{
	policy_repo *repo = three_versions();
	char path[160];
	struct stat st;

	source("zh-CN", "2.0", "2024-06-01", "2024-07-01", BODY_MAJOR);
	commit(repo, "zh-CN");
	publish_ok(repo, "2024-08-01");
	publish_ok(repo, "2024-08-01"); /* the spare now has zh-CN too */
	snprintf(path, sizeof(path), "%s/.site.spare/privacy/zh-CN/2.0.html", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/policies/privacy/zh-CN.md", dir);
	ck_assert_int_eq(unlink(path), 0);
	commit(repo, "no zh-CN");
	untag(&repo, "privacy/zh-CN/2.0");
	publish_ok(repo, "2024-08-01");
	snprintf(path, sizeof(path), "%s/privacy/zh-CN", site);
	ck_assert_int_ne(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/archive/privacy-zh-CN.zip", site);
	ck_assert_int_ne(stat(path, &st), 0);
	expect_as_from_nothing(repo, "2024-08-01");
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* The live site's zip is what the next one is made over, when a version
 * is added at its end: the site is the one a publish from nothing makes.
 * Cut short, or not a zip at all, it is of no use: the zip is made anew,
 * and the site is still that one. */
START_TEST(zip_made_over_the_old_one)
{
	static const char *const damage[] = {"none", "cut", "garbage"};
	policy_repo *repo = three_versions();

	for (size_t k = 0; k < sizeof(damage) / sizeof(damage[0]); k++) {
		char path[160], version[8];
		policy_buf zip = POLICY_BUF_INIT;

		snprintf(path, sizeof(path), "%s/archive/privacy-en.zip", site);
		ck_assert_int_eq(policy_file_read(&zip, path, 1 << 26), 0);
		if (k > 0)
			ck_assert_int_eq(unlink(path), 0);
		if (k == 1)
			ck_assert_int_eq(policy_file_write(path, zip.ptr, zip.size / 2), 0);
		else if (k == 2)
			ck_assert_int_eq(policy_file_write(path, "PK\3\4 not a zip", 14), 0);
		policy_buf_dispose(&zip);
		snprintf(version, sizeof(version), "3.%zu", k);
		source("en", version, "2024-07-01", "2024-07-01", BODY_MAJOR "\nMore.\n");
		commit(repo, version);
		publish_ok(repo, "2024-08-01");
		snprintf(path, sizeof(path), "rm -rf '%s/copy' '%s'/.copy.*", dir, dir);
		ck_assert_int_eq(system(path), 0);
		expect_as_from_nothing(repo, "2024-08-01");
	}
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* An entry of the live zip whose hash the live SHA256SUMS does not give
 * (here both were changed by hand) is not kept, even where it stands
 * first under its own name: the zip is made over the old one only as far
 * as the sums vouch for it, and the site is the one a publish from
 * nothing makes. */
START_TEST(zip_entries_the_sums_disown_are_made_anew)
{
	policy_repo *repo = three_versions();
	char path[160], *sums, *line;
	zip_t *z;
	zip_source_t *src;
	int err = 0;

	snprintf(path, sizeof(path), "%s/archive/privacy-en.zip", site);
	ck_assert_ptr_nonnull(z = zip_open(path, 0, &err));
	ck_assert_ptr_nonnull(src = zip_source_buffer(z, "tampered\n", 9, 0));
	ck_assert_int_ge(zip_file_replace(z,
					  (zip_uint64_t)zip_name_locate(z, "privacy-en/1.0.md", 0),
					  src, 0),
			 0);
	ck_assert_int_eq(zip_close(z), 0);
	sums = read_site("archive/privacy-en.SHA256SUMS");
	ck_assert_ptr_nonnull(line = strstr(sums, "  1.0.md\n"));
	memset(line - 64, '0', 64);
	snprintf(path, sizeof(path), "%s/archive/privacy-en.SHA256SUMS", site);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(policy_file_write(path, sums, strlen(sums)), 0);
	free(sums);
	source("en", "3.0", "2024-07-01", "2024-07-01", BODY_MAJOR "\nMore.\n");
	commit(repo, "3.0");
	publish_ok(repo, "2024-08-01");
	expect_as_from_nothing(repo, "2024-08-01");
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* The extra flags (XFL) of each gzip member of the tar.gz at `path`, one
 * character each into `out`: zlib writes 4 for level 1, 0 for level 5. */
static void member_flags(const char *path, char *out, size_t size)
{
	policy_buf gz = POLICY_BUF_INIT;
	unsigned char sink[1 << 14];
	size_t at = 0, n = 0;

	ck_assert_int_eq(policy_file_read(&gz, path, 1 << 26), 0);
	while (at < gz.size) {
		z_stream z = {0};
		int rc;

		ck_assert_uint_lt(n + 1, size);
		ck_assert_uint_ge(gz.size - at, 18);
		out[n++] = (char)('0' + (unsigned char)gz.ptr[at + 8]);
		ck_assert_int_eq(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
		z.next_in = (Bytef *)gz.ptr + at;
		z.avail_in = (uInt)(gz.size - at);
		do {
			z.next_out = sink;
			z.avail_out = sizeof(sink);
			rc = inflate(&z, Z_NO_FLUSH);
		} while (rc == Z_OK);
		ck_assert_int_eq(rc, Z_STREAM_END);
		at += z.total_in;
		inflateEnd(&z);
	}
	out[n] = '\0';
	policy_buf_dispose(&gz);
}

/* Every entry of a zip publish made (deflated by libdeflate, handed to
 * libzip as deflate) reads back through libzip, which checks its CRC-32
 * at the end, as deflate of the size it states; its SHA-256 is the one
 * the zip's SHA256SUMS gives. */
/* The bundle writer on its own. A zip over an old one keeps the old
 * file's bytes up to the first entry that changes, and is the zip a build
 * from nothing makes, with its SHA-256, whether the hash goes on from the
 * marks the old zip left in the cache or, the old file changed since or
 * its marks unreadable, not. One that cannot be written is an error
 * naming its path, and no file. */
static void bundle_of(bundle_entry *e, size_t count, const char *zip, const char *old,
		      const char *cache, size_t marks_used, char sha[DIGEST_HEX_SIZE])
{
	char tgz[200];
	policy_buf used = POLICY_BUF_INIT;
	bundle_target t = {zip, tgz, old, cache, &used, "", ""};
	size_t n = 0;

	snprintf(tgz, sizeof(tgz), "%s.tar.gz", zip);
	ck_assert_int_eq(policy__bundle_write(&t, e, count), 0);
	memcpy(sha, t.zip_sha256, DIGEST_HEX_SIZE);
	for (const char *at = used.ptr; at && (at = strstr(at, ".marks\n")) != NULL; at++)
		n++;
	ck_assert_uint_eq(n, marks_used);
	policy_buf_dispose(&used);
}

START_TEST(zip_over_the_old_keeps_its_bytes)
{
	enum { BIG = 300000 }; /* two entries past a few of the hash's marks */
	bundle_entry e[4];
	char path[5][160], cache[160], sha[DIGEST_HEX_SIZE], want[DIGEST_HEX_SIZE];
	policy_buf a, b, c;
	bundle_target bad;
	size_t same = 0, third = 0;
	DIR *d;
	struct dirent *de;
	uint64_t x = 1;

	snprintf(dir, sizeof(dir), "/tmp/policyctl-bundle-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	ck_assert_int_eq(mkdir(cache, 0755), 0);
	for (int i = 0; i < 4; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		e[i].name = (char *)(const char *[]){"b/1.md", "b/2.md", "b/3.md", "b/SUMS"}[i];
		/* bytes deflate leaves as large as they are */
		for (unsigned k = 0; k < (i < 2 ? BIG : 10u); k++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			ck_assert_int_eq(policy__buf_putc(&e[i].data, (char)(x >> 56)), 0);
		}
		e[i].loaded = 1;
		e[i].mtime = 1700000000 + i;
		e[i].kept = i < 2; /* the first two were in the old zip */
		ck_assert_int_eq(policy__digest_sha256(e[i].sha256, e[i].data.ptr, e[i].data.size),
				 0);
		snprintf(path[i], sizeof(path[i]), "%s/%d.zip", dir, i);
	}
	snprintf(path[4], sizeof(path[4]), "%s/4.zip", dir);
	/* the old zip: 1.md, 2.md and its own last entry; its marks written */
	e[2].name = "b/SUMS";
	bundle_of(e, 3, path[0], NULL, cache, 1, sha);
	e[2].name = "b/3.md";
	/* over it: its marks read, the new zip's written */
	bundle_of(e, 4, path[1], path[0], cache, 2, sha);
	bundle_of(e, 4, path[2], NULL, NULL, 0, want);
	a = read_all(path[0]);
	b = read_all(path[1]);
	c = read_all(path[2]);
	ck_assert_uint_eq(b.size, c.size);
	ck_assert_int_eq(memcmp(b.ptr, c.ptr, b.size), 0);
	ck_assert_str_eq(sha, want);
	ck_assert_int_eq(policy__digest_sha256(want, b.ptr, b.size), 0);
	ck_assert_str_eq(sha, want);
	while (same < a.size && a.ptr[same] == b.ptr[same])
		same++;
	/* the two kept entries, headers and data: up to the old zip's third */
	for (int n = 0; third + 4 <= a.size && n < 3; third++)
		if (memcmp(a.ptr + third, "PK\3\4", 4) == 0 && ++n == 3)
			break;
	ck_assert_uint_lt(third, a.size);
	ck_assert_uint_ge(same, third);
	ck_assert_uint_gt(third, 2 * MARK_STEP);
	/* the old zip's marks unreadable (their first line kept, a mark's
	 * words signed and short), then the old zip touched: not used */
	ck_assert_ptr_nonnull(d = opendir(cache));
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".marks") != NULL) {
			char marks[512];
			policy_buf text = POLICY_BUF_INIT;

			snprintf(marks, sizeof(marks), "%s/%s", cache, de->d_name);
			text = read_all(marks);
			text.size = (size_t)(strchr(text.ptr, '\n') + 1 - text.ptr);
			ck_assert_int_eq(policy__buf_puts(&text, "262144 -1 +2 3 4 5 6 7 8\n"), 0);
			ck_assert_int_eq(policy_file_write(marks, text.ptr, text.size), 0);
			policy_buf_dispose(&text);
		}
	closedir(d);
	bundle_of(e, 4, path[3], path[1], cache, 1, sha);
	ck_assert_str_eq(sha, want);
	bundle_of(e, 4, path[4], path[3], cache, 2, sha); /* path[3]'s own, fine */
	ck_assert_str_eq(sha, want);
	ck_assert_int_eq(
		utimensat(AT_FDCWD, path[4], (struct timespec[]){{0, UTIME_OMIT}, {1, 0}}, 0), 0);
	bundle_of(e, 4, path[3], path[4], cache, 1, sha);
	ck_assert_str_eq(sha, want);
	/* a zip that cannot be written */
	snprintf(path[3], sizeof(path[3]), "%s/none/x.zip", dir);
	bad = (bundle_target){path[3], path[2], path[0], NULL, NULL, "", ""};
	ck_assert_int_eq(policy__bundle_write(&bad, e, 4), POLICY_EIO);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, path[3]));
	ck_assert_int_ne(access(path[3], F_OK), 0);
	for (int i = 0; i < 4; i++)
		policy_buf_dispose(&e[i].data);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
	policy_buf_dispose(&c);
	remove_all();
}
END_TEST

START_TEST(zip_entries_read_back)
{
	policy_repo *repo = three_versions();
	char path[160], hex[DIGEST_HEX_SIZE], *sums;
	zip_t *z;
	int err = 0;
	zip_int64_t n;

	snprintf(path, sizeof(path), "%s/archive/privacy-en.zip", site);
	ck_assert_ptr_nonnull(z = zip_open(path, ZIP_RDONLY, &err));
	sums = read_site("archive/privacy-en.SHA256SUMS");
	n = zip_get_num_entries(z, 0);
	ck_assert_int_gt(n, 3);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_file_t *f;
		char *data, line[400];
		const char *name, *base;

		ck_assert_int_eq(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
		ck_assert_uint_eq(st.comp_method, ZIP_CM_DEFLATE);
		ck_assert_ptr_nonnull(data = malloc(st.size + 1));
		ck_assert_ptr_nonnull(f = zip_fopen_index(z, (zip_uint64_t)i, 0));
		ck_assert_int_eq(zip_fread(f, data, st.size), (zip_int64_t)st.size);
		ck_assert_int_eq(zip_fread(f, data + st.size, 1), 0); /* CRC checked */
		ck_assert_int_eq(zip_fclose(f), 0);
		name = zip_get_name(z, (zip_uint64_t)i, 0);
		base = strchr(name, '/') + 1;
		if (strcmp(base, "SHA256SUMS") != 0) {
			ck_assert_int_eq(policy__digest_sha256(hex, data, st.size), 0);
			snprintf(line, sizeof(line), "%s  %s\n", hex, base);
			ck_assert_msg(strstr(sums, line) != NULL, "%s: not as SHA256SUMS says",
				      name);
		}
		free(data);
	}
	zip_discard(z);
	free(sums);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* The bundle cache keeps what the last publish used: a member or hash
 * marks it did not use go, whatever publish made them; a file of
 * another name (not publish's) is left alone. */
START_TEST(cache_keeps_what_the_last_publish_used)
{
	static const char *const stale[] = {".gz", ".marks", ".gz.tmp-1-0x1"};
	policy_repo *repo = three_versions();
	char path[300], hex[65];

	memset(hex, 'a', 64);
	hex[64] = '\0';
	for (size_t i = 0; i < sizeof(stale) / sizeof(stale[0]); i++) {
		snprintf(path, sizeof(path), "%s/.site.cache/%s%s", dir, hex, stale[i]);
		ck_assert_int_eq(policy_file_write(path, "old\n", 4), 0);
	}
	snprintf(path, sizeof(path), "%s/.site.cache/notes.txt", dir);
	ck_assert_int_eq(policy_file_write(path, "mine\n", 5), 0);
	source("en", "3.0", "2024-07-01", "2024-07-01", BODY_MAJOR "\nMore.\n");
	commit(repo, "3.0");
	publish_ok(repo, "2024-08-01");
	for (size_t i = 0; i < sizeof(stale) / sizeof(stale[0]); i++) {
		snprintf(path, sizeof(path), "%s/.site.cache/%s%s", dir, hex, stale[i]);
		ck_assert_msg(access(path, F_OK) != 0, "%s is still there", path);
	}
	snprintf(path, sizeof(path), "%s/.site.cache/notes.txt", dir);
	ck_assert_int_eq(access(path, F_OK), 0);
	/* the members this publish used stay: the next one makes nothing anew */
	snprintf(path, sizeof(path), "ls '%s/.site.cache' | grep -c '\\.gz$' | grep -qv '^0$'",
		 dir);
	ck_assert_int_eq(system(path), 0);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* The tar.gz is a gzip member per 16 versions, then the manifest and
 * sums. The last two change when a version is added and are made fast
 * (level 1); the members before them never change again and are made
 * small (level 5): 17 versions give a member of 16 at level 5, then
 * one of 1 and the tail at level 1. The archive still reads whole. */
START_TEST(settled_members_are_made_small)
{
	policy_repo *repo = new_repo(NULL);
	char version[16], day[16], flags[16], path[160];

	for (int v = 1; v <= 17; v++) {
		snprintf(version, sizeof(version), "1.%d", v);
		snprintf(day, sizeof(day), "2024-01-%02d", v);
		source("en", version, day, day, BODY_BASE);
		commit(repo, version);
		publish_ok(repo, "2024-02-01");
	}
	snprintf(path, sizeof(path), "%s/archive/privacy-en.tar.gz", site);
	member_flags(path, flags, sizeof(flags));
	ck_assert_str_eq(flags, "044");
	expect_as_from_nothing(repo, "2024-02-01");
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* A title of 300 CJK characters (900 bytes) reaches the feed whole: cut
 * at a fixed size, it ended inside a character (invalid UTF-8). */
START_TEST(feed_keeps_long_titles_whole)
{
	policy_repo *repo = new_repo(NULL);
	char title[1024], text[8192];
	size_t n = 0;
	char *feed;

	for (int i = 0; i < 300; i++, n += 3)
		memcpy(title + n, "隐", 3);
	title[n] = '\0';
	snprintf(text, sizeof(text),
		 "---\ntitle: %s\nversion: \"1.0\"\nreleased: 2024-01-01\neffective: "
		 "2024-01-15\n---\n%s",
		 title, BODY_BASE);
	write_file("policies/privacy/en.md", text);
	commit(repo, "1.0");
	publish_ok(repo, "2024-02-01");
	feed = read_site("privacy/en/feed.atom");
	snprintf(title + n, sizeof(title) - n, " 1.0</title>");
	ck_assert_ptr_nonnull(strstr(feed, title));
	free(feed);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(out_dir_that_is_not_a_site)
{
	policy_repo *repo = new_repo(NULL);
	policy_publish_result *r = NULL;
	char path[128];

	source("en", "1.0", "2024-01-01", "2024-01-15", BODY_BASE);
	commit(repo, "1.0");
	ck_assert_int_eq(mkdir(site, 0755), 0);
	/* An index.json proves nothing: a web app's folder has one too. */
	snprintf(path, sizeof(path), "%s/index.json", site);
	ck_assert_int_eq(policy_file_write(path, "{}\n", 3), 0);
	snprintf(path, sizeof(path), "%s/notes.txt", site);
	ck_assert_int_eq(policy_file_write(path, "mine\n", 5), 0);
	ck_assert_int_eq(publish_to(repo, site, "2024-02-01", &r), POLICY_EEXISTS);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(access(path, F_OK), 0);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* Bundle surgery: read every entry, let `edit` change the list, write a
 * tar.gz. */
typedef struct {
	char *name;
	policy_buf data;
} item;

static size_t read_bundle(const char *path, item *items, size_t max)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	size_t n = 0;
	char chunk[8192];
	la_ssize_t got;

	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	ck_assert_int_eq(archive_read_open_filename(a, path, 8192), ARCHIVE_OK);
	while (archive_read_next_header(a, &e) == ARCHIVE_OK && n < max) {
		items[n].name = strdup(archive_entry_pathname(e));
		items[n].data = (policy_buf)POLICY_BUF_INIT;
		while ((got = archive_read_data(a, chunk, sizeof(chunk))) > 0)
			policy_buf_append(&items[n].data, chunk, (size_t)got);
		n++;
	}
	archive_read_free(a);
	return n;
}

static void write_bundle(const char *path, item *items, size_t n)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();

	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	ck_assert_int_eq(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		if (items[i].name == NULL)
			continue;
		archive_entry_clear(e);
		archive_entry_set_pathname(e, items[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)items[i].data.size);
		ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
		archive_write_data(a, items[i].data.ptr, items[i].data.size);
	}
	archive_write_close(a);
	archive_write_free(a);
	archive_entry_free(e);
}

static item *named(item *items, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].name && strcmp(items[i].name, name) == 0)
			return &items[i];
	ck_abort_msg("no entry %s", name);
	return NULL;
}

/* SHA256SUMS made anew for the edited entries, as a forger would. */
static void resum(item *items, size_t n)
{
	item *sums = named(items, n, "privacy-en/SHA256SUMS");
	char hex[DIGEST_HEX_SIZE], line[400];

	sums->data.size = 0;
	for (size_t i = 0; i < n; i++) {
		if (items[i].name == NULL || &items[i] == sums)
			continue;
		ck_assert_int_eq(policy__digest_sha256(hex, items[i].data.ptr, items[i].data.size),
				 0);
		snprintf(line, sizeof(line), "%s  %s\n", hex,
			 items[i].name + strlen("privacy-en/"));
		policy_buf_append(&sums->data, line, strlen(line));
	}
}

static void free_items(item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].name);
		policy_buf_dispose(&items[i].data);
	}
}

/* The codes `policy_archive_verify` finds in `path`, comma-separated. */
static void verify_codes(char *out, size_t size, const char *path, policy_repo *repo)
{
	policy_diags *d;

	ck_assert_int_eq(policy_diags_new(&d), 0);
	ck_assert_int_eq(policy_archive_verify(d, path, repo), 0);
	out[0] = '\0';
	for (size_t i = 0; i < policy_diags_count(d); i++) {
		if (strstr(out, policy_diags_at(d, i)->code) == NULL) {
			size_t used = strlen(out);

			snprintf(out + used, size - used, "%s,", policy_diags_at(d, i)->code);
		}
	}
	policy_diags_free(d);
}

START_TEST(archive_verify_catches_tampering)
{
	policy_repo *repo = three_versions();
	item items[32];
	char good[128], bad[128], codes[256];
	size_t n;
	item *e;

	snprintf(good, sizeof(good), "%s/archive/privacy-en.tar.gz", site);
	snprintf(bad, sizeof(bad), "%s/bad.tar.gz", dir);
	verify_codes(codes, sizeof(codes), good, repo);
	ck_assert_str_eq(codes, "");
	snprintf(good, sizeof(good), "%s/archive/privacy-en.zip", site);
	verify_codes(codes, sizeof(codes), good, repo);
	ck_assert_str_eq(codes, "");

	/* One changed byte. */
	n = read_bundle(good, items, 32);
	e = named(items, n, "privacy-en/1.1.html");
	e->data.ptr[100] ^= 1;
	write_bundle(bad, items, n);
	verify_codes(codes, sizeof(codes), bad, NULL);
	ck_assert_str_eq(codes, "hash-mismatch,");
	/* An old source edited, and the sums forged to match. */
	e->data.ptr[100] ^= 1;
	e = named(items, n, "privacy-en/1.0.md");
	e->data.ptr[e->data.size - 2] = '!';
	resum(items, n);
	write_bundle(bad, items, n);
	verify_codes(codes, sizeof(codes), bad, NULL);
	ck_assert_str_eq(codes, "source-hash,");
	free_items(items, n);

	/* A version removed, manifest entry and all: the chain breaks. */
	n = read_bundle(good, items, 32);
	{
		item *m = named(items, n, "privacy-en/index.json");
		json_t *j = json_loadb(m->data.ptr, m->data.size, 0, NULL);
		char *text;

		json_array_remove(json_object_get(j, "versions"), 1);
		text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		m->data.size = 0;
		policy_buf_append(&m->data, text, strlen(text));
		free(text);
		json_decref(j);
		e = named(items, n, "privacy-en/1.1.md");
		free(e->name);
		e->name = NULL;
		e = named(items, n, "privacy-en/1.1.html");
		free(e->name);
		e->name = NULL;
	}
	resum(items, n);
	write_bundle(bad, items, n);
	verify_codes(codes, sizeof(codes), bad, NULL);
	ck_assert_str_eq(codes, "chain-broken,");
	verify_codes(codes, sizeof(codes), bad, repo);
	ck_assert_ptr_nonnull(strstr(codes, "version-missing"));
	free_items(items, n);

	/* A chain hash rewritten. */
	n = read_bundle(good, items, 32);
	{
		item *m = named(items, n, "privacy-en/index.json");
		char *at = strstr(m->data.ptr, "\"chain\": \"") + 10;

		*at = *at == 'a' ? 'b' : 'a';
	}
	resum(items, n);
	write_bundle(bad, items, n);
	verify_codes(codes, sizeof(codes), bad, NULL);
	ck_assert_str_eq(codes, "chain-broken,");
	free_items(items, n);

	/* Not a bundle at all. */
	ck_assert_int_eq(policy_file_write(bad, "hello", 5), 0);
	verify_codes(codes, sizeof(codes), bad, NULL);
	ck_assert_str_eq(codes, "unreadable,");
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* The downloads can be checked where they are downloaded: SHA256SUMS
 * beside them covers the .zip and .tar.gz themselves (each bundle keeps
 * its own list of what is inside), and inside a bundle the archive page
 * the version pages link to is there, without links out of the bundle. */
START_TEST(downloads_check_and_bundles_read_offline)
{
	policy_repo *repo = three_versions();
	char cmd[512], line[256];
	FILE *p;
	char *text;

	snprintf(cmd, sizeof(cmd), "cd '%s/archive' && sha256sum -c SHA256SUMS", site);
	ck_assert_int_eq(system(cmd), 0);
	text = read_site("archive/SHA256SUMS");
	ck_assert_ptr_nonnull(strstr(text, "  privacy-en.zip\n"));
	ck_assert_ptr_nonnull(strstr(text, "  privacy-en.tar.gz\n"));
	free(text);
	text = read_site("privacy/en/versions.html");
	ck_assert_ptr_nonnull(strstr(text, "href=\"../../archive/SHA256SUMS\""));
	free(text);
	snprintf(cmd, sizeof(cmd),
		 "tar -xOzf '%s/archive/privacy-en.tar.gz' privacy-en/versions.html", site);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	{
		int links_out = 0, has_versions = 0;

		while (fgets(line, sizeof(line), p) != NULL) {
			links_out |= strstr(line, "current.html") != NULL ||
				     strstr(line, "../../archive") != NULL ||
				     strstr(line, "feed.atom") != NULL;
			has_versions |= strstr(line, "href=\"2.0.html\"") != NULL;
		}
		ck_assert_int_eq(pclose(p), 0);
		ck_assert(has_versions);
		ck_assert(!links_out);
	}
	policy_repo_free(repo);
	remove_all();
}
END_TEST

/* With base_url, the feed's ids are its URLs: unique to the site. */
START_TEST(feed_ids_from_base_url)
{
	policy_repo *repo = new_repo("base_url: https://example.org/legal\n");
	char *text;

	source("en", "1.0", "2024-01-01", "2024-01-15", BODY_BASE);
	commit(repo, "1.0");
	publish_ok(repo, "2024-02-01");
	text = read_site("privacy/en/feed.atom");
	ck_assert_ptr_nonnull(
		strstr(text, "<id>https://example.org/legal/privacy/en/feed.atom</id>"));
	ck_assert_ptr_nonnull(
		strstr(text, "<id>https://example.org/legal/privacy/en/1.0.html</id>"));
	free(text);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

START_TEST(bundles_are_reproducible)
{
	policy_repo *repo = three_versions();
	char out[128], a[80], b[80], path[160];

	snprintf(out, sizeof(out), "%s/bundles", dir);
	ck_assert_int_eq(policy_archive_build(repo, out), 0);
	snprintf(path, sizeof(path), "%s/privacy-en.zip", out);
	ck_assert_int_eq(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/archive", site);
	tree_digest(a, path);
	tree_digest(b, out);
	ck_assert_str_eq(a, b);
	policy_repo_free(repo);
	remove_all();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("publish");
	TCase *t = tcase_create("publish");
	TCase *site_case = tcase_create("site");
	TCase *a = tcase_create("archive");

	tcase_add_test(t, tags_carry_the_classification);
	tcase_add_test(t, published_versions_never_change);
	tcase_add_test(t, notice_period);
	tcase_add_test(t, uncommitted_sources_are_refused);
	tcase_add_test(t, notice_over_chains);
	tcase_add_test(site_case, current_and_upcoming);
	tcase_add_test(site_case, deterministic_and_incremental);
	tcase_add_test(site_case, spare_loses_what_is_gone);
	tcase_add_test(site_case, spare_loses_a_version);
	tcase_add_test(site_case, out_dir_that_is_not_a_site);
	tcase_add_test(site_case, feed_keeps_long_titles_whole);
	tcase_add_test(a, archive_verify_catches_tampering);
	tcase_add_test(a, bundles_are_reproducible);
	tcase_add_test(a, zip_made_over_the_old_one);
	tcase_add_test(a, zip_entries_read_back);
	tcase_add_test(a, zip_over_the_old_keeps_its_bytes);
	tcase_add_test(a, settled_members_are_made_small);
	tcase_add_test(a, cache_keeps_what_the_last_publish_used);
	tcase_add_test(a, zip_entries_the_sums_disown_are_made_anew);
	tcase_add_test(a, downloads_check_and_bundles_read_offline);
	tcase_add_test(a, feed_ids_from_base_url);
	suite_add_tcase(s, t);
	suite_add_tcase(s, site_case);
	suite_add_tcase(s, a);
	return run_suite(s);
}
