// Package vault holds the Vault PKI resources and data sources of the provider.
package vault

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the Vault resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{
		newPKIMountResource,
		newPKIRootCAResource,
		newPKIIntermediateCAResource,
		newPKIRoleResource,
		newPKICertificateResource,
		newPKIConfigURLsResource,
	}
}

// DataSources lists the Vault data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newHealthDataSource}
}
