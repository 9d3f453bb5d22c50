/*
 * Writes the parts of the manual pages that come from tables in the code,
 * as roff: `gen-man options` (the option table, for dateline(5)), `gen-man
 * roles` (the screen roles a theme colours) and `gen-man keys` (the
 * reader's action table with its default keys, for dateline(1)).
 * `make update-man` puts them between the GENERATED markers of the .in
 * files and tests/e2e/man.sh fails when a page and a table disagree.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/conf.h"
#include "ui/ui.h"
#include "util/roles.h"
#include "util/util.h"

/* Text for roff: backslashes and hyphens escaped, no line starting with a
 * control character. */
static void
roff(const char *s, int hyphens)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-' && hyphens)
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static void
range(const struct conf_option *o)
{
	char lo[32], hi[32];

	if (o->type != CONF_T_INT && o->type != CONF_T_DURATION &&
	    o->type != CONF_T_SIZE)
		return;
	conf_format_value(o, o->min, lo, sizeof lo);
	conf_format_value(o, o->max, hi, sizeof hi);
	printf(" from %s to %s", lo, hi);
}

static void
options(void)
{
	size_t i, j;

	for (i = 0; i < CONF_COUNT; i++) {
		const struct conf_option *o = conf_option((enum conf_id)i);

		printf(".TP\n.B ");
		roff(o->name, 1);
		printf("\n(\\fI%s\\fP", conf_type_name(o->type));
		range(o);
		if (o->type == CONF_T_ENUM) {
			printf(":");
			for (j = 0; o->words[j] != NULL; j++)
				printf("%s %s", j ? "," : "", o->words[j]);
		}
		if (*o->def == '\0')
			printf("; empty by default)\n");
		else {
			printf("; default \\fB");
			roff(o->def, 1);
			printf("\\fP)\n");
		}
		roff(o->help, 0);
		putchar('\n');
	}
}

static void
roles(void)
{
	int i;

	for (i = 0; i < ROLE_COUNT; i++) {
		printf(".BR ");
		roff(role_names[i], 1);
		printf(" %s\n", i + 1 < ROLE_COUNT ? "," : ".");
	}
}

/* "k Up" as .BR k ", " Up: bold keys, roman commas. */
static void
key_list(const char *keys)
{
	char *copy = xstrdup(keys), *k, *save = NULL;
	int n = 0;

	printf(".BR");
	for (k = strtok_r(copy, " ", &save); k != NULL; k = strtok_r(NULL, " ", &save)) {
		printf(n++ ? " \", \" " : " ");
		roff(k, 1);
	}
	printf("\n");
	free(copy);
}

static void
keys(void)
{
	int i;

	for (i = 1; i < ACT_COUNT; i++) {
		const struct ui_action_def *a = &ui_actions[i];

		printf(".TP\n");
		if (*a->keys != '\0')
			key_list(a->keys);
		printf(".RB ( ");
		roff(a->name, 1);
		printf(" )\n");
		/* help texts are lower-case phrases: make them sentences */
		if (a->help[0] >= 'a' && a->help[0] <= 'z') {
			putchar(a->help[0] - 'a' + 'A');
			roff(a->help + 1, 0);
		} else
			roff(a->help, 0);
		printf(".\n");
	}
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "options") == 0)
		options();
	else if (argc == 2 && strcmp(argv[1], "roles") == 0)
		roles();
	else if (argc == 2 && strcmp(argv[1], "keys") == 0)
		keys();
	else {
		fprintf(stderr, "usage: gen-man options|roles|keys\n");
		return 2;
	}
	return ferror(stdout) ? 1 : 0;
}
