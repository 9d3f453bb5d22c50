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
cmd_check_config(const struct cli *cli)
{
	(void)cli;
	return not_ready("--check-config");
}

int
cmd_help_options(const struct cli *cli)
{
	(void)cli;
	return not_ready("--help-options");
}

int
cmd_import_newsboat(const struct cli *cli)
{
	(void)cli;
	return not_ready("--import-newsboat");
}
