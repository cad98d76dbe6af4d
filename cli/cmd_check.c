/*
 * policyctl check: lint sources. Reports every problem of every file (and
 * the disagreements between a policy's locales), as lines on stderr or as
 * one JSON object on stdout with --json. Exit 1 when any error is found.
 * A source in a policy repository (a policyctl.yaml in a git working tree)
 * also gets publish's checks against the published versions, so check
 * passes only what publish will take; reading those needs libgit2, so
 * policyctl hands such a check to policyctl-full.
 */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policyctl.h"

typedef struct {
	char **paths;
	size_t count;
	size_t cap;
} path_list;

static int add_path(path_list *l, const char *path)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->paths, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		l->paths = p;
		l->cap = cap;
	}
	if ((l->paths[l->count] = strdup(path)) == NULL)
		return -1;
	l->count++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.md below `dir`, hidden entries skipped, in sorted order. */
static int walk(path_list *l, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	int rc = 0;

	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name);
		char *path;
		struct stat st;

		if (rc == 0 && name[0] != '.') {
			path = malloc(strlen(dir) + len + 2);
			if (path == NULL) {
				rc = -1;
			} else {
				snprintf(path, strlen(dir) + len + 2, "%s/%s", dir, name);
				if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
					rc = walk(l, path);
				else if (len > 3 && strcmp(name + len - 3, ".md") == 0)
					rc = add_path(l, path);
				free(path);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static void count(const policy_diags *diags, size_t *errors, size_t *warnings, json_t *arr)
{
	for (size_t i = 0; i < policy_diags_count(diags); i++) {
		const policy_diag *d = policy_diags_at(diags, i);

		if (d->severity == POLICY_SEVERITY_WARNING)
			(*warnings)++;
		else
			(*errors)++;
		if (arr != NULL)
			json_array_append_new(arr, cli_diag_json(d));
		else
			cli_print_diag(stderr, d);
	}
}

/* The root of the policy repository holding `file` (malloc'd): its
 * root (cli_find_root) when that holds policyctl.yaml, in a git working
 * tree (.git there or above); NULL otherwise. */
static char *policy_repo_root(const char *file)
{
	char *root = cli_find_root(file), probe[PATH_MAX + 32];
	int found = 0;

	if (root == NULL)
		return NULL;
	snprintf(probe, sizeof(probe), "%s/policyctl.yaml", root);
	if (access(probe, F_OK) == 0) {
		/* root, then each directory above it, until one holds .git */
		size_t n = (size_t)snprintf(probe, sizeof(probe), "%s", root);

		while (!found && n < sizeof(probe) - 6) {
			char *slash;

			memcpy(probe + n, "/.git", 6);
			found = access(probe, F_OK) == 0;
			probe[n] = '\0';
			if ((slash = strrchr(probe, '/')) == NULL || slash == probe)
				break;
			n = (size_t)(slash - probe);
			*slash = '\0';
		}
	}
	if (!found) {
		free(root);
		return NULL;
	}
	return root;
}

#ifdef POLICYCTL_FULL
/* The repository the last source checked against its published versions
 * came from, kept open while the sources come from it. */
typedef struct {
	char *root;
	policy_repo *repo;
} published_repo;

/* Publish's checks of one source in a policy repository against its
 * published versions, with that repository's settings. 0, or -1 with the
 * library's error to report. */
static int check_published(published_repo *pr, policy_diags *out, const policy_config *config,
			   const policy_doc *doc, const char *path)
{
	policy_buf data = POLICY_BUF_INIT;
	char *root;
	int rc = 0;

	if (!policy_doc_meta(doc)->in_layout || (root = policy_repo_root(path)) == NULL)
		return 0;
	if (pr->root == NULL || strcmp(root, pr->root) != 0) {
		policy_repo_free(pr->repo);
		pr->repo = NULL;
		free(pr->root);
		pr->root = root;
		if (policy_repo_open(&pr->repo, root) < 0)
			return -1;
	} else {
		free(root);
	}
	/* its bytes again, for the hash the tags record */
	if (policy_file_read(&data, path, POLICY_DOC_MAX_SIZE) < 0 ||
	    policy_publish_check_source(out, pr->repo, config, doc, data.ptr ? data.ptr : "",
					data.size) < 0)
		rc = -1;
	policy_buf_dispose(&data);
	return rc;
}
#endif

/* The settings of the repository of the file being checked, kept while
 * the files come from the same repository. */
typedef struct {
	char *root;
	policy_config *config;
} settings;

/* Load the settings for `file` unless they are loaded; a broken
 * policyctl.yaml is one more problem to report (the built-in keyword
 * rules apply meanwhile). 0 or POLICY_ENOMEM. */
static int settings_for(settings *s, const char *file, policy_diags *out)
{
	char *root = cli_find_root(file);
	const policy_error *e;
	policy_diag d;

	if (root == NULL || (s->root != NULL && strcmp(root, s->root) == 0)) {
		free(root);
		return 0;
	}
	free(s->root);
	policy_config_free(s->config);
	s->root = root;
	if (cli_load_config_at(&s->config, root) == EXIT_OK)
		return 0;
	e = policy_error_last();
	if (e->code == POLICY_ENOMEM)
		return POLICY_ENOMEM;
	d.severity = POLICY_SEVERITY_ERROR;
	d.code = "config";
	d.file = e->file ? e->file : root;
	d.line = e->line ? e->line : 1;
	d.message = e->message;
	return policy_diags_add(out, &d);
}

int cmd_check(int argc, char **argv)
{
	cli_getopt g;
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	path_list files = {NULL, 0, 0};
	policy_doc **docs = NULL;
	policy_diags *cross = NULL, *published = NULL; /* between files; publish's checks */
#ifdef POLICYCTL_FULL
	published_repo pr = {NULL, NULL};
#else
	char *repo_root;
#endif
	settings cfg = {NULL, NULL};
	json_t *jdiags = NULL;
	size_t ndocs = 0, errors = 0, warnings = 0;
	int json = 0, c, rc = EXIT_OK;

	cli_getopt_start(&g, "check");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'n':
			if (cli_parse_date(&opts.now, "check", optarg) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h':
			return cli_help("check");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (optind == argc) {
		struct stat st;

		if (stat("policies", &st) != 0 || !S_ISDIR(st.st_mode))
			return cli_usage_error("check",
					       "no FILE given and no policies/ directory here");
		if (walk(&files, "policies") < 0)
			goto oom;
	}
	for (int i = optind; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			rc = cli_usage_error("check", "%s: no such file or directory", argv[i]);
			goto done;
		}
		if ((S_ISDIR(st.st_mode) ? walk(&files, argv[i]) : add_path(&files, argv[i])) < 0)
			goto oom;
	}
	if (files.count > 1 && optind == argc)
		qsort(files.paths, files.count, sizeof(char *), cmp_str);
#ifndef POLICYCTL_FULL
	for (size_t i = 0; i < files.count; i++)
		if ((repo_root = policy_repo_root(files.paths[i])) != NULL) {
			free(repo_root);
			rc = cli_exec_full(argc, argv); /* returns only when it cannot */
			goto done;
		}
#endif

	docs = calloc(files.count ? files.count : 1, sizeof(*docs));
	if (docs == NULL || policy_diags_new(&cross) < 0 || policy_diags_new(&published) < 0)
		goto oom;
	if (json && (jdiags = json_array()) == NULL)
		goto oom;
	for (size_t i = 0; i < files.count; i++) {
		if (settings_for(&cfg, files.paths[i], cross) < 0)
			goto oom;
		opts.rules = cfg.config ? policy_config_rules(cfg.config) : NULL;
		if (policy_doc_load(&docs[ndocs], files.paths[i], &opts) < 0) {
			rc = cli_library_error("check");
			goto done;
		}
		count(policy_doc_diags(docs[ndocs]), &errors, &warnings, jdiags);
#ifdef POLICYCTL_FULL
		if (check_published(&pr, published, cfg.config, docs[ndocs], files.paths[i]) < 0) {
			rc = cli_library_error("check");
			ndocs++;
			goto done;
		}
#endif
		ndocs++;
	}
	if (policy_check_locales(cross, (const policy_doc *const *)docs, ndocs) < 0)
		goto oom;
	count(cross, &errors, &warnings, jdiags);
	count(published, &errors, &warnings, jdiags);

	if (json) {
		json_t *o = json_pack("{s:i, s:i, s:i, s:O}", "files", (json_int_t)ndocs, "errors",
				      (json_int_t)errors, "warnings", (json_int_t)warnings,
				      "diagnostics", jdiags);

		if (cli_print_json(o) != EXIT_OK)
			goto oom;
	} else {
		fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s\n", ndocs,
			ndocs == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
			warnings == 1 ? "" : "s");
	}
	rc = errors > 0 ? EXIT_FOUND : EXIT_OK;
	goto done;
oom:
	fprintf(stderr, "policyctl check: out of memory\n");
	rc = EXIT_USAGE;
done:
	for (size_t i = 0; i < ndocs; i++)
		policy_doc_free(docs[i]);
	free(docs);
	for (size_t i = 0; i < files.count; i++)
		free(files.paths[i]);
	free(files.paths);
	policy_diags_free(cross);
	policy_diags_free(published);
#ifdef POLICYCTL_FULL
	policy_repo_free(pr.repo);
	free(pr.root);
#endif
	free(cfg.root);
	policy_config_free(cfg.config);
	json_decref(jdiags);
	return rc;
}
