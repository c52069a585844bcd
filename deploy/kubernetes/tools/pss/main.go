// pss evaluates the pods of rendered Kubernetes manifests against a Pod Security Standard with the
// library the API server's PodSecurity admission plugin runs (k8s.io/pod-security-admission), so a
// test shows what a namespace labelled pod-security.kubernetes.io/enforce=<level> would answer.
//
//	kustomize build deploy/kubernetes | pss [-level restricted] [-version latest]
//
// One JSON line per workload: {"kind","name","level","version","allowed","forbidden":[{reason,detail}]}.
// Exit status 0 when every pod is allowed, 3 when one is not, 1 on bad input.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// object holds what any manifest has, and the pod template of a workload (Deployment, StatefulSet,
// DaemonSet, ReplicaSet, Job) or the spec of a Pod.
type object struct {
	Kind     string            `json:"kind"`
	Metadata metav1.ObjectMeta `json:"metadata"`
	Spec     json.RawMessage   `json:"spec"`
}

type workloadSpec struct {
	Template *corev1.PodTemplateSpec `json:"template"`
	// CronJob: spec.jobTemplate.spec.template
	JobTemplate *struct {
		Spec struct {
			Template *corev1.PodTemplateSpec `json:"template"`
		} `json:"spec"`
	} `json:"jobTemplate"`
}

type forbidden struct {
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

type result struct {
	Kind      string      `json:"kind"`
	Name      string      `json:"name"`
	Level     api.Level   `json:"level"`
	Version   string      `json:"version"`
	Allowed   bool        `json:"allowed"`
	Forbidden []forbidden `json:"forbidden"`
}

// pod returns the pod metadata and spec an object runs, or false when it runs none.
func pod(o object) (*metav1.ObjectMeta, *corev1.PodSpec, bool, error) {
	if o.Kind == "Pod" {
		var spec corev1.PodSpec
		if err := json.Unmarshal(o.Spec, &spec); err != nil {
			return nil, nil, false, err
		}
		return &o.Metadata, &spec, true, nil
	}
	var w workloadSpec
	if len(o.Spec) == 0 || json.Unmarshal(o.Spec, &w) != nil {
		return nil, nil, false, nil
	}
	t := w.Template
	if t == nil && w.JobTemplate != nil {
		t = w.JobTemplate.Spec.Template
	}
	if t == nil {
		return nil, nil, false, nil
	}
	return &t.ObjectMeta, &t.Spec, true, nil
}

func main() {
	levelFlag := flag.String("level", "restricted", "policy level: privileged, baseline or restricted")
	versionFlag := flag.String("version", "latest", "policy version: latest or v1.N")
	flag.Parse()
	level, err := api.ParseLevel(*levelFlag)
	if err != nil {
		fail(err)
	}
	version, err := api.ParseVersion(*versionFlag)
	if err != nil {
		fail(err)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		fail(err)
	}
	decoder := utilyaml.NewYAMLOrJSONDecoder(os.Stdin, 4096)
	out := json.NewEncoder(os.Stdout)
	denied, seen := 0, 0
	for {
		var o object
		if err := decoder.Decode(&o); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			fail(err)
		}
		meta, spec, ok, err := pod(o)
		if err != nil {
			fail(fmt.Errorf("%s %s: %w", o.Kind, o.Metadata.Name, err))
		}
		if !ok {
			continue
		}
		seen++
		r := result{Kind: o.Kind, Name: o.Metadata.Name, Level: level, Version: *versionFlag, Allowed: true, Forbidden: []forbidden{}}
		for _, c := range evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: version}, meta, spec) {
			if !c.Allowed {
				r.Allowed = false
				r.Forbidden = append(r.Forbidden, forbidden{Reason: c.ForbiddenReason, Detail: c.ForbiddenDetail})
			}
		}
		if !r.Allowed {
			denied++
		}
		if err := out.Encode(r); err != nil {
			fail(err)
		}
	}
	if seen == 0 {
		fail(errors.New("no pod or workload in the input"))
	}
	if denied > 0 {
		os.Exit(3)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pss: %v\n", err)
	os.Exit(1)
}
