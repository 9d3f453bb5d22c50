/*
 * fetch: small pure helpers on HTTP header values and exec: command lines,
 * kept apart from the transfer engine so that the unit tests reach them.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch.h"
#include "util/i18n.h"
#include "util/util.h"

#define MAX_COMMAND_WORDS 256

const char *
fetch_user_agent(void)
{
	return PACKAGE_NAME "/" PACKAGE_VERSION " (+terminal news reader)";
}

int64_t
fetch_parse_retry_after(const char *value, int64_t now)
{
	const char *p = value;
	char *end;
	long long secs;
	time_t t;

	if (value == NULL)
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) {
		secs = strtoll(p, &end, 10);
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end != '\0' || secs < 0)
			return 0;
		/* Nobody needs to wait more than a week. */
		if (secs > 7 * 86400)
			secs = 7 * 86400;
		return now + secs;
	}
	t = curl_getdate(p, NULL);
	if (t == (time_t)-1 || (int64_t)t <= now)
		return 0;
	if ((int64_t)t > now + 7 * 86400)
		return now + 7 * 86400;
	return (int64_t)t;
}

int64_t
fetch_parse_max_age(const char *value)
{
	const char *p = value;
	long long v;
	char *end;

	if (value == NULL)
		return -1;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (strncasecmp(p, "max-age", 7) == 0) {
			p += 7;
			while (*p == ' ')
				p++;
			if (*p != '=')
				return -1;
			p++;
			while (*p == ' ')
				p++;
			if (*p == '"')
				p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			v = strtoll(p, &end, 10);
			if (v < 0)
				return -1;
			return v > 30 * 86400 ? 30 * 86400 : v;
		}
		while (*p != '\0' && *p != ',')
			p++;
	}
	return -1;
}

char *
fetch_content_type_charset(const char *value)
{
	const char *p, *start;
	size_t n;

	if (value == NULL)
		return NULL;
	for (p = value; (p = strchr(p, ';')) != NULL;) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ')
			p++;
		if (*p == '"')
			p++;
		start = p;
		while (*p != '\0' && *p != '"' && *p != ';' && *p != ' ' &&
		    *p != '\t')
			p++;
		n = (size_t)(p - start);
		if (n == 0 || n > 40)
			return NULL;
		return xstrndup(start, n);
	}
	return NULL;
}

/* Words of a command line, with simple quoting and no shell. */
char **
fetch_split_command(const char *cmd, char **err)
{
	char **argv = xcalloc(MAX_COMMAND_WORDS + 1, sizeof *argv);
	struct buf w = BUF_INIT;
	const char *p = cmd;
	size_t n = 0;
	char quote;
	int inword;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == MAX_COMMAND_WORDS) {
			*err = xasprintf(_("exec: more than %d words in the command"),
			    MAX_COMMAND_WORDS);
			goto fail;
		}
		buf_reset(&w);
		inword = 0;
		while (*p != '\0' && *p != ' ' && *p != '\t') {
			inword = 1;
			if (*p == '\'' || *p == '"') {
				quote = *p++;
				while (*p != '\0' && *p != quote) {
					if (quote == '"' && *p == '\\' &&
					    (p[1] == '"' || p[1] == '\\'))
						p++;
					buf_addc(&w, *p++);
				}
				if (*p != quote) {
					*err = xasprintf(_("exec: unterminated %c quote "
					    "in the command"), quote);
					goto fail;
				}
				p++;
			} else if (*p == '\\' && p[1] != '\0') {
				buf_addc(&w, p[1]);
				p += 2;
			} else
				buf_addc(&w, *p++);
		}
		if (inword) {
			/* An empty quoted word ("") is still a word. */
			argv[n++] = w.data != NULL ? buf_detach(&w) : xstrdup("");
		}
	}
	if (n == 0) {
		*err = xstrdup(_("exec: the command is empty"));
		goto fail;
	}
	buf_free(&w);
	return argv;
fail:
	buf_free(&w);
	fetch_argv_free(argv);
	return NULL;
}

void
fetch_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}
