package routeros_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// Keys of the tests: any 32 bytes in base64 are a WireGuard key.
const (
	wgPeerKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
	wgPSK     = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A="
	wgPrivate = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A="
)

func TestAccInterfaceWireGuard(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_wireguard", menu: "/interface/wireguard",
		create: `
  name        = "wg-remote"
  listen_port = 51820
  comment     = "remote access"`,
		update: `
  name        = "wg-remote"
  listen_port = 51821
  mtu         = 1400`,
		find:        map[string]string{"name": "wg-remote"},
		afterCreate: map[string]string{"listen-port": "51820", "mtu": "1420", "comment": "remote access"},
		afterUpdate: map[string]string{"listen-port": "51821", "mtu": "1400", "comment": ""},
		drift:       []string{"=mtu=1500", "=listen-port=13231"},
		importID:    "wg-remote",
	}.run(t)
}

// The router generates the private key when none is given: it is in the
// state (sensitive) and the public key is derived from it; a key given in
// the configuration is used as it is.
func TestAccInterfaceWireGuardKeys(t *testing.T) {
	e := acctest.RouterOS(t)
	const gen, given = "homelab_routeros_interface_wireguard.gen", "homelab_routeros_interface_wireguard.given"
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_interface_wireguard" "gen" {
  name = "wg-gen"
}
resource "homelab_routeros_interface_wireguard" "given" {
  name        = "wg-given"
  private_key = "` + wgPrivate + `"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // a malformed key fails at plan time
				Config: cfg + `
resource "homelab_routeros_interface_wireguard" "bad" {
  name        = "wg-bad"
  private_key = "c2hvcnQ="
}
`, PlanOnly: true, ExpectError: regexp.MustCompile(`private_key[\s\S]*32\s+bytes\s+in\s+base64`)},
			{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestMatchResourceAttr(gen, "private_key", regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)),
				resource.TestMatchResourceAttr(gen, "public_key", regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)),
				resource.TestCheckResourceAttr(gen, "listen_port", "13231"),
				resource.TestCheckResourceAttr(given, "private_key", wgPrivate),
				// X25519 public key of bytes 0x41..0x60, as `wg pubkey` prints it.
				resource.TestCheckResourceAttrWith(given, "public_key", func(v string) error {
					rows, err := e.Run("/interface/wireguard/print", "?name=wg-given")
					if err != nil || len(rows) != 1 || rows[0]["public-key"] != v || strings.TrimSpace(v) == "" {
						t.Fatalf("public key %q, router: %v %v", v, rows, err)
					}
					return nil
				}),
			)},
			{Config: cfg, ResourceName: gen, ImportState: true, ImportStateVerify: true, ImportStateId: "wg-gen"},
			{Config: cfg, ResourceName: gen, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "wg-gen"},
		},
	})
}

func TestAccInterfaceWireGuardPeer(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_wireguard_peer", menu: "/interface/wireguard/peers",
		deps: `
resource "homelab_routeros_interface_wireguard" "remote" {
  name = "wg-remote"
}
`,
		create: `
  interface       = homelab_routeros_interface_wireguard.remote.name
  public_key      = "` + wgPeerKey + `"
  allowed_address = ["10.255.0.2/32"]
  comment         = "laptop"`,
		update: `
  interface            = homelab_routeros_interface_wireguard.remote.name
  public_key           = "` + wgPeerKey + `"
  allowed_address      = ["10.255.0.2/32", "10.255.1.0/24"]
  preshared_key        = "` + wgPSK + `"
  persistent_keepalive = "00:00:25"
  name                 = "laptop"`,
		find:        map[string]string{"public-key": wgPeerKey},
		afterCreate: map[string]string{"interface": "wg-remote", "allowed-address": "10.255.0.2/32", "comment": "laptop", "name": "peer1"},
		afterUpdate: map[string]string{"allowed-address": "10.255.0.2/32,10.255.1.0/24", "preshared-key": wgPSK, "persistent-keepalive": "25s", "name": "laptop", "comment": ""},
		drift:       []string{"=allowed-address=0.0.0.0/0", "=persistent-keepalive=10s"},
		importID:    "interface=wg-remote,public_key=" + wgPeerKey,
	}.run(t)
}
