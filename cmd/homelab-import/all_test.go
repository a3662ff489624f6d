package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// With every system configured and none named, one run imports the router,
// the cluster and the PKI into one configuration, and its plan is imports
// only.
func TestAccImportAllSystems(t *testing.T) {
	ros, pve, v := homelab(t), pveLab(t), vaultPKI(t)
	env := map[string]string{}
	for _, get := range []func(string) string{liveEnv(ros), pveEnv(pve), vaultEnv(v)} {
		for _, k := range []string{"ROUTEROS_URL", "ROUTEROS_USERNAME", "ROUTEROS_PASSWORD", "PROXMOX_VE_ENDPOINT",
			"PROXMOX_VE_API_TOKEN", "PROXMOX_VE_CA_CERTIFICATE", "VAULT_ADDR", "VAULT_TOKEN"} {
			if val := get(k); val != "" {
				env[k] = val
			}
		}
	}
	dir := t.TempDir()
	mustImport(t, func(k string) string { return env[k] }, "--out", dir)
	checkNoSecrets(t, dir, ros.Password, pve.TokenSecret, v.Token, ctPassword, ciPassword)
	prov := readFile(t, filepath.Join(dir, "provider.tf"))
	for _, b := range []string{"routeros {", "proxmox {", "vault {"} {
		if !strings.Contains(prov, b) {
			t.Errorf("provider.tf lacks %q:\n%s", b, prov)
		}
	}
	vars := routerVars(ros)
	for k, val := range pveVars(pve) {
		vars[k] = val
	}
	vars["vault_address"], vars["vault_token"] = v.Addr, v.Token
	checkImportCycle(t, dir, vars)
}
