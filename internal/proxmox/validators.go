package proxmox

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	nodeRe       = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	storageIDRe  = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]$`)
	hostnameRe   = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$`)
	ostemplateRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]:vztmpl/[^/\s]+\.tar(\.(gz|xz|zst|bz2))?$`)
	diskSizeRe   = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[KMGT]$`)
	ifaceRe      = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$`)
	macRe        = regexp.MustCompile(`^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$`)
	tagRe        = regexp.MustCompile(`^[a-z0-9_][a-z0-9_\-+.]*$`)
	startupRe    = regexp.MustCompile(`^(order=\d+)?(,?up=\d+)?(,?down=\d+)?$`)
	// poolRe is PVE 9's pve-poolid, nested pools included ("lab/k8s").
	poolRe      = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,2}$`)
	mountPathRe = regexp.MustCompile(`^/[^,=\s]*$`)
	sshKeyRe    = regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+( .*)?$`)
)

func vNode() validator.String {
	return validate.Regex(nodeRe, "Proxmox node name (e.g. \"pve-s1\")")
}

func vStorage() validator.String {
	return validate.Regex(storageIDRe, "storage id (e.g. \"local-lvm\")")
}

func vDiskSize() validator.String {
	return validate.StringFunc("disk size", func(s string) error {
		if !diskSizeRe.MatchString(s) {
			return fmt.Errorf("%q is not a disk size: use a number with a unit K, M, G or T, e.g. \"8G\" or \"512M\"", s)
		}
		b, _ := parseSize(s)
		if b < 1<<20 {
			return fmt.Errorf("%q is too small: the minimum is 1M", s)
		}
		return nil
	})
}

func vIPv4Config() validator.String {
	return validate.StringFunc("IPv4 setting", func(s string) error {
		if s == "dhcp" || s == "manual" {
			return nil
		}
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return fmt.Errorf("%q must be \"dhcp\", \"manual\" or an IPv4 address with prefix length, e.g. \"10.10.10.5/24\"", s)
		}
		return nil
	})
}

func vIPv6Config() validator.String {
	return validate.StringFunc("IPv6 setting", func(s string) error {
		if s == "dhcp" || s == "auto" || s == "manual" {
			return nil
		}
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is6() {
			return fmt.Errorf("%q must be \"auto\", \"dhcp\", \"manual\" or an IPv6 address with prefix length, e.g. \"fd00::5/64\"", s)
		}
		return nil
	})
}

func vIP(v6 bool) validator.String {
	what := "IPv4 address"
	if v6 {
		what = "IPv6 address"
	}
	return validate.StringFunc(what, func(s string) error {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Is6() != v6 {
			return fmt.Errorf("%q is not an %s", s, what)
		}
		return nil
	})
}

func vMAC() validator.String {
	return validate.StringFunc("MAC address", func(s string) error {
		if !macRe.MatchString(s) {
			return fmt.Errorf("%q is not a MAC address such as \"BC:24:11:00:00:01\"", s)
		}
		var first byte
		fmt.Sscanf(s[:2], "%02x", &first)
		if first&1 == 1 {
			return fmt.Errorf("%q is a multicast address; a guest NIC needs a unicast MAC (even first octet)", s)
		}
		return nil
	})
}

func vSSHKeys() validator.String {
	return validate.StringFunc("SSH public keys", func(s string) error {
		for i, l := range strings.Split(strings.TrimSpace(s), "\n") {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			if !sshKeyRe.MatchString(l) {
				return fmt.Errorf("line %d is not an OpenSSH public key (\"ssh-ed25519 AAAA... comment\")", i+1)
			}
		}
		return nil
	})
}

func vNameservers() validator.String {
	return validate.StringFunc("nameserver list", func(s string) error {
		for f := range strings.FieldsSeq(s) {
			if _, err := netip.ParseAddr(f); err != nil {
				return fmt.Errorf("%q is not an IP address (give one or more addresses separated by spaces)", f)
			}
		}
		return nil
	})
}
