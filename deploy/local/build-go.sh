#!/usr/bin/env bash
# Builds the Go parts of the local stack from pinned Go modules, into .stack/build/ (git-ignored),
# each cached under a key made of the files that pin it, so a second run builds nothing:
#   otelcol             our OpenTelemetry Collector distribution: collector/manifest.yaml, built by the
#                       OpenTelemetry Collector Builder (OCB) at the manifest's release
#   prometheus,promtool Prometheus 3: deploy/local/prometheus/go.mod + go.sum (the lockfile), with
#                       the `remove_all_sd` build tag (only file and HTTP service discovery remain)
#   kustomize           renders deploy/kubernetes in its tests: deploy/kubernetes/tools/kustomize/go.mod
#                       + go.sum (sigs.k8s.io/kustomize/kustomize/v5)
#   pss                 the Pod Security Standards evaluator of deploy/kubernetes's tests (the library
#                       of the API server's PodSecurity admission): deploy/kubernetes/tools/pss
# A build goes to a temporary folder that is renamed into place only when it succeeded: nothing
# half-built is ever cached. A missing Go or a failed download stops with one line naming it.
# Called by install.sh; BUILD_ONLY=otelcol|prometheus|kustomize|pss builds one of them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STACK="${STACK_DIR:-$ROOT/.stack}"
BIN="$STACK/bin"
BUILD="$STACK/build"
MANIFEST="$ROOT/collector/manifest.yaml"
PROM_MODULE="$ROOT/deploy/local/prometheus"
PROM_TAGS="remove_all_sd"
K8S_TOOLS="$ROOT/deploy/kubernetes/tools"

log() { printf '[stack:install] %s\n' "$*"; }
die() {
  printf '[stack:install] %s\n' "$*" >&2
  exit 1
}

command -v go >/dev/null 2>&1 ||
  die "Go is missing: the collector and Prometheus 3 are built from Go modules; install Go 1.26 or newer and run again"
# Builds are reproducible from the pinned modules: no VCS stamping, no edits to go.mod.
export GOFLAGS="-buildvcs=false -mod=mod"
mkdir -p "$BIN" "$BUILD"
# Folders of builds that failed or were interrupted; they never served as a cache.
rm -rf "$BUILD"/.tmp-* 2>/dev/null || true

key_of() { cat "$@" | sha256sum | cut -c1-16; }

# first_error LOG: the line of a failed Go build that says what went wrong (progress lines skipped).
first_error() {
  local line
  line="$(grep -v -E '^go: (downloading|finding|extracting|added|upgraded) ' "$1" |
    grep -m1 -E '(disabled|refused|forbidden|Forbidden|not found|Not Found|403|404|cannot|undefined|error|Error|unknown|invalid|missing)' || true)"
  [[ -n "$line" ]] || line="$(grep -v -E '^go: (downloading|finding|extracting) ' "$1" | tail -n1)"
  printf '%s' "$line" | tr -s ' \t' ' ' | cut -c1-300
}

# link NAME TARGET: .stack/bin/NAME → TARGET.
link() { ln -sfn "$2" "$BIN/$1"; }

build_collector() {
  local release key dir tmp ocb
  [[ -f "$MANIFEST" ]] || die "collector/manifest.yaml is missing"
  release="$(awk '/^  version:/ { print $2; exit }' "$MANIFEST")"
  [[ -n "$release" ]] || die "collector/manifest.yaml has no dist.version"
  key="$(key_of "$MANIFEST")"
  dir="$BUILD/otelcol-$key"
  if [[ -x "$dir/otelcol" ]]; then
    link otelcol "$dir/otelcol"
    log "otelcol $release: cached ($dir)"
    return
  fi
  tmp="$(mktemp -d "$BUILD/.tmp-otelcol-XXXXXX")"
  ocb="$STACK/go/bin/ocb-v$release"
  if [[ ! -x "$ocb" ]]; then
    log "installing the OpenTelemetry Collector Builder v$release"
    if ! GOBIN="$tmp/ocb" go install "go.opentelemetry.io/collector/cmd/builder@v$release" >"$tmp/ocb.log" 2>&1; then
      die "installing the Collector Builder v$release failed: $(first_error "$tmp/ocb.log") (log: $tmp/ocb.log)"
    fi
    mkdir -p "$(dirname "$ocb")"
    mv "$tmp/ocb/builder" "$ocb"
  fi
  log "building otelcol $release from collector/manifest.yaml (a few minutes on 2 cores; cached after)"
  sed -E "s#^(  output_path:).*#\\1 $tmp/src#" "$MANIFEST" >"$tmp/manifest.yaml"
  if ! (cd "$tmp" && "$ocb" --config manifest.yaml --ldflags="-s -w") >"$tmp/build.log" 2>&1; then
    die "building the collector failed: $(first_error "$tmp/build.log") (log: $tmp/build.log)"
  fi
  mv "$tmp/src/otelcol-bizmetrics" "$tmp/otelcol"
  rm -rf "$tmp/src" "$tmp/ocb"
  mv "$tmp" "$dir"
  link otelcol "$dir/otelcol"
  log "otelcol $release: built ($dir)"
}

build_prometheus() {
  local module version key dir tmp pkg="github.com/prometheus/common/version"
  [[ -f "$PROM_MODULE/go.mod" && -f "$PROM_MODULE/go.sum" ]] || die "deploy/local/prometheus/go.mod or go.sum is missing"
  module="$(awk '$1 == "require" && $2 == "github.com/prometheus/prometheus" { print $3 }' "$PROM_MODULE/go.mod")"
  [[ "$module" =~ ^v0\.([0-9])([0-9]{2})\.([0-9]+)$ ]] ||
    die "deploy/local/prometheus/go.mod must require github.com/prometheus/prometheus v0.3xx.y, found '$module'"
  # Module v0.316.0 is Prometheus 3.16.0.
  version="${BASH_REMATCH[1]}.$((10#${BASH_REMATCH[2]})).${BASH_REMATCH[3]}"
  key="$(key_of "$PROM_MODULE/go.mod" "$PROM_MODULE/go.sum" <(printf '%s' "$PROM_TAGS"))"
  dir="$BUILD/prometheus-$version-$key"
  if [[ -x "$dir/prometheus" && -x "$dir/promtool" ]]; then
    link prometheus "$dir/prometheus"
    link promtool "$dir/promtool"
    log "prometheus/promtool $version: cached ($dir)"
    return
  fi
  tmp="$(mktemp -d "$BUILD/.tmp-prometheus-XXXXXX")"
  log "building prometheus and promtool $version (module $module, tags $PROM_TAGS; a few minutes, cached after)"
  if ! GOFLAGS="-buildvcs=false -mod=readonly" go build -C "$PROM_MODULE" -trimpath -tags "$PROM_TAGS" \
    -ldflags "-s -w -X $pkg.Version=$version -X $pkg.Revision=$module -X $pkg.Branch=module -X $pkg.BuildUser=bizmetrics" \
    -o "$tmp/" github.com/prometheus/prometheus/cmd/prometheus github.com/prometheus/prometheus/cmd/promtool \
    >"$tmp/build.log" 2>&1; then
    die "building prometheus $version failed: $(first_error "$tmp/build.log") (log: $tmp/build.log)"
  fi
  mv "$tmp" "$dir"
  link prometheus "$dir/prometheus"
  link promtool "$dir/promtool"
  log "prometheus/promtool $version: built ($dir)"
}

# build_module_tool NAME PACKAGE PINNED: builds PACKAGE of the Go module deploy/kubernetes/tools/NAME (its
# go.mod pins the version, go.sum is the lockfile) into .stack/build/NAME-<version>-<key>, where the
# key hashes every file of the module folder: a changed pin or source builds anew. The version in
# the folder's name is the one go.mod requires of the module PINNED.
build_module_tool() {
  local name="$1" package="$2" pinned="$3" module="$K8S_TOOLS/$1" version key dir tmp
  [[ -f "$module/go.mod" && -f "$module/go.sum" ]] || die "deploy/kubernetes/tools/$name/go.mod or go.sum is missing"
  version="$(awk -v m="$pinned" '($1 == "require" && $2 == m) { print $3; exit } ($1 == m) { print $2; exit }' "$module/go.mod")"
  [[ -n "$version" ]] || die "deploy/kubernetes/tools/$name/go.mod does not require $pinned"
  key="$(key_of $(find "$module" -maxdepth 1 -type f | LC_ALL=C sort))"
  dir="$BUILD/$name-${version#v}-$key"
  if [[ -x "$dir/$name" ]]; then
    link "$name" "$dir/$name"
    log "$name $version: cached ($dir)"
    return
  fi
  tmp="$(mktemp -d "$BUILD/.tmp-$name-XXXXXX")"
  log "building $name $version (deploy/kubernetes/tools/$name; about a minute cold, cached after)"
  if ! GOFLAGS="-buildvcs=false -mod=readonly" go build -C "$module" -trimpath -ldflags "-s -w" \
    -o "$tmp/$name" "$package" >"$tmp/build.log" 2>&1; then
    die "building $name $version failed: $(first_error "$tmp/build.log") (log: $tmp/build.log)"
  fi
  mv "$tmp" "$dir"
  link "$name" "$dir/$name"
  log "$name $version: built ($dir)"
}

case "${BUILD_ONLY:-all}" in
otelcol) build_collector ;;
prometheus) build_prometheus ;;
kustomize) build_module_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 sigs.k8s.io/kustomize/kustomize/v5 ;;
pss) build_module_tool pss . k8s.io/pod-security-admission ;;
all)
  # The collector and Prometheus at once: their module downloads overlap, and each waits on the
  # other's compile less than it would in a row (cold, measured on 2 cores: about 6 min together).
  # kustomize and pss follow, two at a time as well (cold, measured one after the other on 2 cores:
  # 70 s and 41 s).
  status=0
  BUILD_ONLY=otelcol bash "$0" &
  collector=$!
  BUILD_ONLY=prometheus bash "$0" &
  prometheus=$!
  wait "$collector" || status=1
  wait "$prometheus" || status=1
  BUILD_ONLY=kustomize bash "$0" &
  kustomize=$!
  BUILD_ONLY=pss bash "$0" &
  pss=$!
  wait "$kustomize" || status=1
  wait "$pss" || status=1
  exit "$status"
  ;;
*) die "BUILD_ONLY must be otelcol, prometheus, kustomize, pss or all, not '$BUILD_ONLY'" ;;
esac
