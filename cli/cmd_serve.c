/*
 * policyctl serve: the published site over HTTP, with the version in
 * effect at request time, locale negotiation and the notice answer
 * (docs/app-integration.md). Runs until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "policyctl.h"

/* "ADDR:PORT", "[IPv6]:PORT", or ":PORT" for the loopback address. */
static int parse_listen(const char *text, char *addr, size_t size, unsigned *port)
{
	const char *colon = strrchr(text, ':');
	char *end;
	unsigned long p;
	size_t n;

	if (colon == NULL)
		return -1;
	p = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || p > 65535)
		return -1;
	n = (size_t)(colon - text);
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']') {
		text++;
		n -= 2;
	}
	if (n == 0) {
		text = "127.0.0.1";
		n = strlen(text);
	}
	if (n >= size)
		return -1;
	memcpy(addr, text, n);
	addr[n] = '\0';
	*port = (unsigned)p;
	return 0;
}

/* A whole decimal number from 1 to `max`. */
static int parse_count(const char *text, unsigned long max, unsigned *out)
{
	char *end;
	unsigned long n;

	if (text[0] < '0' || text[0] > '9')
		return -1;
	errno = 0;
	n = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || n == 0 || n > max)
		return -1;
	*out = (unsigned)n;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"site", required_argument, NULL, 's'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"max-connections", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	policy_serve_options opts = POLICY_SERVE_OPTIONS_INIT;
	policy_server *server = NULL;
	char addr[64] = "127.0.0.1";
	sigset_t set;
	int c, sig;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.site_dir = optarg;
			break;
		case 'l':
			if (parse_listen(optarg, addr, sizeof(addr), &opts.port) < 0)
				return cli_usage_error(
					"serve", "--listen takes ADDR:PORT, like 127.0.0.1:8080");
			break;
		case 't':
			if (parse_count(optarg, 64, &opts.threads) < 0)
				return cli_usage_error("serve", "--threads takes 1 to 64");
			break;
		case 'm':
			if (parse_count(optarg, 100000, &opts.max_connections) < 0)
				return cli_usage_error("serve",
						       "--max-connections takes 1 to 100000");
			break;
		case 'h':
			return cli_help("serve");
		default:
			return cli_usage_error("serve", "unknown option");
		}
	}
	if (optind != argc || opts.site_dir == NULL)
		return cli_usage_error("serve", "give --site DIR");
	opts.address = addr;
	/* Signals are taken by sigwait below, on this thread alone. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (policy_serve_start(&server, &opts) < 0)
		return cli_library_error("serve");
	printf("serving %s on http://%s%s%s:%u/\n", opts.site_dir, strchr(addr, ':') ? "[" : "",
	       addr, strchr(addr, ':') ? "]" : "", policy_serve_port(server));
	fflush(stdout);
	sigwait(&set, &sig);
	policy_serve_stop(server);
	return EXIT_OK;
}
