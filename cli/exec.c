/*
 * The two executables of policyctl (docs/architecture.md, "Start-up").
 * `policyctl` links only the layers that read, check, render, diff and
 * import policies, so that those commands do not load libgit2,
 * libmicrohttpd, libarchive and the TLS, SSH and Kerberos libraries they
 * bring (about 40 shared objects, tens of milliseconds of start-up). The
 * commands that need them (a repository, the site, the server, a Word
 * file) run in `policyctl-full`, which has every command: `policyctl`
 * hands it its whole command line with execv, as git runs its helpers.
 * The user sees one command either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policyctl.h"

#ifndef POLICYCTL_LIBEXECDIR
#define POLICYCTL_LIBEXECDIR "/usr/local/libexec/policyctl"
#endif
#define FULL_NAME "policyctl-full"

static char **whole_argv;

void cli_exec_remember(char **argv)
{
	whole_argv = argv;
}

/* Is `path` an executable file? */
static int runnable(const char *path)
{
	return access(path, X_OK) == 0;
}

/* policyctl-full: $POLICYCTL_FULL, else beside this executable (the build
 * tree), else in the libexec directory meson installs it to. */
static int find_full(char *out, size_t size)
{
	const char *env = getenv("POLICYCTL_FULL");
	char self[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0') {
		snprintf(out, size, "%s", env);
		return runnable(out) ? 0 : -1;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(out, size, "%s/" FULL_NAME, self);
			if (runnable(out))
				return 0;
		}
	}
	snprintf(out, size, "%s/" FULL_NAME, POLICYCTL_LIBEXECDIR);
	return runnable(out) ? 0 : -1;
}

int cli_exec_full(int argc, char **argv)
{
	char path[PATH_MAX + 32];

	(void)argc;
	if (find_full(path, sizeof(path)) < 0) {
		fprintf(stderr,
			"policyctl %s: this command runs in %s, which is not installed (looked "
			"beside policyctl and in %s; POLICYCTL_FULL names another)\n",
			argv[0], FULL_NAME, POLICYCTL_LIBEXECDIR);
		return EXIT_USAGE;
	}
	fflush(NULL);
	execv(path, whole_argv);
	fprintf(stderr, "policyctl %s: cannot run %s: %s\n", argv[0], path, strerror(errno));
	return EXIT_USAGE;
}

/* Does the file start like a zip (a Word file)? */
static int zip_file(const char *path)
{
	unsigned char head[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
}

int cli_needs_full(int argc, char **argv)
{
	int import = strcmp(argv[0], "import") == 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--repo") == 0 || strncmp(a, "--repo=", 7) == 0)
			return 1;
		if (import && (strcmp(a, "--format=docx") == 0 ||
			       (strcmp(a, "--format") == 0 && i + 1 < argc &&
				strcmp(argv[i + 1], "docx") == 0)))
			return 1;
		if (a[0] == '-')
			continue;
		/* a published version (privacy/zh-CN@2.0, @latest) that is not a
		 * file of that name */
		if (strchr(a, '@') != NULL && access(a, F_OK) != 0)
			return 1;
		if (import && zip_file(a))
			return 1;
	}
	return 0;
}
