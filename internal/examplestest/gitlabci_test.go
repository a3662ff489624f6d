package examplestest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

const ciFile = "examples/gitlab-ci/.gitlab-ci.yml"

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// The lab's code on the target branch: what the "real" lab was applied from.
const labCode = `provider "homelab" {
  routeros {
    url            = var.routeros_url
    username       = var.routeros_username
    password       = var.routeros_password
    ca_certificate = var.routeros_ca_certificate
  }
  proxmox {
    endpoint       = var.proxmox_endpoint
    api_token      = var.proxmox_api_token
    ca_certificate = var.proxmox_ca_certificate
  }
}

resource "homelab_routeros_interface_bridge" "lab" {
  name    = "bridge-lab"
  comment = "lab"
}

resource "homelab_routeros_interface_vlan" "servers" {
  name      = "ether2-vlan-10"
  vlan_id   = 10
  interface = "ether2"
}

resource "homelab_routeros_ip_address" "servers" {
  address   = "10.10.0.1/24"
  interface = homelab_routeros_interface_vlan.servers.name
}

resource "homelab_proxmox_pool" "lab" {
  pool_id = "lab"
  comment = "homelab"
}
`

const labFiles = `terraform {
  required_providers {
    homelab = {
      source = "homelab-iac/homelab"
    }
  }
  backend "http" {}
}

variable "routeros_url" {
  type = string
}
variable "routeros_username" {
  type    = string
  default = "admin"
}
variable "routeros_password" {
  type      = string
  sensitive = true
}
variable "routeros_ca_certificate" {
  type    = string
  default = null
}
variable "proxmox_endpoint" {
  type = string
}
variable "proxmox_api_token" {
  type      = string
  sensitive = true
}
variable "proxmox_ca_certificate" {
  type    = string
  default = null
}
`

// A good change: a new VLAN.
const goodChange = `
resource "homelab_routeros_interface_vlan" "iot" {
  name      = "ether2-vlan-20"
  vlan_id   = 20
  interface = "ether2"
}
`

// A change only the router refuses: a second VLAN 10 on ether2.
const badChange = `
resource "homelab_routeros_interface_vlan" "servers_again" {
  name      = "ether2-vlan-10-b"
  vlan_id   = 10
  interface = "ether2"
}
`

// TestGitLabCIStructure checks the example pipeline's structure: the keys
// GitLab requires, stages declared, rules well-formed, every job's script.
func TestGitLabCIStructure(t *testing.T) {
	for _, e := range checkCI(readCI(t)) {
		t.Errorf("%s: %s", ciFile, e)
	}
	// The check itself finds what GitLab would refuse.
	var broken map[string]any
	if err := yaml.Unmarshal([]byte(`
stages: [test]
workflow:
  rules:
    - iff: $CI_PIPELINE_SOURCE == "push"
build:
  stage: deploy
  script: []
  rules:
    - if: $CI_COMMIT_BRANCH
      when: sometimes
  needs: [lint]
  extends: .missing
`), &broken); err != nil {
		t.Fatal(err)
	}
	errs := strings.Join(checkCI(broken), "\n")
	for _, want := range []string{"workflow: rules[0]: unknown key iff", "job build: stage deploy is not in stages",
		"job build: script is empty", "when sometimes", "needs lint, which is not a job", "extends: .missing is not defined",
		"no twin-test job"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the check misses %q in a broken file; it found:\n%s", want, errs)
		}
	}
}

// TestAccGitLabPipeline runs the example pipeline's jobs as written in
// .gitlab-ci.yml against a "real" lab (emulators applied by tofu from the
// target branch): the scheduled twin-snapshot job publishes its snapshots,
// then the merge request job twin-test, in a git repository holding the
// target branch and an MR commit, reads the real state read-only from a
// stand-in for GitLab's API (which fails the test on anything but a GET),
// starts the twins from the snapshots and plans, applies and plans the MR
// on them. A good change passes and leaves the real lab untouched; a change
// the router refuses fails with the router's message.
func TestAccGitLabPipeline(t *testing.T) {
	acctest.SkipUnlessAcc(t)
	root := acctest.RepoRoot()
	ci := readCI(t)
	for _, e := range checkCI(ci) {
		t.Fatalf("%s: %s", ciFile, e)
	}
	work := t.TempDir()

	// The binaries a runner would have: tofu, homelab-emulator on PATH, the
	// provider in a filesystem mirror (offline `tofu init`).
	bin := filepath.Join(work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(os.Getenv("TF_ACC_TERRAFORM_PATH"), filepath.Join(bin, "tofu")); err != nil {
		t.Fatal(err)
	}
	run(t, root, nil, "go", "build", "-o", filepath.Join(bin, "homelab-emulator"), "./cmd/homelab-emulator")
	mirror := filepath.Join(work, "mirror")
	plat := runtime.GOOS + "_" + runtime.GOARCH
	run(t, root, nil, "go", "build", "-o", filepath.Join(mirror, "registry.opentofu.org", "homelab-iac", "homelab", "0.1.0", plat, "terraform-provider-homelab_v0.1.0"), ".")
	rc := filepath.Join(work, "tofurc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror)), 0o600); err != nil {
		t.Fatal(err)
	}

	// The "real" lab, and the target branch applied to it as the default
	// branch's apply job would (its state then lives in GitLab).
	ros := acctest.RouterOS(t)
	pve := acctest.Proxmox(t, func(c *proxmox.Config) {
		c.StateFile = filepath.Join(root, "internal", "examplestest", "testdata", "proxmox-as-installed.json")
	})
	pveCA := filepath.Join(work, "real-pve-ca.pem")
	if err := os.WriteFile(pveCA, pve.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	realVars := []string{
		"TF_VAR_routeros_url=api://" + ros.Addr(), "TF_VAR_routeros_username=" + ros.Username,
		"TF_VAR_routeros_password=" + ros.Password, "TF_VAR_proxmox_endpoint=" + pve.URL(),
		"TF_VAR_proxmox_api_token=" + pve.TokenID + "=" + pve.TokenSecret, "TF_VAR_proxmox_ca_certificate=" + pveCA,
	}
	real := filepath.Join(work, "real")
	writeFiles(t, real, map[string]string{"main.tf": labCode, "lab.tf": labFiles,
		"real_override.tf": "terraform {\n  backend \"local\" {\n    path = \"real.tfstate\"\n  }\n}\n"})
	realEnv := append([]string{"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "TF_DATA_DIR=" + filepath.Join(work, "real-tfdata")}, realVars...)
	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	run(t, real, realEnv, tofu, "init", "-input=false")
	run(t, real, realEnv, tofu, "apply", "-input=false", "-auto-approve")
	realState, err := os.ReadFile(filepath.Join(real, "real.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	realVLANs := len(rows(t, ros, "/interface/vlan/print"))

	// GitLab's API: the state (GET only, job token as basic auth), and the
	// generic package the scheduled job publishes to (PUT, in its own run).
	token := randomHex(t)
	const project = "42"
	statePath := "/api/v4/projects/" + project + "/terraform/state/homelab"
	pkgPath := "/api/v4/projects/" + project + "/packages/generic/homelab-twin/latest/"
	var mu sync.Mutex
	published := map[string][]byte{}
	var requests []string
	allowPut := true
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		requests = append(requests, r.Method+" "+r.URL.Path)
		if u, p, ok := r.BasicAuth(); !ok || u != "gitlab-ci-token" || p != token {
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return
		}
		switch {
		case r.Method == http.MethodPut && allowPut && strings.HasPrefix(r.URL.Path, pkgPath):
			b, _ := io.ReadAll(r.Body)
			published[strings.TrimPrefix(r.URL.Path, pkgPath)] = b
			fmt.Fprintln(w, `{"message":"201 Created"}`)
		case r.Method != http.MethodGet:
			t.Errorf("the pipeline sent %s %s to GitLab's API: the MR job must only read", r.Method, r.URL)
			http.Error(w, "405", http.StatusMethodNotAllowed)
		case r.URL.Path == statePath:
			_, _ = w.Write(realState)
		case strings.HasPrefix(r.URL.Path, pkgPath) && published[strings.TrimPrefix(r.URL.Path, pkgPath)] != nil:
			_, _ = w.Write(published[strings.TrimPrefix(r.URL.Path, pkgPath)])
		default:
			http.NotFound(w, r)
		}
	}))
	defer api.Close()

	// The project: the target branch with the lab's code and the pipeline,
	// and a merge request's commit on top of it.
	proj := filepath.Join(work, "project")
	files := map[string]string{"main.tf": labCode, "lab.tf": labFiles, ".gitlab-ci.yml": string(mustRead(t, filepath.Join(root, ciFile)))}
	scripts, _ := filepath.Glob(filepath.Join(root, "examples", "gitlab-ci", "ci", "*.sh"))
	for _, s := range scripts {
		files["ci/"+filepath.Base(s)] = string(mustRead(t, s))
	}
	writeFiles(t, proj, files) // 0644: the job runs them with bash
	git := func(args ...string) string {
		t.Helper()
		return strings.TrimSpace(run(t, proj, []string{"GIT_AUTHOR_NAME=ci", "GIT_AUTHOR_EMAIL=ci@example.invalid",
			"GIT_COMMITTER_NAME=ci", "GIT_COMMITTER_EMAIL=ci@example.invalid", "GIT_CONFIG_GLOBAL=/dev/null"}, "git", args...))
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "the lab")
	mr := func(branch, change string) string {
		t.Helper()
		git("checkout", "-q", "-b", branch, "main")
		writeFiles(t, proj, map[string]string{"change.tf": change})
		git("add", "change.tf")
		git("commit", "-q", "-m", branch)
		sha := git("rev-parse", "HEAD")
		git("checkout", "-q", "--detach", sha) // as the runner checks out an MR pipeline
		return sha
	}

	// GitLab's predefined variables the jobs use.
	predefined := map[string]string{
		"CI_PROJECT_DIR": proj, "CI_API_V4_URL": api.URL + "/api/v4", "CI_PROJECT_ID": project,
		"CI_JOB_TOKEN": token, "CI_DEFAULT_BRANCH": "main", "CI_REGISTRY": "registry.example.invalid",
		"CI_SERVER_URL": api.URL,
	}
	pathEnv := "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")
	base := []string{pathEnv, "TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1"}

	// The schedule: twin-snapshot, with the real lab's credentials as the
	// protected CI/CD variables.
	snap := withVars(predefined, map[string]string{"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main"})
	git("checkout", "-q", "main")
	out, code := runJob(t, ci, "twin-snapshot", snap, append(append(base, realVars...), "PROXMOX_VE_CA_CERTIFICATE="+pveCA))
	if code != 0 {
		t.Fatalf("twin-snapshot failed (exit %d):\n%s", code, out)
	}
	mu.Lock()
	allowPut = false
	for _, f := range []string{"router.json", "pve.json"} {
		if len(published[f]) == 0 {
			t.Fatalf("twin-snapshot published no %s:\n%s", f, out)
		}
		for _, secret := range []string{ros.Password, pve.TokenSecret, token} {
			if strings.Contains(string(published[f]), secret) {
				t.Errorf("%s holds a secret", f)
			}
		}
	}
	requests = nil
	mu.Unlock()

	mrVars := func(branch, sha string) map[string]string {
		return withVars(predefined, map[string]string{"CI_PIPELINE_SOURCE": "merge_request_event",
			"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": branch,
			"CI_MERGE_REQUEST_IID": "7", "CI_COMMIT_SHA": sha, "CI_COMMIT_REF_NAME": branch})
	}

	t.Run("good change", func(t *testing.T) {
		sha := mr("mr-good", goodChange)
		out, code := runJob(t, ci, "twin-test", mrVars("mr-good", sha), base)
		if code != 0 {
			t.Fatalf("twin-test failed for a good change (exit %d):\n%s", code, out)
		}
		// The copy of the real state matched the twins: only the change is planned.
		for _, want := range []string{"Plan: 1 to add, 0 to change, 0 to destroy.", "No changes.",
			"twin-test: the change applies on the twins and converges"} {
			if !strings.Contains(out, want) {
				t.Errorf("twin-test's output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, token) {
			t.Errorf("the job's log shows the job token")
		}
		for _, gone := range []string{"state.tfstate", "twin.tfplan"} {
			if _, err := os.Stat(filepath.Join(proj, ".twin", gone)); err == nil {
				t.Errorf(".twin/%s (the state copy, with the lab's secrets) is left after the job", gone)
			}
		}
		if _, err := os.Stat(filepath.Join(proj, "twin_backend_override.tf")); err == nil {
			t.Errorf("the backend override is left in the project")
		}
		if logs, _ := filepath.Glob(filepath.Join(proj, ".twin", "*.log")); len(logs) != 2 {
			t.Errorf("the job's artifacts: %d twin logs, want 2", len(logs))
		}
	})

	t.Run("change the router refuses", func(t *testing.T) {
		sha := mr("mr-bad", badChange)
		out, code := runJob(t, ci, "twin-test", mrVars("mr-bad", sha), base)
		if code == 0 {
			t.Fatalf("twin-test passed a change the router refuses:\n%s", out)
		}
		if !strings.Contains(out, "vlan with such vlan-id already exists on this interface") {
			t.Errorf("twin-test's output lacks the router's message:\n%s", out)
		}
		if i := strings.Index(out, "Error:"); i >= 0 {
			t.Logf("the job's log shows:\n%s", out[max(0, i-4):])
		}
	})

	// The real lab and its state are untouched; GitLab saw reads only.
	if n := len(rows(t, ros, "/interface/vlan/print")); n != realVLANs {
		t.Errorf("the real router has %d VLANs after the MR jobs, want %d", n, realVLANs)
	}
	if after := mustRead(t, filepath.Join(real, "real.tfstate")); string(after) != string(realState) {
		t.Errorf("the real state changed")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"GET " + statePath, "GET " + pkgPath + "router.json", "GET " + pkgPath + "pve.json"} {
		if !slices.Contains(requests, want) {
			t.Errorf("twin-test did not %s; requests: %v", want, requests)
		}
	}
}

// runJob runs a job's before_script and script as GitLab's shell executor
// does (one bash, stopping at the first failing line), in CI_PROJECT_DIR,
// with the predefined variables, the file's global and the job's variables
// (expanded as GitLab expands them) and env.
func runJob(t *testing.T, ci map[string]any, name string, predefined map[string]string, env []string) (string, int) {
	t.Helper()
	job, ok := ci[name].(map[string]any)
	if !ok {
		t.Fatalf("%s: no job %s", ciFile, name)
	}
	vars := withVars(predefined, nil)
	for _, src := range []any{ci["variables"], job["variables"]} {
		m, _ := src.(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			v := m[k]
			if mv, ok := v.(map[string]any); ok {
				v = mv["value"]
			}
			vars[k] = fmt.Sprint(v)
		}
	}
	// GitLab expands references between variables, in any order.
	for range 5 {
		for k, v := range vars {
			vars[k] = os.Expand(v, func(n string) string { return vars[n] })
		}
	}
	lines := append(strs(job["before_script"]), strs(job["script"])...)
	if len(strs(job["script"])) == 0 {
		t.Fatalf("job %s has no script", name)
	}
	cmd := exec.Command("bash", "-c", "set -eo pipefail\n"+strings.Join(lines, "\n")+"\n")
	cmd.Dir = predefined["CI_PROJECT_DIR"]
	cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.TempDir()}
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, env...)
	b, err := cmd.CombinedOutput()
	b = ansi.ReplaceAll(b, nil) // GitLab shows tofu's colours; the checks read the text
	if ee, ok := err.(*exec.ExitError); ok {
		return string(b), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("job %s: %v", name, err)
	}
	return string(b), 0
}

// checkCI is a schema check of the pipeline: GitLab's required keys and
// their types, stages declared, every job with a declared stage and a
// non-empty script, rules and needs well-formed, extends resolvable.
func checkCI(ci map[string]any) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	globalKeys := map[string]bool{"variables": true, "image": true, "stages": true, "workflow": true, "default": true,
		"include": true, "services": true, "cache": true, "before_script": true, "after_script": true}
	jobKeys := map[string]bool{"stage": true, "script": true, "before_script": true, "after_script": true, "rules": true,
		"needs": true, "services": true, "variables": true, "artifacts": true, "environment": true, "resource_group": true,
		"extends": true, "image": true, "cache": true, "when": true, "allow_failure": true, "timeout": true, "tags": true,
		"interruptible": true, "retry": true, "dependencies": true, "id_tokens": true, "secrets": true, "coverage": true}
	ruleKeys := map[string]bool{"if": true, "when": true, "changes": true, "exists": true, "allow_failure": true,
		"variables": true, "needs": true}
	whens := []string{"on_success", "on_failure", "always", "manual", "delayed", "never"}
	stages := strs(ci["stages"])
	if len(stages) == 0 {
		fail("stages: none declared")
	}
	if _, ok := ci["variables"].(map[string]any); !ok && ci["variables"] != nil {
		fail("variables: not a map")
	}
	checkRules := func(where string, rules any) {
		list, ok := rules.([]any)
		if !ok || len(list) == 0 {
			fail("%s: rules is not a non-empty list", where)
			return
		}
		for i, r := range list {
			m, ok := r.(map[string]any)
			if !ok || len(m) == 0 {
				fail("%s: rules[%d] is not a map", where, i)
				continue
			}
			for k, v := range m {
				if !ruleKeys[k] {
					fail("%s: rules[%d]: unknown key %s", where, i, k)
				}
				if s, isStr := v.(string); k == "if" && (!isStr || !strings.Contains(s, "$")) {
					fail("%s: rules[%d]: if %v is not an expression of variables", where, i, v)
				}
				if k == "when" && !slices.Contains(whens, fmt.Sprint(v)) {
					fail("%s: rules[%d]: when %v", where, i, v)
				}
			}
		}
	}
	if wf, ok := ci["workflow"].(map[string]any); ok {
		checkRules("workflow", wf["rules"])
	}
	jobs := map[string]map[string]any{}
	for name, v := range ci {
		if globalKeys[name] {
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			fail("%s: not a job (a map)", name)
			continue
		}
		jobs[name] = m
	}
	// resolve merges a job's extends (hidden templates), as GitLab does.
	var resolve func(name string, depth int) map[string]any
	resolve = func(name string, depth int) map[string]any {
		job := jobs[name]
		if job == nil || depth > 10 {
			fail("extends: %s is not defined", name)
			return map[string]any{}
		}
		out := map[string]any{}
		for _, parent := range strs(job["extends"]) {
			for k, v := range resolve(parent, depth+1) {
				out[k] = v
			}
		}
		for k, v := range job {
			out[k] = v
		}
		return out
	}
	for name := range jobs {
		if strings.HasPrefix(name, ".") {
			continue
		}
		job := resolve(name, 0)
		for k := range jobs[name] {
			if !jobKeys[k] {
				fail("job %s: unknown key %s", name, k)
			}
		}
		stage := "test"
		if s, ok := job["stage"].(string); ok {
			stage = s
		}
		if !slices.Contains(stages, stage) {
			fail("job %s: stage %s is not in stages %v", name, stage, stages)
		}
		if len(strs(job["script"])) == 0 {
			fail("job %s: script is empty", name)
		}
		if r, ok := job["rules"]; ok {
			checkRules("job "+name, r)
		}
		if _, ok := job["only"]; ok {
			fail("job %s: only/except are deprecated, use rules", name)
		}
		if needs, ok := job["needs"].([]any); ok {
			for _, n := range needs {
				dep := fmt.Sprint(n)
				if m, ok := n.(map[string]any); ok {
					dep = fmt.Sprint(m["job"])
				}
				if jobs[dep] == nil || strings.HasPrefix(dep, ".") {
					fail("job %s: needs %s, which is not a job", name, dep)
				}
			}
		}
	}
	// The merge request job runs in merge request pipelines only.
	if tt, ok := jobs["twin-test"]; !ok {
		fail("no twin-test job")
	} else if rules, _ := tt["rules"].([]any); len(rules) == 0 ||
		fmt.Sprint(mapOf(rules[0])["if"]) != `$CI_PIPELINE_SOURCE == "merge_request_event"` {
		fail("twin-test does not run on merge requests: rules %v", tt["rules"])
	}
	return errs
}

func readCI(t *testing.T) map[string]any {
	t.Helper()
	var ci map[string]any
	if err := yaml.Unmarshal(mustRead(t, filepath.Join(acctest.RepoRoot(), ciFile)), &ci); err != nil {
		t.Fatalf("%s: %v", ciFile, err)
	}
	return ci
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// strs flattens a string or a (nested) list of strings.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, strs(e)...)
		}
		return out
	}
	return nil
}

func withVars(base, extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rows(t *testing.T, ros *acctest.RouterOSEmulator, print string) []map[string]string {
	t.Helper()
	r, err := ros.Run(print)
	if err != nil {
		t.Fatalf("%s: %v", print, err)
	}
	return r
}

func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
