package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// interfaceVRRP is /interface/vrrp: a virtual router on an interface, so two
// routers share the lab's gateway addresses. Defaults from MikroTik's "VRRP"
// manual page and community.routeros's API data; the interval range and the
// password's 16 characters from 7.19's console inspect.
var interfaceVRRP = menu.Spec{
	Type: "interface_vrrp",
	Path: "/interface/vrrp",
	Desc: "A VRRP interface: the router takes part in virtual router `vrid` on `interface` and, while master, answers for " +
		"the addresses put on this interface (e.g. the lab's gateway address, shared with a second router).",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Interface name"),
		{Name: "interface", Mode: menu.Required, Desc: "Interface the virtual router runs on", Check: nameCheck},
		{Name: "vrid", Kind: menu.Int, Default: "1", Min: 1, Max: 255, Desc: "Virtual router ID, the same on every router of the group"},
		{Name: "priority", Kind: menu.Int, Default: "100", Min: 1, Max: 254, Desc: "Priority in the election; the highest becomes master"},
		{Name: "interval", Kind: menu.Duration, Default: "1s", Desc: "Advertisement interval (10ms to 4m15s)"},
		{Name: "preemption-mode", Kind: menu.Bool, Default: "true", Desc: "Take over from a master with a lower priority"},
		{Name: "authentication", Default: "none", Enum: []string{"ah", "none", "simple"}, Desc: "Authentication of VRRPv2 advertisements"},
		{Name: "password", Sensitive: true, Desc: "Password of `simple` or `ah` authentication, at most 16 characters",
			Check: []validator.String{stringvalidator.LengthAtMost(16)}},
		{Name: "version", Kind: menu.Int, Default: "3", Min: 2, Max: 3, Desc: "VRRP version"},
		{Name: "v3-protocol", Default: "ipv4", Enum: []string{"ipv4", "ipv6"}, Desc: "Address family of a VRRPv3 group"},
		{Name: "on-master", Default: "", NoUnset: true, Desc: "Script run when the router becomes master (a script's name or commands)"},
		{Name: "on-backup", Default: "", NoUnset: true, Desc: "Script run when the router becomes backup"},
		fL2MTU, fARP, fARPTimeout, fComment, fDisabled, fMACRO,
	},
}

func init() { configChecks["interface_vrrp"] = checkVRRP }

// checkVRRP: VRRPv3 has no authentication (RFC 5798), so authentication or
// a password on a version 3 group does nothing.
func checkVRRP(v configValues) []configProblem {
	if v.unknown["version"] || v.known["version"] == "2" {
		return nil
	}
	for _, f := range []string{"authentication", "password"} {
		if s := v.known[f]; s != "" && s != "none" {
			return []configProblem{{field: f, warn: true, summary: "VRRP authentication ignored",
				detail: "authentication applies to VRRPv2 only (VRRPv3, the default version, has none): set version = 2 to use it"}}
		}
	}
	return nil
}
