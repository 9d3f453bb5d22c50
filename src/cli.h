/*
 * The command line: options parsed by main.c into struct cli, and the
 * commands it dispatches to.  Each command lives in the file of the module
 * that owns it (src/cmd-*.c); main.c only wires them.
 */
#ifndef DATELINE_CLI_H
#define DATELINE_CLI_H

/* Exit status of every command (documented in dateline.1). */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* the command failed: bad input, network, store */
	EXIT_USAGE	= 2,	/* the command line itself was wrong */
	EXIT_PARTIAL	= 3,	/* done, but some feeds failed (refresh) */
};

struct cli {
	const char	*progname;
	const char	*arg;		/* the command's own argument, if any */
	char		**operands;	/* words after the options */
	int		 noperands;

	const char	*cache;		/* --cache FILE */
	const char	*urls;		/* --urls FILE */
	const char	*config;	/* --config FILE */
	const char	*theme;		/* --theme NAME */
	const char	*base_url;	/* --url BASE */
	int		 width;		/* --width N, 0 when not given */
	int		 json;		/* --json */
	int		 html;		/* --html */
	int		 quiet;		/* --quiet */
	int		 no_story;	/* --no-story (with --parse) */
};

typedef int cmd_fn(const struct cli *);

cmd_fn cmd_parse;		/* src/cmd-parse.c:   --parse FILE|- */
cmd_fn cmd_render;		/* src/cmd-render.c:  --render FILE|- */
cmd_fn cmd_search;		/* src/cmd-store.c:   --search TERMS */
cmd_fn cmd_mark_read;		/* src/cmd-store.c:   --mark-read FEED|all */
cmd_fn cmd_cleanup;		/* src/cmd-store.c:   --cleanup */
cmd_fn cmd_stats;		/* src/cmd-store.c:   --stats */
cmd_fn cmd_refresh;		/* src/cmd-refresh.c: --refresh */
cmd_fn cmd_index;		/* src/cmd-refresh.c: --index */
cmd_fn cmd_import_opml;		/* src/cmd-refresh.c: --import-opml FILE */
cmd_fn cmd_export_opml;		/* src/cmd-refresh.c: --export-opml */
cmd_fn cmd_extract;		/* src/cmd-extract.c: --extract FILE|URL */
cmd_fn cmd_check_config;	/* src/cmd-config.c:  --check-config */
cmd_fn cmd_help_options;	/* src/cmd-config.c:  --help-options */
cmd_fn cmd_import_newsboat;	/* src/cmd-config.c:  --import-newsboat DIR */
cmd_fn cmd_ui;			/* src/ui/:           no command: the reader */

#endif
