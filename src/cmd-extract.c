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
cmd_extract(const struct cli *cli)
{
	(void)cli;
	return not_ready("--extract");
}
