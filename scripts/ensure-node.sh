#!/bin/sh
# Install Debian's Node.js when it is missing and we can (root with apt): the tests run `node --check` on the
# diagram's scripts (logicmodel/drawing/diagram_assets/*.js), so a syntax error never ships as a blank diagram.
# Without it that test skips and says why; nothing else depends on it.
for candidate in "$NODE" /usr/bin/node /usr/bin/nodejs; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && exit 0
done
command -v node >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Node.js to check the diagram's scripts (apt-get install nodejs)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null \
        && exit 0
    echo "Could not install Node.js; the check of the diagram's scripts will skip."
else
    echo "Node.js is not installed and cannot be installed here (needs root and apt); the check of the diagram's scripts will skip."
fi
exit 0
