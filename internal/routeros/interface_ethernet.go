package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceEthernet = menu.Spec{
	Type:  "interface_ethernet",
	Path:  "/interface/ethernet",
	Desc:  "A physical Ethernet port, identified by its factory name (`default_name`, e.g. `ether9`); typically used to rename ports (`ether1` -> `ether1-wan`) and set their MTU.",
	Key:   []string{"default-name"},
	Adopt: true,
	Fields: []menu.Field{
		{Name: "default-name", Mode: menu.Required, ForceNew: true, Select: true, Desc: "Factory name of the port, e.g. `ether1`"},
		{Name: "name", Mode: menu.Computed, Desc: "Name of the port"},
		fL2MTU, fARP, fARPTimeout, fLoopProt,
		{Name: "auto-negotiation", Kind: menu.Bool, Default: "true", Desc: "Negotiate speed and duplex"},
		{Name: "rx-flow-control", Default: "off", Enum: []string{"auto", "off", "on"}, Desc: "Receive flow control"},
		{Name: "tx-flow-control", Default: "off", Enum: []string{"auto", "off", "on"}, Desc: "Transmit flow control"},
		{Name: "mac-address", Kind: menu.MAC, Mode: menu.Computed, Desc: "MAC address of the port"},
		fComment, fDisabled,
	},
	Destroy: func(state map[string]string) []string {
		if state["default-name"] == "" {
			return nil
		}
		return []string{"=name=" + state["default-name"]}
	},
	DestroyDoc: "Ports cannot be removed: destroy only stops managing the port and renames it back to its `default_name`; its other settings stay as they are.",
}
