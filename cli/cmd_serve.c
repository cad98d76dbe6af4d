/*
 * policyctl serve: the published site over HTTP, with the version in
 * effect at request time, locale negotiation and the notice answer
 * (docs/app-integration.md). Runs until SIGINT or SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "policyctl.h"

/* "HOST:PORT", "[IPv6]:PORT", ":PORT" or "PORT" (HOST 127.0.0.1): HOST
 * an address or a name (localhost), resolved here to the address the
 * server binds. 0, or -1 with `why` set. */
static int parse_listen(const char *text, char *addr, size_t size, unsigned *port, const char **why)
{
	const char *colon = strrchr(text, ':');
	char host[256];
	struct addrinfo hints, *res = NULL;
	unsigned long p = 0;
	size_t n, i;
	int rc;

	const char *digits = colon ? colon + 1 : text; /* PORT alone: no colon */

	*why = "takes HOST:PORT, :PORT or PORT, like localhost:8080";
	for (i = 0; digits[i] >= '0' && digits[i] <= '9' && i < 6; i++)
		p = p * 10 + (unsigned long)(digits[i] - '0');
	if (i == 0 || digits[i] != '\0' || p > 65535)
		return -1;
	n = colon ? (size_t)(colon - text) : 0;
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']') {
		text++;
		n -= 2;
	}
	if (n >= sizeof(host))
		return -1;
	if (n == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	else
		snprintf(host, sizeof(host), "%.*s", (int)n, text);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if ((rc = getaddrinfo(host, NULL, &hints, &res)) != 0) {
		*why = gai_strerror(rc);
		return -1;
	}
	/* the first address the name has, IPv4 before IPv6 as the resolver orders */
	rc = getnameinfo(res->ai_addr, res->ai_addrlen, addr, (socklen_t)size, NULL, 0,
			 NI_NUMERICHOST);
	freeaddrinfo(res);
	if (rc != 0) {
		*why = gai_strerror(rc);
		return -1;
	}
	*port = (unsigned)p;
	return 0;
}

/* The site of the repository holding the working directory: site/ of the
 * nearest directory with policyctl.yaml or .git. NULL when there is none
 * (malloc'd). */
static char *default_site(void)
{
	char *root = cli_find_root_of_dir(".");
	char *site = NULL;
	struct stat st;

	if (root != NULL && (site = malloc(strlen(root) + 6)) != NULL) {
		snprintf(site, strlen(root) + 6, "%s/site", root);
		if (stat(site, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(site);
			site = NULL;
		}
	}
	free(root);
	return site;
}

int cmd_serve(int argc, char **argv)
{
	cli_getopt g;
	policy_serve_options opts = POLICY_SERVE_OPTIONS_INIT;
	policy_server *server = NULL;
	char addr[INET6_ADDRSTRLEN + 8] = "127.0.0.1";
	char *found_site = NULL;
	const char *why;
	sigset_t set;
	int c, sig;

	cli_getopt_start(&g, "serve");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 's':
			opts.site_dir = optarg;
			break;
		case 'l':
			if (parse_listen(optarg, addr, sizeof(addr), &opts.port, &why) < 0)
				return cli_usage_error("serve", "--listen %s: %s", optarg, why);
			break;
		case 't':
			if (cli_parse_count("serve", "threads", optarg, 1, 64, &opts.threads) !=
			    EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'm':
			if (cli_parse_count("serve", "max-connections", optarg, 1, 100000,
					    &opts.max_connections) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'h':
			return cli_help("serve");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (optind != argc)
		return cli_usage_error("serve", "takes no operand; the site is --site DIR");
	if (opts.site_dir == NULL && (opts.site_dir = found_site = default_site()) == NULL)
		return cli_usage_error("serve", "no site/ in the repository here; give --site DIR "
						"(policyctl publish writes it)");
	opts.address = addr;
	/* Signals are taken by sigwait below, on this thread alone. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (policy_serve_start(&server, &opts) < 0) {
		free(found_site);
		return cli_library_error("serve");
	}
	printf("serving %s on http://%s%s%s:%u/\n", opts.site_dir, strchr(addr, ':') ? "[" : "",
	       addr, strchr(addr, ':') ? "]" : "", policy_serve_port(server));
	fflush(stdout);
	sigwait(&set, &sig);
	policy_serve_stop(server);
	free(found_site);
	return EXIT_OK;
}
