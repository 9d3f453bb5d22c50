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
cmd_refresh(const struct cli *cli)
{
	(void)cli;
	return not_ready("--refresh");
}

int
cmd_import_opml(const struct cli *cli)
{
	(void)cli;
	return not_ready("--import-opml");
}

int
cmd_export_opml(const struct cli *cli)
{
	(void)cli;
	return not_ready("--export-opml");
}
