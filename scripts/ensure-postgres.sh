#!/bin/sh
# Install Debian's PostgreSQL for the library's tests when it is missing and we can (root with apt).
# The tests start their own throwaway server from these binaries (tests/pg.py); without them those tests skip
# and say why.
for initdb in /usr/lib/postgresql/*/bin/initdb; do
    [ -x "$initdb" ] && exit 0
done
command -v initdb >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the library's tests (apt-get install postgresql)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        && exit 0
    echo "Could not install PostgreSQL; the PostgreSQL tests will skip."
else
    echo "PostgreSQL is not installed and cannot be installed here (needs root and apt); the PostgreSQL tests will skip."
fi
exit 0
