package vault

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// TestReadsCachedUntilAWrite: a mount's settings and issuers are read once per
// run, and any write the run sends makes them read again.
func TestReadsCachedUntilAWrite(t *testing.T) {
	var mountReads, issuerLists, writes atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method != http.MethodGet:
			writes.Add(1)
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/v1/sys/mounts/pki":
			mountReads.Add(1)
			_ = json.NewEncoder(w).Encode(map[string]any{"type": "pki", "data": map[string]any{"type": "pki"}})
		case r.URL.Path == "/v1/pki/issuers" && r.URL.Query().Get("list") == "true":
			issuerLists.Add(1)
			_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"keys": []string{}}})
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c, err := client(&providerdata.Data{Vault: &providerdata.VaultSettings{Address: srv.URL, Token: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if m, err := mountInfo(ctx, c, "pki"); err != nil || m == nil || m.Type != "pki" {
			t.Fatalf("mountInfo: %v %v", m, err)
		}
		if found, err := issuerInMount(ctx, c, "pki", "x"); err != nil || found {
			t.Fatalf("issuerInMount: %v %v", found, err)
		}
	}
	if mountReads.Load() != 1 || issuerLists.Load() != 1 {
		t.Fatalf("three refreshes read the mount %d times and listed issuers %d times, want 1 and 1", mountReads.Load(), issuerLists.Load())
	}
	if _, err := c.Logical().WriteWithContext(ctx, "pki/config/urls", map[string]any{"x": 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := mountInfo(ctx, c, "pki"); err != nil {
		t.Fatal(err)
	}
	if _, err := issuerInMount(ctx, c, "pki", "x"); err != nil {
		t.Fatal(err)
	}
	if writes.Load() != 1 || mountReads.Load() != 2 || issuerLists.Load() != 2 {
		t.Fatalf("after a write: %d mount reads, %d issuer lists, want 2 and 2", mountReads.Load(), issuerLists.Load())
	}
}
