#!/usr/bin/env bash
# Installs Debian's Chromium for the browser e2e tests (driven by playwright-core) when it is missing.
# Idempotent: does nothing when /usr/bin/chromium already exists.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

echo "install-chromium: apt-get update"
$SUDO apt-get update -qq
echo "install-chromium: apt-get install chromium (and fonts so pages render text)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "install-chromium: $(/usr/bin/chromium --version)"
