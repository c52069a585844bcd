//go:build tools

// Package build pins the kustomize release CI renders deploy/kubernetes with:
// deploy/local/build-go.sh builds the module's main package (sigs.k8s.io/kustomize/kustomize/v5)
// at the version in go.mod, with go.sum as the lockfile.
package build

import (
	_ "sigs.k8s.io/kustomize/kustomize/v5"
)
