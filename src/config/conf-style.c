/*
 * config: `color ROLE FG BG [ATTR...]` -- colour words, attributes and the
 * style they make for one screen role.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/conf-private.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char	*name;
	int		 attr;
} attr_names[] = {
	{ "bold", CONF_ATTR_BOLD },
	{ "underline", CONF_ATTR_UNDERLINE },
	{ "reverse", CONF_ATTR_REVERSE },
	{ "dim", CONF_ATTR_DIM },
	{ "italic", CONF_ATTR_ITALIC },
	{ "standout", CONF_ATTR_STANDOUT },
	{ "blink", CONF_ATTR_BLINK },
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
parse_index(const char *s)
{
	int v = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= 255 ? v : -1;
}

int
conf_color_parse(const char *word, int *color)
{
	size_t i;
	int v, rgb = 0;

	if (strcasecmp(word, "default") == 0) {
		*color = CONF_COLOR_DEFAULT;
		return 0;
	}
	if (word[0] == '#') {
		if (strlen(word) != 7)
			return -1;
		for (i = 1; i < 7; i++) {
			if ((v = hexval(word[i])) < 0)
				return -1;
			rgb = rgb * 16 + v;
		}
		*color = CONF_COLOR_RGB_FLAG | rgb;
		return 0;
	}
	for (i = 0; i < DL_ARRAY_LEN(color_names); i++) {
		if (strcasecmp(word, color_names[i]) == 0) {
			*color = (int)i;
			return 0;
		}
		if (strncasecmp(word, "bright", 6) == 0 &&
		    strcasecmp(word + 6 + (word[6] == '-'), color_names[i]) == 0) {
			*color = (int)i + 8;
			return 0;
		}
	}
	if (strncasecmp(word, "colour", 6) == 0)
		word += 6;
	else if (strncasecmp(word, "color", 5) == 0)
		word += 5;
	if ((v = parse_index(word)) < 0)
		return -1;
	*color = v;
	return 0;
}

int
conf_attr_parse(const char *word)
{
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(attr_names); i++)
		if (strcasecmp(word, attr_names[i].name) == 0)
			return attr_names[i].attr;
	return 0;
}

int
conf_style_parse(char **words, int n, int *role, struct conf_style *out,
    char **err)
{
	int i, a;

	if (n < 3) {
		*err = xstrdup(_("'color' needs a role, a foreground and a "
		    "background colour, then attributes: color ROLE FG BG [ATTR...]"));
		return -1;
	}
	if ((*role = conf_role_find(words[0])) < 0) {
		*err = xasprintf(_("unknown role '%s' (the roles are listed in dateline(5))"),
		    words[0]);
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->set = 1;
	for (i = 1; i <= 2; i++) {
		if (conf_color_parse(words[i], i == 1 ? &out->fg : &out->bg) != 0) {
			*err = xasprintf(_("'%s' is not a colour: expected a name "
			    "(red, brightblue, default), a number from 0 to 255 or "
			    "#rrggbb"), words[i]);
			return -1;
		}
	}
	for (i = 3; i < n; i++) {
		if ((a = conf_attr_parse(words[i])) == 0) {
			*err = xasprintf(_("unknown attribute '%s': expected bold, "
			    "underline, reverse, dim, italic, standout or blink"),
			    words[i]);
			return -1;
		}
		out->attrs |= a;
	}
	return 0;
}
