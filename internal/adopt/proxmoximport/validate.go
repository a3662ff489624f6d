package proxmoximport

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// The provider's validators (internal/proxmox validators.go, vm_schema.go)
// a value must pass to be written: a value PVE holds that fails one cannot
// be expressed, and is listed instead of a configuration that fails to plan.
var (
	hostnameRe  = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$`)
	storageIDRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]$`)
	diskSizeRe  = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[KMGT]$`)
	ifaceRe     = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$`)
	macRe       = regexp.MustCompile(`^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$`)
	tagRe       = regexp.MustCompile(`^[a-z0-9_][a-z0-9_\-+.]*$`)
	startupRe   = regexp.MustCompile(`^(order=\d+)?(,?up=\d+)?(,?down=\d+)?$`)
	mountPathRe = regexp.MustCompile(`^/[^,=\s]*$`)
	diskSlotRe  = regexp.MustCompile(`^(scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5])$`)
	cpuTypeRe   = regexp.MustCompile(`^[a-zA-Z0-9_.+-]+$`)
	bootRe      = regexp.MustCompile(`^order=[a-z0-9]+(;[a-z0-9]+)*$`)
	poolIDRe    = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,2}$`)
	sshKeyRe    = regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+( .*)?$`)
)

// sshKeysOK: one OpenSSH public key a line (comments and blank lines allowed).
func sshKeysOK(s string) bool {
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") && !sshKeyRe.MatchString(l) {
			return false
		}
	}
	return true
}

// staticIP reports whether an ip setting is an address (not dhcp, auto or manual).
func staticIP(s string) bool {
	_, err := netip.ParsePrefix(s)
	return err == nil
}

// sizeOK: a size with a unit, at least 1M (vDiskSize).
func sizeOK(s string) bool {
	if !diskSizeRe.MatchString(s) {
		return false
	}
	f, err := strconv.ParseFloat(s[:len(s)-1], 64)
	mult := map[byte]float64{'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}[s[len(s)-1]]
	return err == nil && f*mult >= 1<<20
}
