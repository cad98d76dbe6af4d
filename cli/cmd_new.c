/*
 * policyctl new VERSION: start the next version of a policy. In every
 * locale's source (policies/<policy>/<locale>.md of the working tree),
 * the front matter's version becomes VERSION, released today (or --now)
 * and effective the earliest day the notice period allows a major change
 * to take effect (released + notice_days); the last version's summary
 * goes, since it told that change; the text stays as it is.
 * VERSION must be above the source's version and every published one.
 * Every source is checked before any is written, and each is written
 * whole (a temporary file renamed over it).
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "policyctl.h"

#define LOCALES_MAX 32

/* The one policy under policies/, into `out`; EXIT_USAGE reported when
 * there is none or more than one. */
static int only_policy(const char *top, char *out, size_t size)
{
	char dir[PATH_MAX];
	DIR *d;
	struct dirent *e;
	int found = 0;

	snprintf(dir, sizeof(dir), "%spolicies", top);
	if ((d = opendir(dir)) == NULL)
		return cli_error("new", "%s: no policies/ directory", top);
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX + NAME_MAX + 2];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (found++ == 0)
			snprintf(out, size, "%s", e->d_name);
	}
	closedir(d);
	if (found != 1)
		return cli_usage_error("new",
				       found ? "policies/ holds %d policies; give --policy"
					     : "policies/ holds no policy (%d)",
				       found);
	return EXIT_OK;
}

/* Append "key: value\n". */
static int put_line(policy_buf *out, const char *key, const char *value)
{
	int rc = policy_buf_append(out, key, strlen(key));

	if (rc == 0)
		rc = policy_buf_append(out, ": ", 2);
	if (rc == 0)
		rc = policy_buf_append(out, value, strlen(value));
	return rc == 0 ? policy_buf_append(out, "\n", 1) : rc;
}

/* `src` with the value of `key` in its front matter (the lines between
 * the opening and the closing ---) replaced, or the line added before the
 * closing ---, into the empty `out`; with `value` NULL, the line removed.
 * A value on more lines than its key's is not expected here: version,
 * dates and a summary are one line each in the sources policyctl writes. */
static int set_key(policy_buf *out, const char *src, size_t len, const char *key, const char *value)
{
	size_t klen = strlen(key), i = 4, end;
	const char *close = strstr(src + 3, "\n---");
	int done = 0, rc = 0;

	if (strncmp(src, "---\n", 4) != 0 || close == NULL)
		return POLICY_EPARSE;
	end = (size_t)(close - src) + 1;
	rc = policy_buf_append(out, src, 4); /* `out` is empty */
	while (rc == 0 && i < end) {
		const char *nl = memchr(src + i, '\n', end - i);
		size_t n = nl ? (size_t)(nl - (src + i)) + 1 : end - i;

		if (!done && n > klen && strncmp(src + i, key, klen) == 0 && src[i + klen] == ':' &&
		    value == NULL) {
			done = 1; /* the line goes */
		} else if (!done && n > klen && strncmp(src + i, key, klen) == 0 &&
			   src[i + klen] == ':') {
			rc = put_line(out, key, value);
			done = 1;
		} else {
			rc = policy_buf_append(out, src + i, n);
		}
		i += n;
	}
	if (rc == 0 && !done && value != NULL)
		rc = put_line(out, key, value);
	if (rc == 0)
		rc = policy_buf_append(out, src + end, len - end);
	return rc;
}

typedef struct {
	char path[PATH_MAX + NAME_MAX + 2];
	policy_buf text; /* the new source */
} change;

/* Prepare the new source of one locale; EXIT_OK or EXIT_USAGE reported. */
static int prepare(change *ch, const policy_version *want, const char *version,
		   const char *released, const char *effective)
{
	policy_buf src = POLICY_BUF_INIT, a = POLICY_BUF_INIT, b = POLICY_BUF_INIT,
		   c = POLICY_BUF_INIT;
	policy_doc *doc = NULL;
	char quoted[40];
	int rc = EXIT_OK;

	/* read once: parsed for its version, rewritten as it is */
	if (policy_file_read(&src, ch->path, POLICY_DOC_MAX_SIZE) < 0 ||
	    policy_doc_parse(&doc, ch->path, src.ptr ? src.ptr : "", src.size, NULL) < 0) {
		rc = cli_library_error("new");
	} else if (policy_doc_usable(doc) < 0) {
		rc = cli_error("new", "%s: fix the errors `policyctl check` reports first",
			       ch->path);
	} else if (policy_version_cmp(want, &policy_doc_meta(doc)->version) <= 0) {
		rc = cli_usage_error("new", "%s: %s is not above the source's version %s", ch->path,
				     version, policy_doc_meta(doc)->version_text);
	} else {
		snprintf(quoted, sizeof(quoted), "\"%s\"", version);
		/* the summary told the last change; this one has none yet */
		if (set_key(&a, src.ptr, src.size, "version", quoted) < 0 ||
		    set_key(&b, a.ptr, a.size, "released", released) < 0 ||
		    set_key(&c, b.ptr, b.size, "effective", effective) < 0 ||
		    set_key(&ch->text, c.ptr, c.size, "summary", NULL) < 0)
			rc = cli_error("new", "%s: the front matter could not be rewritten",
				       ch->path);
	}
	policy_doc_free(doc);
	policy_buf_dispose(&src);
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
	policy_buf_dispose(&c);
	return rc;
}

int cmd_new(int argc, char **argv)
{
	change ch[LOCALES_MAX];
	size_t n = 0;
	char policy[NAME_MAX + 1], dir[PATH_MAX], released[11], effective[11];
	policy_repo *repo = NULL;
	policy_config *config = NULL;
	const policy_published *list;
	policy_version want;
	policy_date eff;
	size_t count;
	const char *top;
	cli_scope o;
	struct dirent **entries = NULL;
	int names = 0, rc;

	if ((rc = cli_parse_scope(&o, argc, argv, "new")) != EXIT_OK || o.help)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("new", "give the new VERSION, like 2.1");
	if (policy_version_parse(&want, argv[optind]) < 0)
		return cli_usage_error("new", "%s", policy_error_last()->message);
	if ((rc = cli_open_repo(&repo, o.repo, "new")) != EXIT_OK)
		return rc;
	if ((top = policy_repo_workdir(repo)) == NULL) {
		rc = cli_error("new", "the repository is bare: no sources to change");
		goto done;
	}
	if (o.policy != NULL)
		snprintf(policy, sizeof(policy), "%s", o.policy);
	else if ((rc = only_policy(top, policy, sizeof(policy))) != EXIT_OK)
		goto done;
	if ((rc = cli_load_config_at(&config, top)) != EXIT_OK)
		goto done;
	/* above every published version of the policy */
	if (policy_repo_published(&list, &count, repo, policy, NULL) < 0) {
		rc = cli_library_error("new");
		goto done;
	}
	for (size_t i = 0; i < count; i++)
		if (policy_version_cmp(&want, &list[i].version) <= 0) {
			rc = cli_usage_error("new",
					     "%s/%s %s is published already; give a higher version",
					     list[i].policy, list[i].locale, list[i].version_text);
			goto done;
		}
	eff = policy_date_from_days(policy_date_to_days(&o.now) +
				    (long)(config ? policy_config_notice_days(config) : 0));
	policy_date_format(released, &o.now);
	policy_date_format(effective, &eff);
	snprintf(dir, sizeof(dir), "%spolicies/%s", top, policy);
	if ((names = scandir(dir, &entries, NULL, alphasort)) < 0) {
		rc = cli_error("new", "%s: no such policy", dir);
		goto done;
	}
	for (int k = 0; k < names && rc == EXIT_OK; k++) {
		const char *name = entries[k]->d_name;
		size_t len = strlen(name);

		if (len < 4 || strcmp(name + len - 3, ".md") != 0 ||
		    (o.locale &&
		     (len - 3 != strlen(o.locale) || strncmp(name, o.locale, len - 3) != 0)))
			continue;
		if (n == LOCALES_MAX) {
			rc = cli_error("new", "%s: more than %d locales", dir, LOCALES_MAX);
			break;
		}
		snprintf(ch[n].path, sizeof(ch[n].path), "%s/%s", dir, name);
		ch[n].text = (policy_buf)POLICY_BUF_INIT;
		rc = prepare(&ch[n++], &want, argv[optind], released, effective);
	}
	if (rc == EXIT_OK && n == 0)
		rc = cli_usage_error("new", "%s holds no source%s%s", dir, o.locale ? " for " : "",
				     o.locale ? o.locale : "");
	/* every source checked: now write them */
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		if (policy_file_write(ch[i].path, ch[i].text.ptr, ch[i].text.size) < 0)
			rc = cli_library_error("new");
		else
			printf("%s: version %s, released %s, effective %s; add this change's "
			       "summary: before publishing\n",
			       ch[i].path, argv[optind], released, effective);
	}
done:
	for (size_t i = 0; i < n; i++)
		policy_buf_dispose(&ch[i].text);
	for (int k = 0; k < names; k++)
		free(entries[k]);
	free(entries);
	policy_config_free(config);
	policy_repo_free(repo);
	return rc;
}
