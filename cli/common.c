#define _DEFAULT_SOURCE /* madvise */
/*
 * Helpers every command shares: reporting errors and diagnostics in one
 * format, writing output all or nothing, finding the policy repository a
 * file belongs to, its settings and its templates.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policyctl.h"

/* The library's last error as one line: "file:line: message". */
static void format_error(char *buf, size_t size, const char *what)
{
	const policy_error *e = policy_error_last();

	if (e->file != NULL && e->line > 0)
		snprintf(buf, size, "%s:%u: %s\n", e->file, e->line, e->message);
	else if (e->file != NULL)
		snprintf(buf, size, "%s: %s\n", e->file, e->message);
	else
		snprintf(buf, size, "policyctl %s: %s\n", what, e->message);
}

int cli_library_error(const char *what)
{
	char line[1200];

	format_error(line, sizeof(line), what);
	fputs(line, stderr);
	return EXIT_USAGE;
}

void cli_put_text(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			fprintf(out, "\\x%02x", s[i]);
		else if (s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			fprintf(out, "\\u%04x", s[++i]);
		else
			fputc(s[i], out);
	}
}

void cli_print_diag(FILE *out, const policy_diag *d)
{
	fprintf(out, "%s:%u: %s[%s]: ", d->file, d->line,
		d->severity == POLICY_SEVERITY_WARNING ? "warning" : "error", d->code);
	cli_put_text(out, d->message);
	fputc('\n', out);
}

int cli_parse_scope(cli_scope *scope, int argc, char **argv, const char *command)
{
	cli_getopt g;
	int c;

	memset(scope, 0, sizeof(*scope));
	scope->now = policy_date_today();
	cli_getopt_start(&g, command);
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'r':
			scope->repo = optarg;
			break;
		case 'p':
			scope->policy = optarg;
			break;
		case 'l':
			scope->locale = optarg;
			break;
		case 's':
			scope->since = optarg;
			break;
		case 'n':
			if (cli_parse_date(&scope->now, command, optarg) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'j':
			scope->json = 1;
			break;
		case 'h':
			scope->help = 1;
			return cli_help(command);
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (scope->locale != NULL && scope->policy == NULL)
		return cli_usage_error(command, "--locale needs --policy");
	return EXIT_OK;
}

json_t *cli_diag_json(const policy_diag *d)
{
	return json_pack("{s:s, s:i, s:s, s:s, s:s}", "file", d->file, "line", (json_int_t)d->line,
			 "severity", d->severity == POLICY_SEVERITY_WARNING ? "warning" : "error",
			 "code", d->code, "message", d->message);
}

int cli_print_json(json_t *o)
{
	char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	policy_buf out = POLICY_BUF_INIT;
	int rc;

	json_decref(o);
	if (text == NULL) {
		fprintf(stderr, "policyctl: out of memory\n");
		return EXIT_USAGE;
	}
	if (policy_buf_append(&out, text, strlen(text)) < 0 || policy_buf_append(&out, "\n", 1) < 0)
		rc = cli_library_error("json");
	else
		rc = cli_write_output(NULL, &out);
	policy_buf_dispose(&out);
	free(text);
	return rc;
}

#ifdef POLICYCTL_FULL
int cli_open_repo(policy_repo **out, const char *dir, const char *command)
{
	if (policy_repo_open(out, dir) < 0)
		return cli_library_error(command);
	return EXIT_OK;
}
#endif

void cli_print_categories(FILE *out, unsigned categories)
{
	const char *sep = "";

	for (unsigned i = 0; i < POLICY_CATEGORY_COUNT; i++) {
		if (!(categories & policy_category_at(i)))
			continue;
		fprintf(out, "%s%s", sep, policy_category_name(policy_category_at(i)));
		sep = ", ";
	}
}

json_t *cli_categories_json(unsigned categories)
{
	json_t *a = json_array();

	for (unsigned i = 0; a != NULL && i < POLICY_CATEGORY_COUNT; i++)
		if (categories & policy_category_at(i))
			json_array_append_new(
				a, json_string(policy_category_name(policy_category_at(i))));
	return a;
}

static void loaded_init(cli_loaded *l)
{
	l->doc = NULL;
	l->error[0] = '\0';
	l->status = EXIT_OK;
}

/* The library's last error into l, for `command`. */
static void loaded_failed(cli_loaded *l, const char *command)
{
	format_error(l->error, sizeof(l->error), command);
	l->status = EXIT_USAGE;
}

#ifdef POLICYCTL_FULL
/* A published version, read from its tag. */
static void load_ref(cli_loaded *l, const char *ref, const char *repo_dir, const char *command)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_config *config = NULL;
	policy_repo *repo = NULL;
	const policy_published *v;
	const char *top;

	if (policy_repo_open(&repo, repo_dir) < 0 || policy_repo_resolve(&v, repo, ref) < 0 ||
	    ((top = policy_repo_workdir(repo)) != NULL &&
	     cli_load_config_at(&config, top) != EXIT_OK)) {
		loaded_failed(l, command);
		goto done;
	}
	opts.rules = config ? policy_config_rules(config) : NULL;
	if (policy_repo_load_version(&l->doc, NULL, repo, v, &opts) < 0)
		loaded_failed(l, command);
done:
	policy_config_free(config);
	policy_repo_free(repo);
}
#else
/* policyctl hands a published version to policyctl-full before it gets
 * here (cli_needs_full). */
static void load_ref(cli_loaded *l, const char *ref, const char *repo_dir, const char *command)
{
	(void)repo_dir;
	snprintf(l->error, sizeof(l->error),
		 "policyctl %s: %s is a published version: run it with policyctl-full\n", command,
		 ref);
	l->status = EXIT_USAGE;
}
#endif

/* The rules of the repository holding `path` (its policyctl.yaml) into
 * opts, from *config (the caller's to free); EXIT_USAGE, the error in l,
 * when that file does not read. */
static int load_options(cli_loaded *l, const char *path, const char *command,
			policy_config **config, policy_doc_options *opts)
{
	if (cli_load_config(config, path) != EXIT_OK) {
		loaded_failed(l, command);
		return EXIT_USAGE;
	}
	opts->rules = *config ? policy_config_rules(*config) : NULL;
	return EXIT_OK;
}

void cli_load_quiet(cli_loaded *l, const char *path, const char *repo_dir, const char *command)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_config *config = NULL;

	loaded_init(l);
#ifdef POLICYCTL_FULL
	if (policy_repo_is_ref(path) && access(path, F_OK) != 0) {
#else
	if (strchr(path, '@') != NULL && access(path, F_OK) != 0) {
#endif
		load_ref(l, path, repo_dir, command);
		return;
	}
	if (load_options(l, path, command, &config, &opts) != EXIT_OK)
		return;
	if (policy_doc_load(&l->doc, path, &opts) < 0)
		loaded_failed(l, command);
	else if (policy_doc_usable(l->doc) < 0)
		l->status = EXIT_USAGE;
	policy_config_free(config);
}

void cli_load_pair_quiet(cli_loaded l[2], const char *old_path, const char *new_path,
			 const char *command)
{
	policy_doc_options opts[2] = {POLICY_DOC_OPTIONS_INIT, POLICY_DOC_OPTIONS_INIT};
	policy_config *config[2] = {NULL, NULL};

	loaded_init(&l[0]);
	loaded_init(&l[1]);
	if (load_options(&l[0], old_path, command, &config[0], &opts[0]) != EXIT_OK ||
	    load_options(&l[1], new_path, command, &config[1], &opts[1]) != EXIT_OK)
		goto done;
	if (policy_diff_load(&l[0].doc, &l[1].doc, old_path, &opts[0], new_path, &opts[1]) < 0) {
		loaded_failed(&l[0], command);
		goto done;
	}
	for (int i = 0; i < 2; i++)
		if (policy_doc_usable(l[i].doc) < 0)
			l[i].status = EXIT_USAGE;
done:
	policy_config_free(config[0]);
	policy_config_free(config[1]);
}

int cli_report_load(const cli_loaded *l)
{
	const policy_diags *diags;

	if (l->status == EXIT_OK)
		return EXIT_OK;
	if (l->error[0] != '\0') {
		fputs(l->error, stderr);
		return l->status;
	}
	diags = policy_doc_diags(l->doc);
	for (size_t i = 0; i < policy_diags_count(diags); i++)
		if (policy_diags_at(diags, i)->severity == POLICY_SEVERITY_FATAL)
			cli_print_diag(stderr, policy_diags_at(diags, i));
	return l->status;
}

int cli_load_doc(policy_doc **out, const char *path, const char *repo_dir, const char *command)
{
	cli_loaded l;

	cli_load_quiet(&l, path, repo_dir, command);
	*out = l.doc;
	return cli_report_load(&l);
}

int cli_write_output(const char *path, const policy_buf *buf)
{
	if (path != NULL) {
		if (policy_file_write(path, buf->ptr ? buf->ptr : "", buf->size) < 0)
			return cli_library_error("write");
		return EXIT_OK;
	}
	if (buf->size > 0 && fwrite(buf->ptr, 1, buf->size, stdout) != buf->size) {
		fprintf(stderr, "policyctl: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "policyctl: cannot write to standard output: %s\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cli_parse_date(policy_date *out, const char *command, const char *text)
{
	if (policy_date_parse(out, text) < 0)
		return cli_usage_error(command, "--now: %s", policy_error_last()->message);
	return EXIT_OK;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists_in(const char *dir, const char *name)
{
	char path[PATH_MAX + 32];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

/* `dir` (absolute) as messages should name it: relative to the working
 * directory when it lies under it. */
static char *as_named(const char *dir)
{
	char cwd[PATH_MAX];
	size_t n;

	if (getcwd(cwd, sizeof(cwd)) != NULL && (n = strlen(cwd)) > 1 &&
	    strncmp(dir, cwd, n) == 0) {
		if (dir[n] == '\0')
			return strdup(".");
		if (dir[n] == '/')
			return strdup(dir + n + 1);
	}
	return strdup(dir);
}

/* The nearest of `dir` (a real path, changed) and the directories above
 * it that holds policyctl.yaml or .git (malloc'd), or NULL. */
static char *root_from(char *dir)
{
	char *slash;

	for (;;) {
		if (exists_in(dir[0] ? dir : "/", "policyctl.yaml") ||
		    exists_in(dir[0] ? dir : "/", ".git"))
			return as_named(dir[0] ? dir : "/");
		if (dir[0] == '\0' || (slash = strrchr(dir, '/')) == NULL)
			return NULL;
		*slash = '\0';
	}
}

char *cli_find_root(const char *file)
{
	char dir[PATH_MAX];
	char *slash;

	if (realpath(file, dir) == NULL || (slash = strrchr(dir, '/')) == NULL)
		return NULL;
	*slash = '\0'; /* the file's directory */
	return root_from(dir);
}

char *cli_find_root_of_dir(const char *path)
{
	char dir[PATH_MAX];

	return realpath(path, dir) == NULL ? NULL : root_from(dir);
}

char *cli_find_templates(const char *file)
{
	char *root = cli_find_root(file), probe[PATH_MAX + 32];

	if (root == NULL)
		return NULL;
	snprintf(probe, sizeof(probe), "%s/templates", root);
	free(root);
	return is_dir(probe) ? strdup(probe) : NULL;
}

int cli_run_xml_for_template(int argc, char **argv, const char *dir, const char *name, int *rc)
{
#ifdef POLICYCTL_LIGHT
	char path[PATH_MAX + 32];

	if (dir == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, F_OK) != 0)
		return 0;
	*rc = cli_run_xml(argc, argv);
	return 1;
#else
	(void)argc;
	(void)argv;
	(void)dir;
	(void)name;
	(void)rc;
	return 0;
#endif
}

int cli_load_config_at(policy_config **out, const char *root)
{
	char path[PATH_MAX + 32];

	*out = NULL;
	snprintf(path, sizeof(path), "%s/policyctl.yaml", root);
	if (access(path, F_OK) == 0 && policy_config_load(out, path) < 0)
		return EXIT_USAGE;
	return EXIT_OK;
}

int cli_load_config(policy_config **out, const char *file)
{
	char *root = cli_find_root(file);
	int rc;

	*out = NULL;
	if (root == NULL)
		return EXIT_OK;
	rc = cli_load_config_at(out, root);
	free(root);
	return rc;
}

#define HUGE_PAGE (2u << 20)
#define HUGE_HEAP (48u << 20) /* under M_MMAP_THRESHOLD: from the heap */

void cli_heap_for(int argc, char **argv)
{
	/* Documents of a megabyte or more: the heap they are read into is
	 * backed by huge pages (one fault per 2 MB rather than per 4 KB,
	 * where a 2 MB diff spent a quarter of its time). A block is taken
	 * from the top of the heap, advised, and freed: the heap keeps it
	 * (M_TRIM_THRESHOLD above) and the commands' allocations reuse it. */
	unsigned long long bytes = 0;
	struct stat st;
	void *p;

	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-' && stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
			bytes += (unsigned long long)st.st_size;
	if (bytes < (1u << 20) || (p = malloc(HUGE_HEAP)) == NULL)
		return;
	madvise((void *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1)),
		HUGE_HEAP - HUGE_PAGE, MADV_HUGEPAGE); /* advice: no harm when refused */
	free(p);
}

void cli_tune_heap(void)
{
	/* A command reads a document or two, up to 16 MiB each, and exits:
	 * memory it frees is soon asked for again. Left to the defaults,
	 * glibc hands blocks over 128 KiB back to the kernel when freed and
	 * trims the heap's top, and every page is then faulted in again: a
	 * third of a 2 MB diff's time went to page faults. (serve, which
	 * runs for weeks, keeps the defaults.) */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
}

int cli_frees_documents(void)
{
	/* Freeing a 2 MB policy's tree node by node took a twentieth of a
	 * diff's or a render's time, just before exit. */
#if defined(__SANITIZE_ADDRESS__)
	return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return 1;
#else
	return 0;
#endif
#else
	return 0;
#endif
}

void cli_tune_time_zone(void)
{
	/* With TZ unset, glibc checks /etc/localtime again (a stat) at each
	 * conversion to local time, and libzip makes one for each entry of a
	 * bundle it copies: 6,000 for a thousand versions in two locales. Set
	 * to the same file, TZ has it read once. */
	if (getenv("TZ") == NULL)
		setenv("TZ", ":/etc/localtime", 0);
}
