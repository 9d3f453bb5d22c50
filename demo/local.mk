# Offline demo feeds used by ./quickstart.
