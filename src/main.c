/*
 * dateline's command line.  Every option is one row of the table below:
 * getopt's long options, --help and dispatch all come from it.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/i18n.h"
#include "util/util.h"

enum opt_kind {
	OPT_COMMAND,	/* selects what dateline does; at most one */
	OPT_SETTING,	/* changes how a command works */
};

struct opt {
	const char	*name;
	int		 short_name;	/* 0 when there is none */
	const char	*argname;	/* NULL when the option takes none */
	enum opt_kind	 kind;
	cmd_fn		*cmd;		/* for commands */
	const char	*help;
};

static const struct opt opts[] = {
	{ "parse", 0, N_("FILE|-"), OPT_COMMAND, cmd_parse,
	  N_("print a feed file as one JSON object") },
	{ "render", 0, N_("FILE|-"), OPT_COMMAND, cmd_render,
	  N_("print every item of a feed file as story text") },
	{ "refresh", 0, NULL, OPT_COMMAND, cmd_refresh,
	  N_("download every subscribed feed into the store") },
	{ "search", 0, N_("TERMS"), OPT_COMMAND, cmd_search,
	  N_("full-text search of the store, one item a line") },
	{ "index", 0, NULL, OPT_COMMAND, cmd_index,
	  N_("add the articles that wait for it to the search index") },
	{ "mark-read", 0, N_("FEED|all"), OPT_COMMAND, cmd_mark_read,
	  N_("mark every item of a feed (or of all feeds) read") },
	{ "cleanup", 0, NULL, OPT_COMMAND, cmd_cleanup,
	  N_("apply the retention settings and compact the store") },
	{ "stats", 0, NULL, OPT_COMMAND, cmd_stats,
	  N_("print counts of feeds, items, unread items and the store's size") },
	{ "import-opml", 0, N_("FILE"), OPT_COMMAND, cmd_import_opml,
	  N_("add the feeds of an OPML file to the urls file") },
	{ "export-opml", 0, NULL, OPT_COMMAND, cmd_export_opml,
	  N_("print the subscriptions as OPML") },
	{ "extract", 0, N_("FILE|URL"), OPT_COMMAND, cmd_extract,
	  N_("extract the article from a web page and print it") },
	{ "check-config", 0, NULL, OPT_COMMAND, cmd_check_config,
	  N_("check the config and urls files and exit") },
	{ "help-options", 0, NULL, OPT_COMMAND, cmd_help_options,
	  N_("list every config option with its type and default") },
	{ "import-newsboat", 0, N_("DIR"), OPT_COMMAND, cmd_import_newsboat,
	  N_("convert a newsboat config and urls file") },
	{ "cache", 'c', N_("FILE"), OPT_SETTING, NULL,
	  N_("the article store (default $XDG_DATA_HOME/dateline/cache.db)") },
	{ "urls", 'u', N_("FILE"), OPT_SETTING, NULL,
	  N_("the subscriptions (default $XDG_CONFIG_HOME/dateline/urls)") },
	{ "config", 'C', N_("FILE"), OPT_SETTING, NULL,
	  N_("the config file (default $XDG_CONFIG_HOME/dateline/config)") },
	{ "theme", 0, N_("NAME"), OPT_SETTING, NULL,
	  N_("colour theme to use") },
	{ "width", 'w', N_("N"), OPT_SETTING, NULL,
	  N_("text width for --render and --extract (default: terminal, or 80)") },
	{ "url", 0, N_("BASE"), OPT_SETTING, NULL,
	  N_("base URL of a page or feed read from a file") },
	{ "json", 0, NULL, OPT_SETTING, NULL,
	  N_("JSON lines output (with --search)") },
	{ "no-story", 0, NULL, OPT_SETTING, NULL,
	  N_("with --parse: leave the story fields empty (much faster)") },
	{ "html", 0, NULL, OPT_SETTING, NULL,
	  N_("print cleaned HTML (with --extract)") },
	{ "quiet", 'q', NULL, OPT_SETTING, NULL,
	  N_("print errors only") },
	{ "help", 'h', NULL, OPT_SETTING, NULL,
	  N_("show this help and exit") },
	{ "version", 'V', NULL, OPT_SETTING, NULL,
	  N_("show the version and exit") },
};

static void
usage(FILE *out)
{
	size_t i;

	fprintf(out, _("Usage: %s [OPTION]... [COMMAND]\n"), log_progname());
	fputs(_("A terminal news reader for RSS and Atom feeds.  With no command, "
	    "opens the reader.\n"), out);
	for (int pass = 0; pass < 2; pass++) {
		fputs(pass == 0 ? _("\nCommands:\n") : _("\nOptions:\n"), out);
		for (i = 0; i < DL_ARRAY_LEN(opts); i++) {
			const struct opt *o = &opts[i];
			char left[64];
			size_t w;

			if ((int)o->kind != pass)
				continue;
			if (o->short_name)
				snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name,
				    o->name, o->argname ? " " : "",
				    o->argname ? _(o->argname) : "");
			else
				snprintf(left, sizeof left, "    --%s%s%s", o->name,
				    o->argname ? " " : "", o->argname ? _(o->argname) : "");
			/* pad by display width: translated names are UTF-8 */
			w = utf8_width(left, strlen(left));
			fprintf(out, "  %s%*s %s\n", left, w < 26 ? (int)(26 - w) : 0,
			    "", _(o->help));
		}
	}
	fputs(_("\nSee dateline(1) for the keys and dateline(5) for the config file.\n"), out);
}

static int
parse_width(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 10 || v > 1000)
		return -1;
	*out = (int)v;
	return 0;
}

int
main(int argc, char **argv)
{
	struct option longopts[DL_ARRAY_LEN(opts) + 1];
	char shortopts[2 * DL_ARRAY_LEN(opts) * 2 + 2], *sp = shortopts;
	const struct opt *command = NULL;
	struct cli cli;
	size_t i;
	int c, idx;

#if defined(__GLIBC__) && defined(M_ARENA_MAX)
	/* One malloc arena for every thread: a refresh's parse thread
	 * allocates what the network thread frees, and with an arena each
	 * the two kept separate free memory (peak RSS of a cold refresh of
	 * 500 feeds about 0.9 MB lower, same time). */
	mallopt(M_ARENA_MAX, 1);
#endif
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/* DATELINE_LOCALEDIR: catalogues of an uninstalled build (tests) */
	bindtextdomain(PACKAGE, getenv("DATELINE_LOCALEDIR") != NULL ?
	    getenv("DATELINE_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	log_set_progname(argv[0]);
	memset(&cli, 0, sizeof cli);
	cli.progname = log_progname();

	*sp++ = ':';
	for (i = 0; i < DL_ARRAY_LEN(opts); i++) {
		longopts[i].name = opts[i].name;
		longopts[i].has_arg = opts[i].argname ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = (int)(CHAR_MAX + 1 + i);
		if (opts[i].short_name) {
			*sp++ = (char)opts[i].short_name;
			if (opts[i].argname)
				*sp++ = ':';
		}
	}
	*sp = '\0';
	memset(&longopts[i], 0, sizeof longopts[i]);

	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, &idx)) != -1) {
		const struct opt *o = NULL;

		if (c == '?' || c == ':') {
			if (c == ':')
				log_error(_("option '%s' needs an argument"), argv[optind - 1]);
			else
				log_error(_("unknown option '%s'"), argv[optind - 1]);
			fprintf(stderr, _("Try '%s --help' for more information.\n"),
			    log_progname());
			return EXIT_USAGE;
		}
		if (c > CHAR_MAX)
			o = &opts[c - CHAR_MAX - 1];
		else
			for (i = 0; i < DL_ARRAY_LEN(opts); i++)
				if (opts[i].short_name == c)
					o = &opts[i];
		if (o == NULL)
			return EXIT_USAGE;

		if (o->kind == OPT_COMMAND) {
			if (command != NULL && command != o) {
				log_error(_("--%s and --%s cannot be used together"),
				    command->name, o->name);
				return EXIT_USAGE;
			}
			command = o;
			cli.arg = optarg;
		} else if (strcmp(o->name, "help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(o->name, "version") == 0) {
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return EXIT_OK;
		} else if (strcmp(o->name, "cache") == 0)
			cli.cache = optarg;
		else if (strcmp(o->name, "urls") == 0)
			cli.urls = optarg;
		else if (strcmp(o->name, "config") == 0)
			cli.config = optarg;
		else if (strcmp(o->name, "theme") == 0)
			cli.theme = optarg;
		else if (strcmp(o->name, "url") == 0)
			cli.base_url = optarg;
		else if (strcmp(o->name, "json") == 0)
			cli.json = 1;
		else if (strcmp(o->name, "no-story") == 0)
			cli.no_story = 1;
		else if (strcmp(o->name, "html") == 0)
			cli.html = 1;
		else if (strcmp(o->name, "quiet") == 0)
			cli.quiet = 1;
		else if (strcmp(o->name, "width") == 0) {
			if (parse_width(optarg, &cli.width) != 0) {
				log_error(_("--width needs a number from 10 to 1000, not '%s'"),
				    optarg);
				return EXIT_USAGE;
			}
		}
	}
	cli.operands = argv + optind;
	cli.noperands = argc - optind;
	log_set_quiet(cli.quiet);

	if (command == NULL) {
		if (cli.noperands > 0) {
			log_error(_("unexpected argument '%s'"), cli.operands[0]);
			fprintf(stderr, _("Try '%s --help' for more information.\n"),
			    log_progname());
			return EXIT_USAGE;
		}
		return cmd_ui(&cli);
	}
	return command->cmd(&cli);
}
