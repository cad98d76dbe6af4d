/* The repository module, on real git repositories made in temporary
 * directories through libgit2. */
#include <dirent.h>
#include <git2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static char dir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256], sub[256];

	snprintf(sub, sizeof(sub), "%s/policies", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/policies/privacy", dir);
	mkdir(sub, 0755);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(policy_file_write(path, text, strlen(text)), 0);
}

/* Commit every file of the working tree on HEAD. */
static void commit_all(const char *message)
{
	git_repository *r;
	git_index *idx;
	git_oid tree_id, id, parent_id;
	git_tree *tree;
	git_signature *sig;
	git_commit *parent = NULL;

	ck_assert_int_eq(git_repository_open(&r, dir), 0);
	ck_assert_int_eq(git_repository_index(&idx, r), 0);
	ck_assert_int_eq(git_index_add_all(idx, NULL, 0, NULL, NULL), 0);
	ck_assert_int_eq(git_index_write(idx), 0);
	ck_assert_int_eq(git_index_write_tree(&tree_id, idx), 0);
	ck_assert_int_eq(git_tree_lookup(&tree, r, &tree_id), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Test", "test@example.org", 1700000000, 0), 0);
	if (git_reference_name_to_id(&parent_id, r, "HEAD") == 0)
		ck_assert_int_eq(git_commit_lookup(&parent, r, &parent_id), 0);
	ck_assert_int_eq(git_commit_create_v(&id, r, "HEAD", sig, sig, NULL, message, tree,
					     parent ? 1 : 0, parent),
			 0);
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_repository_free(r);
}

static policy_published version(const char *text, const char *released, const char *effective)
{
	policy_published v;

	memset(&v, 0, sizeof(v));
	v.policy = "privacy";
	v.locale = "en";
	v.version_text = text;
	ck_assert_int_eq(policy_version_parse(&v.version, text), 0);
	ck_assert_int_eq(policy_date_parse(&v.released, released), 0);
	ck_assert_int_eq(policy_date_parse(&v.effective, effective), 0);
	v.level = POLICY_LEVEL_MAJOR;
	v.categories = POLICY_CATEGORY_RECIPIENTS | POLICY_CATEGORY_CONTACT;
	v.summary = "New map SDK.\nAnd a line.";
	v.sha256 = "";
	return v;
}

/* A repository with 1.0 (effective 2024-01-15) and 2.0 (effective
 * 2024-06-15) published, and HEAD with a draft 2.1. */
static policy_repo *two_versions(void)
{
	policy_repo *repo;
	policy_published v;

	snprintf(dir, sizeof(dir), "/tmp/policyctl-repo-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(policy_repo_init(&repo, dir), 0);
	write_file("policies/privacy/en.md", "version one\n");
	commit_all("1.0");
	v = version("1.0", "2024-01-01", "2024-01-15");
	v.level = POLICY_LEVEL_NONE;
	ck_assert_int_eq(policy_repo_tag(repo, &v), 0);
	write_file("policies/privacy/en.md", "version two\n");
	commit_all("2.0");
	v = version("2.0", "2024-06-01", "2024-06-15");
	ck_assert_int_eq(policy_repo_tag(repo, &v), 0);
	write_file("policies/privacy/en.md", "draft\n");
	commit_all("draft");
	return repo;
}

static void remove_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(tags_are_versions)
{
	policy_repo *repo = two_versions();
	const policy_published *list;
	size_t count;
	policy_buf src = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "en"), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(list[0].version_text, "1.0");
	ck_assert_int_eq(list[0].level, POLICY_LEVEL_NONE);
	ck_assert_str_eq(list[1].version_text, "2.0");
	ck_assert_int_eq(list[1].level, POLICY_LEVEL_MAJOR);
	ck_assert_str_eq(list[1].summary, "New map SDK.\nAnd a line.");
	ck_assert_uint_eq(list[1].categories, POLICY_CATEGORY_RECIPIENTS | POLICY_CATEGORY_CONTACT);
	ck_assert_uint_eq(strlen(list[1].commit), 40);
	/* Sources come from the tagged commits, not from HEAD. */
	ck_assert_int_eq(policy_repo_read_version(&src, repo, &list[0]), 0);
	ck_assert_int_eq(memcmp(src.ptr, "version one\n", src.size), 0);
	ck_assert_int_eq(policy_repo_read_head(&src, repo, "policies/privacy/en.md"), 0);
	ck_assert_int_eq(memcmp(src.ptr, "draft\n", src.size), 0);
	ck_assert_int_eq(policy_repo_read_head(&src, repo, "policies/privacy/zh-CN.md"),
			 POLICY_ENOTFOUND);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "zh-CN"), 0);
	ck_assert_uint_eq(count, 0);
	policy_buf_dispose(&src);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

START_TEST(tags_never_move)
{
	policy_repo *repo = two_versions();
	policy_published v = version("2.0", "2024-06-01", "2024-06-15");

	ck_assert_int_eq(policy_repo_tag(repo, &v), POLICY_EEXISTS);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "privacy/en/2.0"));
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* A tag of the published shape whose message names a level that does not
 * exist (made by hand): the list cannot be read, and the error names the
 * tag and the level. */
/* The test repository through libgit2, for tags made by hand. */
typedef struct {
	git_repository *r;
	git_object *head;
	git_signature *sig;
} by_hand;

static void by_hand_open(by_hand *h)
{
	ck_assert_int_eq(git_repository_open(&h->r, dir), 0);
	ck_assert_int_eq(git_revparse_single(&h->head, h->r, "HEAD^{commit}"), 0);
	ck_assert_int_eq(git_signature_new(&h->sig, "Test", "test@example.org", 1700000000, 0), 0);
}

/* An annotated tag of HEAD, or a lightweight one when `message` is NULL. */
static void hand_tag(by_hand *h, const char *name, const char *message)
{
	git_oid oid;

	ck_assert_int_eq(message ? git_tag_create(&oid, h->r, name, h->head, h->sig, message, 0)
				 : git_tag_create_lightweight(&oid, h->r, name, h->head, 0),
			 0);
}

static void by_hand_close(by_hand *h)
{
	git_signature_free(h->sig);
	git_object_free(h->head);
	git_repository_free(h->r);
}

/* Open the repository again, so its tags are read anew. */
static void reopen(policy_repo **repo)
{
	policy_repo_free(*repo);
	ck_assert_int_eq(policy_repo_open(repo, dir), 0);
}

START_TEST(tag_with_unknown_level)
{
	policy_repo *repo = two_versions();
	const policy_published *list;
	size_t count;
	by_hand h;

	by_hand_open(&h);
	hand_tag(&h, "privacy/en/3.0",
		 "{\"version\": \"3.0\", \"released\": \"2024-09-01\", "
		 "\"effective\": \"2024-09-15\", \"level\": \"huge\"}");
	by_hand_close(&h);
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "privacy/en/3.0"));
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "\"huge\" is not a level"));
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

static const char *resolved(policy_repo *repo, const char *ref)
{
	const policy_published *v;
	int rc = policy_repo_resolve(&v, repo, ref);

	return rc == 0 ? v->version_text : rc == POLICY_ENOTFOUND ? "not found" : "invalid";
}

START_TEST(references)
{
	policy_repo *repo = two_versions();

	ck_assert_str_eq(resolved(repo, "privacy/en@2.0"), "2.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@1.0"), "1.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@latest"), "2.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@2023-12-31"), "not found");
	ck_assert_str_eq(resolved(repo, "privacy/en@2024-01-15"), "1.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@2024-06-14"), "1.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@2024-06-15"), "2.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@2030-01-01"), "2.0");
	ck_assert_str_eq(resolved(repo, "privacy/en@3.0"), "not found");
	ck_assert_str_eq(resolved(repo, "privacy/zh-CN@latest"), "not found");
	ck_assert_str_eq(resolved(repo, "privacy/en@soon"), "invalid");
	ck_assert_str_eq(resolved(repo, "privacy@2.0"), "invalid");
	ck_assert_str_eq(resolved(repo, "privacy/en@2024-02-30"), "invalid");
	ck_assert(policy_repo_is_ref("privacy/zh-CN@2.0"));
	ck_assert(!policy_repo_is_ref("policies/privacy/zh-CN.md"));
	ck_assert(!policy_repo_is_ref("drafts/a@b/c.md"));
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

START_TEST(bad_tags_are_reported)
{
	policy_repo *repo = two_versions();
	const policy_published *list;
	size_t count;
	by_hand h;

	by_hand_open(&h);
	hand_tag(&h, "privacy/en/2.1", NULL);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "not annotated"));
	ck_assert_int_eq(git_tag_delete(h.r, "privacy/en/2.1"), 0);
	hand_tag(&h, "privacy/en/2.2", "not json");
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), POLICY_EPARSE);
	ck_assert_ptr_nonnull(strstr(policy_error_last()->message, "privacy/en/2.2"));
	/* Tags of other shapes are none of our business. */
	ck_assert_int_eq(git_tag_delete(h.r, "privacy/en/2.2"), 0);
	hand_tag(&h, "v1.0", "release");
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), 0);
	ck_assert_uint_eq(count, 2);
	by_hand_close(&h);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* Past a few hundred tags, they are read on several threads: the list
 * is the same, in order, and a bad tag among them is still the one
 * reported. */
START_TEST(many_tags)
{
	policy_repo *repo = two_versions();
	const policy_published *list;
	size_t count;
	char name[64], message[256];
	by_hand h;

	by_hand_open(&h);
	for (int i = 1; i <= 700; i++) {
		snprintf(name, sizeof(name), "privacy/%s/3.%d", i % 2 ? "en" : "fr", i);
		snprintf(message, sizeof(message),
			 "{\"version\": \"3.%d\", \"released\": \"2025-01-01\", "
			 "\"effective\": \"2025-01-02\", \"level\": \"minor\", "
			 "\"summary\": \"s%d\"}",
			 i, i);
		hand_tag(&h, name, message);
	}
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "fr"), 0);
	ck_assert_uint_eq(count, 350);
	for (size_t i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "3.%zu", 2 * (i + 1));
		ck_assert_str_eq(list[i].version_text, name);
		snprintf(name, sizeof(name), "s%zu", 2 * (i + 1));
		ck_assert_str_eq(list[i].summary, name);
		ck_assert_int_eq(list[i].level, POLICY_LEVEL_MINOR);
	}
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, "privacy", "en"), 0);
	ck_assert_uint_eq(count, 352);
	hand_tag(&h, "privacy/fr/3.5000", "not json");
	hand_tag(&h, "privacy/fr/3.6000", "nor this");
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), POLICY_EPARSE);
	ck_assert_str_eq(policy_error_last()->message,
			 "tag privacy/fr/3.5000: the message is not a JSON object");
	by_hand_close(&h);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* How many files under .git/refs/tags (loose tags), in `sub`. */
static int loose_tags(const char *sub)
{
	char path[256];
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "%s/.git/refs/tags/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		return 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(packed_tags_read_the_same)
{
	policy_repo *repo = two_versions();
	const policy_published *list;
	size_t before, after;
	char versions[2][64];

	ck_assert_int_eq(policy_repo_published(&list, &before, repo, "privacy", "en"), 0);
	ck_assert_uint_eq(before, 2);
	snprintf(versions[0], sizeof(versions[0]), "%s", list[0].version_text);
	snprintf(versions[1], sizeof(versions[1]), "%s", list[1].version_text);
	ck_assert_int_gt(loose_tags("privacy/en"), 0);
	ck_assert_int_eq(policy_repo_pack_refs(repo), 0);
	ck_assert_int_eq(loose_tags("privacy/en"), 0);
	reopen(&repo);
	ck_assert_int_eq(policy_repo_published(&list, &after, repo, "privacy", "en"), 0);
	ck_assert_uint_eq(after, before);
	ck_assert_str_eq(list[0].version_text, versions[0]);
	ck_assert_str_eq(list[1].version_text, versions[1]);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* The published list of `repo` as one line per version. */
static void list_text(policy_repo *repo, char *out, size_t size)
{
	const policy_published *list;
	size_t count, used = 0;

	out[0] = '\0';
	ck_assert_int_eq(policy_repo_published(&list, &count, repo, NULL, NULL), 0);
	for (size_t i = 0; i < count; i++) {
		char released[11], effective[11];

		policy_date_format(released, &list[i].released);
		policy_date_format(effective, &list[i].effective);
		used += (size_t)snprintf(
			out + used, size - used, "%s/%s/%s %s [%s] [%s] %s %s %s %u [%s]\n",
			list[i].policy, list[i].locale, list[i].version_text, list[i].commit,
			list[i].title, list[i].summary, released, effective,
			policy_level_name(list[i].level), list[i].categories, list[i].sha256);
		ck_assert_uint_lt(used, size);
	}
}

/* The records of a tag cache's text: lines that begin with two ids. */
static size_t records_in(const char *text)
{
	size_t n = 0;

	for (const char *line = text; line != NULL && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strspn(line, "0123456789abcdef") == 40 && line[40] == ' ' &&
		    strspn(line + 41, "0123456789abcdef") == 40 && line[81] == ' ')
			n++;
	}
	return n;
}

static void write_cache(const char *text, size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/.git/policyctl-tags", dir);
	ck_assert_int_eq(policy_file_write(path, text, len), 0);
}

START_TEST(tag_cache_reads_as_the_tags)
{
	static const char *const damaged[] = {
		"",
		"policyctl tag cache 2\n",
		"policyctl tag cache 2\n0123",
		"policyctl tag cache 9\nanything",
		/* the format before, which held the messages */
		"policyctl tag cache 1\n",
		/* records cut short, with a length past the end, a bad date,
		 * level or category */
		"policyctl tag cache 2\n"
		"0000000000000000000000000000000000000000 "
		"1111111111111111111111111111111111111111 2024-01-01 2024-01-02 minor - 3 0 0 "
		"99999\n"
		"1.0\n\n\n",
		"policyctl tag cache 2\n"
		"0000000000000000000000000000000000000000 "
		"1111111111111111111111111111111111111111 2024-13-01 2024-01-02 minor - 3 0 0 0\n"
		"1.0\n\n\n\n",
		"policyctl tag cache 2\n"
		"0000000000000000000000000000000000000000 "
		"1111111111111111111111111111111111111111 2024-01-01 2024-01-02 huge - 3 0 0 0\n"
		"1.0\n\n\n\n",
		"policyctl tag cache 2\n"
		"0000000000000000000000000000000000000000 "
		"1111111111111111111111111111111111111111 2024-01-01 2024-01-02 minor x 3 0 0 0\n"
		"1.0\n\n\n\n",
		"policyctl tag cache 2\n"
		"0000000000000000000000000000000000000000 "
		"1111111111111111111111111111111111111111 2024-01-01 2024-01-02 minor -",
	};
	policy_repo *repo = two_versions();
	char want[4096], got[4096], path[256];
	policy_buf cache = POLICY_BUF_INIT;

	list_text(repo, want, sizeof(want));
	/* read once, the tags' objects are cached */
	snprintf(path, sizeof(path), "%s/.git/policyctl-tags", dir);
	ck_assert_int_eq(policy_file_read(&cache, path, 1 << 20), 0);
	ck_assert_int_eq(strncmp(cache.ptr, "policyctl tag cache 2\n", 22), 0);
	ck_assert_uint_eq(records_in(cache.ptr), 2);
	reopen(&repo);
	list_text(repo, got, sizeof(got));
	ck_assert_str_eq(got, want);
	/* a damaged or foreign file is not read, and is written anew */
	for (size_t i = 0; i < sizeof(damaged) / sizeof(damaged[0]); i++) {
		write_cache(damaged[i], strlen(damaged[i]));
		reopen(&repo);
		list_text(repo, got, sizeof(got));
		ck_assert_str_eq(got, want);
		ck_assert_int_eq(policy_file_read(&cache, path, 1 << 20), 0);
		ck_assert_uint_eq(records_in(cache.ptr), 2);
	}
	/* a tag added is read from git and cached too */
	{
		by_hand h;

		by_hand_open(&h);
		hand_tag(&h, "privacy/en/9.0",
			 "{\"version\": \"9.0\", \"released\": \"2025-01-01\", "
			 "\"effective\": \"2025-01-02\", \"level\": \"minor\", "
			 "\"summary\": \"nine\"}");
		by_hand_close(&h);
		reopen(&repo);
		list_text(repo, got, sizeof(got));
		ck_assert_ptr_nonnull(strstr(got, "privacy/en/9.0"));
		ck_assert_int_eq(policy_file_read(&cache, path, 1 << 20), 0);
		ck_assert_ptr_nonnull(strstr(cache.ptr, "\n9.0\n\nnine\n\n"));
		ck_assert_uint_eq(records_in(cache.ptr), 3);
		/* and read from the cache as it was from git */
		list_text(repo, want, sizeof(want));
		reopen(&repo);
		list_text(repo, got, sizeof(got));
		ck_assert_str_eq(got, want);
	}
	policy_buf_dispose(&cache);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* The number of tags the cache file of `dir` holds, and its inode. */
static size_t cached_tags(ino_t *inode)
{
	char path[256];
	policy_buf cache = POLICY_BUF_INIT;
	struct stat st;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/.git/policyctl-tags", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	*inode = st.st_ino;
	ck_assert_int_eq(policy_file_read(&cache, path, 1 << 20), 0);
	ck_assert_ptr_nonnull(cache.ptr);
	ck_assert_int_eq(strncmp(cache.ptr, "policyctl tag cache 2\n", 22), 0);
	n = records_in(cache.ptr);
	policy_buf_dispose(&cache);
	return n;
}

/* A tag made after the tags were listed is added to the cache, so the
 * next listing reads none from git and leaves the file as it is; a
 * repository without tags gets a cache for those its publish makes. */
START_TEST(tags_made_are_added_to_the_cache)
{
	policy_repo *repo = two_versions();
	policy_published v = version("3.0", "2024-09-01", "2024-09-15");
	char want[4096], got[4096];
	ino_t before, after;

	list_text(repo, want, sizeof(want));
	ck_assert_uint_eq(cached_tags(&before), 2);
	ck_assert_int_eq(policy_repo_tag(repo, &v), 0);
	ck_assert_uint_eq(cached_tags(&after), 3);
	ck_assert(after == before); /* appended, not rewritten */
	list_text(repo, want, sizeof(want));
	ck_assert_ptr_nonnull(strstr(want, "privacy/en/3.0"));
	reopen(&repo);
	list_text(repo, got, sizeof(got));
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(cached_tags(&after), 3);
	ck_assert(after == before); /* every tag was there: not written again */
	policy_repo_free(repo);
	remove_tree();

	snprintf(dir, sizeof(dir), "/tmp/policyctl-repo-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(policy_repo_init(&repo, dir), 0);
	write_file("policies/privacy/en.md", "version one\n");
	commit_all("1.0");
	list_text(repo, got, sizeof(got));
	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(cached_tags(&before), 0);
	v = version("1.0", "2024-01-01", "2024-01-15");
	ck_assert_int_eq(policy_repo_tag(repo, &v), 0);
	ck_assert_uint_eq(cached_tags(&after), 1);
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

START_TEST(open_and_empty)
{
	policy_repo *repo;
	const policy_published *v;
	policy_buf src = POLICY_BUF_INIT;

	ck_assert_int_eq(policy_repo_open(&repo, "/"), POLICY_ENOTFOUND);
	snprintf(dir, sizeof(dir), "/tmp/policyctl-repo-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(policy_repo_init(&repo, dir), 0);
	ck_assert_int_eq(policy_repo_read_head(&src, repo, "policies/privacy/en.md"),
			 POLICY_ENOTFOUND);
	ck_assert_int_eq(policy_repo_resolve(&v, repo, "privacy/en@latest"), POLICY_ENOTFOUND);
	ck_assert_ptr_nonnull(policy_repo_workdir(repo));
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

/* A list handed out stays as it was when a tag is added (it is the
 * repository's, valid until it is freed); the next call sees the tag. */
START_TEST(lists_stay_put)
{
	policy_repo *repo = two_versions();
	const policy_published *before, *after;
	size_t n_before, n_after;
	policy_published v = version("1.5", "2024-03-01", "2024-03-15");

	ck_assert_int_eq(policy_repo_published(&before, &n_before, repo, NULL, NULL), 0);
	ck_assert_uint_eq(n_before, 2);
	ck_assert_int_eq(policy_repo_tag(repo, &v), 0);
	ck_assert_uint_eq(n_before, 2);
	ck_assert_str_eq(before[0].version_text, "1.0");
	ck_assert_str_eq(before[1].version_text, "2.0");
	ck_assert_int_eq(policy_repo_published(&after, &n_after, repo, NULL, NULL), 0);
	ck_assert_uint_eq(n_after, 3);
	ck_assert_ptr_ne(after, before);
	ck_assert_str_eq(after[1].version_text, "1.5");
	ck_assert_str_eq(after[2].version_text, "2.0");
	policy_repo_free(repo);
	remove_tree();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("repo");
	TCase *t = tcase_create("repo");
	int rc;

	git_libgit2_init();
	tcase_add_test(t, tags_are_versions);
	tcase_add_test(t, tags_never_move);
	tcase_add_test(t, lists_stay_put);
	tcase_add_test(t, tag_with_unknown_level);
	tcase_add_test(t, references);
	tcase_add_test(t, bad_tags_are_reported);
	tcase_add_test(t, many_tags);
	tcase_add_test(t, packed_tags_read_the_same);
	tcase_add_test(t, tag_cache_reads_as_the_tags);
	tcase_add_test(t, tags_made_are_added_to_the_cache);
	tcase_add_test(t, open_and_empty);
	suite_add_tcase(s, t);
	rc = run_suite(s);
	git_libgit2_shutdown();
	return rc;
}
