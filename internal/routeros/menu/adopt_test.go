package menu

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

var testDNS = Spec{Type: "ip_dns", Path: "/ip/dns", Singleton: true, ResetOnDestroy: true, Fields: []Field{
	{Name: "servers", Kind: List},
	{Name: "allow-remote-requests", Kind: Bool, Default: "false"},
	{Name: "cache-size", Kind: Int, Default: "2048"},
	{Name: "use-doh-server"},
	{Name: "cache-used", Mode: ReadOnly},
}}

func TestResetArgs(t *testing.T) {
	r := &Resource{spec: &testDNS}
	got := r.resetArgs(map[string]string{"servers": "1.1.1.1", "allow-remote-requests": "yes", "use-doh-server": "https://x", "cache-used": "10"})
	want := "=servers= =allow-remote-requests=no =use-doh-server="
	if strings.Join(got, " ") != want {
		t.Errorf("resetArgs = %q, want %q (only managed fields, bools as yes/no, no read-only field)", got, want)
	}
}

func TestSingletonTakeover(t *testing.T) {
	r := &Resource{spec: &testDNS}
	servers, _ := types.ListValueFrom(t.Context(), types.StringType, []string{"9.9.9.9"})
	plan := vals{"servers": servers, "cache_size": types.Int64Value(4096)}
	for _, c := range []struct {
		name   string
		row    client.Row
		refuse bool
	}{
		{"defaults", client.Row{"cache-size": "2048", "allow-remote-requests": "false"}, false},
		{"already as planned", client.Row{"servers": "9.9.9.9", "cache-size": "4096"}, false},
		{"servers set by hand", client.Row{"servers": "1.1.1.1", "cache-size": "2048"}, true},
		{"cache size set by hand", client.Row{"cache-size": "8192"}, true},
		{"unmanaged field set by hand", client.Row{"use-doh-server": "https://x"}, false},
	} {
		warn, err := r.singletonTakeover(plan, c.row, false)
		if (err != nil) != c.refuse || warn != "" {
			t.Errorf("%s: err = %v, warning %q; want refused %v", c.name, err, warn, c.refuse)
		}
		if c.refuse && err != nil {
			if !strings.Contains(err.Error(), `id = "/ip/dns"`) {
				t.Errorf("%s: refusal has no import block: %v", c.name, err)
			}
			if warn, err := r.singletonTakeover(plan, c.row, true); err != nil || warn == "" {
				t.Errorf("%s with adopt: err = %v, warning %q", c.name, err, warn)
			}
		}
	}
}

func TestChainTakeover(t *testing.T) {
	c := NewChain(ChainSpec{Type: "ip_firewall_filter", Path: "/ip/firewall/filter", Rule: []Field{
		{Name: "action", Mode: Required, Default: "accept"}, {Name: "comment"}, {Name: "log", Kind: Bool, Default: "false"},
	}})().(*Chain)
	cur := []client.Row{
		{".id": "*1", "chain": "input", "action": "accept", "comment": "keep me", "log": "false"},
		{".id": "*2", "chain": "input", "action": "drop", "comment": "drop all", "log": "false"},
	}
	want := []vals{{"action": types.StringValue("accept"), "comment": types.StringValue("keep me")}}
	if warn, err := c.chainTakeover("input", nil, want, false); warn != "" || err != nil {
		t.Errorf("empty chain: %q %v", warn, err)
	}
	_, err := c.chainTakeover("input", cur, want, false)
	if err == nil || !strings.Contains(err.Error(), `*2 action=drop comment="drop all"`) || !strings.Contains(err.Error(), `id = "input"`) {
		t.Errorf("refusal = %v", err)
	}
	warn, err := c.chainTakeover("input", cur, want, true)
	if err != nil || !strings.Contains(warn, "*2") || strings.Contains(warn, "*1") {
		t.Errorf("adopt warning = %q, %v: want only the rule that goes (*2)", warn, err)
	}
}

// TestTakeoverMessagesHideSecrets: a refusal never repeats a sensitive value.
func TestTakeoverMessagesHideSecrets(t *testing.T) {
	r := &Resource{spec: &Spec{Type: "x", Path: "/x", Singleton: true, Fields: []Field{{Name: "secret", Sensitive: true}}}}
	_, err := r.singletonTakeover(vals{"secret": types.StringValue("new-hunter2")}, client.Row{"secret": "old-hunter2"}, false)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("refusal = %v", err)
	}
	if got := describeRow(r.spec.Fields, client.Row{".id": "*1", "secret": "old-hunter2"}); strings.Contains(got, "hunter2") {
		t.Errorf("describeRow = %q", got)
	}
}
