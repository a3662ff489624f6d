package proxmox_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	pveemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// TestAccLXC_secretsNotLogged: a create and an update of a container with a
// root password and SSH keys, run with TF_LOG=trace into a file, with token
// auth and with password auth: the API token secret, the PVE root password
// and the container's password appear nowhere in the log, and the
// container's password (write-only) nowhere in the state files. The log
// must hold the provider's own lines, and the state files the container,
// or the test would prove nothing.
func TestAccLXC_secretsNotLogged(t *testing.T) {
	const (
		rootPassword = "root-pw-Zq83nF1xKv"
		ctPassword   = "ct-pw-Lm42wQ9rTy"
		sshKey       = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
	)
	for _, auth := range []string{"token", "password"} {
		t.Run(auth, func(t *testing.T) {
			e := acctest.Proxmox(t, func(c *pveemu.Config) { c.RootPassword = rootPassword })
			withTemplate(t, e)
			logFile := filepath.Join(t.TempDir(), "tf.log")
			t.Setenv("TF_LOG", "trace")
			t.Setenv("TF_LOG_PATH", logFile)
			// The working directories, with their state files, go here.
			workDirs := t.TempDir()
			t.Setenv("TF_ACC_TEMP_DIR", workDirs)

			// The secrets reach the provider the way they should in real
			// use: credentials from the environment, the container password
			// through a sensitive variable. (Written into the configuration
			// as literals, plugin-testing's own TRACE record "Setting
			// Terraform configuration" would print them, which says nothing
			// about the provider.)
			block := fmt.Sprintf("  proxmox {\n    endpoint = %q\n    ca_certificate = %q\n  }", e.URL(), string(e.CACertPEM()))
			if auth == "password" {
				t.Setenv("PROXMOX_VE_USERNAME", "root@pam")
				t.Setenv("PROXMOX_VE_PASSWORD", rootPassword)
			} else {
				t.Setenv("PROXMOX_VE_API_TOKEN", e.TokenID+"="+e.TokenSecret)
			}
			t.Setenv("TF_VAR_ct_password", ctPassword)
			cfg := func(memory string, extra ...string) string {
				return acctest.ProviderConfig(block) + `
variable "ct_password" {
  type      = string
  sensitive = true
}

resource "homelab_proxmox_lxc" "ct" {
  node            = "pve-s1"
  vmid            = 1005
  hostname        = "ct01005"
  ostemplate      = "` + ostemplate + `"
  password        = var.ct_password
  ssh_public_keys = "` + sshKey + `"
  memory          = ` + memory + `
  rootfs          = { storage = "local-lvm", size = "8G" }
` + strings.Join(extra, "\n") + `
}
`
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkNoGuests(e),
				Steps: []resource.TestStep{
					{ // a create PVE refuses: the error path carries no secret either
						Config:      cfg("1024", `  pool = "no-such-pool"`),
						ExpectError: errRe(`pool 'no-such-pool' does not exist`),
					},
					{Config: cfg("1024"), Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckNoResourceAttr(lxcAddr, "password"),
						checkStateFilesLack(workDirs, ctPassword),
					)},
					{Config: cfg("2048"), Check: resource.ComposeAggregateTestCheckFunc(
						checkConfig(e, "lxc", "pve-s1", 1005, "memory", "2048"),
						checkStateFilesLack(workDirs, ctPassword),
					)},
				},
			})

			raw, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatalf("reading the log: %v", err)
			}
			log := string(raw)
			// The provider's own lines: the framework logs every resource
			// call with the resource type.
			for _, want := range []string{"tf_resource_type=homelab_proxmox_lxc", "Calling provider defined Resource Create", "Calling provider defined Resource Update"} {
				if !strings.Contains(log, want) {
					t.Fatalf("the log (%d bytes) has no provider line %q: the test would prove nothing", len(log), want)
				}
			}
			for name, secret := range map[string]string{
				"the API token secret":     e.TokenSecret,
				"the PVE root password":    rootPassword,
				"the container's password": ctPassword,
			} {
				for rest, n := log, 0; n < 5; n++ {
					i := strings.Index(rest, secret)
					if i < 0 {
						break
					}
					// the log record it is part of: from its timestamp line
					start := strings.LastIndex(rest[:i], "\n20") + 1
					t.Errorf("%s appears in the TF_LOG=trace log, in the record:\n%s", name, truncateStr(rest[start:], 400))
					rest = rest[i+len(secret):]
				}
			}
			t.Logf("checked %d bytes of trace log", len(log))
		})
	}
}

// checkStateFilesLack fails when a state file (terraform.tfstate and its
// backups) under dir holds secret, or when there is no state file holding a
// container.
func checkStateFilesLack(dir, secret string) func(*terraform.State) error {
	return func(*terraform.State) error {
		found := false
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".tfstate") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(raw), secret) {
				return fmt.Errorf("the state file %s holds the container's password", p)
			}
			found = found || strings.Contains(string(raw), `"homelab_proxmox_lxc"`)
			return nil
		})
		if err == nil && !found {
			err = fmt.Errorf("no state file under %s holds the container: the check would prove nothing", dir)
		}
		return err
	}
}

func truncateStr(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
