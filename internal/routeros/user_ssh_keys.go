package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// userSSHKeys is /user/ssh-keys. RouterOS 7's console inspect (7.9 to 7.19)
// lists add (user, key, comment), print and remove, but no set: every field
// replaces the key when changed. The router prints the key's type, size and
// owner (its comment), never the key: the key field compares with that
// summary (sshKeySummary), so an import plans no change.
var userSSHKeys = menu.Spec{
	Type: "user_ssh_keys",
	Path: "/user/ssh-keys",
	Desc: "A public key a user logs in with over SSH, e.g. the key of the host that runs tofu for the `terraform` user. " +
		"The router never prints the key itself, only its type, size and owner (the key's comment): an imported key " +
		"matches the configured one when those agree, and replacing a key by another of the same type, size and " +
		"comment by hand is not seen. RouterOS cannot change a key row: any change replaces it.",
	Key: []string{"user", "key"},
	Fields: []menu.Field{
		{Name: "user", Mode: menu.Required, ForceNew: true, Desc: "User the key logs in as", Check: nameCheck},
		{Name: "key", Mode: menu.Required, ForceNew: true, Unprinted: true, Printed: printedSSHKey, Same: sameSSHKey,
			Desc:  "OpenSSH public key, `ssh-ed25519 AAAA... comment` or `ssh-rsa AAAA... comment`; its comment becomes the key's owner",
			Check: []validator.String{validate.StringFunc("OpenSSH public key", checkSSHKey)}},
		{Name: "comment", ForceNew: true, Desc: "Free-text comment shown on the router"},
		{Name: "key-type", Mode: menu.ReadOnly, Desc: "Key algorithm as the router prints it (`rsa`, `ed25519`)"},
		{Name: "bits", Kind: menu.Int, Mode: menu.ReadOnly, Desc: "Key size in bits"},
		{Name: "key-owner", Mode: menu.ReadOnly, Desc: "The key's comment, as the router keeps it"},
	},
}
