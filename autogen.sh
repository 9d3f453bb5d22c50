#!/bin/sh
# Regenerate the build system (quickstart runs this when needed).
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
autoreconf -fi
# automake ships the TAP driver but does not install it by itself.
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh
