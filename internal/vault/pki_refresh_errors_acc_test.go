package vault_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccPKI_intermediateSignerUnreadable: signer_issuer_ref is respelled
// (name -> ID of the same issuer) while the provider's token may not read the
// signer's issuers. The provider cannot tell whether the signer changed, so
// the plan fails with an error instead of replacing the intermediate CA; with
// a token that can read, the same change plans nothing.
func TestAccPKI_intermediateSignerUnreadable(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	rootMount, intMount := uniq("sgn"), uniq("sgn-int")
	mountPKI(t, c, rootMount)
	mountPKI(t, c, intMount)
	s, err := c.Logical().Write(rootMount+"/issuers/generate/root/internal", map[string]any{
		"common_name": "signer root", "key_type": "ec", "key_bits": 256, "ttl": "87600h", "issuer_name": "root-a",
	})
	if err != nil {
		t.Fatal(err)
	}
	rootID := fmt.Sprint(s.Data["issuer_id"])

	// Everything but reading the signer mount's issuers.
	policy := uniq("no-signer-read")
	if err := c.Sys().PutPolicy(policy, fmt.Sprintf(`
path "*" { capabilities = ["create", "read", "update", "patch", "delete", "list", "sudo"] }
path "%s/issuer/*" { capabilities = ["deny"] }
`, rootMount)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Sys().DeletePolicy(policy) })
	tok, err := c.Auth().Token().Create(&api.TokenCreateRequest{Policies: []string{policy}, TTL: "1h", NoParent: true})
	if err != nil {
		t.Fatal(err)
	}
	restricted := acctest.ProviderConfig(fmt.Sprintf("  vault {\n    address = %q\n    token   = %q\n  }",
		acctest.Vault(t).Addr, tok.Auth.ClientToken))

	inter := func(ref string) string {
		return fmt.Sprintf(`
resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = %q
  signer_mount      = %q
  signer_issuer_ref = %q
  common_name       = "signer intermediate"
  key_type          = "ec"
  key_bits          = 256
  ttl               = "8760h"
}
`, intMount, rootMount, ref)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: providerBlock(t) + inter("root-a")},
			{
				Config:      restricted + inter(rootID),
				PlanOnly:    true,
				ExpectError: phrases("cannot tell whether signer_issuer_ref names the same issuer|permission denied"),
			},
			{
				Config: providerBlock(t) + inter(rootID),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_vault_pki_intermediate_ca.int", plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}
