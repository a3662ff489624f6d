package routeros

import (
	"encoding/base64"
	"encoding/hex"
	"testing"
)

// The public key is derived with real Curve25519: RFC 7748 section 6.1's
// Alice key pair.
func TestWireGuardPublicKey(t *testing.T) {
	b64 := func(h string) string {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatal(err)
		}
		return base64.StdEncoding.EncodeToString(b)
	}
	priv := b64("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
	want := b64("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
	if got := wgPublic(priv); got != want {
		t.Fatalf("public key of %s = %s, want %s", priv, got, want)
	}
	d := newDB("7.19.4", 2)
	if res := d.exec(request{command: "/interface/wireguard/add", attrs: []kv{{"name", "wg0"}}}); res.err != nil {
		t.Fatal(res.err)
	}
	r := d.lookupRef(refWireGuard, "wg0")
	if r == nil || wgPublic(r.vals["private-key"]) == "" {
		t.Fatalf("wg0 has no generated private key: %v", r)
	}
	res := d.exec(request{command: "/interface/wireguard/peers/add", attrs: []kv{{"interface", "wg0"}, {"public-key", "not-a-key"}}})
	if res.err == nil || res.err.Error() != "invalid value for argument public-key" {
		t.Fatalf("bad key: %v", res.err)
	}
}
