// Package examplestest applies the repository's examples with the real tofu
// binary, so the configuration users copy first is known to work.
package examplestest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// TestAccHomelabExample applies examples/homelab to the emulators and a Vault
// dev server in the bootstrap order its README gives for the lab's own CA:
//
//  1. the Vault PKI alone (-target=module.pki), the devices still serving
//     their self-signed certificates;
//  2. everything, the provider trusting the devices' own CAs and the lab's
//     root CA (the router and the endpoint node switch to the lab's
//     certificates during this apply);
//  3. a plan trusting only the lab's root CA, which must be empty.
//
// It then checks what the apply built, destroys it (trusting both again, as
// the devices go back to their own certificates) and checks that the
// emulated router and cluster hold nothing of it any more.
func TestAccHomelabExample(t *testing.T) {
	root := acctest.RepoRoot()
	ros := acctest.RouterOS(t)
	// The cluster as the PVE installer leaves it: storages `local` and
	// `local-lvm` only (the example adds `nas`), each node's vmbr0 on eno1.
	// tools/demo.sh starts its emulator from the same state.
	pve := acctest.Proxmox(t, func(c *proxmox.Config) {
		c.StateFile = filepath.Join(root, "internal", "examplestest", "testdata", "proxmox-as-installed.json")
	})
	vault := acctest.Vault(t)
	work := t.TempDir()

	// The example is applied as a user would: the provider binary installed
	// through a dev_overrides CLI configuration, the example's own files.
	plugins := filepath.Join(work, "plugins")
	run(t, root, nil, "go", "build", "-o", filepath.Join(plugins, "terraform-provider-homelab"), ".")
	rc := filepath.Join(work, "tofurc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.opentofu.org/homelab-iac/homelab\" = %q\n  }\n  direct {}\n}\n", plugins)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	writePEM := func(name string, pems ...[]byte) string {
		t.Helper()
		p := filepath.Join(work, name)
		if err := os.WriteFile(p, bytes.Join(pems, nil), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// trust points both provider blocks at CA files.
	trust := func(rosCA, pveCA string) []string {
		return []string{"TF_VAR_routeros_ca_certificate=" + rosCA, "TF_VAR_proxmox_ca_certificate=" + pveCA}
	}
	env := []string{
		"TF_CLI_CONFIG_FILE=" + rc,
		"TF_DATA_DIR=" + filepath.Join(work, "tfdata"),
		"TF_IN_AUTOMATION=1",
		"TF_VAR_routeros_url=apis://" + ros.TLSAddr(),
		"TF_VAR_routeros_username=" + ros.Username,
		"TF_VAR_routeros_password=" + ros.Password,
		"TF_VAR_routeros_terraform_password=acctest-terraform-user",
		"TF_VAR_proxmox_endpoint=" + pve.URL(),
		"TF_VAR_proxmox_api_token=" + pve.TokenID + "=" + pve.TokenSecret,
		"TF_VAR_proxmox_endpoint_node=" + pve.EndpointNode(),
		"TF_VAR_vault_address=" + vault.Addr,
		"TF_VAR_vault_token=" + vault.Token,
	}
	with := func(extra ...string) []string { return append(append([]string(nil), env...), extra...) }
	devices := with(trust(writePEM("router-ca.pem", ros.CACertPEM()), writePEM("pve-ca.pem", pve.CACertPEM()))...)

	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	dir := filepath.Join(root, "examples", "homelab")
	state := "-state=" + filepath.Join(work, "terraform.tfstate")

	// `get` installs the local modules; with dev_overrides, init would try the registry.
	run(t, dir, env, tofu, "get")

	// 1. The PKI first, the devices untouched.
	run(t, dir, devices, tofu, "apply", "-input=false", "-auto-approve", "-parallelism=20", "-target=module.pki", state)
	labCA := []byte(stdout(t, dir, devices, tofu, "output", "-raw", state, "root_ca_certificate"))
	if !bytes.Contains(labCA, []byte("BEGIN CERTIFICATE")) {
		t.Fatalf("root_ca_certificate is not a certificate:\n%s", labCA)
	}
	labCA = append(bytes.TrimSpace(labCA), '\n')
	labFile := writePEM("lab-root-ca.pem", labCA)

	// 2. Everything, trusting the devices' own CAs and the lab's.
	both := with(trust(writePEM("router-ca+lab.pem", ros.CACertPEM(), labCA), writePEM("pve-ca+lab.pem", pve.CACertPEM(), labCA))...)
	run(t, dir, both, tofu, "apply", "-input=false", "-auto-approve", "-parallelism=20", state)

	// 3. Only the lab's CA: the devices verify against it, and nothing changes.
	labOnly := with(trust(labFile, labFile)...)
	out, code := runCode(t, dir, labOnly, tofu, "plan", "-input=false", "-detailed-exitcode", "-parallelism=20", state)
	if code != 0 {
		t.Fatalf("the plan after apply, trusting only the lab's CA, is not empty (exit %d):\n%s", code, out)
	}

	// What the apply built is really there.
	u, _ := url.Parse(pve.URL())
	servesLab(t, "router api-ssl", ros.TLSAddr(), labCA)
	servesLab(t, "proxmox "+pve.EndpointNode(), u.Host, labCA)
	assertRows(t, ros, "/interface/vlan/print", 6)
	assertRows(t, ros, "/interface/bridge/print", 5)
	assertRows(t, ros, "/ip/dhcp-server/print", 5)
	assertRows(t, ros, "/ip/dhcp-client/print", 1)
	assertRows(t, ros, "/ip/firewall/filter/print", 18) // input 9, forward 9
	assertRows(t, ros, "/ip/firewall/nat/print", 2)
	assertRows(t, ros, "/ip/firewall/mangle/print", 2)
	assertRows(t, ros, "/ip/firewall/raw/print", 3)
	assertRows(t, ros, "/ip/firewall/address-list/print", 12) // mgmt 2, automation 1, storage 1, bogons 8
	assertRows(t, ros, "/ip/route/print", 3, "dynamic", "!true")
	assertRows(t, ros, "/interface/wireguard/print", 1)
	assertRows(t, ros, "/interface/wireguard/peers/print", 2)
	assertRows(t, ros, "/user/print", 1, "name", "terraform")
	assertRows(t, ros, "/user/group/print", 1, "name", "terraform")
	assertRows(t, ros, "/system/logging/action/print", 1, "name", "syslog")
	assertRows(t, ros, "/system/logging/print", 4, "action", "syslog")
	assertRows(t, ros, "/ip/service/print", 3, "disabled", "true") // telnet, ftp, www
	assertRows(t, ros, "/ip/service/print", 2, "certificate", "router")
	assertGuests(t, pve, 18)
	assertList(t, pve, "/storage", 1, "storage", "nas")
	assertList(t, pve, "/pools", 2, "", "")
	assertList(t, pve, "/cluster/backup", 1, "id", "nightly")
	assertList(t, pve, "/cluster/ha/resources", 3, "", "")
	assertList(t, pve, "/cluster/ha/rules", 3, "", "")
	for _, node := range []string{"pve-s1", "pve-s2", "pve-s3"} {
		assertList(t, pve, "/nodes/"+node+"/network", 1, "bridge_vids", "10 20")
		assertList(t, pve, "/nodes/"+node+"/certificates/info", 1, "filename", "pveproxy-ssl.pem")
	}

	run(t, dir, both, tofu, "destroy", "-input=false", "-auto-approve", "-parallelism=20", state)
	for _, print := range []string{"/interface/vlan/print", "/interface/bridge/print", "/ip/dhcp-server/print",
		"/ip/dhcp-client/print", "/ip/firewall/filter/print", "/ip/firewall/nat/print", "/ip/firewall/mangle/print",
		"/ip/firewall/raw/print", "/ip/firewall/address-list/print", "/interface/wireguard/print", "/certificate/print"} {
		assertRows(t, ros, print, 0)
	}
	assertRows(t, ros, "/ip/route/print", 0, "dynamic", "!true")
	assertRows(t, ros, "/user/print", 0, "name", "terraform")
	assertRows(t, ros, "/ip/service/print", 0, "disabled", "true")
	assertGuests(t, pve, 0)
	assertList(t, pve, "/storage", 0, "storage", "nas")
	assertList(t, pve, "/pools", 0, "", "")
	assertList(t, pve, "/cluster/backup", 0, "", "")
	assertList(t, pve, "/cluster/ha/resources", 0, "", "")
	assertList(t, pve, "/nodes/"+pve.EndpointNode()+"/certificates/info", 0, "filename", "pveproxy-ssl.pem")
}

// servesLab checks that addr serves a certificate the lab's root CA alone
// verifies for 127.0.0.1, the host the provider dials.
func servesLab(t *testing.T, what, addr string, labCA []byte) {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(labCA) {
		t.Fatalf("the lab's root CA does not parse")
	}
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Errorf("%s is not verified by the lab's root CA: %v", what, err)
		return
	}
	conn.Close()
}

// assertRows checks the number of rows print returns, or with filter (key,
// value), of rows whose key has value ("!value": has not).
func assertRows(t *testing.T, ros *acctest.RouterOSEmulator, print string, want int, filter ...string) {
	t.Helper()
	rows, err := ros.Run(print)
	if err != nil {
		t.Fatalf("%s: %v", print, err)
	}
	n := 0
	for _, r := range rows {
		if len(filter) < 2 || r[filter[0]] == filter[1] ||
			strings.HasPrefix(filter[1], "!") && r[filter[0]] != filter[1][1:] {
			n++
		}
	}
	if n != want {
		t.Errorf("%s %v: %d rows on the emulator, want %d", print, filter, n, want)
	}
}

// assertList checks the number of items a GET returns, or with key, of
// items whose key has value.
func assertList(t *testing.T, pve *acctest.ProxmoxEmulator, path string, want int, key, value string) {
	t.Helper()
	raw, err := pve.Call("GET", path, nil)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var items []map[string]any
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	n := 0
	for _, it := range items {
		if key == "" || fmt.Sprint(it[key]) == value {
			n++
		}
	}
	if n != want {
		t.Errorf("GET %s (%s=%s): %d items on the emulator, want %d", path, key, value, n, want)
	}
}

func assertGuests(t *testing.T, pve *acctest.ProxmoxEmulator, want int) {
	t.Helper()
	raw, err := pve.Call("GET", "/cluster/resources", map[string]string{"type": "vm"})
	if err != nil {
		t.Fatalf("/cluster/resources: %v", err)
	}
	var guests []map[string]any
	if err := json.Unmarshal(raw, &guests); err != nil {
		t.Fatalf("/cluster/resources: %v", err)
	}
	if len(guests) != want {
		t.Errorf("%d guests on the emulated cluster, want %d", len(guests), want)
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runCode(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", filepath.Base(name), strings.Join(args, " "), code, out)
	}
	return out
}

// stdout runs name and returns its standard output alone.
func stdout(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out, errb.Bytes())
	}
	return string(out)
}

func runCode(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return buf.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return buf.String(), 0
}
