package routeros

import (
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

var interfaceEthernet = menu.Spec{
	Type: "interface_ethernet",
	Path: "/interface/ethernet",
	Desc: "A physical Ethernet or SFP port, identified by its factory name (`default_name`, e.g. `ether9`, `sfp-sfpplus1`); " +
		"typically used to rename ports (`ether1` -> `ether1-wan`), set their MTU, fix a link's speed, or set PoE and SFP module settings. " +
		"Which settings a port has depends on the hardware: PoE-out settings exist only on boards with PoE-out (elsewhere the router refuses " +
		"them as unknown parameters), `sfp_*` settings matter on SFP cages only.",
	Key:   []string{"default-name"},
	Adopt: true,
	Fields: []menu.Field{
		{Name: "default-name", Mode: menu.Required, ForceNew: true, Select: true, Desc: "Factory name of the port, e.g. `ether1`"},
		{Name: "name", Mode: menu.Computed, Desc: "Name of the port"},
		fL2MTU, fARP, fARPTimeout, fLoopProt,
		{Name: "auto-negotiation", Kind: menu.Bool, Default: "true", Desc: "Negotiate speed and duplex with the link partner; off, the port uses `speed`"},
		{Name: "speed", Enum: append(append([]string{}, linkModes...), oldSpeeds...),
			Desc: "Link mode used when `auto_negotiation` is off: `1G-baseT-full`, `100M-baseT-half`, `10G-baseSR-LR`... (RouterOS 7.12 and later); before 7.12 `10Mbps`...`100Gbps` with `full_duplex`"},
		{Name: "advertise", Kind: menu.Set, Default: copperAdvertise, Enum: append(append([]string{}, linkModes...), oldAdvertise...),
			Desc: "Link modes advertised while negotiating (RouterOS 7.12 names; before 7.12 `10M-half`...`10000M-full`)"},
		{Name: "full-duplex", Kind: menu.Bool, Default: "true",
			Desc: "Full duplex when `auto_negotiation` is off; RouterOS before 7.12 only (7.12 moved the duplex into `speed`, and newer routers refuse it as an unknown parameter)"},
		{Name: "mdix-enable", Kind: menu.Bool, Default: "true", Desc: "Automatic MDI/MDI-X crossover (fixed on where the hardware cannot change it)"},
		{Name: "rx-flow-control", Default: "off", Enum: []string{"auto", "off", "on"}, Desc: "Receive flow control (honour pause frames)"},
		{Name: "tx-flow-control", Default: "off", Enum: []string{"auto", "off", "on"}, Desc: "Transmit flow control (send pause frames)"},
		{Name: "disable-running-check", Kind: menu.Bool, Desc: "Treat the port as running whatever its link state (x86 NICs that do not report the link)"},
		{Name: "combo-mode", Enum: []string{"auto", "copper", "sfp"}, Desc: "Which half of a combo port is used"},
		{Name: "fec-mode", Enum: []string{"auto", "fec74", "fec91", "off"}, Desc: "Forward error correction of 25G and faster SFP modules"},
		{Name: "sfp-rate-select", Default: "high", Enum: []string{"high", "low"}, Desc: "Rate select of an SFP module"},
		{Name: "sfp-ignore-rx-los", Kind: menu.Bool, Default: "false", Desc: "Keep the link up when the SFP module reports loss of signal"},
		{Name: "sfp-shutdown-temperature", Kind: menu.Int, Min: 0, Max: 255, Normalize: celsius,
			Desc: "Temperature in °C at which the SFP module is shut down (the router prints `95C`; default 95, 80 for QSFP)"},
		{Name: "poe-out", Default: "auto-on", Enum: []string{"auto-on", "forced-on", "off"}, Desc: "PoE output on boards with PoE-out"},
		{Name: "poe-priority", Kind: menu.Int, Default: "10", Min: 0, Max: 99, Desc: "PoE priority (0 highest) when the power budget runs out"},
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

// linkModes are speed/advertise values of RouterOS 7.12 and later
// (MikroTik's Ethernet manual); oldSpeeds and oldAdvertise those before.
var (
	linkModes = []string{"10M-baseT-half", "10M-baseT-full", "100M-baseT-half", "100M-baseT-full",
		"1G-baseT-half", "1G-baseT-full", "1G-baseX", "2.5G-baseT", "2.5G-baseX", "5G-baseT", "10G-baseT",
		"10G-baseSR-LR", "10G-baseCR", "25G-baseSR-LR", "25G-baseCR", "40G-baseSR4-LR4", "40G-baseCR4",
		"50G-baseSR2-LR2", "50G-baseCR2", "100G-baseSR4-LR4", "100G-baseCR4", "100G-baseSR2-LR2", "100G-baseCR2"}
	oldSpeeds    = []string{"10Mbps", "100Mbps", "1Gbps", "2.5Gbps", "5Gbps", "10Gbps", "25Gbps", "40Gbps", "50Gbps", "100Gbps"}
	oldAdvertise = []string{"10M-half", "10M-full", "100M-half", "100M-full", "1000M-half", "1000M-full", "2500M-full", "5000M-full", "10000M-full"}
)

// copperAdvertise is what a gigabit copper port advertises by default.
const copperAdvertise = "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full"

// celsius reads a temperature as printed ("95C") or configured ("95").
func celsius(s string) string { return strings.TrimSuffix(s, "C") }
