package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// exportScript writes a router's configuration (a snapshot of it) as a
// RouterOS-style /export: what differs from a router fresh from reset.
// Rows a fresh router has (by menu and id) and singletons become "set" of
// the changed properties, rows it lacks "add", builtin rows gone "remove";
// dynamic rows and status properties are left out. The fresh router is an
// emulator of the same version and port count, started in-process, so the
// builtin rows' defaults are the emulator's (the real router's may differ
// in properties the emulator does not model). An added row's properties
// at the value an add without them gives (probed on that fresh router)
// are left out. Secrets are not in snapshots, so not here either.
func exportScript(snap *routeros.Snapshot) (string, error) {
	ports := len(snap.Menus["/interface/ethernet"])
	fresh, err := routeros.Start(routeros.Config{Version: snap.Version, EthernetPorts: max(ports, 1)})
	if err != nil {
		return "", err
	}
	defer fresh.Close()
	menus := exportOrder(snap)
	base := map[string][]map[string]string{}
	for _, menu := range menus {
		base[menu], _ = fresh.Run(menu + "/print")
	}
	// fresh then receives each line as it is written, so that the probes
	// of later rows find what they refer to.
	p := &prober{r: fresh}
	var b strings.Builder
	fmt.Fprintf(&b, "# RouterOS %s configuration, by homelab-emulator export routeros (no secrets)\n", snap.Version)
	for _, menu := range menus {
		lines := exportMenu(menu, snap.Menus[menu], base[menu], p)
		if len(lines) == 0 {
			continue
		}
		header := "/" + strings.ReplaceAll(menu[1:], "/", " ") // "/interface vlan"
		b.WriteString(header + "\n" + strings.Join(lines, "\n") + "\n")
		_ = fresh.LoadExport(header + "\n" + strings.Join(lines, "\n"))
	}
	return b.String(), nil
}

// prober finds which properties of an added row differ from what an add
// without them gives, on the fresh router: the row's own values, without
// the defaults a print shows.
type prober struct{ r *routeros.Server }

func (p *prober) add(menu string, props map[string]string) (string, error) {
	words := []string{menu + "/add"}
	for _, k := range sortedProps(props) {
		words = append(words, "="+k+"="+props[k])
	}
	rows, err := p.r.Run(words...)
	if err != nil {
		return "", err
	}
	if len(rows) > 0 {
		return rows[0]["ret"], nil
	}
	return "", nil
}

func (p *prober) remove(menu, id string) {
	if id != "" {
		_, _ = p.r.Run(menu+"/remove", "=.id="+id)
	}
}

// addProps returns the properties an "add" line needs for row r.
func (p *prober) addProps(menu string, r map[string]string) map[string]string {
	props := map[string]string{}
	for k, v := range r {
		if !isStatus(menu, k) && v != "" {
			props[k] = v
		}
	}
	// Drop what the router does not take (printed, not stored).
	var id string
	for tries := len(props); ; tries-- {
		var err error
		if id, err = p.add(menu, props); err == nil {
			break
		}
		k := strings.TrimPrefix(err.Error(), "unknown parameter ")
		if _, ok := props[k]; !ok || tries == 0 {
			return withoutDefaults(props) // the probe cannot tell: a plain filter
		}
		delete(props, k)
	}
	p.remove(menu, id)
	// The fewest properties an add takes, then the defaults it gives.
	need := maps(props)
	for _, k := range sortedProps(props) {
		trial := maps(need)
		delete(trial, k)
		if id, err := p.add(menu, trial); err == nil {
			p.remove(menu, id)
			need = trial
		}
	}
	id, err := p.add(menu, need)
	if err != nil {
		return withoutDefaults(props)
	}
	def, _ := p.r.Run(menu+"/print", "?.id="+id)
	p.remove(menu, id)
	out := map[string]string{}
	for k, v := range props {
		if _, needed := need[k]; needed || len(def) == 0 || def[0][k] != v {
			out[k] = v
		}
	}
	return out
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func withoutDefaults(props map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range props {
		if exportDefaults[k] != v {
			out[k] = v
		}
	}
	return out
}

// exportFirst orders menus as RouterOS's export does where it matters:
// what others refer to comes first.
var exportFirst = []string{
	"/interface/bridge", "/interface/ethernet", "/interface/bonding", "/interface/wireguard", "/interface/vlan",
	"/interface/list", "/ip/pool", "/ip/dhcp-server/option", "/ip/dhcp-server/option/sets", "/ip/dhcp-server",
	"/interface/bridge/port", "/interface/bridge/vlan", "/interface/list/member", "/interface/wireguard/peers",
	"/ip/address", "/ip/dhcp-client", "/ip/dhcp-server/lease", "/ip/dhcp-server/network", "/ip/dns", "/ip/dns/static",
	"/ip/firewall/address-list", "/system/logging/action", "/user/group",
}

// exportLeftOut are menus an /export does not hold on RouterOS either:
// certificates and files are imported, not configured (a service's
// certificate= then names one the script does not create).
var exportLeftOut = map[string]bool{"/certificate": true, "/file": true}

func exportOrder(snap *routeros.Snapshot) []string {
	var out []string
	for _, m := range exportFirst {
		if _, ok := snap.Menus[m]; ok {
			out = append(out, m)
		}
	}
	var rest []string
	for m := range snap.Menus {
		if !slices.Contains(out, m) && !exportLeftOut[m] {
			rest = append(rest, m)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// exportStatus are properties a router prints but does not store.
var exportStatus = map[string]bool{
	".id": true, ".nextid": true, "dynamic": true, "builtin": true, "default": true, "invalid": true, "running": true,
	"inactive": true, "active": true, "slave": true, "actual-mtu": true, "actual-interface": true, "l2mtu": true,
	"orig-mac-address": true, "public-key": true, "last-logged-in": true, "expired": true, "network": true,
	"bytes": true, "packets": true, "available": true, "total": true, "used": true, "cache-used": true,
	"current-tagged": true, "current-untagged": true, "hw": true, "immediate-gw": true, "static": true, "connect": true,
	"status": true, "loop-protect-status": true, "date": true, "time": true, "dst-active": true, "dynamic-servers": true,
	"gmt-offset": true, "last-link-up-time": true, "link-downs": true, "fast-path": true,
	"driver-rx-byte": true, "driver-tx-byte": true, "rx-byte": true, "tx-byte": true, "blocked": true,
	"address-lists": false, "expires-after": true, "last-seen": true, "active-address": true, "active-mac-address": true,
	"host-name": true, "creation-time": true, "run-count": true, "next-run": true, "owner": true, "uptime": true,
	"version": true, "factory-firmware": true, "board-name": true, "architecture-name": true, "cpu": true,
	"mac-address": true,
}

// exportStored are exceptions to exportStatus: properties a menu stores.
var exportStored = map[string]map[string]bool{
	"/interface/wireguard/peers": {"public-key": true},
	"/interface/ethernet":        {"mac-address": true},
}

func isStatus(menu, k string) bool { return exportStatus[k] && !exportStored[menu][k] }

// exportDefaults are values added rows hold unless set (RouterOS's
// defaults shared by many menus), left out of "add" lines the probe
// cannot work out.
var exportDefaults = map[string]string{
	"disabled": "false", "arp": "enabled", "arp-timeout": "auto", "loop-protect": "default",
	"loop-protect-disable-time": "5m", "loop-protect-send-interval": "5s", "log": "false", "mvrp": "false",
	"use-service-tag": "false", "skin": "default", "vrf": "main", "routing-table": "main", "mtu": "auto",
}

func exportMenu(menu string, rows, base []map[string]string, p *prober) []string {
	if len(rows) > 0 && rows[0][".id"] == "" { // a singleton
		var b map[string]string
		if len(base) > 0 {
			b = base[0]
		}
		if props := changed(menu, rows[0], b); props != "" {
			return []string{"set " + props}
		}
		return nil
	}
	byID := map[string]map[string]string{}
	for _, r := range base {
		byID[r[".id"]] = r
	}
	var lines []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r["dynamic"] == "true" {
			continue
		}
		seen[r[".id"]] = true
		if b := byID[r[".id"]]; b != nil && sameKey(r, b) {
			if props := changed(menu, r, b); props != "" {
				lines = append(lines, "set "+finder(b)+" "+props)
			}
			continue
		}
		props := p.addProps(menu, r)
		var kv []string
		for _, k := range sortedProps(props) {
			kv = append(kv, k+"="+quote(props[k]))
		}
		lines = append(lines, "add "+strings.Join(kv, " "))
	}
	for _, b := range base {
		if !seen[b[".id"]] && b["dynamic"] != "true" {
			lines = append(lines, "remove "+finder(b))
		}
	}
	return lines
}

// sameKey tells whether a row is still the fresh router's row of that id.
func sameKey(r, b map[string]string) bool {
	for _, k := range []string{"default-name", "name"} {
		if b[k] != "" {
			return r[k] == b[k] || (k == "name" && b["default-name"] != "")
		}
	}
	return true
}

// finder is the [ find ... ] selector of a fresh router's row.
func finder(b map[string]string) string {
	for _, k := range []string{"default-name", "name", "topics", "target"} {
		if b[k] != "" {
			return "[ find " + k + "=" + quote(b[k]) + " ]"
		}
	}
	return b[".id"]
}

// changed lists r's stored properties whose value differs from base's.
func changed(menu string, r, base map[string]string) string {
	var kv []string
	for _, k := range sortedProps(r) {
		if isStatus(menu, k) || r[k] == base[k] {
			continue
		}
		kv = append(kv, k+"="+quote(r[k]))
	}
	return strings.Join(kv, " ")
}

// sortedProps orders properties by name, so the script is deterministic.
func sortedProps(r map[string]string) []string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// quote writes a value as the console reads it back.
func quote(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\"\\$;[]{}=?#'`\n") {
		return v
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "\n", `\n`, "?", `\?`)
	return `"` + r.Replace(v) + `"`
}
