package provider_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// clearEnv keeps the machine's own VAULT_ADDR, ROUTEROS_URL, ... out of a test.
func clearEnv(t *testing.T) {
	for _, k := range []string{
		"ROUTEROS_URL", "ROUTEROS_USERNAME", "ROUTEROS_PASSWORD", "ROUTEROS_CA_CERTIFICATE", "ROUTEROS_INSECURE",
		"PROXMOX_VE_ENDPOINT", "PROXMOX_VE_API_TOKEN", "PROXMOX_VE_USERNAME", "PROXMOX_VE_PASSWORD",
		"PROXMOX_VE_CA_CERTIFICATE", "PROXMOX_VE_INSECURE",
		"VAULT_ADDR", "VAULT_TOKEN", "VAULT_CACERT", "VAULT_SKIP_VERIFY",
	} {
		t.Setenv(k, "")
	}
}

const healthCheck = `
data "homelab_vault_health" "this" {}
`

// All three blocks configured: an empty configuration plans and applies, and
// nothing connects to RouterOS or Proxmox (clients are lazy; these addresses
// would refuse a connection).
func TestAccProvider_allBlocksEmptyConfig(t *testing.T) {
	clearEnv(t)
	v := acctest.Vault(t)
	cfg := acctest.ProviderConfig(`
  routeros {
    url      = "api://127.0.0.1:1"
    username = "admin"
    password = "secret"
  }
  proxmox {
    endpoint  = "https://127.0.0.1:1"
    api_token = "terraform@pve!homelab=00000000-0000-0000-0000-000000000000"
  }`, v.Block())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg + healthCheck,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.homelab_vault_health.this", "initialized", "true"),
					resource.TestCheckResourceAttr("data.homelab_vault_health.this", "sealed", "false"),
					resource.TestCheckResourceAttrSet("data.homelab_vault_health.this", "version"),
				),
			},
		},
	})
}

// Settings may come from the environment alone.
func TestAccProvider_vaultFromEnvironment(t *testing.T) {
	clearEnv(t)
	v := acctest.Vault(t)
	t.Setenv("VAULT_ADDR", v.Addr)
	t.Setenv("VAULT_TOKEN", v.Token)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: healthCheck,
			Check:  resource.TestCheckResourceAttr("data.homelab_vault_health.this", "initialized", "true"),
		}},
	})
}

func TestAccProvider_invalidSettings(t *testing.T) {
	clearEnv(t)
	acctest.SkipUnlessAcc(t)
	cases := []struct {
		name   string
		config string
		env    map[string]string
		want   string
	}{
		{
			name:   "routeros url scheme",
			config: `routeros { url = "http://router.lan:8728" }`,
			want:   `(?s)routeros.*url.*not a valid RouterOS URL\s+\(api://host\[:port\]\s+or\s+apis://host\[:port\]\)`,
		},
		{
			name: "routeros url scheme from environment",
			env:  map[string]string{"ROUTEROS_URL": "ssh://router.lan"},
			want: `(?s)not a valid RouterOS URL`,
		},
		{
			name: "malformed proxmox token",
			config: `proxmox {
  endpoint  = "https://pve:8006"
  api_token = "terraform-token-without-realm"
}`,
			want: `(?s)Invalid API token.*api_token = .*the value is not a valid API token\s+\(user@realm!name=secret\)`,
		},
		{
			name:   "malformed proxmox token from environment",
			config: `proxmox { endpoint = "https://pve:8006" }`,
			env:    map[string]string{"PROXMOX_VE_API_TOKEN": "root@pam=abc"},
			want:   `(?s)The API token is not of the form user@realm!name=secret`,
		},
		{
			name: "token and password",
			config: `proxmox {
  endpoint  = "https://pve:8006"
  api_token = "root@pam!tf=abc"
  username  = "root@pam"
  password  = "pw"
}`,
			want: `(?s)Attribute "proxmox.password" cannot be specified when "proxmox.api_token" is\s+specified`,
		},
		{
			name:   "proxmox without credentials",
			config: `proxmox { endpoint = "https://pve:8006" }`,
			want:   `(?s)Missing Proxmox credentials`,
		},
		{
			name: "bad timeout",
			config: `routeros {
  url     = "api://router"
  timeout = "soon"
}`,
			want: `(?s)"soon" is not a duration`,
		},
		{
			name:   "unparsable boolean variable",
			config: `vault { address = "http://127.0.0.1:1" }`,
			env:    map[string]string{"VAULT_SKIP_VERIFY": "maybe"},
			want:   `(?s)VAULT_SKIP_VERIFY="maybe" is not a boolean`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(tc.config) + healthCheck,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// A data source of a system whose block is missing names the block and its
// environment variables.
func TestAccProvider_missingBlock(t *testing.T) {
	clearEnv(t)
	acctest.SkipUnlessAcc(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderConfig(`routeros { url = "api://127.0.0.1:1" }`) + healthCheck,
			ExpectError: regexp.MustCompile(`(?s)the provider's "vault" block is not configured.*VAULT_ADDR`),
		}},
	})
}
