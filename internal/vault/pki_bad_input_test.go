package vault_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// Bad input fails with a diagnostic that names the attribute; what can be
// known at plan time fails at plan time.
func TestAccPKI_badInput(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	mount, domain := uniq("bad"), uniq("d")+".rachuna-net.pl"
	pkiWithRole(t, mount, domain)
	small := uniq("small") // max lease TTL of 24h
	if err := c.Sys().Mount(small, &apiMountInput{Type: "pki", Config: apiMountConfig{MaxLeaseTTL: "24h"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Sys().Unmount(small) })

	root := func(m, extra string) string {
		return fmt.Sprintf(`
resource "homelab_vault_pki_root_ca" "bad" {
  mount       = %q
  common_name = "bad CA"
  ttl         = "8760h"
%s
}`, m, extra)
	}
	cases := []struct {
		name, config string
		want         string
	}{
		{"key_bits not allowed for rsa", root(mount, `  key_bits = 1024`),
			`Invalid key_bits|key_bits = 1024|key_bits = 1024 is not allowed for key_type = "rsa"; allowed: 2048, 3072, 4096, 8192`},
		{"key_bits not allowed for ec", root(mount, "  key_type = \"ec\"\n  key_bits = 4096"),
			`key_bits = 4096 is not allowed for key_type = "ec"; allowed: 224, 256, 384, 521`},
		{"key_bits for ed25519", root(mount, "  key_type = \"ed25519\"\n  key_bits = 256"),
			`key_bits = 256 is not allowed for key_type = "ed25519"`},
		{"unknown key_type", root(mount, `  key_type = "dsa"`), `key_type|value must be one of`},
		{"root ttl beyond the mount max (plan time)", root(small, ""),
			`ttl = "8760h"|ttl 8760h is longer than the max lease TTL of mount "` + small + `" (24h)`},
		{"missing mount", root("no-such-mount", ""),
			`mount|there is no secrets engine mounted at "no-such-mount"`},
		{"issuer_name default", root(mount, `  issuer_name = "default"`), `issuer_name|reserved`},
		{"intermediate signed by a missing mount", fmt.Sprintf(`
resource "homelab_vault_pki_intermediate_ca" "bad" {
  mount        = %q
  signer_mount = "no-such-root"
  common_name  = "bad intermediate"
  ttl          = "1h"
}`, small), `signer_mount = "no-such-root"|there is no secrets engine mounted at "no-such-root"`},
		{"intermediate ttl beyond the signer's max", fmt.Sprintf(`
resource "homelab_vault_pki_intermediate_ca" "bad" {
  mount        = %q
  signer_mount = %q
  common_name  = "bad intermediate"
  ttl          = "48h"
}`, mount, small), `ttl = "48h"|ttl 48h is longer than the max lease TTL of mount "` + small + `"`},
		{"intermediate outliving its signer", fmt.Sprintf(`
resource "homelab_vault_pki_intermediate_ca" "bad" {
  mount        = %q
  signer_mount = %q
  common_name  = "bad intermediate"
  ttl          = "9000h"
}`, small, mount), `ttl = "9000h"|an intermediate valid for 9000h would outlive its signer "default"`},
		{"role does not allow the name", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "web"
  common_name = "vault.evil.example"
}`, mount), `common_name = "vault.evil.example"|common name vault.evil.example not allowed by this role|(attribute common_name)`},
		{"role does not allow an alt name", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "web"
  common_name = "ok.%s"
  alt_names   = ["vault.evil.example"]
}`, mount, domain), `alt_names = ["vault.evil.example"]|subject alternate name vault.evil.example not allowed by this role|(attribute alt_names)`},
		{"certificate ttl beyond the role max", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "web"
  common_name = "ok.%s"
  ttl         = "2000h"
}`, mount, domain), `ttl = "2000h"|ttl 2000h is longer than the max_ttl of role "web" (720h)`},
		{"ttl inside its own renewal window", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "web"
  common_name = "ok.%s"
  ttl         = "24h"
}`, mount, domain), `ttl 24h (86400 seconds) is not longer than min_seconds_remaining (604800 seconds)`},
		{"missing role", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "nope"
  common_name = "ok.%s"
}`, mount, domain), `role = "nope"|mount "` + mount + `" has no role "nope"`},
		{"certificate on a missing mount", `
resource "homelab_vault_pki_certificate" "bad" {
  mount       = "no-such-mount"
  role        = "web"
  common_name = "ok.example"
}`, `mount|there is no secrets engine mounted at "no-such-mount"`},
		{"invalid IP SAN", fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "bad" {
  mount       = %q
  role        = "web"
  common_name = "ok.%s"
  ip_sans     = ["10.10.10.300"]
}`, mount, domain), `ip_sans|"10.10.10.300" is not an IP address`},
		{"role ttl beyond max_ttl", fmt.Sprintf(`
resource "homelab_vault_pki_role" "bad" {
  mount   = %q
  name    = "bad"
  ttl     = "48h"
  max_ttl = "24h"
}`, mount), `ttl = "48h"|ttl (48h) must not exceed max_ttl (24h)`},
		{"role key_usage unknown", fmt.Sprintf(`
resource "homelab_vault_pki_role" "bad" {
  mount     = %q
  name      = "bad"
  key_usage = ["digitalsignature"]
}`, mount), `key_usage|value must be one of`},
		{"mount TTLs", `
resource "homelab_vault_pki_mount" "bad" {
  path              = "x"
  default_lease_ttl = "48h"
  max_lease_ttl     = "24h"
}`, `default_lease_ttl = "48h"|default_lease_ttl (48h) must not exceed max_lease_ttl (24h)`},
		{"mount path", `
resource "homelab_vault_pki_mount" "bad" {
  path = "/pki/"
}`, `path = "/pki/"|not a valid mount path`},
		{"duration", fmt.Sprintf(`
resource "homelab_vault_pki_role" "bad" {
  mount = %q
  name  = "bad"
  ttl   = "10y"
}`, mount), `ttl = "10y"|"10y" is not a duration`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerBlock(t) + tc.config,
					ExpectError: phrases(tc.want),
				}},
			})
		})
	}
}

// phrases matches the "|"-separated phrases in order, whatever the line
// wrapping of the CLI's output.
func phrases(want string) *regexp.Regexp {
	var parts []string
	for _, p := range strings.Split(want, "|") {
		parts = append(parts, strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`))
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// Importing an issuer that does not exist fails clearly, for both CA resources.
func TestAccPKI_importMissingIssuer(t *testing.T) {
	t.Parallel()
	mount := uniq("imp")
	mountPKI(t, vaultAPI(t), mount)
	for _, typ := range []string{"homelab_vault_pki_root_ca", "homelab_vault_pki_intermediate_ca"} {
		cfg := providerBlock(t) + fmt.Sprintf(`
resource %q "x" {
  mount        = %q
  signer_mount = "pki"
  common_name  = "x"
  ttl          = "1h"
}`, typ, mount)
		if typ == "homelab_vault_pki_root_ca" {
			cfg = strings.Replace(cfg, `signer_mount = "pki"`, "", 1)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:        cfg,
				ResourceName:  typ + ".x",
				ImportState:   true,
				ImportStateId: mount + "/issuer/00000000-0000-0000-0000-000000000000",
				ExpectError:   phrases(`no such issuer|mount "` + mount + `" has no issuer "00000000-0000-0000-0000-000000000000"`),
			}, {
				Config:        cfg,
				ResourceName:  typ + ".x",
				ImportState:   true,
				ImportStateId: mount + "/roles/x",
				ExpectError:   phrases("invalid import ID|expected `<mount>/issuer/<issuer_id>`"),
			}},
		})
	}
}
