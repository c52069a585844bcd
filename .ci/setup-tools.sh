#!/usr/bin/env bash
# Installs the real tools the tests run against, when missing: Prometheus, promtool,
# Alertmanager and VictoriaMetrics (Debian packages unpacked into .stack/) and Debian's
# Chromium. Idempotent: a second run only checks versions. Called by `pnpm test` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -x deploy/local/install.sh ]]; then
  echo "== local stack (Prometheus, Alertmanager, VictoriaMetrics)"
  bash deploy/local/install.sh
fi
if [[ -f .ci/install-chromium.sh ]]; then
  echo "== Chromium"
  bash .ci/install-chromium.sh
fi
