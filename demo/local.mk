# Offline demo feeds used by ./quickstart (dateline --render demo/*.xml).
# Invented stories written for dateline: RSS 2.0 with content:encoded and
# Media RSS captions/credits, and an Atom feed.
EXTRA_DIST += demo/dateline-wire.xml demo/harbour-gazette.xml
