/*
 * diff-notice OLD.md NEW.md: compare two versions of a policy and say what
 * an app owes a user who accepted the old one (none, a prominent notice,
 * or consent again), with the findings behind it.
 *
 * Built against the installed library:
 *   cc diff-notice.c $(pkg-config --cflags --libs libpolicy) -o diff-notice
 */
#include <policy.h>
#include <stdio.h>

static int fail(const char *what)
{
	const policy_error *e = policy_error_last();

	fprintf(stderr, "diff-notice: %s: %s%s%s\n", what, e->file ? e->file : "",
		e->file ? ": " : "", e->message);
	return 2;
}

int main(int argc, char **argv)
{
	policy_doc *old_doc = NULL, *new_doc = NULL;
	policy_diff *diff = NULL;
	int rc = 2;

	if (argc != 3) {
		fprintf(stderr, "usage: diff-notice OLD.md NEW.md\n");
		return 2;
	}
	/* NULL options: the defaults (built-in keyword rules, today's date) */
	if (policy_doc_load(&old_doc, argv[1], NULL) < 0 || policy_doc_usable(old_doc) < 0) {
		rc = fail(argv[1]);
		goto done;
	}
	if (policy_doc_load(&new_doc, argv[2], NULL) < 0 || policy_doc_usable(new_doc) < 0) {
		rc = fail(argv[2]);
		goto done;
	}
	if (policy_diff_new(&diff, old_doc, new_doc) < 0) {
		rc = fail("diff");
		goto done;
	}
	printf("%s -> %s: level %s, notice %s\n", policy_doc_meta(old_doc)->version_text,
	       policy_doc_meta(new_doc)->version_text, policy_level_name(policy_diff_level(diff)),
	       policy_notice_name(policy_notice_for_level(policy_diff_level(diff))));
	for (size_t i = 0; i < policy_diff_finding_count(diff); i++) {
		const policy_finding *f = policy_diff_finding_at(diff, i);

		/* a fact's finding has a sentence; a section's, its change and title */
		if (f->message != NULL)
			printf("  %-9s %s [%s]\n", policy_level_name(f->level), f->message,
			       f->rule);
		else
			printf("  %-9s %s %s [%s]\n", policy_level_name(f->level), f->change,
			       f->title ? f->title : "(front matter)", f->rule);
	}
	rc = 0;
done:
	policy_diff_free(diff);
	policy_doc_free(new_doc);
	policy_doc_free(old_doc);
	return rc;
}
