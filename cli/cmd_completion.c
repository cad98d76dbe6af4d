/*
 * policyctl completion bash|zsh|fish: a completion script for the shell,
 * written from the commands' option tables (cli/usage.c), so it never
 * disagrees with what policyctl parses. meson installs the three.
 */
#include <string.h>

#include "policyctl.h"

/* The words a command's operands complete to, or NULL for files. */
static const char *operand_words(const cli_command *c)
{
	if (c->complete == NULL)
		return "";
	if (strcmp(c->complete, "shell") == 0)
		return "bash zsh fish";
	if (strcmp(c->complete, "action") == 0)
		return "build verify";
	return NULL;
}

static void bash(void)
{
	printf("# bash completion for policyctl, written by `policyctl completion bash`\n"
	       "_policyctl() {\n"
	       "    local cur prev cmd words\n"
	       "    cur=${COMP_WORDS[COMP_CWORD]}\n"
	       "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	       "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	       "        COMPREPLY=($(compgen -W \"");
	for (size_t i = 0; cli_command_at(i); i++)
		printf("%s ", cli_command_at(i)->name);
	printf("--help --version\" -- \"$cur\"))\n"
	       "        return\n"
	       "    fi\n"
	       "    cmd=${COMP_WORDS[1]}\n"
	       "    case \"$cmd:$prev\" in\n");
	for (size_t i = 0; cli_command_at(i); i++) {
		const cli_command *c = cli_command_at(i);

		for (const cli_option *o = c->options; o->name; o++) {
			if (o->arg == NULL)
				continue;
			printf("    %s:--%s", c->name, o->name);
			if (o->short_name)
				printf("|%s:-%c", c->name, o->short_name);
			printf(")\n");
			if (o->values)
				printf("        COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); "
				       "return ;;\n",
				       o->values);
			else if (o->complete && strcmp(o->complete, "dir") == 0)
				printf("        COMPREPLY=($(compgen -d -- \"$cur\")); return "
				       ";;\n");
			else if (o->complete)
				printf("        COMPREPLY=($(compgen -f -- \"$cur\")); return "
				       ";;\n");
			else
				printf("        COMPREPLY=(); return ;;\n");
		}
	}
	printf("    esac\n"
	       "    case \"$cmd\" in\n");
	for (size_t i = 0; cli_command_at(i); i++) {
		const cli_command *c = cli_command_at(i);
		const char *words = operand_words(c);

		printf("    %s) words=\"", c->name);
		for (const cli_option *o = c->options; o->name; o++)
			printf("--%s ", o->name);
		printf("--help\"\n");
		if (words != NULL && words[0])
			printf("        [[ $cur != -* ]] && { COMPREPLY=($(compgen -W \"%s\" -- "
			       "\"$cur\")); return; } ;;\n",
			       words);
		else if (words != NULL)
			printf("        ;;\n");
		else
			printf("        [[ $cur != -* ]] && { COMPREPLY=($(compgen -f -- "
			       "\"$cur\")); "
			       "return; } ;;\n");
	}
	printf("    esac\n"
	       "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
	       "}\n"
	       "complete -o filenames -F _policyctl policyctl\n");
}

/* Text for zsh's and fish's descriptions: no quotes, brackets or colons. */
static void plain(const char *s)
{
	for (; *s; s++)
		putchar(strchr("'\"[]:\\$`", *s) ? ' ' : *s);
}

static void zsh(void)
{
	printf("#compdef policyctl\n"
	       "# zsh completion for policyctl, written by `policyctl completion zsh`\n"
	       "_policyctl() {\n"
	       "  local -a commands\n"
	       "  commands=(\n");
	for (size_t i = 0; cli_command_at(i); i++) {
		printf("    '%s:", cli_command_at(i)->name);
		plain(cli_command_at(i)->summary);
		printf("'\n");
	}
	printf("  )\n"
	       "  if (( CURRENT == 2 )); then\n"
	       "    _describe 'command' commands\n"
	       "    return\n"
	       "  fi\n"
	       "  local cmd=$words[2]\n"
	       "  shift words; (( CURRENT-- ))\n"
	       "  case $cmd in\n");
	for (size_t i = 0; cli_command_at(i); i++) {
		const cli_command *c = cli_command_at(i);
		const char *words = operand_words(c);

		printf("    %s)\n      _arguments -s", c->name);
		for (const cli_option *o = c->options; o->name; o++) {
			const char *action = o->values ? NULL
					     : o->complete && strcmp(o->complete, "dir") == 0
						     ? "_directories"
					     : o->complete ? "_files"
							   : " ";

			if (o->short_name)
				printf(" \\\n        '(-%c --%s)'{-%c,--%s}'", o->short_name,
				       o->name, o->short_name, o->name);
			else
				printf(" \\\n        '--%s", o->name);
			printf("[");
			plain(o->help);
			printf("]");
			if (o->arg && o->values)
				printf(":%s:(%s)", o->arg, o->values);
			else if (o->arg)
				printf(":%s:%s", o->arg, action);
			printf("'");
		}
		printf(" \\\n        '(-h --help)'{-h,--help}'[this help]'");
		if (words == NULL)
			printf(" \\\n        '*:file:_files'");
		else if (words[0])
			printf(" \\\n        '1:%s:(%s)' '*:file:_files'", c->complete, words);
		printf(" ;;\n");
	}
	printf("  esac\n"
	       "}\n"
	       "_policyctl \"$@\"\n");
}

static void fish(void)
{
	printf("# fish completion for policyctl, written by `policyctl completion fish`\n"
	       "complete -c policyctl -f\n");
	for (size_t i = 0; cli_command_at(i); i++) {
		const cli_command *c = cli_command_at(i);

		printf("complete -c policyctl -n __fish_use_subcommand -a %s -d '", c->name);
		plain(c->summary);
		printf("'\n");
	}
	for (size_t i = 0; cli_command_at(i); i++) {
		const cli_command *c = cli_command_at(i);
		const char *words = operand_words(c);
		const char *when = "__fish_seen_subcommand_from";

		for (const cli_option *o = c->options; o->name; o++) {
			printf("complete -c policyctl -n '%s %s' -l %s", when, c->name, o->name);
			if (o->short_name)
				printf(" -s %c", o->short_name);
			if (o->arg)
				printf(" -r");
			if (o->values)
				printf(" -a '%s'", o->values);
			else if (o->complete)
				printf(" -F");
			printf(" -d '");
			plain(o->help);
			printf("'\n");
		}
		printf("complete -c policyctl -n '%s %s' -s h -l help -d 'this help'\n", when,
		       c->name);
		if (words == NULL)
			printf("complete -c policyctl -n '%s %s' -F\n", when, c->name);
		else if (words[0])
			printf("complete -c policyctl -n '%s %s' -a '%s'\n", when, c->name, words);
	}
}

int cmd_completion(int argc, char **argv)
{
	cli_getopt g;
	int c;

	cli_getopt_start(&g, "completion");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		if (c == 'h')
			return cli_help("completion");
		return cli_getopt_refuse(&g, c);
	}
	if (argc - optind != 1)
		return cli_usage_error("completion", "give bash, zsh or fish");
	if (strcmp(argv[optind], "bash") == 0)
		bash();
	else if (strcmp(argv[optind], "zsh") == 0)
		zsh();
	else if (strcmp(argv[optind], "fish") == 0)
		fish();
	else
		return cli_usage_error("completion", "\"%s\": give bash, zsh or fish",
				       argv[optind]);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
}
