// pss evaluates the pods of rendered Kubernetes manifests against a Pod Security Standard with the
// library the API server's PodSecurity admission plugin runs (k8s.io/pod-security-admission), so a
// test shows what a namespace labelled pod-security.kubernetes.io/enforce=<level> would answer.
//
//	kustomize build deploy/kubernetes | pss [-level restricted] [-version latest]
//
// One JSON line per workload: {"kind","name","level","version","allowed","forbidden":[{reason,detail}]}.
// Exit status 0 when every pod is allowed, 3 when one is not, 1 on bad input.
//
//	kustomize build deploy/kubernetes | pss -fields
//
// Decodes every object of a built-in kind into its k8s.io/api type refusing unknown fields, as the API
// server's strict field validation does (a misspelt field is an error, not silently dropped). One
// JSON line per object: {"kind","name","typed","error"}; typed is false for kinds k8s.io/api does not
// define (custom resources). Exit status 3 when an object has an unknown or mistyped field.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	sigsjson "sigs.k8s.io/json"
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

// typed returns a new value of the k8s.io/api type of an apiVersion and kind, or nil.
func typed(apiVersion, kind string) any {
	switch apiVersion + "/" + kind {
	case "v1/Namespace":
		return &corev1.Namespace{}
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}
	case "v1/Secret":
		return &corev1.Secret{}
	case "v1/Service":
		return &corev1.Service{}
	case "v1/Pod":
		return &corev1.Pod{}
	case "v1/ServiceAccount":
		return &corev1.ServiceAccount{}
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}
	case "apps/v1/StatefulSet":
		return &appsv1.StatefulSet{}
	case "apps/v1/DaemonSet":
		return &appsv1.DaemonSet{}
	case "autoscaling/v2/HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}
	case "networking.k8s.io/v1/NetworkPolicy":
		return &networkingv1.NetworkPolicy{}
	case "networking.k8s.io/v1/Ingress":
		return &networkingv1.Ingress{}
	}
	return nil
}

type fieldsResult struct {
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Typed bool   `json:"typed"`
	Error string `json:"error,omitempty"`
}

// checkFields decodes each object of the input strictly into its k8s.io/api type.
func checkFields() {
	decoder := utilyaml.NewYAMLOrJSONDecoder(os.Stdin, 4096)
	out := json.NewEncoder(os.Stdout)
	bad, seen := 0, 0
	for {
		var raw json.RawMessage
		if err := decoder.Decode(&raw); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			fail(err)
		}
		var head struct {
			APIVersion string            `json:"apiVersion"`
			Kind       string            `json:"kind"`
			Metadata   metav1.ObjectMeta `json:"metadata"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			fail(err)
		}
		seen++
		r := fieldsResult{Kind: head.Kind, Name: head.Metadata.Name}
		if v := typed(head.APIVersion, head.Kind); v != nil {
			r.Typed = true
			// As the API server decodes: field names case-sensitive, unknown or duplicate fields refused.
			strictErrs, err := sigsjson.UnmarshalStrict(raw, v)
			if err == nil && len(strictErrs) > 0 {
				err = errors.Join(strictErrs...)
			}
			if err != nil {
				r.Error = err.Error()
				bad++
			}
		}
		if err := out.Encode(r); err != nil {
			fail(err)
		}
	}
	if seen == 0 {
		fail(errors.New("no object in the input"))
	}
	if bad > 0 {
		os.Exit(3)
	}
}

func main() {
	levelFlag := flag.String("level", "restricted", "policy level: privileged, baseline or restricted")
	versionFlag := flag.String("version", "latest", "policy version: latest or v1.N")
	fieldsFlag := flag.Bool("fields", false, "check fields instead: decode every built-in object strictly")
	flag.Parse()
	if *fieldsFlag {
		checkFields()
		return
	}
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
