package providerdata

import (
	"errors"
	"strings"
	"testing"
)

func TestClientBuildsOnceAndRetriesFailures(t *testing.T) {
	var d Data
	builds := 0
	failing := func() (any, error) { builds++; return nil, errors.New("refused") }
	if _, err := d.Client("x", failing); err == nil {
		t.Fatal("want the build error")
	}
	ok := func() (any, error) { builds++; return "client", nil }
	for range 3 {
		c, err := d.Client("x", ok)
		if err != nil || c != "client" {
			t.Fatalf("got %v, %v", c, err)
		}
	}
	if builds != 2 {
		t.Fatalf("a failed build must not be cached and a good one built once: %d builds", builds)
	}
}

func TestNotConfiguredNamesBlockAndVariables(t *testing.T) {
	msg := NotConfigured("vault", VaultEnv).Error()
	for _, want := range []string{`"vault" block`, "vault { ... }", "VAULT_ADDR", "VAULT_TOKEN"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}
