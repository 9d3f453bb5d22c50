/*
 * Whether the reader can draw on this terminal, asked of terminfo before
 * curses starts (initscr() would exit with a bare message of its own, or
 * draw garbage on a terminal that cannot move the cursor), and a UTF-8
 * character type for curses when the locale has none.  Its own file:
 * <term.h> defines names such as `lines' and `columns' as macros.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

#include <term.h>		/* last: its macros would rename our fields */

static int
is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

int
ui_terminal_check(void)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0, usable;

	if (term == NULL || *term == '\0') {
		log_error("%s", _("TERM is not set, so the reader cannot draw "
		    "(set it, e.g. TERM=xterm-256color; --render FILE prints stories "
		    "without the reader)"));
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		log_error(_("the terminal type '%s' is not in the terminfo database, "
		    "so the reader cannot draw (try TERM=xterm-256color; --render FILE "
		    "prints stories without the reader)"), term);
		return -1;
	}
	cup = tigetstr("cup");
	usable = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!usable) {
		log_error(_("the terminal type '%s' cannot move the cursor, so the "
		    "reader cannot draw (--render FILE prints stories without the "
		    "reader)"), term);
		return -1;
	}
	/* Feed text is UTF-8: a locale without it would have curses show
	 * every non-ASCII byte as an escape such as M-C. */
	if (!is_utf8() && setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		log_warn("%s", _("the locale has no UTF-8 and none could be set: "
		    "text beyond ASCII may show wrongly"));
	return 0;
}
