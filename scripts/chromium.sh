#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests (driven by Python playwright through
# executable_path; playwright never downloads a browser of its own). Installed only when missing;
# needs root (CI and the dev machines run as root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "installing Debian's chromium for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
