package proxmox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A Snapshot is a cluster as its API shows it, in the state-file format
// (Config.StateFile, `homelab-emulator proxmox --state`): the same nodes,
// storages and their content, guests with their VMIDs, nodes and configs,
// pools, HA resources and rules, backup jobs with their ids and node
// networks, so a state file taken from the real cluster plans against an
// emulator loaded from the snapshot exactly as against the cluster.
//
// It holds no secrets: PVE never returns storage passwords or keys, and a
// VM's cloud-init password (cipassword) is kept as PVE shows it, masked. Not
// taken: tasks, certificates, users and tokens (the twin's come from its
// flags), snapshots and backups' contents.
type Snapshot struct {
	Format  string `json:"format"`
	Note    string `json:"note"`
	Version string `json:"pve_version,omitempty"`
	// Warnings are what could not be read as it is (an unreachable
	// storage, network changes not yet applied); also printed by the CLI.
	Warnings []string `json:"warnings,omitempty"`
	state
}

// SnapshotFormat names the file format.
const SnapshotFormat = "homelab-emulator/proxmox-snapshot/1"

const pveSnapshotNote = "Taken with homelab-emulator snapshot proxmox; load it with homelab-emulator proxmox --state FILE. " +
	"Holds no secrets: PVE does not return storage passwords or keys, and cipassword is kept masked."

// Getter is a GET of an API path relative to /api2/json, answering the
// JSON "data" member: the real cluster over HTTPS, or Server.Call.
type Getter func(path string, params map[string]string) (json.RawMessage, error)

// secretKeys are properties whose values are never written to a snapshot,
// should an API return them.
var secretKeys = map[string]bool{"cipassword": true, "password": true, "keyring": true, "encryption-key": true,
	"master-key": true, "secret": true, "token": true}

// TakeSnapshot reads everything the emulator models through get, one
// listing per collection and one config and pending read per guest.
func TakeSnapshot(get Getter) (*Snapshot, error) {
	t := &snapshotTaker{get: get, snap: &Snapshot{Format: SnapshotFormat, Note: pveSnapshotNote}}
	for _, step := range []func() error{t.version, t.nodes, t.storages, t.guests, t.pools, t.ha, t.haRules, t.backupJobs, t.networks} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return t.snap, nil
}

type snapshotTaker struct {
	get  Getter
	snap *Snapshot
}

type obj = map[string]any

// read decodes a GET's data, keeping numbers exact (json.Number).
func (t *snapshotTaker) read(path string, params map[string]string, into any) error {
	raw, err := t.get(path, params)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(into); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

func (t *snapshotTaker) warn(format string, a ...any) {
	t.snap.Warnings = append(t.snap.Warnings, fmt.Sprintf(format, a...))
}

// str is a value as the state file stores it: booleans and numbers as
// their digits, property-string objects (backup jobs) as k=v,...
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "1"
		}
		return "0"
	case map[string]any:
		parts := make([]string, 0, len(x))
		for _, k := range sortedKeys(x) {
			parts = append(parts, k+"="+str(x[k]))
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

func num(v any) int64 {
	i, _ := strconv.ParseInt(str(v), 10, 64)
	return i
}

// opts keeps an entry's properties but the listed ones and secrets.
func opts(e obj, skip ...string) map[string]string {
	out := map[string]string{}
	for k, v := range e {
		if !contains(skip, k) && !secretKeys[k] {
			out[k] = str(v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (t *snapshotTaker) version() error {
	var v obj
	if err := t.read("/version", nil, &v); err != nil {
		return err
	}
	t.snap.Version = str(v["version"])
	return nil
}

func (t *snapshotTaker) nodes() error {
	var list []obj
	if err := t.read("/nodes", nil, &list); err != nil {
		return err
	}
	for _, n := range list {
		t.snap.Nodes = append(t.snap.Nodes, str(n["node"]))
	}
	if len(t.snap.Nodes) == 0 {
		return fmt.Errorf("GET /nodes: no nodes")
	}
	return nil
}

// storages reads storage.cfg, each storage's size from the first node
// that has it, and its content: once for a shared storage, per node
// otherwise.
func (t *snapshotTaker) storages() error {
	var cfg []obj
	if err := t.read("/storage", nil, &cfg); err != nil {
		return err
	}
	for _, e := range cfg {
		st := &storage{ID: str(e["storage"]), Type: str(e["type"]), Shared: str(e["shared"]) == "1",
			Disable: str(e["disable"]) == "1", Nodes: splitList(str(e["nodes"])),
			Options: opts(e, "storage", "type", "digest", "content", "nodes", "shared", "disable")}
		if c := str(e["content"]); c != "none" {
			st.Content = splitList(c)
		}
		t.snap.Storages = append(t.snap.Storages, st)
	}
	for _, node := range t.snap.Nodes {
		var list []obj
		if err := t.read("/nodes/"+node+"/storage", nil, &list); err != nil {
			return err
		}
		for _, e := range list {
			st := t.snap.storage(str(e["storage"]))
			if st == nil {
				continue
			}
			if st.Total == 0 {
				st.Total = num(e["total"])
			}
			if st.Shared && t.hasVolumesOf(st.ID) {
				continue
			}
			if err := t.content(node, st); err != nil {
				if !st.Disable {
					t.warn("storage %s on %s: content not read: %v", st.ID, node, err)
				}
			}
		}
	}
	for _, st := range t.snap.Storages {
		if st.Total <= 0 { // inactive everywhere: a plausible size, so usage stays defined
			st.Total = 100 * gib
		}
	}
	return nil
}

func (t *snapshotTaker) hasVolumesOf(storageID string) bool {
	for _, v := range t.snap.Volumes {
		if v.Storage == storageID {
			return true
		}
	}
	return false
}

func (t *snapshotTaker) content(node string, st *storage) error {
	var list []obj
	if err := t.read("/nodes/"+node+"/storage/"+st.ID+"/content", nil, &list); err != nil {
		return err
	}
	for _, e := range list {
		v := &volume{Node: node, Storage: st.ID, Volid: str(e["volid"]), Content: str(e["content"]),
			Format: str(e["format"]), Size: num(e["size"]), VMID: int(num(e["vmid"])), Ctime: num(e["ctime"])}
		if st.Shared {
			v.Node = ""
		}
		t.snap.Volumes = append(t.snap.Volumes, v)
	}
	return nil
}

// guests reads every guest's current config (without pending changes)
// and its pending changes.
func (t *snapshotTaker) guests() error {
	var list []obj
	if err := t.read("/cluster/resources", map[string]string{"type": "vm"}, &list); err != nil {
		return err
	}
	t.snap.Guests = map[int]*guest{}
	for _, e := range list {
		g := &guest{VMID: int(num(e["vmid"])), Node: str(e["node"]), Type: str(e["type"]), Status: str(e["status"]),
			Pool: str(e["pool"]), Pending: map[string]string{}}
		base := "/nodes/" + g.Node + "/" + g.Type + "/" + itoa(g.VMID)
		var conf obj
		if err := t.read(base+"/config", map[string]string{"current": "1"}, &conf); err != nil {
			return err
		}
		g.Lock = str(conf["lock"])
		g.Conf = opts(conf, "digest", "lock")
		if g.Conf == nil {
			g.Conf = map[string]string{}
		}
		if _, ok := conf["cipassword"]; ok {
			g.Conf["cipassword"] = "**********" // as PVE shows it: the twin's config has one, its value is not the real one
		}
		if d, ok := g.Conf["description"]; ok && g.Type == "lxc" {
			g.Conf["description"] = strings.TrimSuffix(d, "\n") // pve-container's parser adds it
		}
		var pending []obj
		if err := t.read(base+"/pending", nil, &pending); err != nil {
			return err
		}
		for _, p := range pending {
			k := str(p["key"])
			if k == "digest" || secretKeys[k] {
				continue
			}
			if v, ok := p["pending"]; ok {
				g.Pending[k] = str(v)
			}
			if str(p["delete"]) != "" && str(p["delete"]) != "0" {
				g.PendingDelete = append(g.PendingDelete, k)
			}
		}
		if g.Type == "qemu" && g.Status == "running" {
			var cur obj
			if err := t.read(base+"/status/current", nil, &cur); err != nil {
				return err
			}
			g.Paused = str(cur["qmpstatus"]) == "paused"
		}
		t.snap.Guests[g.VMID] = g
	}
	return nil
}

// pools reads each pool with its members: the guests name their pool,
// the pool lists its storages.
func (t *snapshotTaker) pools() error {
	var list []obj
	if err := t.read("/pools", nil, &list); err != nil {
		return err
	}
	t.snap.Pools = map[string]*pool{}
	for _, e := range list {
		id := str(e["poolid"])
		var one []struct {
			Comment any   `json:"comment"`
			Members []obj `json:"members"`
		}
		if err := t.read("/pools", map[string]string{"poolid": id}, &one); err != nil {
			return err
		}
		p := &pool{Comment: str(e["comment"])}
		for _, x := range one {
			for _, m := range x.Members {
				switch str(m["type"]) {
				case "storage":
					if !contains(p.Storage, str(m["storage"])) {
						p.Storage = append(p.Storage, str(m["storage"]))
					}
				case "lxc", "qemu":
					if g := t.snap.Guests[int(num(m["vmid"]))]; g != nil {
						g.Pool = id
					}
				}
			}
		}
		t.snap.Pools[id] = p
	}
	return nil
}

func (t *snapshotTaker) ha() error {
	var list []obj
	if err := t.read("/cluster/ha/resources", nil, &list); err != nil {
		return err
	}
	t.snap.HA = map[string]*haResource{}
	for _, e := range list {
		h := &haResource{SID: str(e["sid"]), State: str(e["state"]), Group: str(e["group"]),
			Opts: opts(e, "sid", "type", "digest", "state", "group")}
		t.snap.HA[h.SID] = h
	}
	return nil
}

// haRules reads PVE 9's rules; a cluster without them (PVE 8) has none.
func (t *snapshotTaker) haRules() error {
	var list []obj
	if err := t.read("/cluster/ha/rules", nil, &list); err != nil {
		t.warn("HA rules not read (PVE before 9?): %v", err)
		return nil
	}
	t.snap.HARules = map[string]*haRule{}
	for _, e := range list {
		r := &haRule{Type: str(e["type"]), Order: int(num(e["order"])), Resources: splitList(str(e["resources"])),
			Opts: opts(e, "rule", "type", "digest", "order", "resources", "nodes", "errors")}
		for _, n := range splitList(str(e["nodes"])) {
			if r.Nodes == nil {
				r.Nodes = map[string]int{}
			}
			name, prio, _ := strings.Cut(n, ":")
			r.Nodes[name] = atoi(prio)
		}
		t.snap.HARules[str(e["rule"])] = r
	}
	return nil
}

// backupJobs keeps the jobs' ids and their order (the id counter
// continues after the last one).
func (t *snapshotTaker) backupJobs() error {
	var list []obj
	if err := t.read("/cluster/backup", nil, &list); err != nil {
		return err
	}
	t.snap.BackupJobs = map[string]*backupJob{}
	for i, e := range list {
		t.snap.BackupJobs[str(e["id"])] = &backupJob{Seq: i + 1, Opts: opts(e, "id", "type", "next-run", "digest")}
	}
	return nil
}

// networks reads each node's interfaces; its bridges are the ones guests
// may use.
func (t *snapshotTaker) networks() error {
	t.snap.Network = map[string]*nodeNetwork{}
	t.snap.Bridges = map[string][]string{}
	for _, node := range t.snap.Nodes {
		var list []obj
		if err := t.read("/nodes/"+node+"/network", nil, &list); err != nil {
			return err
		}
		n := &nodeNetwork{Active: map[string]netIface{}}
		bridges := []string{}
		pending := false
		for _, e := range list {
			name := str(e["iface"])
			d := netIface(opts(e, "iface", "priority", "families", "cidr", "cidr6", "active", "exists"))
			if d == nil {
				d = netIface{}
			}
			if d["type"] == "vlan" { // derived from the name when read
				if reVLANName.MatchString(name) {
					delete(d, "vlan-raw-device")
					delete(d, "vlan-id")
				} else if reVLANShort.MatchString(name) {
					delete(d, "vlan-id")
				}
			}
			pending = pending || str(e["active"]) != "1"
			n.Active[name] = d
			if d["type"] == "bridge" {
				bridges = append(bridges, name)
			}
		}
		if pending {
			t.warn("node %s has network changes not yet applied: the snapshot holds them as applied", node)
		}
		sort.Strings(bridges)
		t.snap.Network[node], t.snap.Bridges[node] = n, bridges
	}
	return nil
}

// Summary counts what the snapshot holds, for the CLI.
func (s *Snapshot) Summary() string {
	return fmt.Sprintf("%d nodes, %d storages, %d volumes, %d guests, %d pools, %d HA resources, %d HA rules, %d backup jobs",
		len(s.Nodes), len(s.Storages), len(s.Volumes), len(s.Guests), len(s.Pools), len(s.HA), len(s.HARules), len(s.BackupJobs))
}
