package proxmox_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

const tmplAddr = "homelab_proxmox_lxc_template.ubuntu"

func hasVolume(e *acctest.ProxmoxEmulator, node, storage, volid string) (bool, error) {
	raw, err := e.Call("GET", fmt.Sprintf("/nodes/%s/storage/%s/content", node, storage), map[string]string{"content": "vztmpl"})
	if err != nil {
		return false, err
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		return false, err
	}
	for _, v := range list {
		if v["volid"] == volid {
			return true, nil
		}
	}
	return false, nil
}

func templateConfig(e *acctest.ProxmoxEmulator, extra string) string {
	return acctest.ProviderConfig(e.Block()) + `
data "homelab_proxmox_nodes" "all" {}

data "homelab_proxmox_storages" "tmpl" {
  node    = "pve-s1"
  content = "vztmpl"
}

data "homelab_proxmox_lxc_templates" "ubuntu" {
  node = "pve-s1"
  os   = "ubuntu-24.04"
}

resource "homelab_proxmox_lxc_template" "ubuntu" {
  node     = "pve-s1"
  storage  = "local"
  template = data.homelab_proxmox_lxc_templates.ubuntu.templates[0].template
}
` + extra
}

const urlTemplate = `
resource "homelab_proxmox_lxc_template" "custom" {
  node      = "pve-s2"
  storage   = "local"
  url       = "https://images.rachuna-net.pl/lxc/gitlab-runner-24.04.tar.zst"
  checksum  = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
}
`

func TestAccLXCTemplate_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	volid := "local:vztmpl/" + tmplFile
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, c := range [][3]string{{"pve-s1", "local", volid}, {"pve-s2", "local", "local:vztmpl/gitlab-runner-24.04.tar.zst"}, {"pve-s3", "local", volid}} {
				if ok, err := hasVolume(e, c[0], c[1], c[2]); err != nil || ok {
					return fmt.Errorf("%s on %s still there after destroy (err %v)", c[2], c[0], err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create from the appliance list; data sources
				Config: templateConfig(e, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(tmplAddr, "volid", volid),
					resource.TestCheckResourceAttr(tmplAddr, "id", "pve-s1/"+volid),
					resource.TestCheckResourceAttrSet(tmplAddr, "size"),
					resource.TestCheckResourceAttr("data.homelab_proxmox_nodes.all", "nodes.#", "3"),
					resource.TestCheckResourceAttr("data.homelab_proxmox_nodes.all", "nodes.0.name", "pve-s1"),
					resource.TestCheckResourceAttr("data.homelab_proxmox_nodes.all", "nodes.0.online", "true"),
					resource.TestCheckTypeSetElemNestedAttrs("data.homelab_proxmox_storages.tmpl", "storages.*", map[string]string{"name": "local", "type": "dir"}),
					resource.TestCheckResourceAttr("data.homelab_proxmox_lxc_templates.ubuntu", "templates.0.template", tmplFile),
					func(*terraform.State) error {
						if ok, err := hasVolume(e, "pve-s1", "local", volid); err != nil || !ok {
							return fmt.Errorf("template not on the emulator (err %v)", err)
						}
						return nil
					},
				),
			},
			{RefreshState: true},
			{ // import by node/volid
				ResourceName:      tmplAddr,
				ImportState:       true,
				ImportStateId:     "pve-s1/" + volid,
				ImportStateVerify: true,
			},
			{ // an import block of the template plans the import alone
				Config:          templateConfig(e, ""),
				ResourceName:    tmplAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "pve-s1/" + volid,
			},
			{ // from a URL with checksum; and adopting a template already on pve-s3
				PreConfig: func() {
					if _, err := e.Call("POST", "/nodes/pve-s3/aplinfo", map[string]string{"storage": "local", "template": tmplFile}); err != nil {
						t.Fatal(err)
					}
					e.ResetCounters()
				},
				Config: templateConfig(e, urlTemplate+`
resource "homelab_proxmox_lxc_template" "adopted" {
  node     = "pve-s3"
  storage  = "local"
  template = "`+tmplFile+`"
}
`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("homelab_proxmox_lxc_template.custom", "volid", "local:vztmpl/gitlab-runner-24.04.tar.zst"),
					resource.TestCheckResourceAttr("homelab_proxmox_lxc_template.custom", "file_name", "gitlab-runner-24.04.tar.zst"),
					resource.TestCheckResourceAttr("homelab_proxmox_lxc_template.adopted", "volid", volid),
					func(*terraform.State) error {
						if n := e.Counters()["POST /nodes/{node}/aplinfo"]; n != 0 {
							return fmt.Errorf("the template already on pve-s3 was downloaded again (%d aplinfo downloads)", n)
						}
						return nil
					},
				),
			},
			{ // out-of-band delete: downloaded again
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/nodes/pve-s1/storage/local/content/"+volid, nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: templateConfig(e, urlTemplate+`
resource "homelab_proxmox_lxc_template" "adopted" {
  node     = "pve-s3"
  storage  = "local"
  template = "`+tmplFile+`"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tmplAddr, plancheck.ResourceActionCreate),
				}},
				Check: func(*terraform.State) error {
					if ok, err := hasVolume(e, "pve-s1", "local", volid); err != nil || !ok {
						return fmt.Errorf("template not downloaded again (err %v)", err)
					}
					return nil
				},
			},
		},
	})
}

func TestAccLXCTemplate_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	cases := map[string]struct{ body, want string }{
		"both sources":          {`template = "` + tmplFile + `"` + "\n" + `url = "https://example.org/x.tar.zst"`, `Exactly one of these attributes must be configured`},
		"no source":             {``, `Exactly one of these attributes must be configured`},
		"iso as template":       {`template = "ubuntu.iso"`, `Invalid template file name.*does not end in .tar`},
		"ftp url":               {`url = "ftp://example.org/x.tar.zst"`, `not an http\(s\) URL`},
		"checksum not hex":      {`url = "https://example.org/x.tar.zst"` + "\n" + `checksum = "xyz"`, `not a valid hex checksum`},
		"algorithm without sum": {`url = "https://example.org/x.tar.zst"` + "\n" + `checksum_algorithm = "sha256"`, `checksum_algorithm.*requires|must be specified|checksum`},
		"unknown algorithm":     {`url = "https://example.org/x.tar.zst"` + "\n" + `checksum = "ab"` + "\n" + `checksum_algorithm = "crc32"`, `value must be one of`},
		"url without tar name":  {`url = "https://example.org/download?id=3"`, `Template file name needed`},
		"checksum too short":    {`url = "https://example.org/x.tar.zst"` + "\n" + `checksum = "abc"`, `Invalid checksum.*checksum. has 3 hex digits, but a sha256 checksum`},
		"md5 sum as sha512": {`url = "https://example.org/x.tar.zst"` + "\n" + `checksum = "` + strings.Repeat("0", 32) + `"` + "\n" + `checksum_algorithm = "sha512"`,
			`Invalid checksum.*checksum. has 32 hex digits, but a sha512 checksum \(.checksum_algorithm.\) has 128`},
		"file name a path":        {`url = "https://example.org/x.tar.zst"` + "\n" + `file_name = "../../../../tmp/x"`, `file_name.*is a path`},
		"file name escaping":      {`url = "https://example.org/x.tar.zst"` + "\n" + `file_name = "../../../../tmp/x.tar.zst"`, `is a path.*would store "x.tar.zst"`},
		"file name with a space":  {`url = "https://example.org/x.tar.zst"` + "\n" + `file_name = "my template.tar.zst"`, `contains " "`},
		"url name PVE would edit": {`url = "https://example.org/my%20template.tar.zst"`, `Template file name needed.*contains " "`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			step := resource.TestStep{
				PlanOnly:    true,
				Config:      acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_lxc_template\" \"bad\" {\n  node = \"pve-s1\"\n  storage = \"local\"\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{step}})
		})
	}
}

// templateVolumes lists the vztmpl volumes on a node's storage.
func templateVolumes(t *testing.T, e *acctest.ProxmoxEmulator, node, storage string) []string {
	t.Helper()
	raw, err := e.Call("GET", fmt.Sprintf("/nodes/%s/storage/%s/content", node, storage), map[string]string{"content": "vztmpl"})
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range list {
		out = append(out, fmt.Sprint(v["volid"]))
	}
	return out
}

// TestAccLXCTemplate_badDownloadCreatesNothing: a checksum that cannot match
// and a file name PVE would rewrite fail at plan time, before any download
// is asked for; a download PVE itself fails (an unreachable host) is
// reported and leaves nothing behind.
func TestAccLXCTemplate_badDownloadCreatesNothing(t *testing.T) {
	e := acctest.Proxmox(t)
	before := templateVolumes(t, e, "pve-s1", "local")
	res := func(body string) string {
		return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_lxc_template" "bad" {
  node    = "pve-s1"
  storage = "local"
  url     = "https://images.invalid/runner.tar.zst"
` + body + `
}
`
	}
	e.ResetCounters()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: res(`checksum = "abc"`), ExpectError: errRe(`Invalid checksum.*has 3 hex digits, but a sha256 checksum`)},
			{Config: res(`file_name = "../../../../tmp/x.tar.zst"`), ExpectError: errRe(`Invalid template file name.*is a path`)},
			{
				PreConfig: func() {
					if n := e.Counters()["POST /nodes/{node}/storage/{storage}/download-url"]; n != 0 {
						t.Fatalf("plan-time errors still asked PVE for %d downloads", n)
					}
				},
				Config:      res(`checksum = "` + strings.Repeat("ab", 32) + `"`),
				ExpectError: errRe(`Downloading the template failed.*download failed: wget: unable to resolve host address 'images.invalid'`),
			},
		},
	})
	if after := templateVolumes(t, e, "pve-s1", "local"); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("template volumes before %v, after %v", before, after)
	}
}

// TestAccLXCTemplate_importFromURL: a template downloaded from a URL,
// imported by its volume id, plans no replacement (PVE keeps neither the
// URL nor the checksum, so the import sets `file_name`, not `template`,
// and the first plan records the source in place), and is not downloaded
// again.
func TestAccLXCTemplate_importFromURL(t *testing.T) {
	e := acctest.Proxmox(t)
	const (
		addr  = "homelab_proxmox_lxc_template.custom"
		file  = "gitlab-runner-24.04.tar.zst"
		volid = "local:vztmpl/" + file
	)
	cfg := acctest.ProviderConfig(e.Block()) + urlTemplate
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if ok, err := hasVolume(e, "pve-s2", "local", volid); err != nil || ok {
				return fmt.Errorf("%s still on pve-s2 after destroy (err %v)", volid, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // the template is on the storage already, downloaded outside OpenTofu
				PreConfig: func() {
					raw, err := e.Call("POST", "/nodes/pve-s2/storage/local/download-url", map[string]string{
						"url": "https://images.rachuna-net.pl/lxc/" + file, "content": "vztmpl", "filename": file,
					})
					if err != nil {
						t.Fatal(err)
					}
					waitTask(t, e, raw)
				},
				Config:             cfg,
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      "pve-s2/" + volid,
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("%d imported instances", len(states))
					}
					a := states[0].Attributes
					if a["file_name"] != file || a["template"] != "" || a["volid"] != volid {
						return fmt.Errorf("imported file_name %q, template %q, volid %q; want %q, none, %q", a["file_name"], a["template"], a["volid"], file, volid)
					}
					return nil
				},
			},
			{ // the first plan records url and checksum in place: no download
				PreConfig: func() { e.ResetCounters() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("volid"), knownvalue.StringExact(volid)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("file_name"), knownvalue.StringExact(file)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("template"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("url"), knownvalue.StringExact("https://images.rachuna-net.pl/lxc/"+file)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("checksum"), knownvalue.StringExact("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
				},
				Check: func(*terraform.State) error {
					if n := e.Counters()["POST /nodes/{node}/storage/{storage}/download-url"]; n != 0 {
						return fmt.Errorf("the imported template was downloaded again (%d downloads)", n)
					}
					return nil
				},
			},
			{ // and from then on, nothing to do
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // a changed URL after that replaces it, as before the import
				Config: acctest.ProviderConfig(e.Block()) + strings.Replace(urlTemplate, "lxc/gitlab-runner", "lxc/v2/gitlab-runner", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}
