//go:build tools

// Package build pins the Prometheus release the local stack, CI, compose and Kubernetes use:
// deploy/local/install.sh builds cmd/prometheus and cmd/promtool of the module version in go.mod
// (v0.316.0 is Prometheus 3.16.0) with go.sum as the lockfile.
package build

import (
	_ "github.com/prometheus/prometheus/cmd/prometheus"
	_ "github.com/prometheus/prometheus/cmd/promtool"
)
