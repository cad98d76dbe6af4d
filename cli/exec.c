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
 *
 * The commands that need libxml2 (render, diff, import: templates, the
 * redline, HTML and Word input) are in the module policyctl-xml.so,
 * loaded with dlopen when one of them runs, so that check and facts do
 * not load libxml2 and the ICU it brings either.
 */
#include <dlfcn.h>
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
#define XML_NAME "policyctl-xml.so"

static char **whole_argv;

void cli_exec_remember(char **argv)
{
	whole_argv = argv;
}

/* A helper `name`: $`env`, else beside this executable (the build tree),
 * else in the libexec directory meson installs it to. */
static int find_helper(char *out, size_t size, const char *env_name, const char *name)
{
	const char *env = getenv(env_name);
	char self[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0') {
		snprintf(out, size, "%s", env);
		return access(out, R_OK) == 0 ? 0 : -1;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(out, size, "%s/%s", self, name);
			if (access(out, R_OK) == 0)
				return 0;
		}
	}
	snprintf(out, size, "%s/%s", POLICYCTL_LIBEXECDIR, name);
	return access(out, R_OK) == 0 ? 0 : -1;
}

/* The helper a command needs cannot be found. EXIT_USAGE. */
static int missing(const char *command, const char *name, const char *env_name)
{
	fprintf(stderr,
		"policyctl %s: this command runs in %s, which is not installed (looked beside "
		"policyctl and in %s; %s names another)\n",
		command, name, POLICYCTL_LIBEXECDIR, env_name);
	return EXIT_USAGE;
}

int cli_exec_full(int argc, char **argv)
{
	char path[PATH_MAX + 32];

	(void)argc;
	if (find_helper(path, sizeof(path), "POLICYCTL_FULL", FULL_NAME) < 0 ||
	    access(path, X_OK) != 0)
		return missing(argv[0], FULL_NAME, "POLICYCTL_FULL");
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

int cli_run_xml(int argc, char **argv)
{
	char path[PATH_MAX + 32], symbol[32];
	int (*run)(int, char **) = NULL;
	void *module, *found;

	if (find_helper(path, sizeof(path), "POLICYCTL_XML", XML_NAME) < 0)
		return missing(argv[0], XML_NAME, "POLICYCTL_XML");
	/* RTLD_LOCAL: the module's copy of the library stays its own */
	if ((module = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		fprintf(stderr, "policyctl %s: cannot load %s: %s\n", argv[0], path, dlerror());
		return EXIT_USAGE;
	}
	snprintf(symbol, sizeof(symbol), "cmd_%s", argv[0]);
	/* POSIX: a function's address as dlsym's void * */
	if ((found = dlsym(module, symbol)) != NULL)
		memcpy(&run, &found, sizeof(run));
	if (run == NULL) {
		fprintf(stderr, "policyctl %s: %s has no %s\n", argv[0], path, symbol);
		return EXIT_USAGE;
	}
	return run(argc, argv); /* the module stays loaded until exit */
}
