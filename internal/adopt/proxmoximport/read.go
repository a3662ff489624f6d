package proxmoximport

import (
	"context"
	"fmt"
	"sort"

	"github.com/homelab-iac/terraform-provider-homelab/internal/proxmox"
)

// cluster is what was read: the one listing, and each guest's config.
type cluster struct {
	nodes    []string
	guests   []*guest // sorted by VMID
	storages []storage
	pools    []pool           // GET /pools
	others   []map[string]any // listing entries of other types (sdn, ...)
}

// guest is a container ("lxc") or VM ("qemu").
type guest struct {
	vmid     int64
	kind     string
	node     string
	name     string // from the listing
	running  bool
	template bool
	pool     string
	entry    map[string]any // its /cluster/resources entry
	cfg      map[string]any // GET .../config; nil for templates
}

type pool struct{ id, comment string }

type storage struct {
	id, typ string
	nodes   []string
}

// read costs one GET /cluster/resources and one GET /pools (for the pools'
// comments), plus one config read per guest that is imported (templates
// are listed from the listing alone).
func read(ctx context.Context, c *proxmox.Client) (*cluster, error) {
	list, err := c.GetList(ctx, "/cluster/resources")
	if err != nil {
		return nil, fmt.Errorf("listing the cluster (GET /cluster/resources): %w", err)
	}
	cl := &cluster{}
	stor := map[string]*storage{}
	for _, e := range list {
		switch str(e["type"]) {
		case "node":
			cl.nodes = append(cl.nodes, str(e["node"]))
		case "lxc", "qemu":
			id, _ := toInt(e["vmid"])
			cl.guests = append(cl.guests, &guest{vmid: id, kind: str(e["type"]), node: str(e["node"]), name: str(e["name"]),
				running: str(e["status"]) == "running", template: toBool(e["template"]), pool: str(e["pool"]), entry: e})
		case "storage":
			id := str(e["storage"])
			s := stor[id]
			if s == nil {
				s = &storage{id: id, typ: str(e["plugintype"])}
				stor[id] = s
			}
			s.nodes = append(s.nodes, str(e["node"]))
		case "pool": // read with their comments from /pools
		default:
			cl.others = append(cl.others, e)
		}
	}
	pools, err := c.GetList(ctx, "/pools")
	if err != nil {
		return nil, fmt.Errorf("listing the pools (GET /pools): %w", err)
	}
	for _, p := range pools {
		cl.pools = append(cl.pools, pool{id: str(p["poolid"]), comment: str(p["comment"])})
	}
	sort.Strings(cl.nodes)
	sort.Slice(cl.pools, func(i, j int) bool { return cl.pools[i].id < cl.pools[j].id })
	sort.Slice(cl.guests, func(i, j int) bool { return cl.guests[i].vmid < cl.guests[j].vmid })
	for _, s := range stor {
		sort.Strings(s.nodes)
		cl.storages = append(cl.storages, *s)
	}
	sort.Slice(cl.storages, func(i, j int) bool { return cl.storages[i].id < cl.storages[j].id })
	sort.Slice(cl.others, func(i, j int) bool { return str(cl.others[i]["id"]) < str(cl.others[j]["id"]) })
	for _, g := range cl.guests {
		if g.template {
			continue
		}
		p := fmt.Sprintf("/nodes/%s/%s/%d/config", g.node, g.kind, g.vmid)
		g.cfg, err = c.GetMap(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("reading the config of %s %d (%s): %w", noun(g.kind), g.vmid, g.name, err)
		}
	}
	return cl, nil
}

func noun(kind string) string {
	if kind == "lxc" {
		return "container"
	}
	return "VM"
}
