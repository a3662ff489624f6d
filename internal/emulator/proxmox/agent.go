package proxmox

// GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces (qemu-server
// API2/Qemu/Agent.pm, QemuServer/Agent.pm assert_agent_available): "No
// QEMU guest agent configured" without an agent option (agent: 0 counts
// as configured), "VM <id> is not running", then the guest-ping that
// fails: the emulator runs no guest agent, so a running VM always answers
// "QEMU guest agent is not running".
func (s *Server) agentNetworkGetInterfaces(r *request, g *guest) (any, *apiError) {
	if _, ok := g.Conf["agent"]; !ok {
		return nil, errf("No QEMU guest agent configured")
	}
	if g.Status != "running" {
		return nil, errf("VM %d is not running", g.VMID)
	}
	return nil, errf("QEMU guest agent is not running")
}
