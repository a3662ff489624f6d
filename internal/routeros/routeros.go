// Package routeros holds the RouterOS resources and data sources of the provider.
package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the RouterOS resources.
func Resources() []func() resource.Resource { return nil }

// DataSources lists the RouterOS data sources.
func DataSources() []func() datasource.DataSource { return nil }
