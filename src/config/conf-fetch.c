/*
 * config: the download options every fetcher of dateline takes from the
 * configuration (refresh, the reader's background refresh, article pages
 * for `f` and --extract URL), in one place.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/conf.h"
#include "fetch/fetch.h"

void
conf_fetch_opts(struct fetch_opts *fo, char **ca_file)
{
	memset(fo, 0, sizeof *fo);
	*ca_file = NULL;
	fo->max_parallel = (int)conf_int(CONF_MAX_PARALLEL);
	fo->max_per_host = (int)conf_int(CONF_MAX_PER_HOST);
	fo->max_bytes = (size_t)conf_int(CONF_MAX_FEED_SIZE);
	fo->connect_timeout = (double)conf_int(CONF_TIMEOUT_CONNECT);
	fo->total_timeout = (double)conf_int(CONF_TIMEOUT_TOTAL);
	fo->low_speed_time = (double)conf_int(CONF_LOW_SPEED_TIME);
	fo->low_speed_limit = conf_int(CONF_LOW_SPEED_LIMIT) > 0 ?
	    (long)conf_int(CONF_LOW_SPEED_LIMIT) : -1;
	fo->max_redirects = conf_int(CONF_MAX_REDIRECTS) > 0 ?
	    (int)conf_int(CONF_MAX_REDIRECTS) : -1;
	if (*conf_str(CONF_USER_AGENT) != '\0')
		fo->user_agent = conf_str(CONF_USER_AGENT);
	if (*conf_str(CONF_CA_FILE) != '\0')
		fo->ca_file = *ca_file = conf_expand_home(conf_str(CONF_CA_FILE));
}

void
conf_fetch_url_defaults(void)
{
	struct fetch_opts fo;
	char *ca_file;

	conf_fetch_opts(&fo, &ca_file);
	fetch_url_set_defaults(&fo);	/* copies what it keeps */
	free(ca_file);
}
