#!/bin/sh
# Install Debian's nginx and openssl for the hosting tests (tests/deploy: deploy/trial puts nginx with a throwaway
# self-signed certificate in front of the app servers) when they are missing and we can (root with apt).
# Without them those tests skip and say why (on CI, where this runs as root, they are installed).
# Installing nginx does not start it (see below): the tests run their own, on loopback, from a folder of their own.
missing=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="nginx"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing$missing for the hosting tests (apt-get install$missing)..."
    # Debian starts a service it installs (nginx on port 80 of every address): a policy that says no, for the
    # install only, unless the machine already has one.
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy="made"
    fi
    # shellcheck disable=SC2086
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    installed=$?
    [ "$policy" = "made" ] && rm -f /usr/sbin/policy-rc.d
    [ "$installed" = "0" ] && exit 0
    echo "Could not install$missing; the hosting tests will skip."
else
    echo "$missing not installed and cannot be installed here (needs root and apt); the hosting tests will skip."
fi
exit 0
