#!/usr/bin/env bash
# Installs the local stack without touching the system, into .stack/ (git-ignored):
# - our OpenTelemetry Collector distribution and Prometheus 3 + promtool 3, built from pinned Go
#   modules by build-go.sh (collector/manifest.yaml, deploy/local/prometheus/go.mod), cached by hash,
#   and with them kustomize and the Pod Security Standards evaluator of deploy/kubernetes's tests;
# - Alertmanager (+ amtool) and VictoriaMetrics (+ vmalert) from Debian packages, downloaded with apt
#   into a private state folder and unpacked.
#
# Debian 12's Alertmanager and VictoriaMetrics are too old (VictoriaMetrics 1.79 has no OTLP ingest),
# so packages come from the next stable suite. The archive address is read from this machine's own
# apt configuration; none is written here. Debian's Prometheus builds lack the OTLP receiver, hence
# the Go build. Alertmanager/VictoriaMetrics binaries already on PATH with good enough versions are
# used instead. Idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STACK="${STACK_DIR:-$ROOT/.stack}"
BIN="$STACK/bin"
APT="$STACK/apt"
SUITE="${STACK_DEBIAN_SUITE:-trixie}"
KEYRING="${STACK_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}"
# Each required tool, its minimum version and the Debian package that ships it. The Go binaries
# are static: these packages are all they need (vmalert comes with victoria-metrics).
TOOLS=(alertmanager:0.27.0:prometheus-alertmanager amtool:0.27.0:prometheus-alertmanager
  victoria-metrics:1.100.0:victoria-metrics)

log() { printf '[stack:install] %s\n' "$*"; }

# version_ge A B: true when version A >= B (dotted numbers).
version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }

# tool_version BIN: the first x.y.z in BIN's version output. Debian's VictoriaMetrics build prints
# none, so fall back to the version of the package it came from (ours, or the system's dpkg).
tool_version() {
  local out pkg
  out="$("$1" --version 2>&1 || true)"
  out="$(grep -oE '[0-9]+\.[0-9]+\.[0-9]+' <<<"$out" | head -n1 || true)"
  if [[ -z "$out" && -f "$STACK/versions/$(basename "$1")" ]]; then out="$(cat "$STACK/versions/$(basename "$1")")"; fi
  if [[ -z "$out" ]] && pkg="$(dpkg-query -S "$(readlink -f "$1")" 2>/dev/null)"; then
    out="$(dpkg-query -W -f='${Version}' "${pkg%%:*}" | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true)"
  fi
  printf '%s' "$out"
}

# satisfied NAME MIN: .stack/bin has NAME at version MIN or newer.
satisfied() { [[ -x "$BIN/$1" ]] && version_ge "$(tool_version "$BIN/$1")" "$2"; }

# missing_packages: the Debian packages of the tools not yet satisfied, once each.
missing_packages() {
  local spec name min rest
  for spec in "${TOOLS[@]}"; do
    name="${spec%%:*}" rest="${spec#*:}" min="${rest%%:*}"
    satisfied "$name" "$min" || printf '%s\n' "${rest#*:}"
  done | sort -u
}

link_from_path() {
  # Use suitable binaries that are already installed (e.g. a developer's own Prometheus).
  local spec name min rest found
  mkdir -p "$BIN"
  for spec in "${TOOLS[@]}" vmalert:1.100.0:victoria-metrics; do
    name="${spec%%:*}" rest="${spec#*:}" min="${rest%%:*}"
    satisfied "$name" "$min" && continue
    found="$(command -v "$name" || true)"
    if [[ -n "$found" && "$found" != "$BIN/$name" ]] && version_ge "$(tool_version "$found")" "$min"; then
      ln -sf "$found" "$BIN/$name"
      log "using $name from PATH: $found"
    fi
  done
}

# The Debian archive this machine already uses (deb822 .sources or one-line sources.list).
archive_uri() {
  local uri=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri="$(awk '/^URIs:/ {print $2; exit}' "$f")"
    [[ -n "$uri" && "$uri" != *security* ]] && break
    uri=""
  done
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri="$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  [[ -n "$uri" ]] || { log "no Debian archive found in /etc/apt; cannot download packages" >&2; exit 1; }
  printf '%s' "$uri"
}

download_and_unpack() {
  local uri opts deb name path
  local -a packages
  mapfile -t packages < <(missing_packages)
  uri="$(archive_uri)"
  mkdir -p "$APT/state/lists/partial" "$APT/cache/archives/partial" "$APT/debs" "$STACK/root" "$BIN"
  # Debian's archive keyring (bookworm's already holds trixie's keys); nothing is added to it.
  printf 'deb [signed-by=%s] %s %s main\n' "$KEYRING" "$uri" "$SUITE" >"$APT/sources.list"
  opts=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State=$APT/state" -o "Dir::Cache=$APT/cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
  log "reading the $SUITE package list (private apt state in $APT)"
  apt-get "${opts[@]}" -qq update
  log "downloading ${packages[*]}"
  rm -f "$APT"/debs/*.deb # a stale version must not be unpacked over a new one
  (cd "$APT/debs" && apt-get "${opts[@]}" -qq download "${packages[@]}")
  mkdir -p "$STACK/versions"
  for deb in "$APT"/debs/*.deb; do
    log "unpacking $(basename "$deb")"
    dpkg-deb -x "$deb" "$STACK/root"
    # Remember each binary's package version, for binaries that do not print their own.
    dpkg-deb -c "$deb" | grep -oE 'usr/s?bin/[^ ]+$' | while read -r path; do
      dpkg-deb -f "$deb" Version | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' >"$STACK/versions/$(basename "$path")"
    done
  done
  for name in amtool victoria-metrics vmalert vmagent; do
    # Keep a suitable binary from PATH that link_from_path chose.
    [[ -L "$BIN/$name" && "$(readlink "$BIN/$name")" != "$STACK/root/"* ]] && continue
    for dir in usr/bin usr/sbin; do
      if [[ -x "$STACK/root/$dir/$name" ]]; then ln -sf "$STACK/root/$dir/$name" "$BIN/$name"; fi
    done
  done
  # Debian names the Alertmanager binary prometheus-alertmanager, and patched it to read its
  # default notification template from /usr/share/prometheus/alertmanager, which we do not touch.
  # Our copy gets that directory replaced, byte for byte, by an equally long relative path
  # ("./././…/"), so it reads its *.tmpl from its working directory: startAlertmanager() puts
  # the templates there.
  if [[ -x "$STACK/root/usr/bin/prometheus-alertmanager" ]] && ! satisfied alertmanager 0.27.0; then
    rm -f "$BIN/alertmanager"
    perl -0777 -pe 's{/usr/share/prometheus/alertmanager(?!/)}{./././././././././././././././././}g' \
      "$STACK/root/usr/bin/prometheus-alertmanager" >"$BIN/alertmanager"
    chmod +x "$BIN/alertmanager"
    mkdir -p "$STACK/alertmanager-templates"
    cp "$STACK"/root/usr/share/prometheus/alertmanager/*.tmpl "$STACK/alertmanager-templates/"
    cp "$STACK/versions/prometheus-alertmanager" "$STACK/versions/alertmanager"
  fi
}

report() {
  local name v
  for name in prometheus promtool alertmanager amtool victoria-metrics vmalert; do
    if [[ -x "$BIN/$name" ]]; then v="$(tool_version "$BIN/$name")"; log "$name $v ($BIN/$name)"; else log "$name: not available"; fi
  done
  if [[ -x "$BIN/otelcol" ]]; then log "$("$BIN/otelcol" --version) ($BIN/otelcol)"; else log "otelcol: not available"; fi
}

# The Go builds first: they fail fast with one line when Go or a module is missing.
bash "$ROOT/deploy/local/build-go.sh"
if [[ -n "$(missing_packages)" ]]; then
  link_from_path
  if [[ -n "$(missing_packages)" ]]; then download_and_unpack; fi
fi
report
if [[ -n "$(missing_packages)" ]]; then
  log "some binaries are missing or too old (need Alertmanager >= 0.27, VictoriaMetrics >= 1.100)" >&2
  exit 1
fi
