package main

import (
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt/proxmoximport"
)

// proxmoxSource is the cluster the settings name, or nil when Proxmox is
// neither asked for nor configured; asked for by --proxmox, it must be
// configured. The API token and the password come from the environment only.
func proxmoxSource(s *settings, or func(flag, env string) string, getenv func(string) string, wanted bool) (adopt.Source, error) {
	if !wanted {
		return nil, nil
	}
	cfg := proxmoximport.Config{
		Endpoint:      or(s.pveEndpoint, "PROXMOX_VE_ENDPOINT"),
		APIToken:      getenv("PROXMOX_VE_API_TOKEN"),
		Username:      or(s.pveUser, "PROXMOX_VE_USERNAME"),
		Password:      getenv("PROXMOX_VE_PASSWORD"),
		CACertificate: or(s.pveCA, "PROXMOX_VE_CA_CERTIFICATE"),
	}
	insecure, err := parseBool("proxmox insecure", or(s.pveInsecure, "PROXMOX_VE_INSECURE"))
	if err != nil {
		return nil, err
	}
	cfg.Insecure = insecure
	switch {
	case cfg.Endpoint == "" && s.proxmox:
		return nil, usagef("Proxmox VE is not configured: set --proxmox-endpoint or PROXMOX_VE_ENDPOINT (and PROXMOX_VE_API_TOKEN, " +
			"or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD)")
	case cfg.Endpoint == "":
		return nil, nil
	case cfg.APIToken != "" && cfg.Password != "":
		return nil, usagef("both PROXMOX_VE_API_TOKEN and PROXMOX_VE_PASSWORD are set: use one of them")
	case cfg.APIToken == "" && (cfg.Username == "" || cfg.Password == ""):
		return nil, usagef("no Proxmox VE credentials: set PROXMOX_VE_API_TOKEN, or PROXMOX_VE_USERNAME (--proxmox-username) and PROXMOX_VE_PASSWORD")
	}
	return proxmoximport.New(cfg), nil
}
