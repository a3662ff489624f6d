package proxmox

import (
	"strings"
)

// checkCreatePerms: besides VM.Allocate, space on the storages used and
// Sys.Modify for privileged containers.
func checkCreatePerms(s *Server, r *request) *apiError {
	for k, v := range r.params {
		base, _, _ := splitIndex(k)
		if k == "rootfs" || base == "mp" || base == "scsi" || base == "virtio" || base == "sata" || base == "ide" || k == "efidisk0" || k == "tpmstate0" || k == "storage" {
			sid, _, _ := strings.Cut(strings.Split(v, ",")[0], ":")
			if i := strings.Index(sid, "="); i >= 0 {
				sid = sid[i+1:]
			}
			if sid != "" && !strings.HasPrefix(sid, "/") && sid != "none" && sid != "cdrom" {
				if err := r.requirePriv("/storage/"+sid, "Datastore.AllocateSpace"); err != nil {
					return err
				}
			}
		}
	}
	if strings.HasSuffix(r.template, "/lxc") && r.params["unprivileged"] == "0" {
		if err := r.requirePriv("/", "Sys.Modify"); err != nil {
			return err
		}
	}
	return nil
}

// configPriv is the privilege an option needs (check_vm_modify_config_perm
// and check_ct_modify_config_perm).
func configPriv(typ, k string) string {
	base, _, ok := splitIndex(k)
	if !ok {
		base = k
	}
	switch base {
	case "memory", "swap", "balloon", "shares":
		return "VM.Config.Memory"
	case "cores", "cpulimit", "cpuunits", "sockets", "vcpus", "cpu", "numa", "affinity":
		return "VM.Config.CPU"
	case "net":
		return "VM.Config.Network"
	case "rootfs", "mp", "scsi", "virtio", "sata", "ide", "efidisk", "tpmstate", "unused":
		return "VM.Config.Disk"
	case "ciuser", "cipassword", "citype", "ipconfig", "sshkeys", "cicustom", "ciupgrade":
		return "VM.Config.Cloudinit"
	case "bios", "machine", "vga", "scsihw", "usb", "hostpci", "serial", "parallel", "audio", "rng", "tablet", "watchdog":
		return "VM.Config.HWType"
	}
	return "VM.Config.Options"
}

// checkConfigPerms checks the privilege of every option set or deleted.
func checkConfigPerms(s *Server, r *request) *apiError {
	typ := "lxc"
	if strings.Contains(r.template, "/qemu/") {
		typ = "qemu"
	}
	path := "/vms/" + r.vars["vmid"]
	keys := splitList(r.params["delete"])
	for k := range r.params {
		if !notConfig[k] {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if err := r.requirePriv(path, configPriv(typ, k)); err != nil {
			return err
		}
	}
	return nil
}
