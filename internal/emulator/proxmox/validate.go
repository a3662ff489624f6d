package proxmox

import (
	"fmt"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// validateParams checks params against a method's schema as pve-common's
// JSONSchema.pm validate() does and returns PVE's per-parameter errors.
// Booleans are normalised to "1"/"0" in place.
func validateParams(ms *methodSchema, params map[string]string) map[string]string {
	errs := map[string]string{}
	for name, v := range params {
		p := ms.lookup(name)
		if p == nil {
			if ms.Additional == 0 {
				errs[name] = "property is not defined in schema and the schema does not allow additional properties"
			}
			continue
		}
		nv, err := checkValue(name, p, v)
		if err != "" {
			errs[name] = err
			continue
		}
		params[name] = nv
	}
	for name, p := range ms.Params {
		if p.Optional == 0 && !strings.HasSuffix(name, "[n]") {
			if _, ok := params[name]; !ok {
				errs[name] = "property is missing and it is not optional"
			}
		}
		if p.Requires != "" {
			if _, ok := params[name]; ok {
				if _, ok := params[p.Requires]; !ok {
					errs[p.Requires] = fmt.Sprintf("missing property - '%s' requires this property", name)
				}
			}
		}
	}
	return errs
}

var (
	reInteger = regexp.MustCompile(`^[+-]?\d+$`)
	reNumber  = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
)

// checkValue validates one value and returns it normalised, or an error text.
func checkValue(path string, p *paramSchema, v string) (string, string) {
	switch p.Type {
	case "boolean":
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on":
			v = "1"
		case "0", "false", "no", "off":
			v = "0"
		default:
			return "", fmt.Sprintf("type check ('boolean') failed - got '%s'", v)
		}
	case "integer", "number":
		re := reInteger
		if p.Type == "number" {
			re = reNumber
		}
		if !re.MatchString(v) {
			return "", fmt.Sprintf("type check ('%s') failed - got '%s'", p.Type, v)
		}
		f, _ := strconv.ParseFloat(v, 64)
		if p.Minimum != nil && f < float64(*p.Minimum) {
			return "", fmt.Sprintf("value must have a minimum value of %s", fmtNum(*p.Minimum))
		}
		if p.Maximum != nil && f > float64(*p.Maximum) {
			return "", fmt.Sprintf("value must have a maximum value of %s", fmtNum(*p.Maximum))
		}
	case "array", "object":
		return v, ""
	}
	if p.MinLength != nil && len(v) < int(*p.MinLength) {
		return "", fmt.Sprintf("value must be at least %d characters long", int(*p.MinLength))
	}
	if p.MaxLength != nil && len(v) > int(*p.MaxLength) {
		return "", fmt.Sprintf("value may only be %d characters long", int(*p.MaxLength))
	}
	if len(p.Enum) > 0 {
		found := false
		names := make([]string, len(p.Enum))
		for i, e := range p.Enum {
			names[i] = string(e)
			found = found || string(e) == v
		}
		if !found {
			return "", fmt.Sprintf("value '%s' does not have a value in the enumeration '%s'", v, strings.Join(names, ", "))
		}
	}
	if p.re != nil && !p.re.MatchString(v) {
		return "", "value does not match the regex pattern"
	}
	if p.subSchema != nil {
		if errs := checkPropertyString(path, p, v); len(errs) > 0 {
			return "", "invalid format - format error\n" + strings.Join(errs, "\n")
		}
	} else if p.format != "" {
		if msg := checkFormat(p.format, v); msg != "" {
			return "", "invalid format - " + msg
		}
	}
	return v, ""
}

func fmtNum(f flexNum) string { return strconv.FormatFloat(float64(f), 'f', -1, 64) }

// checkPropertyString validates "k=v,k=v" against a format's sub-schema
// (parse_property_string) and returns "path.key: message" lines.
func checkPropertyString(path string, p *paramSchema, v string) []string {
	kv, err := parsePropertyString(p, v)
	if err != "" {
		return []string{path + ": " + err}
	}
	var errs []string
	for k, val := range kv {
		sub := p.subSchema[k]
		if sub == nil {
			errs = append(errs, fmt.Sprintf("%s.%s: property is not defined in schema and the schema does not allow additional properties", path, k))
			continue
		}
		if _, msg := checkValue(path+"."+k, sub, val); msg != "" {
			errs = append(errs, fmt.Sprintf("%s.%s: %s", path, k, msg))
		}
	}
	for k, sub := range p.subSchema {
		if sub.Optional == 0 && sub.Alias == "" {
			if _, ok := kv[k]; !ok {
				errs = append(errs, fmt.Sprintf("%s.%s: property is missing and it is not optional", path, k))
			}
		}
	}
	sort.Strings(errs)
	return errs
}

var (
	reNodeName   = regexp.MustCompile(`^(?i:[a-z0-9]([a-z0-9\-]*[a-z0-9])?)$`)
	reStorageID  = regexp.MustCompile(`^(?i:[a-z][a-z0-9\-_.]*[a-z0-9])$`)
	reConfigID   = regexp.MustCompile(`^(?i:[a-z][a-z0-9_-]+)$`) // $CONFIGID_RE
	reTag        = regexp.MustCompile(`^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$`)
	reMAC        = regexp.MustCompile(`^(?i:[a-f0-9][02468ace](?::[a-f0-9]{2}){5})$`)
	reDiskSize   = regexp.MustCompile(`^\d+(\.\d+)?[KMGT]?$`)
	reDNSName    = regexp.MustCompile(`^(?i:([a-z0-9]([a-z0-9\-]*[a-z0-9])?\.)*([a-z0-9]([a-z0-9\-]*[a-z0-9])?))$`)
	reVolumeID   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]:.+$`)
	rePoolID     = regexp.MustCompile(`^[A-Za-z0-9\-_]+(?:/[A-Za-z0-9\-_]+){0,2}$`)
	reVMIDList   = regexp.MustCompile(`^\d+([,;\s]+\d+)*$`)
	reStartup    = regexp.MustCompile(`^(order=\d+|up=\d+|down=\d+)(,(order=\d+|up=\d+|down=\d+))*$`)
	reURLEncoded = regexp.MustCompile(`^[-%a-zA-Z0-9_.!~*'()]*$`)
	reEmailish   = regexp.MustCompile(`^[^\s@]+@[^\s@]+$`)
	reHASID      = regexp.MustCompile(`^[a-z]+:\S+$`)
	reHANode     = regexp.MustCompile(`^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)(:\d+)?$`)
	reIface      = regexp.MustCompile(`^(?i:[a-z][a-z0-9_]{1,20}([:.]\d+)?)$`)
	reVLANRange  = regexp.MustCompile(`^(\d+)(?:-(\d+))?$`)
	reUserName   = regexp.MustCompile(`^[^\s:/@]+$`) // EMAIL_USER_RE, approximated
	reStorageSel = regexp.MustCompile(`^(?i:[a-z][a-z0-9\-_.]*[a-z0-9])([,;\s]+(?i:[a-z][a-z0-9\-_.]*[a-z0-9]))*$`)
)

// checkFormat checks a value against one of PVE's registered formats
// (pve-common JSONSchema.pm and the modules registering formats); unknown
// formats pass.
func checkFormat(format, v string) string {
	switch format {
	case "pve-node":
		if !reNodeName.MatchString(v) {
			return "value does not look like a valid node name"
		}
	case "pve-storage-id":
		if !reStorageID.MatchString(v) {
			return fmt.Sprintf("storage ID '%s' contains illegal characters", v)
		}
	case "pve-storage-id-list":
		if !reStorageSel.MatchString(v) {
			return fmt.Sprintf("storage ID '%s' contains illegal characters", v)
		}
	case "pve-configid":
		if !reConfigID.MatchString(v) {
			return fmt.Sprintf("invalid configuration ID '%s'", v)
		}
	case "pve-configid-list":
		for _, id := range splitList(v) {
			if !reConfigID.MatchString(id) {
				return fmt.Sprintf("invalid configuration ID '%s'", id)
			}
		}
	case "pve-tag-list":
		for _, t := range splitTags(v) {
			if !reTag.MatchString(t) {
				return fmt.Sprintf("invalid tag '%s'", t)
			}
		}
	case "mac-addr":
		if !reMAC.MatchString(v) {
			return fmt.Sprintf("value '%s' does not look like a valid unicast MAC address", v)
		}
	case "ipv4":
		if ip := net.ParseIP(v); ip == nil || ip.To4() == nil || strings.Contains(v, ":") {
			return "value does not look like a valid IPv4 address"
		}
	case "ipv6":
		if ip := net.ParseIP(v); ip == nil || !strings.Contains(v, ":") {
			return "value does not look like a valid IPv6 address"
		}
	case "ip":
		if net.ParseIP(v) == nil {
			return "value does not look like a valid IP address"
		}
	case "CIDR", "CIDRv4", "CIDRv6":
		if _, _, err := net.ParseCIDR(v); err != nil {
			return "value does not look like a valid CIDR network"
		}
	case "pve-ipv4-config":
		if v != "dhcp" && v != "manual" {
			if ip, _, err := net.ParseCIDR(v); err != nil || ip.To4() == nil {
				return "value does not look like a valid ipv4 network configuration"
			}
		}
	case "pve-ipv6-config":
		if v != "dhcp" && v != "manual" && v != "auto" {
			if ip, _, err := net.ParseCIDR(v); err != nil || ip.To4() != nil {
				return "value does not look like a valid ipv6 network configuration"
			}
		}
	case "disk-size":
		if !reDiskSize.MatchString(v) {
			return fmt.Sprintf("unable to parse size '%s'", v)
		}
	case "address-list", "lxc-ip-with-ll-iface-list":
		for _, a := range splitList(v) {
			ip, iface, _ := strings.Cut(a, "%") // fe80::1%eth0 (lxc only)
			if net.ParseIP(ip) == nil || (iface != "" && format == "address-list") {
				return fmt.Sprintf("unable to parse address '%s'", a)
			}
		}
	case "dns-name-list":
		for _, n := range splitList(v) {
			if !reDNSName.MatchString(n) {
				return fmt.Sprintf("value '%s' does not look like a valid DNS name", n)
			}
		}
	case "urlencoded":
		if !reURLEncoded.MatchString(v) {
			return fmt.Sprintf("value '%s' is not urlencoded", v)
		}
	case "dns-name":
		if !reDNSName.MatchString(v) {
			return "value does not look like a valid DNS name"
		}
	case "pve-volume-id":
		if !reVolumeID.MatchString(v) {
			return fmt.Sprintf("unable to parse volume ID '%s'", v)
		}
	case "pve-poolid":
		if !rePoolID.MatchString(v) {
			return fmt.Sprintf("invalid pool ID '%s'", v)
		}
	case "pve-vmid-list":
		if !reVMIDList.MatchString(v) {
			return fmt.Sprintf("value '%s' does not look like a valid VM ID list", v)
		}
	case "pve-storage-content-list", "pve-storage-content":
		// verify_content (pve-storage Plugin.pm): the dir plugin's content
		// types, which include every other plugin's.
		for _, ct := range splitList(v) {
			if !contains(storagePlugins["dir"].content, ct) {
				return fmt.Sprintf("invalid content type '%s'", ct)
			}
		}
	case "pve-node-list":
		for _, n := range splitList(v) {
			if !reNodeName.MatchString(n) {
				return fmt.Sprintf("value '%s' does not look like a valid node name", n)
			}
		}
	case "pve-startup-order":
		if !reStartup.MatchString(v) {
			return "unable to parse startup options"
		}
	case "pve-ha-resource-id-list":
		for _, sid := range splitList(v) {
			if !reHASID.MatchString(sid) {
				return "value does not look like a valid ha resource id"
			}
		}
	case "pve-ha-resource-or-vm-id":
		if !reHASID.MatchString(v) && !reInteger.MatchString(v) {
			return "value does not look like a valid ha resource id"
		}
	case "pve-ha-node-list":
		for _, n := range splitList(v) {
			if !reHANode.MatchString(n) {
				return "value does not look like a valid ha node"
			}
		}
	case "pve-iface":
		if !reIface.MatchString(v) {
			return fmt.Sprintf("invalid network interface name '%s'", v)
		}
	case "pve-iface-list":
		for _, i := range splitList(v) {
			if !reIface.MatchString(i) {
				return fmt.Sprintf("invalid network interface name '%s'", i)
			}
		}
	case "pve-vlan-id-or-range-list":
		for _, vr := range splitList(v) {
			m := reVLANRange.FindStringSubmatch(vr)
			if m == nil {
				return fmt.Sprintf("invalid VLAN configuration '%s'", vr)
			}
			for _, tag := range m[1:] {
				if n, err := strconv.Atoi(tag); tag != "" && (err != nil || n < 2 || n > 4094) {
					return fmt.Sprintf("invalid VLAN tag '%s'", tag)
				}
			}
		}
	case "ipv4mask":
		ip := net.ParseIP(v).To4()
		if ip == nil {
			return "value does not look like a valid IP netmask"
		}
		if ones, bits := net.IPMask(ip).Size(); bits == 0 || ones == 0 {
			return "value does not look like a valid IP netmask"
		}
	case "pve-calendar-event":
		if msg := checkCalendarEvent(v); msg != "" {
			return fmt.Sprintf("invalid calendar event '%s' - %s", v, msg)
		}
	case "pve-day-of-week-list":
		for _, d := range splitList(v) {
			if !contains(strings.Split(allDays, ","), d) {
				return fmt.Sprintf("invalid day '%s'", d)
			}
		}
	case "email-or-username-list":
		for _, a := range splitList(v) {
			if !reEmailish.MatchString(a) && !reUserName.MatchString(a) {
				return "value does not look like a valid email address or user name"
			}
		}
	case "pve-userid":
		if !reEmailish.MatchString(v) {
			return fmt.Sprintf("value '%s' does not look like a valid user name", v)
		}
	}
	return ""
}

func splitList(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\x00' })
}
