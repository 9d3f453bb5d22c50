/* Commands of this module; not built yet. */
#include "config.h"

#include "cli.h"
#include "util/i18n.h"
#include "util/util.h"

static int
not_ready(const char *what)
{
	log_error(_("%s is not available in this build yet"), what);
	return EXIT_FAIL;
}

int
cmd_search(const struct cli *cli)
{
	(void)cli;
	return not_ready("--search");
}

int
cmd_mark_read(const struct cli *cli)
{
	(void)cli;
	return not_ready("--mark-read");
}

int
cmd_cleanup(const struct cli *cli)
{
	(void)cli;
	return not_ready("--cleanup");
}

int
cmd_stats(const struct cli *cli)
{
	(void)cli;
	return not_ready("--stats");
}
