package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// The resolve functions merge a block with its environment variables. A system
// counts as configured when its block is present or its address variable is
// set. Values from the environment get the same checks the schema applies to
// configured values, reported against the attribute they stand in for.

func resolveRouterOS(m *routerosModel, diags *diag.Diagnostics) *providerdata.RouterOSSettings {
	if m == nil {
		m = &routerosModel{}
	}
	s := &providerdata.RouterOSSettings{
		URL:           str(m.URL, "ROUTEROS_URL"),
		Username:      str(m.Username, "ROUTEROS_USERNAME"),
		Password:      str(m.Password, "ROUTEROS_PASSWORD"),
		CACertificate: str(m.CACertificate, "ROUTEROS_CA_CERTIFICATE"),
		Insecure:      boolean(m.Insecure, "ROUTEROS_INSECURE", diags),
		Timeout:       duration(m.Timeout, defaultRouterOSTimeout),
	}
	if s.URL == "" {
		return nil
	}
	if !routerosURLPattern.MatchString(s.URL) {
		diags.AddAttributeError(path.Root("routeros").AtName("url"), "Invalid RouterOS URL",
			"\""+s.URL+"\" is not a valid RouterOS URL (api://host[:port] or apis://host[:port]).")
	}
	return s
}

func resolveProxmox(m *proxmoxModel, diags *diag.Diagnostics) *providerdata.ProxmoxSettings {
	if m == nil {
		m = &proxmoxModel{}
	}
	s := &providerdata.ProxmoxSettings{
		Endpoint: str(m.Endpoint, "PROXMOX_VE_ENDPOINT"),
		APIToken: str(m.APIToken, "PROXMOX_VE_API_TOKEN"),
		Username: str(m.Username, "PROXMOX_VE_USERNAME"),
		Password: str(m.Password, "PROXMOX_VE_PASSWORD"),

		CACertificate: str(m.CACert, "PROXMOX_VE_CA_CERTIFICATE"),
		Insecure:      boolean(m.Insecure, "PROXMOX_VE_INSECURE", diags),
		Timeout:       duration(m.Timeout, defaultProxmoxTimeout),
	}
	if s.Endpoint == "" {
		return nil
	}
	block := path.Root("proxmox")
	if !proxmoxURLPattern.MatchString(s.Endpoint) {
		diags.AddAttributeError(block.AtName("endpoint"), "Invalid Proxmox endpoint URL",
			"\""+s.Endpoint+"\" is not a valid Proxmox endpoint URL (https://host:8006).")
	}
	if s.APIToken != "" && !apiTokenPattern.MatchString(s.APIToken) {
		// Never echo the token: it carries the secret.
		diags.AddAttributeError(block.AtName("api_token"), "Invalid API token",
			"The API token is not of the form user@realm!name=secret.")
	}
	if s.APIToken != "" && s.Password != "" {
		diags.AddAttributeError(block.AtName("api_token"), "Conflicting Proxmox credentials",
			"Set either api_token (PROXMOX_VE_API_TOKEN) or username and password (PROXMOX_VE_USERNAME, PROXMOX_VE_PASSWORD), not both.")
	}
	if s.APIToken == "" && (s.Username == "" || s.Password == "") {
		diags.AddAttributeError(block, "Missing Proxmox credentials",
			"Set api_token (PROXMOX_VE_API_TOKEN), or username and password (PROXMOX_VE_USERNAME, PROXMOX_VE_PASSWORD).")
	}
	return s
}

func resolveVault(m *vaultModel, diags *diag.Diagnostics) *providerdata.VaultSettings {
	if m == nil {
		m = &vaultModel{}
	}
	s := &providerdata.VaultSettings{
		Address: str(m.Address, "VAULT_ADDR"),
		Token:   str(m.Token, "VAULT_TOKEN"),
		CACert:  str(m.CACert, "VAULT_CACERT"),

		SkipTLSVerify: boolean(m.SkipTLSVerify, "VAULT_SKIP_VERIFY", diags),
	}
	if s.Address == "" {
		return nil
	}
	return s
}
