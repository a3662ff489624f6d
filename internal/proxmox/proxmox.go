// Package proxmox holds the Proxmox VE resources and data sources of the
// provider, built on github.com/Telmate/proxmox-api-go (see client.go).
package proxmox

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the Proxmox VE resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{newLXCResource, newLXCTemplateResource, newVMResource}
}

// DataSources lists the Proxmox VE data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newNodesDataSource, newStoragesDataSource, newLXCTemplatesDataSource}
}
