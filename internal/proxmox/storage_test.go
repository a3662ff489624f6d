package proxmox_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

const storageAddr = "homelab_proxmox_storage.backup"

// storageCfg reads a storage definition straight from the emulator.
func storageCfg(e *acctest.ProxmoxEmulator, id string) (map[string]any, error) {
	raw, err := e.Call("GET", "/storage/"+id, nil)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

// checkStorage asserts options of a storage on the emulator ("" = absent).
func checkStorage(e *acctest.ProxmoxEmulator, id string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		cfg, err := storageCfg(e, id)
		if err != nil {
			return err
		}
		for k, w := range want {
			got := ""
			if cfg[k] != nil {
				got = fmt.Sprint(cfg[k])
			}
			if got != w {
				return fmt.Errorf("storage %s: %s = %q, want %q", id, k, got, w)
			}
		}
		return nil
	}
}

func storageConfig(e *acctest.ProxmoxEmulator, backup string) string {
	return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_storage" "backup" {
  storage = "backup-nas"
  type    = "nfs"
  server  = "10.10.10.21"
  export  = "/volume1/backup"
` + backup + `
}

resource "homelab_proxmox_storage" "scratch" {
  storage = "scratch"
  type    = "dir"
  path    = "/srv/scratch"
  nodes   = ["pve-s1"]
}
`
}

const (
	backupV1 = `
  content       = ["iso", "backup"]
  options       = "vers=4.2"
  prune_backups = { keep_last = 3, keep_daily = 7 }
`
	backupV2 = `
  content       = ["backup", "iso", "vztmpl"]
  nodes         = ["pve-s2", "pve-s1"]
  disable       = true
  prune_backups = { keep_weekly = 4 }
`
)

func TestAccStorage_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, id := range []string{"backup-nas", "scratch"} {
				if _, err := storageCfg(e, id); err == nil || !strings.Contains(err.Error(), "does not exist") {
					return fmt.Errorf("storage %s still defined after destroy (err %v)", id, err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create: PVE's defaults planned (shared nfs, its mount point)
				Config: storageConfig(e, backupV1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(storageAddr, "id", "backup-nas"),
					resource.TestCheckResourceAttr(storageAddr, "shared", "true"),
					resource.TestCheckResourceAttr(storageAddr, "path", "/mnt/pve/backup-nas"),
					resource.TestCheckResourceAttr("homelab_proxmox_storage.scratch", "content.#", "2"),
					resource.TestCheckResourceAttr("homelab_proxmox_storage.scratch", "shared", "false"),
					checkStorage(e, "backup-nas", map[string]string{"content": "backup,iso", "prune-backups": "keep-daily=7,keep-last=3",
						"options": "vers=4.2", "shared": "1", "path": "/mnt/pve/backup-nas", "nodes": ""}),
					checkStorage(e, "scratch", map[string]string{"content": "images,rootdir", "nodes": "pve-s1", "path": "/srv/scratch"}),
				),
			},
			{ // in place: content, nodes, disable, retention; options removed
				Config: storageConfig(e, backupV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkStorage(e, "backup-nas", map[string]string{"content": "backup,iso,vztmpl", "nodes": "pve-s1,pve-s2",
					"disable": "1", "prune-backups": "keep-weekly=4", "options": ""}),
			},
			{RefreshState: true},
			{ResourceName: storageAddr, ImportState: true, ImportStateId: "backup-nas", ImportStateVerify: true},
			{
				Config: storageConfig(e, backupV2), ResourceName: storageAddr,
				ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "backup-nas",
			},
			{ // out-of-band change: planned back
				PreConfig: func() {
					if _, err := e.Call("PUT", "/storage/backup-nas", map[string]string{"content": "images", "delete": "disable"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: storageConfig(e, backupV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkStorage(e, "backup-nas", map[string]string{"content": "backup,iso,vztmpl", "disable": "1"}),
			},
			{ // out-of-band delete: created again
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/storage/backup-nas", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: storageConfig(e, backupV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkStorage(e, "backup-nas", map[string]string{"content": "backup,iso,vztmpl", "server": "10.10.10.21"}),
			},
			{ // a changed export replaces the storage (PVE fixes it)
				Config: strings.Replace(storageConfig(e, backupV2), "/volume1/backup", "/volume2/backup", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkStorage(e, "backup-nas", map[string]string{"export": "/volume2/backup"}),
			},
		},
	})
}

// TestAccStorage_secrets: cifs and pbs storages with write-only passwords:
// sent at creation and when password_version changes, never in the state,
// plans clean; the lab's existing NFS storage is not taken over by a create.
func TestAccStorage_secrets(t *testing.T) {
	e := acctest.Proxmox(t)
	t.Setenv("TF_VAR_pw", "smb-secret-Qx81")
	fp := strings.TrimSuffix(strings.Repeat("ab:", 32), ":")
	cfg := func(version int) string {
		return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
variable "pw" {
  type      = string
  sensitive = true
}

resource "homelab_proxmox_storage" "smb" {
  storage          = "smb"
  type             = "cifs"
  server           = "nas.lab"
  share            = "media"
  username         = "pve"
  password         = var.pw
  password_version = %d
  smbversion       = "3"
  content          = ["iso"]
}

resource "homelab_proxmox_storage" "pbs" {
  storage     = "pbs"
  type        = "pbs"
  server      = "10.10.10.30"
  datastore   = "lab"
  username    = "backup@pbs"
  password    = var.pw
  fingerprint = %q
}
`, version, fp)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, id := range []string{"smb", "pbs"} {
				if _, err := storageCfg(e, id); err == nil {
					return fmt.Errorf("storage %s still defined", id)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg(1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr("homelab_proxmox_storage.smb", "password"),
					resource.TestCheckResourceAttr("homelab_proxmox_storage.pbs", "content.#", "1"),
					checkStorage(e, "smb", map[string]string{"username": "pve", "password": "", "smbversion": "3", "path": "/mnt/pve/smb"}),
					checkStorage(e, "pbs", map[string]string{"content": "backup", "fingerprint": fp, "password": ""}),
					func(*terraform.State) error {
						if got := e.StorageSecret("smb", "password"); got != "smb-secret-Qx81" {
							return fmt.Errorf("cifs password on the node %q", got)
						}
						return nil
					},
				),
			},
			{ // a new password_version sends the password again: an update
				PreConfig: func() {
					if _, err := e.Call("PUT", "/storage/smb", map[string]string{"password": "changed-by-hand"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(2),
				Check: func(*terraform.State) error {
					if got := e.StorageSecret("smb", "password"); got != "smb-secret-Qx81" {
						return fmt.Errorf("cifs password not sent again: %q", got)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_proxmox_storage.smb", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_proxmox_storage.pbs", plancheck.ResourceActionNoop),
				}},
			},
			{ResourceName: "homelab_proxmox_storage.pbs", ImportState: true, ImportStateId: "pbs", ImportStateVerify: true},
			{ // password_version is the provider's own: PVE cannot return it
				ResourceName: "homelab_proxmox_storage.smb", ImportState: true, ImportStateId: "smb", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"password_version"},
			},
			{ // the cluster's existing "nas" is never taken over
				Config: cfg(2) + `
resource "homelab_proxmox_storage" "nas" {
  storage = "nas"
  type    = "nfs"
  server  = "10.10.10.20"
  export  = "/volume1/pve"
}
`,
				ExpectError: errRe(`Creating storage "nas" \(homelab_proxmox_storage\) failed.*already has a storage "nas".*import`),
			},
		},
	})
}

func TestAccStorage_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	fp := strings.TrimSuffix(strings.Repeat("ab:", 32), ":")
	cases := map[string]struct{ body, want string }{
		"shared nfs":          {`type = "nfs"` + "\nserver = \"h\"\nexport = \"/e\"\nshared = true", `shared.*does not apply to a storage of type "nfs".*always shared`},
		"nfs without export":  {`type = "nfs"` + "\nserver = \"h\"", `Missing required attribute.*needs .export.`},
		"lvmthin backups":     {`type = "lvmthin"` + "\nvgname = \"pve\"\nthinpool = \"data\"\ncontent = [\"backup\"]", `Content type not supported.*cannot hold "backup"`},
		"bad content":         {`type = "dir"` + "\npath = \"/srv\"\ncontent = [\"disks\"]", `content.*value must be one of`},
		"keep all and counts": {`type = "dir"` + "\npath = \"/srv\"\nprune_backups = { keep_all = true, keep_last = 2 }", `Conflicting retention`},
		"empty retention":     {`type = "dir"` + "\npath = \"/srv\"\nprune_backups = {}", `Empty retention`},
		"relative path":       {`type = "dir"` + "\npath = \"srv\"", `absolute path`},
		"bad fingerprint":     {`type = "pbs"` + "\nserver = \"h\"\ndatastore = \"d\"\nfingerprint = \"ab:cd\"", `SHA-256 fingerprint`},
		"version no password": {`type = "pbs"` + "\nserver = \"h\"\ndatastore = \"d\"\nfingerprint = \"" + fp + "\"\npassword_version = 1", `Missing password`},
		"password on nfs":     {`type = "nfs"` + "\nserver = \"h\"\nexport = \"/e\"\npassword = \"x\"", `password.*does not apply to a storage of type "nfs"`},
		"unknown type":        {`type = "zfs"`, `value must be one of`},
		"bad id":              {`type = "dir"` + "\npath = \"/srv\"\n", `storage id`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			id := "bad"
			if name == "bad id" {
				id = "1bad"
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
				PlanOnly:    true,
				Config:      acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_storage\" \"bad\" {\n  storage = \"" + id + "\"\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}}})
		})
	}
}
