// Package routeros holds the RouterOS resources and data sources of the
// provider. Each resource is a menu.Spec in its own file; the engine in
// package menu turns it into schema, CRUD and import.
package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// Specs are the menus managed as resources, in documentation order.
func Specs() []menu.Spec {
	return withVersions([]menu.Spec{
		interfaceVLAN,
		interfaceBridge,
		interfaceBridgePort,
		ipAddress,
		ipPool,
		ipDHCPServer,
		ipDHCPServerNetwork,
		ipDHCPServerOption,
		ipDHCPServerOptionSet,
		systemIdentity,
		ipDNS,
		ipDNSRecord,
		interfaceEthernet,
		interfaceBonding,
		interfaceList,
		interfaceListMember,
		interfaceBridgeVLAN,
		ipDHCPServerLease,
		ipFirewallAddressList,
		ipRoute,
		ipDHCPClient,
		interfaceWireGuard,
		interfaceWireGuardPeer,
		ipService,
		ipSSH,
		systemClock,
		systemNTPClient,
		systemNTPServer,
		systemLoggingAction,
		systemLogging,
		userGroup,
		user,
		toolMACServer,
		toolMACWinbox,
		toolMACPing,
		ipNeighborDiscovery,
		userSSHKeys,
		systemNTPClientServers,
		systemScript,
		systemScheduler,
		snmp,
		snmpCommunity,
		interfaceVRRP,
		ipv6Settings,
		ipv6Address,
		ipv6Pool,
		ipv6FirewallAddressList,
		ipv6Route,
		ipv6DHCPClient,
		ipv6ND,
	})
}

// Resources lists the RouterOS resources.
func Resources() []func() resource.Resource {
	var out []func() resource.Resource
	for _, s := range Specs() {
		out = append(out, newResource(s))
	}
	for _, c := range chainSpecs {
		out = append(out, menu.NewChain(c))
	}
	out = append(out, NewCertificate)
	return out
}

// chainSpecs are the ordered rule tables managed one chain per resource.
var chainSpecs = []menu.ChainSpec{ipFirewallFilter, ipFirewallNAT, ipFirewallMangle, ipFirewallRaw}

// DataSources lists the RouterOS data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{menu.NewDataSource(interfacesData), menu.NewDataSource(systemResourceData)}
}
