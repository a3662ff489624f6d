package proxmox

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestNodeNetworkModel: lists are sent space-separated and sorted (VLAN
// ranges by their first id), the VLAN parent of a "parent.id" name is not
// sent, and GET's answer (comments with their line feed, derived vlan-id)
// reads back into the same model.
func TestNodeNetworkModel(t *testing.T) {
	ctx := context.Background()
	m := nodeNetworkModel{Node: types.StringValue("pve-s1"), Iface: types.StringValue("vmbr1"), Type: types.StringValue("bridge"),
		CIDR: types.StringValue("10.10.20.11/24"), Gateway: types.StringNull(), MTU: types.Int64Value(9000), Comments: types.StringValue("trunk"),
		Autostart: types.BoolValue(true), BridgePorts: stringSet([]string{"bond0"}), BridgeVLANAware: types.BoolValue(true),
		BridgeVIDs: stringSet([]string{"100-200", "20", "10"}), Slaves: types.SetNull(types.StringType),
		BondMode: types.StringNull(), BondXmitHashPolicy: types.StringNull(), BondPrimary: types.StringNull(),
		VLANID: types.Int64Null(), VLANRawDevice: types.StringNull()}
	want := map[string]string{"type": "bridge", "cidr": "10.10.20.11/24", "mtu": "9000", "comments": "trunk", "autostart": "1",
		"bridge_ports": "bond0", "bridge_vlan_aware": "1", "bridge_vids": "10 20 100-200"}
	if got := m.toAPI(ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("toAPI\n got %v\nwant %v", got, want)
	}
	back := nodeNetworkModel{Node: m.Node, Iface: m.Iface}
	back.fromAPI(map[string]any{"iface": "vmbr1", "type": "bridge", "method": "static", "families": []any{"inet"}, "address": "10.10.20.11",
		"netmask": "24", "cidr": "10.10.20.11/24", "mtu": "9000", "comments": "trunk\n", "autostart": float64(1), "bridge_ports": "bond0",
		"bridge_vlan_aware": float64(1), "bridge_vids": "10 20 100-200", "active": float64(1), "priority": float64(4)})
	if !back.BridgeVIDs.Equal(m.BridgeVIDs) {
		t.Fatalf("vids %v", back.BridgeVIDs)
	}
	back.BridgeVIDs = m.BridgeVIDs
	if !reflect.DeepEqual(back, m) {
		t.Fatalf("fromAPI\n got %+v\nwant %+v", back, m)
	}

	v := nodeNetworkModel{Iface: types.StringValue("vmbr0.10"), Type: types.StringValue("vlan"), VLANID: types.Int64Value(10),
		VLANRawDevice: types.StringValue("vmbr0"), Autostart: types.BoolValue(true)}
	if got := v.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"type": "vlan", "autostart": "1"}) {
		t.Fatalf("dot vlan toAPI %v", got)
	}
	c := nodeNetworkModel{Iface: types.StringValue("iot"), Type: types.StringValue("vlan"), VLANID: types.Int64Value(30),
		VLANRawDevice: types.StringValue("bond0"), Autostart: types.BoolValue(false)}
	if got := c.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"type": "vlan", "autostart": "0", "vlan-id": "30", "vlan-raw-device": "bond0"}) {
		t.Fatalf("named vlan toAPI %v", got)
	}
}
