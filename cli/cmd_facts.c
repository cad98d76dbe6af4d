/*
 * policyctl facts: the privacy facts a version states (policy/facts.h),
 * grouped by kind, or as JSON with the section and sentence of each.
 */
#include <getopt.h>
#include <stdio.h>

#include "policyctl.h"

static void print_facts(const policy_facts *facts)
{
	for (int k = 0; k < POLICY_FACT_KIND_COUNT; k++) {
		int header = 0;

		for (size_t i = 0; i < policy_facts_count(facts); i++) {
			const policy_fact *f = policy_facts_at(facts, i);

			if ((int)f->kind != k)
				continue;
			if (!header)
				printf("%s:\n", policy_facts_kind_name((policy_fact_kind)k));
			header = 1;
			printf("  %s", f->negated ? "not " : "");
			cli_put_text(stdout, f->text);
			if (f->label != NULL)
				printf(" (%s%s)", f->label, f->sensitive ? ", sensitive" : "");
			printf("  [");
			cli_put_text(stdout, f->section);
			printf("]\n");
		}
	}
}

int cmd_facts(int argc, char **argv)
{
	cli_getopt g;
	const char *repo_dir = NULL;
	policy_doc *doc = NULL;
	policy_facts *facts = NULL;
	int c, rc, json = 0;

	cli_getopt_start(&g, "facts");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'r':
			repo_dir = optarg;
			break;
		case 'h':
			return cli_help("facts");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("facts", "give exactly one FILE or REF");
	if ((rc = cli_load_doc(&doc, argv[optind], repo_dir, "facts")) != EXIT_OK)
		goto done;
	if (policy_facts_read(&facts, doc) < 0) {
		rc = cli_library_error("facts");
		goto done;
	}
	if (json) {
		policy_buf out = POLICY_BUF_INIT;

		rc = policy_facts_json(&out, doc) < 0 ? cli_library_error("facts")
						      : cli_write_output(NULL, &out);
		policy_buf_dispose(&out);
	} else {
		print_facts(facts);
	}
done:
	policy_facts_free(facts);
	policy_doc_free(doc);
	return rc;
}
