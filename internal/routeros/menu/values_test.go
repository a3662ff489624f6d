package menu

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"300": 300 * time.Second, "5m": 5 * time.Minute, "1d": 24 * time.Hour, "24h": 24 * time.Hour,
		"1w2d3h4m5s6ms": 9*24*time.Hour + 3*time.Hour + 4*time.Minute + 5*time.Second + 6*time.Millisecond,
		"00:00:10":      10 * time.Second, "1d 00:00:00": 24 * time.Hour, "31s250ms": 31*time.Second + 250*time.Millisecond,
	} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1x", "abc", "00:61:00", "-5m"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
}

func TestEqualNormalises(t *testing.T) {
	cases := []struct {
		kind Kind
		a, b string
		eq   bool
	}{
		{Duration, "1d", "24h", true},
		{Duration, "1d", "1d 00:00:00", true},
		{Duration, "86400", "1d", true},
		{Duration, "1d", "23h", false},
		{MAC, "02:00:00:aa:bb:01", "02:00:00:AA:BB:01", true},
		{Bool, "yes", "true", true},
		{Bool, "no", "false", true},
		{Bool, "yes", "false", false},
		{Int, "0x8000", "32768", true},
		{Int, "1500", "1501", false},
		{Set, "ether2,ether3", "ether3,ether2", true},
		{List, "ether2,ether3", "ether3,ether2", false},
		{String, "a", "A", false},
		{Text, "a", "A", true},
	}
	for _, c := range cases {
		f := &Field{Name: "x", Kind: c.kind}
		if got := f.Equal(c.a, c.b); got != c.eq {
			t.Errorf("kind %d: Equal(%q, %q) = %v", c.kind, c.a, c.b, got)
		}
	}
}

var testSpec = Spec{
	Type: "test", Path: "/test", Key: []string{"name"},
	Fields: []Field{
		{Name: "name", Mode: Required},
		{Name: "lease-time", Kind: Duration, Default: "30m"},
		{Name: "mac", Kind: MAC},
		{Name: "mtu", Kind: Int, Default: "1500"},
		{Name: "disabled", Kind: Bool, Default: "false"},
		{Name: "comment"},
		{Name: "ports", Kind: Set},
		{Name: "network", Mode: Computed},
		{Name: "running", Kind: Bool, Mode: ReadOnly},
	},
}

// A refresh stores the router's spelling of a value the state spells
// otherwise (so state is what an import reads; the plan compares through
// the kind), keeps a default the router leaves out of print, and sees drift.
func TestRefreshTakesRouterSpellingAndDetectsDrift(t *testing.T) {
	r := &Resource{spec: &testSpec}
	prev := vals{
		"id": types.StringValue("*1"), "name": types.StringValue("a"), "lease-time": types.StringNull(),
		"lease_time": types.StringValue("24h"), "mac": types.StringValue("02:00:00:aa:bb:01"),
		"mtu": types.Int64Value(1500), "disabled": types.BoolValue(false), "comment": types.StringValue("c"),
		"ports": types.SetValueMust(types.StringType, []attr.Value{types.StringValue("ether2"), types.StringValue("ether3")}),
	}
	row := map[string]string{".id": "*1", "name": "a", "lease-time": "1d", "mac": "02:00:00:AA:BB:01",
		"disabled": "false", "ports": "ether3,ether2", "network": "10.0.0.0", "running": "true"}
	got := r.refresh(prev, row, false)
	for k, want := range map[string]attr.Value{"lease_time": types.StringValue("1d"), "mac": types.StringValue("02:00:00:AA:BB:01"),
		"mtu": prev["mtu"], "disabled": prev["disabled"], "ports": prev["ports"]} {
		if !got[k].Equal(want) {
			t.Errorf("%s: got %v, want %v", k, got[k], want)
		}
	}
	if !got["comment"].IsNull() {
		t.Errorf("comment removed on the router: got %v, want null (drift)", got["comment"])
	}
	if got["network"].(types.String).ValueString() != "10.0.0.0" || !got["running"].(types.Bool).ValueBool() {
		t.Errorf("computed values not read: %v %v", got["network"], got["running"])
	}
	row["lease-time"] = "2d"
	if got := r.refresh(prev, row, false); got["lease_time"].(types.String).ValueString() != "2d" {
		t.Errorf("changed lease-time not detected: %v", got["lease_time"])
	}
}

func TestImportLeavesDefaultsOut(t *testing.T) {
	r := &Resource{spec: &testSpec}
	prev := vals{"id": types.StringValue("*1")}
	row := map[string]string{".id": "*1", "name": "a", "lease-time": "30m", "mtu": "1400", "disabled": "false", "comment": ""}
	got := r.refresh(prev, row, true)
	if !got["lease_time"].IsNull() || !got["disabled"].IsNull() || !got["comment"].IsNull() {
		t.Errorf("defaults imported: %v", got)
	}
	if got["mtu"].(types.Int64).ValueInt64() != 1400 || got["name"].(types.String).ValueString() != "a" {
		t.Errorf("values not imported: %v", got)
	}
}

func TestSetArgsSendsChangesAndUnsets(t *testing.T) {
	r := &Resource{spec: &testSpec}
	state := vals{"name": types.StringValue("a"), "lease_time": types.StringValue("24h"), "comment": types.StringValue("c"),
		"mtu": types.Int64Value(1500), "network": types.StringValue("10.0.0.0")}
	plan := vals{"name": types.StringValue("a"), "lease_time": types.StringValue("1d"), "comment": types.StringNull(),
		"mtu": types.Int64Value(9000), "network": types.StringValue("10.0.0.0")}
	got := r.setArgs(plan, state)
	want := []string{"=mtu=9000", "=!comment="}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("setArgs = %q, want %q", got, want)
	}
	if add := r.addArgs(plan); len(add) != 4 {
		t.Errorf("addArgs = %q: want only the set fields", add)
	}
}
