package vault_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// countingVault is the dev server behind a proxy that counts requests and
// delays each one, like a Vault across the lab's network.
type countingVault struct {
	url      string
	requests atomic.Int64
	latency  atomic.Int64 // nanoseconds
}

func newCountingVault(b testing.TB) *countingVault {
	v := acctest.Vault(b)
	target, err := url.Parse(v.Addr)
	if err != nil {
		b.Fatal(err)
	}
	cv := &countingVault{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cv.requests.Add(1)
		time.Sleep(time.Duration(cv.latency.Load()))
		proxy.ServeHTTP(w, r)
	}))
	b.Cleanup(srv.Close)
	cv.url = srv.URL
	return cv
}

// pkiBenchConfig is two PKI mounts, a root CA and an intermediate signed by
// it, a role on each, and n certificates from each role.
func pkiBenchConfig(addr, token, prefix string, n int) string {
	var s strings.Builder
	s.WriteString(acctest.ProviderConfig(fmt.Sprintf("  vault {\n    address = %q\n    token   = %q\n  }", addr, token)))
	s.WriteString(`
resource "homelab_vault_pki_mount" "root" {
  path          = "` + prefix + `-root"
  max_lease_ttl = "87600h"
}
resource "homelab_vault_pki_root_ca" "root" {
  mount       = homelab_vault_pki_mount.root.path
  common_name = "bench root"
  key_type    = "ec"
  key_bits    = 256
  ttl         = "87600h"
}
resource "homelab_vault_pki_mount" "int" {
  path          = "` + prefix + `-int"
  max_lease_ttl = "43800h"
}
resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = homelab_vault_pki_mount.int.path
  signer_mount      = homelab_vault_pki_root_ca.root.mount
  signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id
  common_name       = "bench intermediate"
  key_type          = "ec"
  key_bits          = 256
  ttl               = "43800h"
}
`)
	for _, m := range []string{"root", "int"} {
		ca := "homelab_vault_pki_root_ca.root"
		if m == "int" {
			ca = "homelab_vault_pki_intermediate_ca.int"
		}
		fmt.Fprintf(&s, `
resource "homelab_vault_pki_role" "%[1]s" {
  mount            = %[2]s.mount
  name             = "lab"
  issuer_ref       = %[2]s.issuer_id
  allowed_domains  = ["bench.test"]
  allow_subdomains = true
  max_ttl          = "720h"
  key_type         = "ec"
  key_bits         = 256
}
`, m, ca)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&s, `
resource "homelab_vault_pki_certificate" "%[1]s%[2]d" {
  mount       = homelab_vault_pki_role.%[1]s.mount
  role        = homelab_vault_pki_role.%[1]s.name
  common_name = "host%[2]d.%[1]s.bench.test"
  ttl         = "240h"
}
`, m, i)
		}
	}
	return s.String()
}

// BenchmarkProviderCPU measures refresh plans of 20 certificates under 2
// issuers (with their mounts, CAs and roles) at 0, 5 and 50 ms per request,
// with the provider in a process of its own: wall time, requests (and per
// certificate: the target is at most 2), the provider's CPU and tofu's.
func BenchmarkProviderCPU(b *testing.B) {
	const perIssuer = 10
	cv := newCountingVault(b)
	bench := acctest.NewCPUBench(b, pkiBenchConfig(cv.url, acctest.Vault(b).Token, "bench", perIssuer))
	bench.Apply()
	for _, lat := range acctest.Latencies {
		cv.latency.Store(int64(lat))
		cv.requests.Store(0)
		cost := bench.Plan()
		requests := int(cv.requests.Load())
		cv.latency.Store(0)
		bench.Report(fmt.Sprintf("refresh plan of %d certificates under 2 issuers (+2 mounts, 2 CAs, 2 roles), %v per request, %.2f requests per certificate",
			2*perIssuer, lat, float64(requests)/(2*perIssuer)), cost, requests, "requests", acctest.At(lat))
		b.ReportMetric(float64(requests)/(2*perIssuer), "requests/certificate"+acctest.At(lat))
	}
}

// TestAccRefreshCertificatesCost: a refresh reads each certificate once and
// its mount and issuers once per run: at most 2 requests per certificate,
// the mounts, CAs and roles included (it was a mount read, a certificate
// read, an issuer list and a read per issuer for every certificate).
func TestAccRefreshCertificatesCost(t *testing.T) {
	const perIssuer = 10
	cv := newCountingVault(t)
	cfg := pkiBenchConfig(cv.url, acctest.Vault(t).Token, uniq("cost"), perIssuer)
	var requests int64
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{PreConfig: func() { cv.requests.Store(0) }, Config: cfg, PlanOnly: true},
			{PreConfig: func() { requests = cv.requests.Load() }, Config: cfg, PlanOnly: true},
		},
	})
	if perCert := float64(requests) / (2 * perIssuer); perCert > 2 {
		t.Errorf("a refresh of %d certificates (with 2 mounts, 2 CAs, 2 roles) sent %d requests, %.2f per certificate: want at most 2",
			2*perIssuer, requests, perCert)
	}
	t.Logf("refresh of %d certificates: %d requests", 2*perIssuer, requests)
}
