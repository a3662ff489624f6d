// Package routeros holds the Proxmox VE resources and data sources of the provider.
package proxmox

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the Proxmox VE resources.
func Resources() []func() resource.Resource { return nil }

// DataSources lists the Proxmox VE data sources.
func DataSources() []func() datasource.DataSource { return nil }
