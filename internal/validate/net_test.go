package validate

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestNetValidators(t *testing.T) {
	cases := []struct {
		name string
		v    validator.String
		ok   []string
		bad  []string
	}{
		{"IPv4", IPv4(), []string{"10.10.0.1", "0.0.0.0"}, []string{"10.10.0", "300.1.1.1", "::1", "10.10.0.1/24"}},
		{"IPv4Prefix", IPv4Prefix(), []string{"10.10.0.1/24", "10.10.0.0/16"}, []string{"10.10.0.1", "10.10.0.1/33", "x/24"}},
		{"IPv4Network", IPv4Network(), []string{"10.10.0.0/24", "192.168.88.0/24"}, []string{"10.10.0.1/24", "10.10.0.0"}},
		{"IPv4Range", IPv4Range(), []string{"10.10.0.100-10.10.0.199", "10.10.0.5", "10.10.0.0/25"}, []string{"10.10.0.9-10.10.0.1", "a-b", "all"}},
		{"MAC", MAC(), []string{"02:00:00:AA:BB:01", "02:00:00:aa:bb:01"}, []string{"02:00:00:AA:BB", "0200.00aa.bb01", "zz:00:00:00:00:01"}},
		{"Hostname", Hostname(), []string{"vault.rachuna-net.pl", "pve-s1", "_sip._tcp.example.com"}, []string{"bad name", "-a.b", "a..b", ""}},
	}
	for _, c := range cases {
		check := func(s string) bool {
			var resp validator.StringResponse
			c.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(s)}, &resp)
			return !resp.Diagnostics.HasError()
		}
		for _, s := range c.ok {
			if !check(s) {
				t.Errorf("%s rejected %q", c.name, s)
			}
		}
		for _, s := range c.bad {
			if check(s) {
				t.Errorf("%s accepted %q", c.name, s)
			}
		}
	}
}
