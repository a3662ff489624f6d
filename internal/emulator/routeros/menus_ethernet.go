package routeros

import (
	"slices"
	"strconv"
	"strings"
)

// /interface/ethernet of the emulated board (a CHR: x86, no switch chip).
// Its set arguments are those RouterOS 7.19's console inspect lists for
// /interface/ethernet on x86 (advertise, auto-negotiation, cable-settings,
// combo-mode, disable-running-check, fec-mode, mdix-enable, the sfp-*
// settings, speed, flow control ...); full-duplex exists before 7.12 only
// (7.12 replaced it with link modes that carry the duplex, MikroTik's
// Ethernet manual), sfp-ignore-rx-los from 7.15 (inspect of 7.14.3 and
// 7.15). PoE-out settings (syscap "poe" in the CLI reference) exist only on
// the ports Config.PoEPorts names.

// linkModes are the speed/advertise values of RouterOS 7.12 and later.
var linkModes = []string{"10M-baseT-half", "10M-baseT-full", "100M-baseT-half", "100M-baseT-full",
	"1G-baseT-half", "1G-baseT-full", "1G-baseX", "2.5G-baseT", "2.5G-baseX", "5G-baseT", "10G-baseT",
	"10G-baseSR-LR", "10G-baseCR", "25G-baseSR-LR", "25G-baseCR", "40G-baseSR4-LR4", "40G-baseCR4",
	"50G-baseSR2-LR2", "50G-baseCR2", "100G-baseSR4-LR4", "100G-baseCR4", "100G-baseSR2-LR2", "100G-baseCR2"}

// oldAdvertise and oldSpeeds are the values before 7.12.
var (
	oldAdvertise = []string{"10M-half", "10M-full", "100M-half", "100M-full", "1000M-half", "1000M-full",
		"2500M-full", "5000M-full", "10000M-full"}
	oldSpeeds = []string{"10Mbps", "100Mbps", "1Gbps", "2.5Gbps", "5Gbps", "10Gbps", "25Gbps", "40Gbps", "50Gbps", "100Gbps"}
)

// A gigabit copper port advertises these by default (as 7.x exports of
// such ports show).
const (
	copperAdvertise    = "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full"
	oldCopperAdvertise = "10M-half,10M-full,100M-half,100M-full,1000M-half,1000M-full"
)

// poeFields are the PoE-out settings; RouterOS's defaults are poe-out
// auto-on and poe-priority 10 (MikroTik's PoE-Out manual).
var poeFields = []string{"poe-out", "poe-priority", "poe-voltage", "poe-lldp-enabled", "power-cycle-ping-enabled",
	"power-cycle-ping-address", "power-cycle-ping-timeout", "power-cycle-interval"}

func ethernetMenu() *menu {
	return &menu{
		path: "/interface/ethernet", table: "interface", typ: "ether", nameField: "name",
		uniqueName: "already have interface with such name",
		fields: join([]*field{
			ifaceName(),
			fRO("default-name"),
			fInt("mtu", "1500", 0, 65535),
			fKind("mac-address", kMAC).keep(),
			fRO("orig-mac-address"),
			fEnum("arp", "enabled", arpModes...),
			fDur("arp-timeout", "auto").also("auto"),
			fBool("auto-negotiation", "true"),
			{name: "advertise", kind: kFlags, def: copperAdvertise, enum: linkModes},
			fEnum("speed", "", linkModes...),
			fBool("full-duplex", "true"),
			fEnum("rx-flow-control", "off", "auto", "off", "on"),
			fEnum("tx-flow-control", "off", "auto", "off", "on"),
			fStr("bandwidth").dflt("unlimited/unlimited"),
			fEnum("cable-settings", "", "default", "short", "standard"),
			fEnum("combo-mode", "", "auto", "copper", "sfp"),
			fEnum("fec-mode", "", "auto", "fec74", "fec91", "off"),
			// Printed only once set: RouterOS fixes MDI/X to yes where the
			// hardware cannot change it, and the running check is x86's.
			fBool("mdix-enable", ""),
			fBool("disable-running-check", ""),
			fEnum("sfp-rate-select", "", "high", "low"),
			fBool("sfp-ignore-rx-los", ""),
			{name: "sfp-shutdown-temperature", kind: kString},
			fEnum("poe-out", "", "auto-on", "forced-on", "off"),
			fInt("poe-priority", "", 0, 99),
			fEnum("poe-voltage", "", "auto", "high", "low"),
			fBool("poe-lldp-enabled", ""),
			fBool("power-cycle-ping-enabled", ""),
			fStr("power-cycle-ping-address"),
			fDur("power-cycle-ping-timeout", ""),
			fDur("power-cycle-interval", "").also("none"),
		}, loopProtect(), tail()),
		check: checkEthernet,
		compute: func(d *db, r *row, p *props) {
			p.set("l2mtu", "1514")
			p.set("loop-protect-status", "off")
			if d.poe[r.vals["default-name"]] {
				for k, v := range map[string]string{"poe-out": "auto-on", "poe-priority": "10"} {
					if _, ok := r.vals[k]; !ok {
						p.set(k, v)
					}
				}
			}
			p.set("running", strconv.FormatBool(d.running(r, 0)))
			p.set("slave", strconv.FormatBool(d.isSlave(r.vals["name"])))
		},
	}
}

// checkEthernet refuses PoE settings on a port without PoE-out (a board
// without PoE has no such parameters at all) and normalises the shutdown
// temperature, which RouterOS prints in degrees with a C ("95C").
func checkEthernet(d *db, r, old *row) error {
	for _, k := range poeFields {
		if _, set := r.vals[k]; !set || d.poe[r.vals["default-name"]] {
			continue
		}
		if old != nil && old.vals[k] == r.vals[k] {
			continue
		}
		if len(d.poe) == 0 {
			return errUnknownParam(k)
		}
		return failure("poe-out is not supported on this interface")
	}
	if v, ok := r.vals["sfp-shutdown-temperature"]; ok {
		n, err := strconv.Atoi(strings.TrimSuffix(v, "C"))
		if err != nil || n < 0 || n > 255 {
			return argErr("invalid value for argument sfp-shutdown-temperature")
		}
		r.vals["sfp-shutdown-temperature"] = strconv.Itoa(n) + "C"
	}
	return nil
}

// fitEthernet gives /interface/ethernet the arguments of the version:
// before 7.12 the old speed and advertise values and full-duplex; from 7.12
// no full-duplex.
func fitEthernet(m *menu, version string) {
	if !versionBefore(version, "7.12") {
		m.fields = slices.DeleteFunc(m.fields, func(f *field) bool { return f.name == "full-duplex" })
		return
	}
	for _, f := range m.fields {
		switch f.name {
		case "advertise":
			f.enum, f.def = oldAdvertise, oldCopperAdvertise
		case "speed":
			f.enum = oldSpeeds
		}
	}
}

// setPoE gives the named ports PoE-out.
func (d *db) setPoE(ports []string) {
	d.poe = map[string]bool{}
	for _, p := range ports {
		d.poe[p] = true
	}
}
