# urls file and OPML (owned with fetch/refresh)
