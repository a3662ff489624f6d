package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

// ChainSpecs are the ordered rule tables (firewall filter, NAT), for tools
// that read a router into configuration (cmd/homelab-import).
func ChainSpecs() []menu.ChainSpec { return chainSpecs }
