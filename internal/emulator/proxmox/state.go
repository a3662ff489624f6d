package proxmox

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// state is the cluster: nodes, storages and their volumes, guests, pools, HA
// resources and tasks. Every access holds Server.mu.
type state struct {
	Nodes    []string               `json:"nodes"`
	Storages []*storage             `json:"storages"`
	Volumes  []*volume              `json:"volumes"`
	Guests   map[int]*guest         `json:"guests"`
	Pools    map[string]*pool       `json:"pools"`
	HA       map[string]*haResource `json:"ha,omitempty"`
	// Bridges are the network bridges per node (bridges.go); a node not
	// listed has vmbr0.
	Bridges map[string][]string `json:"bridges,omitempty"`
	// BackupJobs are the vzdump jobs of jobs.cfg by id (backupjobs.go).
	BackupJobs map[string]*backupJob `json:"backup_jobs,omitempty"`
	backupSeq  int
	// Network is each node's /etc/network/interfaces (nodenetwork.go),
	// made from Bridges on first use.
	Network map[string]*nodeNetwork `json:"network,omitempty"`
	// HARules are PVE 9's HA rules (rules.cfg) by id (harules.go).
	HARules map[string]*haRule `json:"ha_rules,omitempty"`

	tasks   map[string]*task
	taskSeq int64
}

// guest is one LXC container or QEMU VM.
type guest struct {
	VMID   int               `json:"vmid"`
	Node   string            `json:"node"`
	Type   string            `json:"type"` // "lxc" or "qemu"
	Status string            `json:"status"`
	Lock   string            `json:"lock,omitempty"`
	Pool   string            `json:"pool,omitempty"`
	Conf   map[string]string `json:"config"`
	// Pending holds changes that apply at the next start (running guests);
	// PendingDelete the options to remove then.
	Pending       map[string]string `json:"pending,omitempty"`
	PendingDelete []string          `json:"pending_delete,omitempty"`
	Paused        bool              `json:"paused,omitempty"` // qemu: suspended (qmpstatus paused)

	taskLock      string    // lock held by a running task (create, clone, migrate)
	taskLockUntil time.Time // when that task ends
	startedAt     time.Time // when its process last started (uptime.go)
}

// storage is a storage definition; Nodes nil means every node.
type storage struct {
	ID      string   `json:"storage"`
	Type    string   `json:"type"` // dir, lvmthin, nfs
	Content []string `json:"content"`
	Shared  bool     `json:"shared"`
	Total   int64    `json:"total"`
	// Nodes restricts the storage to these nodes (storage.cfg "nodes").
	Nodes   []string `json:"nodes,omitempty"`
	Disable bool     `json:"disable,omitempty"`
	// Options are the plugin's other options as storage.cfg holds them
	// (path, server, export, prune-backups, ...: storagecfg.go).
	Options map[string]string `json:"options,omitempty"`
	// secrets are the sensitive properties (/etc/pve/priv/storage), never
	// returned nor written to a state file.
	secrets map[string]string
}

// volume is one file or disk on a storage. Node is empty on shared storages.
type volume struct {
	Node    string `json:"node,omitempty"`
	Storage string `json:"storage"`
	Volid   string `json:"volid"`
	Content string `json:"content"`
	Format  string `json:"format"`
	Size    int64  `json:"size"`
	VMID    int    `json:"vmid,omitempty"`
	Ctime   int64  `json:"ctime"`
}

type pool struct {
	Comment string `json:"comment,omitempty"`
	// Storage are the storages in the pool (the guests name their pool).
	Storage []string `json:"storage,omitempty"`
}

// haResource is one entry of resources.cfg: the options as set (ha.go).
type haResource struct {
	SID   string `json:"sid"`
	State string `json:"state,omitempty"`
	Group string `json:"group,omitempty"`
	// Opts are max_restart, max_relocate, failback and comment as set.
	Opts map[string]string `json:"options,omitempty"`
}

const gib = int64(1) << 30

func defaultState(nodes []string) *state {
	st := &state{
		Nodes: nodes,
		Storages: []*storage{
			{ID: "local", Type: "dir", Content: []string{"iso", "vztmpl", "backup", "snippets"}, Total: 100 * gib,
				Options: map[string]string{"path": "/var/lib/vz", "prune-backups": "keep-all=1"}},
			{ID: "local-lvm", Type: "lvmthin", Content: []string{"images", "rootdir"}, Total: 500 * gib,
				Options: map[string]string{"vgname": "pve", "thinpool": "data"}},
			{ID: "nas", Type: "nfs", Content: []string{"iso", "vztmpl", "backup", "images", "rootdir"}, Shared: true, Total: 2048 * gib,
				Options: map[string]string{"path": "/mnt/pve/nas", "server": "10.10.10.20", "export": "/volume1/pve", "options": "vers=4.2"}},
		},
		Guests: map[int]*guest{},
		Pools:  map[string]*pool{},
		HA:     map[string]*haResource{},
	}
	// Each node's "local" holds the Debian 12 template, as after a first
	// template download.
	for _, n := range nodes {
		name := "debian-12-standard_12.12-1_amd64.tar.zst"
		st.Volumes = append(st.Volumes, &volume{Node: n, Storage: "local", Volid: "local:vztmpl/" + name, Content: "vztmpl", Format: "tzst", Size: 126 << 20, Ctime: 1735689600})
	}
	st.init()
	return st
}

func (st *state) init() {
	if st.Guests == nil {
		st.Guests = map[int]*guest{}
	}
	if st.Pools == nil {
		st.Pools = map[string]*pool{}
	}
	if st.HA == nil {
		st.HA = map[string]*haResource{}
	}
	if st.HARules == nil {
		st.HARules = map[string]*haRule{}
	}
	if st.BackupJobs == nil {
		st.BackupJobs = map[string]*backupJob{}
	}
	for _, j := range st.BackupJobs {
		st.backupSeq = max(st.backupSeq, j.Seq)
	}
	st.tasks = map[string]*task{}
	for id, g := range st.Guests {
		g.VMID = id
		if g.Conf == nil {
			g.Conf = map[string]string{}
		}
		if g.Pending == nil {
			g.Pending = map[string]string{}
		}
		if g.Status == "" {
			g.Status = "stopped"
		}
		if g.Status == "running" {
			g.startedAt = time.Now()
		}
	}
}

func (st *state) hasNode(n string) bool {
	for _, x := range st.Nodes {
		if x == n {
			return true
		}
	}
	return false
}

func (st *state) storage(id string) *storage {
	for _, s := range st.Storages {
		if s.ID == id {
			return s
		}
	}
	return nil
}

func (s *storage) has(content string) bool {
	for _, c := range s.Content {
		if c == content {
			return true
		}
	}
	return false
}

// volumes lists the volumes of a storage as seen from node.
func (st *state) volumesOn(node, storageID string) []*volume {
	var out []*volume
	for _, v := range st.Volumes {
		if v.Storage == storageID && (v.Node == "" || v.Node == node) {
			out = append(out, v)
		}
	}
	return out
}

func (st *state) findVolume(node, volid string) *volume {
	for _, v := range st.Volumes {
		if v.Volid == volid && (v.Node == "" || v.Node == node) {
			return v
		}
	}
	return nil
}

func (st *state) removeVolume(v *volume) {
	for i, x := range st.Volumes {
		if x == v {
			st.Volumes = append(st.Volumes[:i], st.Volumes[i+1:]...)
			return
		}
	}
}

// addVolume records a volume; Node is cleared on shared storages.
func (st *state) addVolume(v *volume) {
	if s := st.storage(v.Storage); s != nil && s.Shared {
		v.Node = ""
	}
	st.Volumes = append(st.Volumes, v)
}

// digest is the SHA1 of the config as PVE writes it to the config file.
func (g *guest) digest() string {
	keys := make([]string, 0, len(g.Conf))
	for k := range g.Conf {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + ": " + g.Conf[k] + "\n")
	}
	for _, k := range sortedKeys(g.Pending) {
		b.WriteString("[pending] " + k + ": " + g.Pending[k] + "\n")
	}
	b.WriteString("[pending-delete] " + strings.Join(g.PendingDelete, ",") + "\n")
	sum := sha1.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lock is the guest's config lock: a persistent one (state file, tests) or
// the one a running task holds until it ends.
func (g *guest) lock() string {
	if g.Lock != "" {
		return g.Lock
	}
	if time.Now().Before(g.taskLockUntil) {
		return g.taskLock
	}
	return ""
}

// holdLock sets the lock a task holds for Config.TaskDuration.
func (s *Server) holdLock(g *guest, name string) {
	g.taskLock, g.taskLockUntil = name, time.Now().Add(s.taskDuration())
}

// typeLabel is "CT" or "VM", as PVE's messages name guests.
func (g *guest) typeLabel() string {
	if g.Type == "lxc" {
		return "CT"
	}
	return "VM"
}

// confPath is the guest's config file path in pmxcfs, used in messages.
func confPath(node, typ string, vmid int) string {
	dir := "lxc"
	if typ == "qemu" {
		dir = "qemu-server"
	}
	return "nodes/" + node + "/" + dir + "/" + itoa(vmid) + ".conf"
}
