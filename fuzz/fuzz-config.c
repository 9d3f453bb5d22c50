/*
 * Fuzz target for the config module's parsers: the config language (set,
 * bind, unbind, color, include), the newsboat converter and the urls file,
 * all on the same bytes.  The config parser must not read past the input,
 * and everything it keeps must be valid UTF-8 without control characters.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/conf.h"
#include "config/newsboat.h"
#include "config/urls.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s)
{
	size_t i, len = strlen(s);

	if (!utf8_valid(s, len))
		abort();
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf *conf = conf_new();
	struct newsboat_result r;
	struct urls u = { NULL, 0 };
	char *err = NULL;
	size_t i;

	/* Includes are relative to the name: keep them inside a directory
	 * that does not exist, so the fuzzer never reads real files. */
	conf_load_text(conf, "/nonexistent-dateline-fuzz/config",
	    (const char *)data, size);
	for (i = 0; i < conf_nbindings(conf); i++) {
		const struct conf_binding *b = conf_binding(conf, i);

		check_clean(b->key);
		if (b->action != NULL)
			check_clean(b->action);
		if (b->view != NULL)
			check_clean(b->view);
	}
	for (i = 0; i < CONF_COUNT; i++) {
		const struct conf_option *o = conf_option((enum conf_id)i);

		if (o->type == CONF_T_STRING)
			check_clean(conf_get_str(conf, (enum conf_id)i));
	}
	conf_free(conf);

	newsboat_convert((const char *)data, size, "fuzz", NULL, NULL, &r);
	if (!utf8_valid(r.unknown.data ? r.unknown.data : "", r.unknown.len))
		abort();
	/* whatever was converted must load cleanly as a dateline config */
	conf = conf_new();
	if (conf_load_text(conf, "converted", buf_str(&r.config), r.config.len) != 0)
		abort();
	conf_free(conf);
	newsboat_result_free(&r);

	if (urls_parse(&u, (const char *)data, size, "fuzz", &err) != 0)
		free(err);
	urls_free(&u);
	return 0;
}
