package proxmox

import (
	"strings"
)

type guestHandler func(s *Server, r *request, g *guest) (any, *apiError)

// guestOp resolves {node}/{vmid} to a guest of type typ, failing like PVE
// does when the config file is not on that node.
func guestOp(typ string, fn guestHandler) handler {
	return func(s *Server, r *request) (any, *apiError) {
		vmid := atoi(r.vars["vmid"])
		g := s.st.Guests[vmid]
		if g == nil || g.Type != typ || g.Node != r.vars["node"] {
			return nil, errf("Configuration file '%s' does not exist", confPath(r.vars["node"], typ, vmid))
		}
		return fn(s, r, g)
	}
}

// createSchema is the schema of the guest's create call, which lists every
// config option with its type.
func createSchema(typ string) *methodSchema {
	return methodFor("POST", "/nodes/{node}/"+typ)
}

// notConfig are parameters of create/update calls that are not stored.
var notConfig = map[string]bool{
	"node": true, "vmid": true, "ostemplate": true, "password": true, "ssh-public-keys": true,
	"storage": true, "start": true, "pool": true, "force": true, "restore": true, "unique": true,
	"ignore-unpack-errors": true, "bwlimit": true, "ha-managed": true, "archive": true,
	"live-restore": true, "import-working-storage": true, "delete": true, "revert": true,
	"digest": true, "skiplock": true, "background_delay": true,
}

func (st *state) findAnyVolume(volid string) *volume {
	for _, v := range st.Volumes {
		if v.Volid == volid {
			return v
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// normaliseOption turns a requested value into the stored one: tags
// normalised, networks completed and re-printed, disks "storage:N"
// allocated; anything else verbatim.
func (s *Server) normaliseOption(r *request, g *guest, k, v, defaultStorage string) (string, *apiError) {
	if k == "tags" {
		return normaliseTags(v), nil
	}
	if k == "description" {
		return descriptionIn(g.Type, v), nil
	}
	ms := createSchema(g.Type)
	p := ms.lookup(k)
	if p == nil || p.subSchema == nil {
		return v, nil
	}
	kv, _ := parsePropertyString(p, v)
	base, _, _ := splitIndex(k)
	switch {
	case base == "net" && g.Type == "lxc":
		kv["type"] = "veth"
		if kv["hwaddr"] == "" {
			if old, ok := g.Conf[k]; ok {
				okv, _ := parsePropertyString(p, old)
				kv["hwaddr"] = okv["hwaddr"]
			}
			if kv["hwaddr"] == "" {
				kv["hwaddr"] = randomMAC()
			}
		}
		kv["hwaddr"] = strings.ToUpper(kv["hwaddr"])
		return printPropertyString(p, kv), nil
	case base == "net" && g.Type == "qemu":
		return s.printQemuNet(g, k, p, kv), nil
	case isDiskKey(g.Type, k):
		return s.allocOption(g, k, p, kv, defaultStorage)
	}
	// Other property strings (agent, startup, features, cpu, ...) are
	// stored as sent: qemu-server re-prints only drives (print_drive) and
	// NICs (print_net), pve-container only NICs and mount points.
	return v, nil
}
