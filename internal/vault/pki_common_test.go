package vault

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParseAndFormatTTL(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"87600h": 87600 * time.Hour, "3650d": 3650 * 24 * time.Hour, "90m": 90 * time.Minute, "1h30m": 90 * time.Minute, "45s": 45 * time.Second,
	} {
		got, err := parseTTL(in)
		if err != nil || got != want {
			t.Errorf("parseTTL(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "10y", "d", "1.5d", "abc"} {
		if _, err := parseTTL(bad); err == nil {
			t.Errorf("parseTTL(%q) accepted", bad)
		}
	}
	for secs, want := range map[int64]string{315360000: "87600h", 5400: "90m", 45: "45s", 3601: "3601s"} {
		if got := formatTTL(secs); got != want {
			t.Errorf("formatTTL(%d) = %q, want %q", secs, got, want)
		}
	}
}

func TestTTLFromVaultKeepsSpelling(t *testing.T) {
	if got := ttlFromVault(types.StringValue("3650d"), 3650*86400); got.ValueString() != "3650d" {
		t.Errorf("same duration respelled: got %s", got)
	}
	if got := ttlFromVault(types.StringValue("3650d"), 3600); got.ValueString() != "1h" {
		t.Errorf("changed duration: got %s, want 1h", got)
	}
	if got := ttlFromVault(types.StringValue("1h"), 0); !got.IsNull() {
		t.Errorf("0 seconds (unset in Vault) must be null, got %s", got)
	}
}

func TestCheckKeyBits(t *testing.T) {
	cases := []struct {
		typ  string
		bits int64
		ok   bool
	}{
		{"rsa", 2048, true}, {"rsa", 4096, true}, {"rsa", 1024, false}, {"rsa", 256, false}, {"rsa", 0, false},
		{"ec", 256, true}, {"ec", 384, true}, {"ec", 2048, false},
		{"ed25519", 0, true}, {"ed25519", 256, false},
		{"any", 0, true},
	}
	for _, c := range cases {
		var d diag.Diagnostics
		checkKeyBits(types.StringValue(c.typ), types.Int64Value(c.bits), &d)
		if d.HasError() == c.ok {
			t.Errorf("key_type=%s key_bits=%d: ok=%v, diags=%v", c.typ, c.bits, !d.HasError(), d)
		}
	}
	var d diag.Diagnostics
	checkKeyBits(types.StringValue("ec"), types.Int64Unknown(), &d)
	checkKeyBits(types.StringValue("ec"), types.Int64Null(), &d)
	if d.HasError() {
		t.Errorf("unknown/null key_bits must not be reported: %v", d)
	}
}

func TestSplitIssuerID(t *testing.T) {
	for in, want := range map[string][2]string{
		"pki/issuer/abc":         {"pki", "abc"},
		"team/pki/issuer/abc-01": {"team/pki", "abc-01"},
	} {
		m, id, ok := splitIssuerID(in)
		if !ok || m != want[0] || id != want[1] {
			t.Errorf("splitIssuerID(%q) = %q, %q, %v", in, m, id, ok)
		}
	}
	for _, bad := range []string{"pki", "pki/issuer/", "/issuer/abc", "pki/roles/x"} {
		if _, _, ok := splitIssuerID(bad); ok {
			t.Errorf("splitIssuerID(%q) accepted", bad)
		}
	}
}

func TestVaultSerial(t *testing.T) {
	n, _ := new(big.Int).SetString("0a1b2c", 16)
	if got := vaultSerial(n); got != "0a:1b:2c" {
		t.Errorf("vaultSerial = %q", got)
	}
}

// Every resource's schema is valid and documents every attribute.
func TestSchemas(t *testing.T) {
	ctx := context.Background()
	for _, f := range Resources() {
		r := f()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &md)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", md.TypeName, resp.Diagnostics)
		}
		if d := resp.Schema.ValidateImplementation(ctx); d.HasError() {
			t.Errorf("%s: %v", md.TypeName, d)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", md.TypeName)
		}
		for name, a := range resp.Schema.Attributes {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s.%s has no MarkdownDescription", md.TypeName, name)
			}
			if secret := name == "private_key"; a.IsSensitive() != secret {
				t.Errorf("%s.%s: Sensitive = %v, want %v", md.TypeName, name, a.IsSensitive(), secret)
			}
		}
	}
}
