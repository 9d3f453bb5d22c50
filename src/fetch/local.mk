# fetch: libcurl multi
