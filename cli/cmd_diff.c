/*
 * policyctl diff: compare two versions of a policy given as files. Prints
 * the level, the findings and a redline; exit 1 when --fail-on LEVEL is
 * reached, so a policy repository can gate merges on it.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policyctl.h"

typedef struct {
	cli_loaded loaded;
	const char *path;
	const char *repo_dir;
} load_job;

static void *load_job_run(void *arg)
{
	load_job *j = arg;

	cli_load_quiet(&j->loaded, j->path, j->repo_dir, "diff");
	return NULL;
}

/* Parse OLD on a second thread while NEW is parsed on this one: parsing
 * is most of a diff's time, and the two are independent. Problems are
 * reported afterwards, OLD's first. */
static int load_both(policy_doc **a, policy_doc **b, const char *old_path, const char *new_path,
		     const char *repo_dir)
{
	load_job old_job, new_job;
	pthread_t thread;
	int threaded, rc;

	old_job.path = old_path;
	new_job.path = new_path;
	old_job.repo_dir = new_job.repo_dir = repo_dir;
	threaded = pthread_create(&thread, NULL, load_job_run, &old_job) == 0;
	if (!threaded)
		load_job_run(&old_job);
	load_job_run(&new_job);
	if (threaded)
		pthread_join(thread, NULL);
	*a = old_job.loaded.doc;
	*b = new_job.loaded.doc;
	rc = cli_report_load(&old_job.loaded);
	return rc != EXIT_OK ? rc : cli_report_load(&new_job.loaded);
}

/* Two files read together: what both share is parsed once at most
 * (policy_diff_load). Not for the redline, which shows the text of every
 * section: it is quicker parsed whole, both versions at once. Problems
 * are reported as load_both() reports them. */
static int load_pair(policy_doc **a, policy_doc **b, const char *old_path, const char *new_path)
{
	cli_loaded l[2];
	int rc;

	cli_load_pair_quiet(l, old_path, new_path, "diff");
	*a = l[0].doc;
	*b = l[1].doc;
	rc = cli_report_load(&l[0]);
	return rc != EXIT_OK ? rc : cli_report_load(&l[1]);
}

static void *free_doc(void *doc)
{
	policy_doc_free(doc);
	return NULL;
}

/* Free both sources, OLD on a second thread: a large policy's tree takes
 * a while to free. */
static void free_both(policy_doc *a, policy_doc *b)
{
	pthread_t thread;

	if (a != NULL && pthread_create(&thread, NULL, free_doc, a) == 0) {
		policy_doc_free(b);
		pthread_join(thread, NULL);
		return;
	}
	policy_doc_free(a);
	policy_doc_free(b);
}

int cmd_diff(int argc, char **argv)
{
	cli_getopt g;
	policy_diff_format format = POLICY_DIFF_TEXT;
	policy_level fail_on = POLICY_LEVEL_CONSENT;
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	policy_buf out = POLICY_BUF_INIT;
	const char *output = NULL, *color = "auto", *template_dir = NULL, *repo_dir = NULL;
	char *found_templates = NULL;
	int c, rc, fail = 0, use_color;

	cli_getopt_start(&g, "diff");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'f':
			if (policy_diff_format_from_name(&format, optarg) < 0)
				return cli_usage_error("diff", "--format: %s",
						       policy_error_last()->message);
			break;
		case 'j':
			format = POLICY_DIFF_JSON;
			break;
		case 'F':
			if (policy_level_from_name(&fail_on, optarg) < 0)
				return cli_usage_error("diff", "--fail-on: %s",
						       policy_error_last()->message);
			fail = 1;
			break;
		case 'c':
			if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0)
				return cli_usage_error("diff",
						       "--color takes auto, always or never");
			color = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 't':
			template_dir = optarg;
			break;
		case 'r':
			repo_dir = optarg;
			break;
		case 'h':
			return cli_help("diff");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("diff", "give OLD and NEW");
	if (template_dir == NULL && format == POLICY_DIFF_HTML)
		template_dir = found_templates = cli_find_templates(argv[optind + 1]);
	/* before anything is read: the module reads it all again */
	if (format == POLICY_DIFF_HTML &&
	    cli_run_xml_for_template(argc, argv, template_dir, "redline.html", &rc))
		goto done;
	if (format != POLICY_DIFF_HTML && access(argv[optind], F_OK) == 0 &&
	    access(argv[optind + 1], F_OK) == 0)
		rc = load_pair(&a, &b, argv[optind], argv[optind + 1]);
	else
		rc = load_both(&a, &b, argv[optind], argv[optind + 1], repo_dir);
	if (rc != EXIT_OK)
		goto done;
	if (policy_diff_new(&diff, a, b) < 0) {
		rc = cli_library_error("diff");
		goto done;
	}
	use_color = strcmp(color, "always") == 0 ||
		    (strcmp(color, "auto") == 0 && output == NULL && isatty(STDOUT_FILENO) &&
		     getenv("NO_COLOR") == NULL);
	if (policy_diff_render(&out, diff, format, format == POLICY_DIFF_TEXT && use_color,
			       template_dir) < 0) {
		rc = cli_library_error("diff");
		goto done;
	}
	rc = cli_write_output(output, &out);
	if (rc == EXIT_OK && fail && policy_diff_level(diff) >= fail_on)
		rc = EXIT_FOUND;
done:
	free(found_templates);
	policy_buf_dispose(&out);
	if (cli_frees_documents()) {
		policy_diff_free(diff);
		free_both(a, b);
	}
	return rc;
}
