package adopt

import "testing"

func TestMermaid(t *testing.T) {
	g := Graph{
		Nodes: []Node{
			{ID: "if_bridge_proxmox", Label: "bridge-proxmox", Kind: KindBridge},
			{ID: "if_ether2", Label: "ether2", Kind: KindPort},
			{ID: "addr_x", Label: `10.10.0.1/24 "mgmt"`, Kind: KindAddress},
			{ID: "dhcp_p", Label: "DHCP dhcp-proxmox", Kind: KindDHCP},
			{ID: "if_bonding", Label: "bonding-storage", Kind: KindBond},
			{ID: "if_v", Label: "ether2-vlan (VLAN 10)", Kind: KindVLAN},
		},
		Edges: []Edge{
			{From: "if_ether2", To: "if_bridge_proxmox", Label: "pvid 10"},
			{From: "if_bridge_proxmox", To: "dhcp_p"},
			{From: "if_bridge_proxmox", To: "addr_x"},
			{From: "if_bridge_proxmox", To: "addr_x"},
		},
	}
	want := `graph LR
  addr_x("10.10.0.1/24 #quot;mgmt#quot;")
  dhcp_p[("DHCP dhcp-proxmox")]
  if_bonding[["bonding-storage"]]
  if_bridge_proxmox{{"bridge-proxmox"}}
  if_ether2["ether2"]
  if_v(["ether2-vlan (VLAN 10)"])
  if_bridge_proxmox --> addr_x
  if_bridge_proxmox --> dhcp_p
  if_ether2 -->|"pvid 10"| if_bridge_proxmox
`
	if got := g.Mermaid(); got != want {
		t.Errorf("Mermaid() =\n%s\nwant\n%s", got, want)
	}
}
