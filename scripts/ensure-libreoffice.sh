#!/bin/sh
# Install Debian's headless LibreOffice Calc when it is missing and we can (root with apt): the appraisal workbook's
# tests recalculate its formulas with `soffice --headless --convert-to xlsx` (tests/recalc.py) and compare the
# figures with the tool's. The smallest set: libreoffice-calc-nogui without recommends (57 packages, about 276 MB
# on Debian 12), which pulls libreoffice-core-nogui rather than the desktop libreoffice-core.
# Without it those tests fail and say so: a workbook whose formulas were never worked out is not checked.
command -v soffice >/dev/null 2>&1 && exit 0
[ -x /usr/lib/libreoffice/program/soffice ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing headless LibreOffice Calc to recalculate workbooks in the tests (apt-get install libreoffice-calc-nogui)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc-nogui >/dev/null && exit 0
    echo "Could not install libreoffice-calc-nogui; the workbook recalculation tests will fail until soffice is installed."
else
    echo "LibreOffice (soffice) is not installed and cannot be installed here (needs root and apt); the workbook recalculation tests will fail until it is."
fi
exit 0
