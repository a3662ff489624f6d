package proxmox

import (
	"strconv"
	"strings"
)

// typedConf renders a config with PVE's JSON types: booleans and integers as
// numbers, "number" options (cpulimit) and everything else as strings; the
// description as each stack's parser returns it (descriptionOut).
func typedConf(typ string, conf map[string]string) map[string]any {
	ms := createSchema(typ)
	out := make(map[string]any, len(conf))
	for k, v := range conf {
		out[k] = typedValue(ms, k, v)
	}
	if d, ok := conf["description"]; ok {
		out["description"] = descriptionOut(typ, d)
	}
	if _, ok := conf["cipassword"]; ok {
		out["cipassword"] = "**********" // qemu-server never returns it
	}
	return out
}

func typedValue(ms *methodSchema, k, v string) any {
	p := ms.lookup(k)
	if p == nil {
		return v
	}
	switch p.Type {
	case "boolean", "integer":
		if i, err := strconv.ParseInt(v, 10, 64); err == nil {
			return i
		}
	}
	return v
}

// GET .../config[?current=1]: pending changes are merged unless current=1.
func (s *Server) guestConfig(r *request, g *guest) (any, *apiError) {
	if snap := r.params["snapshot"]; snap != "" { // snapshots are not modelled
		return nil, errf("snapshot '%s' does not exist", snap)
	}
	conf := make(map[string]string, len(g.Conf))
	for k, v := range g.Conf {
		conf[k] = v
	}
	if r.params["current"] != "1" {
		for k, v := range g.Pending {
			conf[k] = v
		}
		for _, k := range g.PendingDelete {
			delete(conf, k)
		}
	}
	out := typedConf(g.Type, conf)
	if g.lock() != "" {
		out["lock"] = g.lock()
	}
	out["digest"] = g.digest()
	return out, nil
}

// GET .../pending: [{key, value, pending, delete}] sorted by key.
func (s *Server) guestPending(r *request, g *guest) (any, *apiError) {
	ms := createSchema(g.Type)
	keys := map[string]bool{}
	for k := range g.Conf {
		keys[k] = true
	}
	for k := range g.Pending {
		keys[k] = true
	}
	del := map[string]bool{}
	for _, k := range g.PendingDelete {
		keys[k], del[k] = true, true
	}
	var out []map[string]any
	for _, k := range sortedKeys(keys) {
		e := map[string]any{"key": k}
		if v, ok := g.Conf[k]; ok {
			e["value"] = typedValue(ms, k, v)
			if k == "description" {
				e["value"] = descriptionOut(g.Type, v)
			}
		}
		if v, ok := g.Pending[k]; ok {
			e["pending"] = typedValue(ms, k, v)
		}
		if k == "cipassword" && g.Type == "qemu" {
			maskPendingPassword(e)
		}
		if del[k] {
			e["delete"] = 1
		}
		out = append(out, e)
	}
	out = append(out, map[string]any{"key": "digest", "value": g.digest()})
	return out, nil
}

// checkLock refuses changes to a locked guest ("CT is locked (disk)").
func checkLock(r *request, g *guest) *apiError {
	if g.lock() != "" && r.params["skiplock"] != "1" {
		return errf("%s is locked (%s)", g.typeLabel(), g.lock())
	}
	return nil
}

// checkDigest refuses a change based on an old read of the config, with the
// message each stack uses: pve-container goes through PVE::Tools::
// assert_if_modified, qemu-server has its own check (typo included).
func checkDigest(r *request, g *guest) *apiError {
	if d, ok := r.params["digest"]; ok && d != g.digest() {
		if g.Type == "lxc" {
			return errf("detected modified configuration - file changed by other user? Try again.")
		}
		return errf("checksum missmatch (file change by other user?)")
	}
	return nil
}

// PUT .../config (synchronous, data null).
func (s *Server) guestUpdateSync(r *request, g *guest) (any, *apiError) {
	if err := s.updateConfig(r, g); err != nil {
		return nil, err
	}
	return nil, nil
}

// POST /qemu/{vmid}/config (asynchronous, qmconfig task).
func (s *Server) guestUpdateAsync(r *request, g *guest) (any, *apiError) {
	if err := s.updateConfig(r, g); err != nil {
		return nil, err
	}
	return s.newTask(g.Node, "qmconfig", itoa(g.VMID), r.user, "", "update VM "+itoa(g.VMID)+": "+describeParams(r.params)), nil
}

func describeParams(p map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(p) {
		if k == "node" || k == "vmid" {
			continue
		}
		v := p[k]
		if k == "cipassword" || k == "password" {
			v = "<hidden>" // as qemu-server prints it in the task log
		}
		parts = append(parts, "-"+k+" "+v)
	}
	return strings.Join(parts, " ")
}

// readOnlyOptions cannot be changed after create.
var readOnlyOptions = map[string]map[string]bool{
	"lxc":  {"unprivileged": true},
	"qemu": {},
}

// updateConfig applies a config update like update_pct_config and
// qemu-server's update_vm: lock, digest, delete/revert, disks, hotplug.
func (s *Server) updateConfig(r *request, g *guest) *apiError {
	if err := checkLock(r, g); err != nil {
		return err
	}
	if err := checkDigest(r, g); err != nil {
		return err
	}
	ms := createSchema(g.Type)
	changes := map[string]string{}
	for k, v := range r.params {
		if !notConfig[k] {
			changes[k] = v
		}
	}
	dels := splitList(r.params["delete"])
	reverts := splitList(r.params["revert"])
	if len(changes) == 0 && len(dels) == 0 && len(reverts) == 0 {
		return errf("no options specified")
	}
	for _, k := range dels {
		if _, ok := changes[k]; ok {
			return paramErr1("delete", "you can't use '-%s' and '-delete %s' at the same time", k, k)
		}
		if ms.lookup(k) == nil || notConfig[k] {
			return paramErr1("delete", "unknown option '%s'", k)
		}
	}
	for k := range changes {
		if readOnlyOptions[g.Type][k] {
			return errf("unable to modify read-only option: '%s'", k)
		}
		if k == "template" || k == "lock" {
			return paramErr1(k, "property is not defined in schema and the schema does not allow additional properties")
		}
	}
	// Normalise and allocate first, so a failure leaves the config unchanged.
	final := map[string]string{}
	for _, k := range sortedKeys(changes) {
		v, err := s.normaliseOption(r, g, k, changes[k], "")
		if err != nil {
			return err
		}
		final[k] = v
	}
	running := g.Status == "running"
	hotplugErrs := map[string]string{}
	for _, k := range sortedKeys(final) {
		v := final[k]
		live := hotpluggable(g, k)
		if running && g.Type == "qemu" {
			if media, msg := qemuMediaChange(g, k, v); msg != "" {
				hotplugErrs[k], live = msg, false
			} else if media {
				live = true
			}
		}
		if running && !live {
			if old, ok := g.Pending[k]; ok && g.Type == "qemu" && isDiskKey("qemu", k) && diskVolume(old) != diskVolume(v) {
				s.registerUnusedQemu(g, old) // a pending drive replaced again
			}
			g.Pending[k] = v
			continue
		}
		s.replaceOption(g, k, v)
		delete(g.Pending, k)
	}
	for _, k := range dels {
		// A value only pending goes at once (update_vm).
		if pv, ok := g.Pending[k]; ok {
			delete(g.Pending, k)
			if g.Type == "qemu" && isDiskKey("qemu", k) {
				s.registerUnusedQemu(g, pv)
			}
		}
		if running && !hotpluggable(g, k) {
			if !contains(g.PendingDelete, k) {
				g.PendingDelete = append(g.PendingDelete, k)
			}
			continue
		}
		s.deleteOption(g, k)
	}
	for _, k := range reverts {
		delete(g.Pending, k)
		g.PendingDelete = remove(g.PendingDelete, k)
	}
	if len(hotplugErrs) > 0 {
		return paramErr(hotplugErrs)
	}
	return nil
}

// replaceOption sets k, moving a replaced disk volume to an unused slot
// (qemu: as registerUnusedQemu decides).
func (s *Server) replaceOption(g *guest, k, v string) {
	if old, ok := g.Conf[k]; ok && isDiskKey(g.Type, k) {
		if oldVol, newVol := diskVolume(old), diskVolume(v); oldVol != "" && oldVol != newVol {
			if g.Type == "qemu" {
				s.registerUnusedQemu(g, old)
			} else if s.st.findAnyVolume(oldVol) != nil {
				g.Conf[freeKey(g.Conf, "unused")] = oldVol
			}
		}
	}
	g.Conf[k] = v
}

// deleteOption removes k; a removed disk becomes unusedN, a removed unusedN
// is destroyed, as PVE does.
func (s *Server) deleteOption(g *guest, k string) {
	v, ok := g.Conf[k]
	if !ok {
		return
	}
	delete(g.Conf, k)
	if strings.HasPrefix(k, "unused") {
		if g.Type == "qemu" {
			s.deallocUnusedQemu(g, v)
		} else if vol := s.st.findAnyVolume(v); vol != nil {
			s.st.removeVolume(vol)
		}
		return
	}
	if isDiskKey(g.Type, k) && g.Type == "qemu" {
		s.registerUnusedQemu(g, v)
	} else if isDiskKey(g.Type, k) {
		if vol := diskVolume(v); vol != "" && s.st.findAnyVolume(vol) != nil {
			g.Conf[freeKey(g.Conf, "unused")] = vol
		}
	}
	g.PendingDelete = remove(g.PendingDelete, k)
}

// applyPending applies pending changes (at start and reboot).
func (s *Server) applyPending(g *guest) {
	for k, v := range g.Pending {
		s.replaceOption(g, k, v)
	}
	for _, k := range g.PendingDelete {
		s.deleteOption(g, k)
	}
	g.Pending = map[string]string{}
	g.PendingDelete = nil
}

// hotpluggable reports whether a change to k applies to a running guest at
// once (otherwise it becomes pending until the next start).
func hotpluggable(g *guest, k string) bool {
	base, _, indexed := splitIndex(k)
	if !indexed {
		base = k
	}
	switch base {
	case "description", "onboot", "protection", "tags", "startup", "name", "hostname", "lock", "template", "unused":
		return true
	}
	if g.Type == "lxc" {
		switch base {
		case "memory", "swap", "cores", "cpulimit", "cpuunits", "net", "mp":
			return true
		}
		return false
	}
	hp := g.Conf["hotplug"]
	if hp == "" {
		hp = "network,disk,usb"
	}
	switch base {
	case "net":
		return strings.Contains(hp, "network")
	case "scsi", "virtio": // not ide, sata, efidisk, tpmstate (vmconfig_hotplug_pending)
		return strings.Contains(hp, "disk")
	case "usb":
		return strings.Contains(hp, "usb")
	case "cpulimit", "cpuunits", "balloon", "shares":
		return true
	}
	return false
}

// maskPendingPassword hides the cloud-init password in a pending entry as
// qemu-server's vm_pending does: '**********' for the current value and
// '********** ' (with the trailing space) for a pending one.
func maskPendingPassword(e map[string]any) {
	if _, ok := e["value"]; ok {
		e["value"] = "**********"
	}
	if _, ok := e["pending"]; ok {
		e["pending"] = "********** "
	}
}
