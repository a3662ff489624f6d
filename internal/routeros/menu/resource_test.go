package menu

import "testing"

// TestSensitiveFieldsReachTheClient: a spec's Sensitive fields are what the
// client redacts from its logs, with no list of names kept elsewhere.
func TestSensitiveFieldsReachTheClient(t *testing.T) {
	New(Spec{Type: "user", Path: "/user", Fields: []Field{{Name: "name"}, {Name: "password", Sensitive: true}}})
	NewChain(ChainSpec{Type: "x", Path: "/x/rules", Rule: []Field{{Name: "psk", Sensitive: true}}})
	for _, c := range []struct {
		menu, field string
		want        bool
	}{{"/user", "password", true}, {"/user", "name", false}, {"/x/rules", "psk", true}, {"/ip/pool", "password", false}} {
		if got := isSensitive(c.menu, c.field); got != c.want {
			t.Errorf("isSensitive(%s, %s) = %v", c.menu, c.field, got)
		}
	}
}
