/* Runs a fuzz harness (fuzz/fuzz-*.c) over every file of a directory:
 * the inputs that once crashed it, kept as regression tests. Without
 * libFuzzer, in the ordinary build and the sanitizer build alike.
 * Usage: fuzz-replay-HARNESS DIR */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (argc != 2 || (d = opendir(argv[1])) == NULL) {
		fprintf(stderr, "usage: fuzz-replay DIR\n");
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		policy_buf data = POLICY_BUF_INIT;
		char path[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		if (policy_file_read(&data, path, 1u << 26) < 0) {
			fprintf(stderr, "%s: cannot read\n", path);
			closedir(d);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)(data.ptr ? data.ptr : ""), data.size);
		policy_buf_dispose(&data);
		printf("replayed %s\n", path);
		n++;
	}
	closedir(d);
	printf("%d passed, 0 failed\n", n);
	return 0;
}
