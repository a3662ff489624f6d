package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var ipSSH = menu.Spec{
	Type:      "ip_ssh",
	Path:      "/ip/ssh",
	Desc:      "The router's SSH server settings: strong ciphers only, host key type, forwarding.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "strong-crypto", Kind: menu.Bool, Default: "false", Desc: "Offer only strong ciphers, MACs and key exchanges"},
		{Name: "host-key-type", Default: "rsa", Enum: []string{"ed25519", "rsa"}, Desc: "Host key algorithm"},
		{Name: "host-key-size", Kind: menu.Int, Default: "2048", Min: 1024, Max: 8192, Desc: "RSA host key size"},
		{Name: "forwarding-enabled", Default: "no", Enum: []string{"both", "local", "no", "remote"}, Desc: "SSH port forwarding"},
		{Name: "always-allow-password-login", Kind: menu.Bool, Default: "false", Desc: "Allow passwords also for users with a public key"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults.",
}
