package routeros_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// Test keys (throw-away, generated for these tests). k1 and k2 share type,
// size and comment: the router prints them alike.
const (
	sshKey1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhqcWExU/X0CGzq4+b+fsJ7z8vXUpPF0H66U1kAKsdL tofu@ci"
	sshKey2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJgt2X+0Kbb24/ER90lZ4qCstZhorqsjdeHWVpItnyg5 tofu@ci"
	sshKey3 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDGjFsyS1N4zfAkLBh4qj6HVbouuN1MYtzhG2sU71HctbR12nFKeWrejzTS4Tua2xAeoUMI8jBMKKE2PUo1Os/r4MzIp1GFyFC+lkKgy8r8OSzoWcT70Shykec8bBfVddGsczpIhBwWdjC31gW6b2+FVKvQNY1yBmTZHHcCpWfnF0R4VEBBzqAqlVZxDTDOUdblV7+hTXgi+KMQg6CGR2h/3OsOWAJAaJ/Ch9psMlgkXQwM2t5ETLpj+C3LEmjIrpqjH/+B2cVtaRg7Mh7pCfTAO57dngsE7VjwTq7ow4BpvhDkYIx018sdU0pRmf6SUhqbKmnHEqjEpaT+UvRU+l5F admin@laptop"
)

// TestAccUserSSHKeys: /user/ssh-keys has no set, so every change replaces
// the key; the router never prints the key, so import and the import block
// match the configured key by the type, size and owner the router shows.
func TestAccUserSSHKeys(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_user_ssh_keys.test"
	deps := `
resource "homelab_routeros_user_group" "terraform" {
  name   = "terraform"
  policy = ["api", "read", "write", "ssh"]
}
resource "homelab_routeros_user" "terraform" {
  name  = "terraform"
  group = homelab_routeros_user_group.terraform.name
}
`
	cfg := func(key, extra string) string {
		return acctest.ProviderConfig(e.Block()) + deps + fmt.Sprintf(`
resource "homelab_routeros_user_ssh_keys" "test" {
  user = homelab_routeros_user.terraform.name
  key  = %q
%s}
`, key, extra)
	}
	c1, c2, c3 := cfg(sshKey1, ""), cfg(sshKey2, ""), cfg(sshKey3, "  comment = \"laptop key\"\n")
	var id string
	capture := func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		id = rs.Primary.ID
		return nil
	}
	keysOf := func(owner string) ([]map[string]string, error) {
		return e.Run("/user/ssh-keys/print", "?user=terraform", "?key-owner="+owner)
	}
	has := func(owner string, want map[string]string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			rows, err := keysOf(owner)
			if err != nil {
				return err
			}
			if len(rows) != 1 {
				return fmt.Errorf("%d keys of terraform owned by %s on the emulator: %v", len(rows), owner, rows)
			}
			if rows[0][".id"] != id {
				return fmt.Errorf("key %s on the emulator, %s in state", rows[0][".id"], id)
			}
			return hasValues(rows[0], want)
		}
	}
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionDestroyBeforeCreate)}}
	create := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: c1, Check: resource.ComposeAggregateTestCheckFunc(capture,
				has("tofu@ci", map[string]string{"key-type": "ed25519", "bits": "256", "key": ""}),
				resource.TestCheckResourceAttr(name, "key_owner", "tofu@ci"), resource.TestCheckResourceAttr(name, "bits", "256"))},
			// Another key the router prints alike is still a new key.
			{Config: c2, ConfigPlanChecks: replace, Check: resource.ComposeAggregateTestCheckFunc(capture, has("tofu@ci", map[string]string{"key-type": "ed25519"}))},
			{Config: c3, ConfigPlanChecks: replace, Check: resource.ComposeAggregateTestCheckFunc(capture,
				has("admin@laptop", map[string]string{"key-type": "rsa", "bits": "2048", "comment": "laptop key"}),
				func(*terraform.State) error {
					if rows, _ := keysOf("tofu@ci"); len(rows) != 0 {
						return fmt.Errorf("replaced key still on the emulator: %v", rows)
					}
					return nil
				})},
			{RefreshState: true},
			// An import holds the router's summary of the key, not the key.
			{Config: c3, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key"}},
			{Config: c3, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{Config: c3, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "user=terraform,key_owner=admin@laptop",
				ImportStateVerifyIgnore: []string{"key"}},
			// Out of band, the key is swapped for another one: ours is gone.
			{PreConfig: func() {
				if _, err := e.Run("/user/ssh-keys/remove", "=.id="+id); err != nil {
					t.Fatal(err)
				}
				if _, err := e.Run("/user/ssh-keys/add", "=user=terraform", "=key="+sshKey1); err != nil {
					t.Fatal(err)
				}
			}, Config: c3, ConfigPlanChecks: create, Check: resource.ComposeAggregateTestCheckFunc(capture, has("admin@laptop", map[string]string{"key-type": "rsa"}))},
			// Out of band, the key is removed: recreated.
			{PreConfig: func() {
				if _, err := e.Run("/user/ssh-keys/remove", "=.id="+id); err != nil {
					t.Fatal(err)
				}
			}, Config: c3, ConfigPlanChecks: create, Check: resource.ComposeAggregateTestCheckFunc(capture, has("admin@laptop", map[string]string{"key-type": "rsa"}))},
		},
		CheckDestroy: func(*terraform.State) error {
			rows, err := keysOf("admin@laptop")
			if err != nil || len(rows) > 0 {
				return fmt.Errorf("key still on the emulator after destroy: %v %v", rows, err)
			}
			return nil
		},
	})
}
