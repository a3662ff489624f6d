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

const backupJobAddr = "homelab_proxmox_backup_job.nightly"

// emuBackupJob reads a job from the emulator.
func emuBackupJob(e *acctest.ProxmoxEmulator, id string) (map[string]any, error) {
	raw, err := e.Call("GET", "/cluster/backup/"+id, nil)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

// checkBackupJob asserts options of a job on the emulator ("" = absent);
// prune-backups is compared as PVE's object printed "k=v,k=v" sorted.
func checkBackupJob(e *acctest.ProxmoxEmulator, id string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		j, err := emuBackupJob(e, id)
		if err != nil {
			return err
		}
		for k, w := range want {
			got := ""
			switch v := j[k].(type) {
			case nil:
			case map[string]any:
				var parts []string
				for pk, pv := range v {
					parts = append(parts, fmt.Sprintf("%s=%v", pk, pv))
				}
				got = strings.Join(sortStrings(parts), ",")
			default:
				got = fmt.Sprint(v)
			}
			if got != w {
				return fmt.Errorf("backup job %s: %s = %q, want %q", id, k, got, w)
			}
		}
		return nil
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func backupJobConfig(e *acctest.ProxmoxEmulator, body string) string {
	return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_backup_job" "nightly" {
  job_id = "nightly"
` + body + `
}

resource "homelab_proxmox_backup_job" "generated" {
  schedule = "mon..fri 22:30"
  vmids    = [1005, 1006]
}
`
}

const (
	backupJobV1 = `
  schedule         = "sat 02:00"
  storage          = "nas"
  mode             = "snapshot"
  compress         = "zstd"
  all              = true
  exclude          = [9000, 1007]
  prune_backups    = { keep_last = 3, keep_daily = 7 }
  notes_template   = "{{guestname}} on {{node}}"
  mailto           = ["admin@lab.example", "root@pam"]
  mailnotification = "failure"
  comment          = "nightly"
`
	backupJobV2 = `
  schedule      = "*-*-* 03:00"
  storage       = "nas"
  mode          = "stop"
  enabled       = false
  vmids         = [1005, 1006, 1007]
  prune_backups = { keep_weekly = 4 }
`
)

func TestAccBackupJob_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			raw, err := e.Call("GET", "/cluster/backup", nil)
			if err != nil {
				return err
			}
			if string(raw) != "[]" {
				return fmt.Errorf("backup jobs left after destroy: %s", raw)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create: every guest but two, a generated id for the other job
				Config: backupJobConfig(e, backupJobV1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(backupJobAddr, "id", "nightly"),
					resource.TestCheckResourceAttr(backupJobAddr, "enabled", "true"),
					resource.TestMatchResourceAttr("homelab_proxmox_backup_job.generated", "job_id", errRe(`^backup-[0-9a-f]{8}-[0-9a-f]{4}$`)),
					checkBackupJob(e, "nightly", map[string]string{"schedule": "sat 02:00", "all": "1", "exclude": "1007,9000",
						"prune-backups": "keep-daily=7,keep-last=3", "compress": "zstd", "mailto": "admin@lab.example,root@pam",
						"notes-template": "{{guestname}} on {{node}}", "enabled": "1", "vmid": ""}),
				),
			},
			{ // in place: a vmid list instead of all, disabled, retention and mail removed
				Config: backupJobConfig(e, backupJobV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(backupJobAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkBackupJob(e, "nightly", map[string]string{"schedule": "*-*-* 03:00", "vmid": "1005,1006,1007", "all": "",
					"exclude": "", "enabled": "0", "mode": "stop", "prune-backups": "keep-weekly=4", "mailto": "", "notes-template": "", "comment": ""}),
			},
			{RefreshState: true},
			{ResourceName: backupJobAddr, ImportState: true, ImportStateId: "nightly", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_backup_job.generated", ImportState: true, ImportStateVerify: true},
			{Config: backupJobConfig(e, backupJobV2), ResourceName: backupJobAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "nightly"},
			{ // out-of-band change: planned back
				PreConfig: func() {
					if _, err := e.Call("PUT", "/cluster/backup/nightly", map[string]string{"all": "1", "enabled": "1", "schedule": "daily"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: backupJobConfig(e, backupJobV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(backupJobAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkBackupJob(e, "nightly", map[string]string{"schedule": "*-*-* 03:00", "vmid": "1005,1006,1007", "all": "", "enabled": "0"}),
			},
			{ // out-of-band delete: created again
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/cluster/backup/nightly", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: backupJobConfig(e, backupJobV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(backupJobAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkBackupJob(e, "nightly", map[string]string{"vmid": "1005,1006,1007"}),
			},
			{ // a pool selection: PVE refuses a pool that does not exist, on the attribute
				Config:      backupJobConfig(e, `schedule = "daily"`+"\n"+`pool = "nope"`),
				ExpectError: errRe(`Updating backup job "nightly" \(homelab_proxmox_backup_job\) failed.*pool 'nope' does not exist`),
			},
			{ // an existing job is not taken over
				Config: backupJobConfig(e, backupJobV2) + `
resource "homelab_proxmox_backup_job" "dup" {
  job_id   = "nightly"
  schedule = "daily"
  all      = true
}
`,
				ExpectError: errRe(`Creating backup job "nightly" \(homelab_proxmox_backup_job\) failed.*already has a backup job "nightly".*Import`),
			},
		},
	})
}

func TestAccBackupJob_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	for name, tc := range map[string]struct{ body, want string }{
		"bad schedule":      {`schedule = "every night"` + "\nall = true", `calendar event.*schedule = "every night".*not a weekday list`},
		"hour out of range": {`schedule = "25:00"` + "\nall = true", `schedule.*hour 25 is out of range`},
		"time then day":     {`schedule = "02:00 sat"` + "\nall = true", `schedule.*follows the time`},
		"no selection":      {`schedule = "daily"`, `No guests selected.*vmids`},
		"two selections":    {`schedule = "daily"` + "\nall = true\nvmids = [100]", `Conflicting selection`},
		"exclude alone":     {`schedule = "daily"` + "\nvmids = [100]\nexclude = [101]", `Exclude without all.*exclude = \[101\]`},
		"bad mode":          {`schedule = "daily"` + "\nall = true\nmode = \"live\"", `mode.*value must be one of`},
		"unknown variable":  {`schedule = "daily"` + "\nall = true\nstorage = \"nas\"\nnotes_template = \"{{name}}\"", `notes_template.*unknown variable`},
		"notes no storage":  {`schedule = "daily"` + "\nall = true\nnotes_template = \"{{vmid}}\"", `Notes template needs a storage.*notes_template`},
		"keep all + counts": {`schedule = "daily"` + "\nall = true\nprune_backups = { keep_all = true, keep_last = 1 }", `Conflicting retention`},
		"bad job id":        {`job_id = "1st"` + "\nschedule = \"daily\"\nall = true", `job_id.*job id`},
		"bad mail":          {`schedule = "daily"` + "\nall = true\nmailto = [\"a b\"]", `mailto.*email address`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
				PlanOnly: true, Config: acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_backup_job\" \"bad\" {\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}}})
		})
	}
}
