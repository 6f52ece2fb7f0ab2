#!/bin/sh
# Install Debian's Cairo library (libcairo2) when it is missing and we can (root with apt): CairoSVG draws the
# Word report's picture of the diagram with it. Without it the Word report says the picture could not be drawn.
if ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2'; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Cairo for the Word report's picture (apt-get install libcairo2)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2 >/dev/null \
        && exit 0
    echo "Could not install libcairo2; the Word report will say its picture could not be drawn."
else
    echo "libcairo2 is not installed and cannot be installed here (needs root and apt); the Word report will say its picture could not be drawn."
fi
exit 0
