package proxmox

import (
	"fmt"
	"strings"
)

// HA resources, /cluster/ha/resources (resources.cfg), after
// pve-ha-manager's PVE/API2/HA/Resources.pm, PVE/HA/Config.pm and
// PVE/HA/Resources{,/PVEVM,/PVECT}.pm:
//
//   - a sid is "vm:N" or "ct:N"; a bare VMID is turned into one by the
//     guest's type ("unable to detect SID from VMID - VM/CT N does not
//     exist"); the guest must exist and be of that type ("resource 'ct:N'
//     does not exist in cluster", "... - guest with ID N is not a
//     container");
//   - GET returns the options as set (read_resources_config, no defaults
//     filled in) plus sid, type and digest: state, max_restart,
//     max_relocate, failback, comment only when configured; an unknown sid
//     is "no such resource '<sid>'";
//   - POST refuses a taken sid ("create resource failed: resource ID
//     '<sid>' already defined"); PUT merges and deletes options ("update
//     resources config failed: no such option '<x>'"); PVE 9 has migrated
//     HA groups to rules, so group is refused ("invalid parameter 'group':
//     ha groups have been migrated to rules");
//   - DELETE (purge=1 by default) also removes the resource from the HA
//     rules, deleting rules left without resources.
//
// A guest create with ha-managed=1 adds the resource with state started
// when start=1, else stopped (qemu-server API2/Qemu.pm create_vm,
// pve-container API2/LXC.pm create_vm).
//
// Unconfirmed: the purge on guest destroy also cleaning the rules (it does
// here, as the HA resource delete does).

var haOptionKeys = []string{"max_restart", "max_relocate", "failback", "comment"}

func haCreateState(p map[string]string) string {
	if p["start"] == "1" {
		return "started"
	}
	return "stopped"
}

// haSID is the HA service id of a guest: "ct:100" or "vm:100".
func haSID(g *guest) string {
	if g.Type == "lxc" {
		return "ct:" + itoa(g.VMID)
	}
	return "vm:" + itoa(g.VMID)
}

// effectiveState is the state the CRM works with (started when unset).
func (h *haResource) effectiveState() string {
	if h.State == "" || h.State == "enabled" {
		return "started"
	}
	return h.State
}

// normaliseSID turns "100" into "vm:100"/"ct:100" by the guest's type.
func (s *Server) normaliseSID(sid string) string {
	if strings.Contains(sid, ":") {
		return sid
	}
	if g := s.st.Guests[atoi(sid)]; g != nil {
		return haSID(g)
	}
	return "vm:" + sid
}

// GET /cluster/ha/resources
func (s *Server) haList(r *request) (any, *apiError) {
	out := []map[string]any{}
	for _, sid := range sortedKeys(s.st.HA) {
		e := s.haEntry(s.st.HA[sid])
		if t := r.params["type"]; t != "" && t != e["type"] {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *Server) haDigest() string {
	var b strings.Builder
	for _, sid := range sortedKeys(s.st.HA) {
		h := s.st.HA[sid]
		fmt.Fprintf(&b, "%s %s %s %v\n", sid, h.State, h.Group, h.Opts)
	}
	return sha1Hex(b.String())
}

func (s *Server) haEntry(h *haResource) map[string]any {
	typ, _, _ := strings.Cut(h.SID, ":")
	e := map[string]any{"sid": h.SID, "type": typ, "digest": s.haDigest()}
	if h.State != "" {
		e["state"] = h.State
	}
	if h.Group != "" {
		e["group"] = h.Group
	}
	for k, v := range h.Opts {
		if k == "comment" {
			e[k] = v
		} else {
			e[k] = atoi(v)
		}
	}
	return e
}

// GET /cluster/ha/resources/{sid}
func (s *Server) haGet(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	h := s.st.HA[sid]
	if h == nil {
		return nil, errf("no such resource '%s'", sid)
	}
	return s.haEntry(h), nil
}

// parseSID is PVE::HA::Config::parse_sid plus the plugin's exists check.
func (s *Server) parseSID(sid string) (string, *apiError) {
	if !strings.Contains(sid, ":") {
		g := s.st.Guests[atoi(sid)]
		if g == nil {
			return "", errf("unable to detect SID from VMID - VM/CT %s does not exist", sid)
		}
		return haSID(g), nil
	}
	typ, id, _ := strings.Cut(sid, ":")
	g := s.st.Guests[atoi(id)]
	switch {
	case typ != "vm" && typ != "ct":
		return "", errf("unknown resource type '%s'", typ)
	case g == nil:
		return "", errf("resource '%s' does not exist in cluster", sid)
	case typ == "ct" && g.Type != "lxc":
		return "", errf("resource '%s' - guest with ID %s is not a container", sid, id)
	case typ == "vm" && g.Type != "qemu":
		return "", errf("resource '%s' - guest with ID %s is not a VM", sid, id)
	}
	return sid, nil
}

// POST /cluster/ha/resources
func (s *Server) haCreate(r *request) (any, *apiError) {
	sid, err := s.parseSID(r.params["sid"])
	if err != nil {
		return nil, err
	}
	if t := r.params["type"]; t != "" && !strings.HasPrefix(sid, t+":") {
		return nil, errf("types does not match")
	}
	if _, ok := r.params["group"]; ok {
		return nil, errf("invalid parameter 'group': ha groups have been migrated to rules")
	}
	if s.st.HA[sid] != nil {
		return nil, errf("create resource failed: resource ID '%s' already defined", sid)
	}
	h := &haResource{SID: sid, State: r.params["state"], Opts: map[string]string{}}
	for _, k := range haOptionKeys {
		if v, ok := r.params[k]; ok {
			h.Opts[k] = v
		}
	}
	s.st.HA[sid] = h
	return nil, nil
}

// PUT /cluster/ha/resources/{sid}
func (s *Server) haUpdate(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	if _, ok := r.params["group"]; ok {
		return nil, errf("invalid parameter 'group': ha groups have been migrated to rules")
	}
	h := s.st.HA[sid]
	if h == nil {
		return nil, errf("update resources config failed: no such resource '%s'", sid)
	}
	if d := r.params["digest"]; d != "" && d != s.haDigest() {
		return nil, errf("update resources config failed: detected modified configuration - file changed by other user? Try again.")
	}
	for _, k := range splitList(r.params["delete"]) {
		if k != "state" && k != "group" && !contains(haOptionKeys, k) {
			return nil, errf("update resources config failed: no such option '%s'", k)
		}
	}
	if v, ok := r.params["state"]; ok {
		h.State = v
	}
	if h.Opts == nil {
		h.Opts = map[string]string{}
	}
	for _, k := range haOptionKeys {
		if v, ok := r.params[k]; ok {
			h.Opts[k] = v
		}
	}
	for _, k := range splitList(r.params["delete"]) {
		switch k {
		case "state":
			h.State = ""
		case "group":
			h.Group = ""
		default:
			delete(h.Opts, k)
		}
	}
	return nil, nil
}

// DELETE /cluster/ha/resources/{sid}
func (s *Server) haDelete(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	if s.st.HA[sid] == nil {
		return nil, errf("no such resource '%s'", sid)
	}
	if r.params["purge"] == "0" {
		delete(s.st.HA, sid)
		return nil, nil
	}
	s.dropHA(sid)
	return nil, nil
}

// dropHA removes an HA resource and purges it from the rules.
func (s *Server) dropHA(sid string) {
	delete(s.st.HA, sid)
	for id, rule := range s.st.HARules {
		if contains(rule.Resources, sid) {
			var rest []string
			for _, x := range rule.Resources {
				if x != sid {
					rest = append(rest, x)
				}
			}
			rule.Resources = rest
			if len(rest) == 0 {
				delete(s.st.HARules, id)
			}
		}
	}
}
