package routeros_test

import (
	"testing"

	emulator "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// The link and SFP settings of a port: fixed speed, MDI/X, flow control,
// the running check and the SFP module's shutdown temperature (printed
// "90C", configured 90).
func TestAccInterfaceEthernetSettings(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_ethernet", menu: "/interface/ethernet", adopt: true,
		create: `
  default_name             = "ether3"
  name                     = "ether3-nas"
  mdix_enable              = false
  disable_running_check    = false
  sfp_shutdown_temperature = 90`,
		update: `
  default_name             = "ether3"
  name                     = "ether3-nas"
  mdix_enable              = false
  auto_negotiation         = false
  speed                    = "1G-baseT-full"
  advertise                = ["1G-baseT-full", "100M-baseT-full"]
  rx_flow_control          = "on"
  tx_flow_control          = "auto"
  sfp_shutdown_temperature = 85
  sfp_rate_select          = "low"
  sfp_ignore_rx_los        = true
  fec_mode                 = "off"`,
		find:        map[string]string{"default-name": "ether3"},
		afterCreate: map[string]string{"name": "ether3-nas", "mdix-enable": "false", "disable-running-check": "false", "sfp-shutdown-temperature": "90C"},
		afterUpdate: map[string]string{"auto-negotiation": "false", "speed": "1G-baseT-full", "advertise": "100M-baseT-full,1G-baseT-full",
			"rx-flow-control": "on", "tx-flow-control": "auto", "sfp-shutdown-temperature": "85C", "sfp-rate-select": "low",
			"sfp-ignore-rx-los": "true", "fec-mode": "off", "disable-running-check": ""},
		drift:     []string{"=sfp-shutdown-temperature=70", "=speed=100M-baseT-full"},
		importID:  "ether3",
		destroyed: map[string]string{"name": "ether3"},
	}.run(t)
}

// PoE-out on a board that has it (the emulator's PoEPorts).
func TestAccInterfaceEthernetPoE(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_ethernet", menu: "/interface/ethernet", adopt: true,
		emu: []func(*emulator.Config){func(c *emulator.Config) { c.PoEPorts = []string{"ether5"} }},
		create: `
  default_name = "ether5"
  name         = "ether5-ap"
  poe_out      = "forced-on"`,
		update: `
  default_name = "ether5"
  name         = "ether5-ap"
  poe_out      = "off"
  poe_priority = 2`,
		find:        map[string]string{"default-name": "ether5"},
		afterCreate: map[string]string{"poe-out": "forced-on", "poe-priority": "10"},
		afterUpdate: map[string]string{"poe-out": "off", "poe-priority": "2"},
		drift:       []string{"=poe-out=forced-on"},
		importID:    "ether5",
		destroyed:   map[string]string{"name": "ether5"},
	}.run(t)
}
