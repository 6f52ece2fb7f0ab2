#!/bin/sh
# Install Debian's Chromium for the browser tests when it is missing and we can (root with apt).
# Without it the browser tests skip and say why; nothing else depends on it.
for candidate in "$CHROMIUM" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && exit 0
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        && exit 0
    echo "Could not install Chromium; the browser tests will skip."
else
    echo "Chromium is not installed and cannot be installed here (needs root and apt); the browser tests will skip."
fi
exit 0
