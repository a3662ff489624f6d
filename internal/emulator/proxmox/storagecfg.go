package proxmox

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
)

// The storage configuration, /storage (storage.cfg), after pve-storage's
// API2/Storage/Config.pm, Storage/Plugin.pm (the section config of every
// plugin) and the plugins' options()/plugindata():
//
//   - every plugin lists the options it takes; an option of another plugin
//     is refused ("unexpected property"), one not marked optional is
//     required at create ("missing value for required option"), and a
//     "fixed" one (path, server, export, share, datastore, vgname, thinpool)
//     cannot be sent to an update at all, not even unchanged ("can't change
//     value of fixed parameter");
//   - nfs and cifs get path /mnt/pve/<storage> when none is given;
//   - content defaults per plugin (dir and lvmthin "images,rootdir", nfs and
//     cifs "images", pbs "backup"); only the plugin's content types are
//     accepted; GET prints content and nodes in Perl hash order (here:
//     sorted), an empty content as "none";
//   - nfs, cifs and pbs are always shared (@SHARED_STORAGE), GET says so
//     (shared 1) whether it was sent or not;
//   - the sensitive properties (cifs and pbs password, pbs encryption-key)
//     go to /etc/pve/priv/storage/<id>.pw and are never returned;
//   - prune-backups is stored as sent (validated against the prune-backups
//     format: keep-all conflicts with the keep-N options);
//   - errors come from lock_storage_config, prefixed "create storage
//     failed: " and "update storage failed: "; an unknown storage is
//     "storage '<id>' does not exist".
//
// Unconfirmed: the exact wording of the unexpected-property error (taken
// from SectionConfig::check_value); whether GET returns booleans as JSON
// numbers (the emulator does); storage activation (mounting the NFS export,
// checking the PBS fingerprint) is not modelled, so a create never fails on
// an unreachable server.

// storagePlugin is what one storage type accepts.
type storagePlugin struct {
	content    []string        // content types it can hold
	defContent []string        // content when none is configured
	shared     bool            // always shared (@SHARED_STORAGE)
	options    map[string]byte // option -> 'o' optional, 'f' fixed and required, 'r' required, 'F' fixed but optional
	sensitive  []string
}

var commonFileOpts = map[string]byte{
	"nodes": 'o', "disable": 'o', "maxfiles": 'o', "prune-backups": 'o', "max-protected-backups": 'o',
	"content": 'o', "format": 'o', "mkdir": 'o', "create-base-path": 'o', "create-subdirs": 'o',
	"bwlimit": 'o', "preallocation": 'o', "content-dirs": 'o',
}

func withOpts(base map[string]byte, extra map[string]byte) map[string]byte {
	out := map[string]byte{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

var fileContent = []string{"backup", "images", "iso", "rootdir", "snippets", "vztmpl", "import"}

var storagePlugins = map[string]*storagePlugin{
	"dir": {
		content: append([]string{"none"}, fileContent...), defContent: []string{"images", "rootdir"},
		options: withOpts(commonFileOpts, map[string]byte{"path": 'f', "shared": 'o', "is_mountpoint": 'o'}),
	},
	"nfs": {
		content: fileContent, defContent: []string{"images"}, shared: true,
		options: withOpts(commonFileOpts, map[string]byte{"path": 'F', "server": 'f', "export": 'f', "options": 'o'}),
	},
	"cifs": {
		content: fileContent, defContent: []string{"images"}, shared: true, sensitive: []string{"password"},
		options: withOpts(commonFileOpts, map[string]byte{"path": 'F', "server": 'f', "share": 'f', "subdir": 'o',
			"username": 'o', "password": 'o', "domain": 'o', "smbversion": 'o', "options": 'o'}),
	},
	"pbs": {
		content: []string{"backup", "none"}, defContent: []string{"backup"}, shared: true,
		sensitive: []string{"password", "encryption-key", "master-pubkey"},
		options: map[string]byte{"server": 'f', "datastore": 'f', "namespace": 'o', "port": 'o', "nodes": 'o', "disable": 'o',
			"content": 'o', "username": 'o', "password": 'o', "encryption-key": 'o', "master-pubkey": 'o',
			"prune-backups": 'o', "max-protected-backups": 'o', "fingerprint": 'o'},
	},
	"lvmthin": {
		content: []string{"images", "rootdir"}, defContent: []string{"images", "rootdir"},
		options: map[string]byte{"thinpool": 'f', "vgname": 'f', "nodes": 'o', "disable": 'o', "content": 'o', "bwlimit": 'o'},
	},
	"lvm": {
		content: []string{"images", "rootdir"}, defContent: []string{"images"},
		options: map[string]byte{"vgname": 'f', "base": 'F', "nodes": 'o', "shared": 'o', "disable": 'o', "saferemove": 'o',
			"saferemove_throughput": 'o', "content": 'o', "bwlimit": 'o', "tagged_only": 'o'},
	},
}

// storageCfgParams are request parameters that are not storage options.
var storageCfgParams = map[string]bool{"storage": true, "type": true, "delete": true, "digest": true}

// onNode reports whether the storage is configured for node (no nodes
// restriction means every node).
func (st *storage) onNode(node string) bool {
	if len(st.Nodes) == 0 {
		return true
	}
	for _, n := range st.Nodes {
		if n == node {
			return true
		}
	}
	return false
}

// cfgEntry is the storage as GET /storage/{storage} prints it.
func (s *Server) cfgEntry(st *storage) map[string]any {
	e := map[string]any{"storage": st.ID, "type": st.Type, "digest": s.storageDigest()}
	content := strings.Join(sortedCopy(st.Content), ",")
	if content == "" {
		content = "none"
	}
	e["content"] = content
	if len(st.Nodes) > 0 {
		e["nodes"] = strings.Join(sortedCopy(st.Nodes), ",")
	}
	if st.Shared {
		e["shared"] = 1
	}
	if st.Disable {
		e["disable"] = 1
	}
	for k, v := range st.Options {
		if boolOption[k] {
			e[k] = atoi(v)
		} else if intOption[k] {
			e[k] = atoi(v)
		} else {
			e[k] = v
		}
	}
	return e
}

var (
	boolOption = map[string]bool{"mkdir": true, "create-base-path": true, "is_mountpoint": false, "saferemove": true, "tagged_only": true}
	intOption  = map[string]bool{"port": true, "maxfiles": true, "max-protected-backups": true}
)

// storageDigest is the digest of storage.cfg as a whole (SectionConfig).
func (s *Server) storageDigest() string {
	var b strings.Builder
	for _, st := range s.st.Storages {
		b.WriteString(st.Type + ": " + st.ID + "\n")
		b.WriteString("\tcontent " + strings.Join(sortedCopy(st.Content), ",") + "\n")
		b.WriteString("\tnodes " + strings.Join(sortedCopy(st.Nodes), ",") + "\n")
		for _, k := range sortedKeys(st.Options) {
			b.WriteString("\t" + k + " " + st.Options[k] + "\n")
		}
		if st.Disable {
			b.WriteString("\tdisable\n")
		}
		if st.Shared {
			b.WriteString("\tshared\n")
		}
	}
	sum := sha1.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// GET /storage[?type=]
func (s *Server) storageCfgList(r *request) (any, *apiError) {
	out := []map[string]any{}
	ids := make([]string, 0, len(s.st.Storages))
	for _, st := range s.st.Storages {
		ids = append(ids, st.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		st := s.st.storage(id)
		if t := r.params["type"]; t != "" && t != st.Type {
			continue
		}
		if !r.hasPriv("Datastore.Audit") && !r.hasPriv("Datastore.AllocateSpace") {
			continue
		}
		out = append(out, s.cfgEntry(st))
	}
	return out, nil
}

// GET /storage/{storage}
func (s *Server) storageCfgGet(r *request) (any, *apiError) {
	st := s.st.storage(r.vars["storage"])
	if st == nil {
		return nil, errf("storage '%s' does not exist", r.vars["storage"])
	}
	return s.cfgEntry(st), nil
}

// checkStorageOptions is the plugin's check_config for the options in
// params (create: required options present).
func checkStorageOptions(p *storagePlugin, params map[string]string, create bool) *apiError {
	keys := sortedKeys(params)
	for _, k := range keys {
		if storageCfgParams[k] {
			continue
		}
		flag, ok := p.options[k]
		if !ok {
			return errf("unexpected property '%s'", k)
		}
		if !create && (flag == 'f' || flag == 'F') {
			return errf("can't change value of fixed parameter '%s'", k)
		}
	}
	if create {
		for _, k := range sortedKeys(p.options) {
			if f := p.options[k]; (f == 'f' || f == 'r') && params[k] == "" {
				return errf("missing value for required option '%s'", k)
			}
		}
	}
	if c, ok := params["content"]; ok {
		list := splitList(c)
		for _, ct := range list {
			if !contains(p.content, ct) {
				return errf("storage does not support content type '%s'", ct)
			}
		}
		if contains(list, "none") && len(list) > 1 {
			return errf("unable to combine 'none' with other content types")
		}
	}
	if pb, ok := params["prune-backups"]; ok {
		if msg := checkPruneBackups(pb); msg != "" {
			return paramErr1("prune-backups", "%s", msg)
		}
	}
	return nil
}

// checkPruneBackups is validate_prune_backups: keep-all with another
// keep-N option set is refused.
func checkPruneBackups(v string) string {
	kv := map[string]string{}
	for _, part := range strings.Split(v, ",") {
		k, val, _ := strings.Cut(part, "=")
		kv[k] = val
	}
	others := false
	for k, val := range kv {
		if k != "keep-all" && atoi(val) > 0 {
			others = true
		}
	}
	if kv["keep-all"] == "1" && others {
		return "keep-all cannot be set together with other options."
	}
	return ""
}

// setStorageOption stores one option of params on st.
func setStorageOption(st *storage, p *storagePlugin, k, v string) {
	switch k {
	case "content":
		var list []string
		for _, c := range splitList(v) {
			if c != "none" && !contains(list, c) {
				list = append(list, c)
			}
		}
		st.Content = list
	case "nodes":
		st.Nodes = nil
		for _, n := range splitList(v) {
			if !contains(st.Nodes, n) {
				st.Nodes = append(st.Nodes, n)
			}
		}
	case "shared":
		st.Shared = v == "1" || p.shared
	case "disable":
		st.Disable = v == "1"
	default:
		if contains(p.sensitive, k) {
			if st.secrets == nil {
				st.secrets = map[string]string{}
			}
			st.secrets[k] = v
			return
		}
		if st.Options == nil {
			st.Options = map[string]string{}
		}
		st.Options[k] = v
	}
}

// POST /storage
func (s *Server) storageCfgCreate(r *request) (any, *apiError) {
	id, typ := r.params["storage"], r.params["type"]
	p := storagePlugins[typ]
	if p == nil {
		return nil, paramErr1("type", "storage type '%s' is not supported by the emulator", typ)
	}
	params := map[string]string{}
	for k, v := range r.params {
		params[k] = v
	}
	if (typ == "nfs" || typ == "cifs") && params["path"] == "" {
		params["path"] = "/mnt/pve/" + id
	}
	if err := checkStorageOptions(p, params, true); err != nil {
		return nil, err
	}
	if s.st.storage(id) != nil {
		return nil, errf("create storage failed: storage ID '%s' already defined", id)
	}
	st := &storage{ID: id, Type: typ, Content: append([]string(nil), p.defContent...), Shared: p.shared, Total: 1024 * gib}
	for _, k := range sortedKeys(params) {
		if !storageCfgParams[k] {
			setStorageOption(st, p, k, params[k])
		}
	}
	s.st.Storages = append(s.st.Storages, st)
	return map[string]any{"storage": id, "type": typ}, nil
}

// PUT /storage/{storage}
func (s *Server) storageCfgUpdate(r *request) (any, *apiError) {
	id := r.vars["storage"]
	if d := r.params["digest"]; d != "" && d != s.storageDigest() {
		return nil, errf("update storage failed: detected modified configuration - file changed by other user? Try again.")
	}
	st := s.st.storage(id)
	if st == nil {
		return nil, errf("update storage failed: storage '%s' does not exist", id)
	}
	p := storagePlugins[st.Type]
	if p == nil {
		return nil, errf("update storage failed: storage type '%s' is not supported by the emulator", st.Type)
	}
	if err := checkStorageOptions(p, r.params, false); err != nil {
		if err.Status == 500 {
			err.Message = "update storage failed: " + err.Message
		}
		return nil, err
	}
	del := splitList(r.params["delete"])
	for _, k := range del {
		flag, ok := p.options[k]
		switch {
		case !ok:
			return nil, errf("update storage failed: no such option '%s'", k)
		case flag == 'f' || flag == 'r':
			return nil, errf("update storage failed: unable to delete required option '%s'", k)
		case flag == 'F':
			return nil, errf("update storage failed: unable to delete fixed option '%s'", k)
		}
		if _, set := r.params[k]; set {
			return nil, errf("update storage failed: cannot set and delete property '%s' at the same time!", k)
		}
	}
	for _, k := range del {
		switch k {
		case "content":
			st.Content = append([]string(nil), p.defContent...)
		case "nodes":
			st.Nodes = nil
		case "shared":
			st.Shared = p.shared
		case "disable":
			st.Disable = false
		default:
			delete(st.Options, k)
			delete(st.secrets, k)
		}
	}
	for _, k := range sortedKeys(r.params) {
		if !storageCfgParams[k] {
			setStorageOption(st, p, k, r.params[k])
		}
	}
	return map[string]any{"storage": id, "type": st.Type}, nil
}

// DELETE /storage/{storage}: the volumes stay where they are (PVE only
// removes the definition).
func (s *Server) storageCfgDelete(r *request) (any, *apiError) {
	id := r.vars["storage"]
	for i, st := range s.st.Storages {
		if st.ID == id {
			s.st.Storages = append(s.st.Storages[:i], s.st.Storages[i+1:]...)
			return nil, nil
		}
	}
	return nil, errf("delete storage failed: storage '%s' does not exist", id)
}

// StorageSecret is a sensitive property of a storage (its password) as the
// node keeps it in /etc/pve/priv/storage, for tests; "" when unset.
func (s *Server) StorageSecret(storageID, key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.st.storage(storageID); st != nil {
		return st.secrets[key]
	}
	return ""
}
