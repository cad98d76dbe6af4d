/* Import of text or HTML (IMPORT_FORMAT, set by the build): whatever
 * comes in, a source or a clear error. */
#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	policy_import_options opts = POLICY_IMPORT_OPTIONS_INIT;
	policy_import *r = NULL;

	opts.format = IMPORT_FORMAT;
	opts.name = "fuzz";
	opts.today.year = 2025;
	opts.today.month = 1;
	opts.today.day = 1;
	if (policy_import_parse(&r, (const char *)data, size, &opts) == 0)
		(void)policy_import_source(r, NULL);
	policy_import_free(r);
	return 0;
}
