/*
 * What the light `policyctl` links instead of the parts of libpolicy that
 * would load heavy libraries (cli/exec.c). policyctl hands a Word file to
 * policyctl-full before it is read, so this is never reached there; its
 * definition keeps the linker from taking lib/import/import_docx.c, and
 * libarchive with it.
 */
#include "error.h"
#include "import_internal.h"

int policy__import_docx(import_doc *d, const char *data, size_t len, const char *name)
{
	(void)d;
	(void)data;
	(void)len;
	return policy__error_set(POLICY_EINVALID, "%s: a Word file is read by policyctl-full",
				 name);
}
