package routeros

import (
	"fmt"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// snmp is the /snmp settings menu. Defaults as community.routeros records
// them; engine-id became read-only in 7.10, set through engine-id-suffix.
var snmp = menu.Spec{
	Type:      "snmp",
	Path:      "/snmp",
	Desc:      "The router's SNMP agent: whether it runs, what it says about itself and where it sends traps.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "enabled", Kind: menu.Bool, Default: "false", Desc: "Run the SNMP agent"},
		{Name: "contact", Desc: "Contact information the agent reports (sysContact)"},
		{Name: "location", Desc: "Location the agent reports (sysLocation)"},
		{Name: "engine-id-suffix", Desc: "Suffix of the SNMPv3 engine ID (the router derives the rest)"},
		{Name: "engine-id", Mode: menu.ReadOnly, Desc: "SNMPv3 engine ID"},
		{Name: "trap-target", Kind: menu.Set, Desc: "Addresses traps are sent to", Check: []validator.String{validate.IP()}},
		{Name: "trap-version", Kind: menu.Int, Default: "1", Min: 1, Max: 3, Desc: "SNMP version of the traps"},
		{Name: "trap-community", Default: "public", Desc: "Community the traps are sent with", Check: nameCheck},
		{Name: "trap-generators", Kind: menu.Set, Default: "temp-exception", Enum: []string{"interfaces", "start-trap", "temp-exception"},
			Desc: "What sends traps"},
		{Name: "trap-interfaces", Kind: menu.Set, Desc: "Interfaces whose link changes send traps (with the `interfaces` generator)", Check: nameCheck},
		{Name: "src-address", Default: "::", Desc: "Source address of the agent's replies and traps; `::` picks one", Check: []validator.String{validate.IP()}},
		{Name: "vrf", Default: "main", Desc: "VRF the agent listens in", Check: nameCheck},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults (the agent off).",
}

// snmpCommunity is /snmp/community. The router prints the SNMPv3 passwords
// (to users with the sensitive policy), so they are read back like any field.
var snmpCommunity = menu.Spec{
	Type: "snmp_community",
	Path: "/snmp/community",
	Desc: "An SNMP community: who may query the agent (addresses), what it may do, and for SNMPv3 its authentication and " +
		"encryption. A fresh router has the builtin community `public` (printed `default=true`), which cannot be removed: " +
		"import it to change or disable it, and take it out of the state (`removed` block or `tofu state rm`) instead of " +
		"destroying it.",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Community name"),
		{Name: "addresses", Kind: menu.Set, Default: "::/0", Desc: "Networks allowed to query with this community", Check: []validator.String{validate.StringFunc("IP prefix", checkIPPrefix)}},
		{Name: "security", Default: "none", Enum: []string{"authorized", "none", "private"},
			Desc: "SNMPv3 security: `none`, `authorized` (authentication) or `private` (authentication and encryption)"},
		{Name: "read-access", Kind: menu.Bool, Default: "true", Desc: "Allow reads"},
		{Name: "write-access", Kind: menu.Bool, Default: "false", Desc: "Allow writes"},
		{Name: "authentication-protocol", Default: "MD5", Enum: []string{"MD5", "SHA1"}, Desc: "SNMPv3 authentication hash"},
		{Name: "encryption-protocol", Default: "DES", Enum: []string{"AES", "DES"}, Desc: "SNMPv3 encryption"},
		{Name: "authentication-password", Sensitive: true, Desc: "SNMPv3 authentication password"},
		{Name: "encryption-password", Sensitive: true, Desc: "SNMPv3 encryption password"},
		fComment, fDisabled,
		{Name: "default", Kind: menu.Bool, Mode: menu.ReadOnly, Desc: "Whether this is the router's builtin community"},
	},
}

func checkIPPrefix(s string) error {
	if _, err := netip.ParsePrefix(s); err != nil {
		return fmt.Errorf("%q is not an IP prefix such as 10.10.0.0/24 or ::/0", s)
	}
	return nil
}
