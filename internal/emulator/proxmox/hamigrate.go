package proxmox

import "regexp"

// POST /cluster/ha/resources/{sid}/migrate and .../relocate, after
// pve-ha-manager's PVE/API2/HA/Resources.pm, PVE/HA/Config.pm
// (get_resource_motion_info), PVE/HA/Manager.pm (update_crm_commands,
// queue_resource_motion) and PVE/HA/Resources/PVE{VM,CT}.pm (migrate):
//
//   - the sid is parsed (a bare VMID by the guest's type); a resource not
//     in resources.cfg, or ignored, is "resource '<sid>' is not HA
//     managed"; the call only queues a CRM command and answers {sid,
//     requested-node} plus comigrated-resources (the resources in positive
//     affinity with it) and blocking-resources (those in negative affinity
//     on the requested node, cause resource-affinity);
//   - the CRM then ignores a target that is not an online node or is the
//     resource's node, refuses the motion when a resource in negative
//     affinity is on the target, else moves the resource and the resources
//     in positive affinity with it: a VM live (migrate) or stopped, moved
//     and started again (relocate); a container always relocated. A
//     stopped resource is just moved.
//
// The emulator's CRM acts at once (PVE's within a few seconds); the guest
// holds the "migrate" lock for Config.TaskDuration. Unconfirmed: node
// affinity rules are not enforced on the target (the real CRM would move a
// resource back to its preferred nodes); a resource in negative affinity
// with the positive partners of sid (get_affinitive_resources' transitive
// case) is not considered.
func (s *Server) haMotion(r *request) (any, *apiError) {
	sid, err := s.haParseSID(r.vars["sid"])
	if err != nil {
		return nil, err
	}
	if h := s.st.HA[sid]; h == nil || h.State == "ignored" {
		return nil, errf("resource '%s' is not HA managed", sid)
	}
	target := r.params["node"]
	together, separate := s.haAffinity(sid)
	res := map[string]any{"sid": sid, "requested-node": target}
	if len(together) > 0 {
		res["comigrated-resources"] = together
	}
	var blocking []map[string]any
	for _, other := range separate {
		if g := s.haGuest(other); g != nil && g.Node == target {
			blocking = append(blocking, map[string]any{"sid": other, "cause": "resource-affinity"})
		}
	}
	if len(blocking) > 0 {
		res["blocking-resources"] = blocking
	}
	g := s.haGuest(sid)
	if g == nil || !s.st.hasNode(target) || g.Node == target || len(blocking) > 0 {
		return res, nil // the CRM logs and ignores the command
	}
	for _, other := range append([]string{sid}, together...) {
		if og := s.haGuest(other); og != nil && og.Node != target {
			s.moveGuest(og, target)
			if og.Status == "running" {
				og.start() // a new process on the target, also after a live migration
			}
		}
	}
	return res, nil
}

// haParseSID is PVE::HA::Config::parse_sid: "<type>:<name>" or a VMID.
func (s *Server) haParseSID(sid string) (string, *apiError) {
	if reDigits.MatchString(sid) {
		if g := s.st.Guests[atoi(sid)]; g != nil {
			return haSID(g), nil
		}
		return "", errf("unable to detect SID from VMID - VM/CT %s does not exist", sid)
	}
	if reTypedSID.MatchString(sid) {
		return sid, nil
	}
	return "", errf("unable to parse service id '%s'", sid)
}

var (
	reDigits   = regexp.MustCompile(`^\d+$`)
	reTypedSID = regexp.MustCompile(`^\S+:\S+$`)
)

// haGuest is the guest an HA sid names.
func (s *Server) haGuest(sid string) *guest {
	if len(sid) < 4 {
		return nil
	}
	g := s.st.Guests[atoi(sid[3:])]
	if g == nil || haSID(g) != sid {
		return nil
	}
	return g
}

// haAffinity is get_affinitive_resources over the enabled resource
// affinity rules: the HA resources to keep with sid and apart from it.
func (s *Server) haAffinity(sid string) (together, separate []string) {
	pos, neg := map[string]bool{}, map[string]bool{}
	for _, rule := range s.st.HARules {
		if rule.Type != "resource-affinity" || rule.Opts["disable"] == "1" || !contains(rule.Resources, sid) {
			continue
		}
		for _, other := range rule.Resources {
			if other == sid || s.st.HA[other] == nil || s.st.HA[other].State == "ignored" {
				continue
			}
			if rule.Opts["affinity"] == "positive" {
				pos[other] = true
			} else {
				neg[other] = true
			}
		}
	}
	return sortedKeys(pos), sortedKeys(neg)
}

// moveGuest moves a guest and its local volumes to another node.
func (s *Server) moveGuest(g *guest, target string) {
	for _, v := range s.st.Volumes {
		if v.VMID == g.VMID && v.Node == g.Node {
			v.Node = target
		}
	}
	g.Node = target
	s.holdLock(g, "migrate")
}
