package routeros

import "testing"

// Test keys of user_ssh_keys_test.go (throw-away).
const (
	tKey1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhqcWExU/X0CGzq4+b+fsJ7z8vXUpPF0H66U1kAKsdL tofu@ci"
	tKey2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJgt2X+0Kbb24/ER90lZ4qCstZhorqsjdeHWVpItnyg5 tofu@ci"
	tKey3 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDGjFsyS1N4zfAkLBh4qj6HVbouuN1MYtzhG2sU71HctbR12nFKeWrejzTS4Tua2xAeoUMI8jBMKKE2PUo1Os/r4MzIp1GFyFC+lkKgy8r8OSzoWcT70Shykec8bBfVddGsczpIhBwWdjC31gW6b2+FVKvQNY1yBmTZHHcCpWfnF0R4VEBBzqAqlVZxDTDOUdblV7+hTXgi+KMQg6CGR2h/3OsOWAJAaJ/Ch9psMlgkXQwM2t5ETLpj+C3LEmjIrpqjH/+B2cVtaRg7Mh7pCfTAO57dngsE7VjwTq7ow4BpvhDkYIx018sdU0pRmf6SUhqbKmnHEqjEpaT+UvRU+l5F admin@laptop"
)

func TestSSHKeySummary(t *testing.T) {
	k3, err := parseSSHKey(tKey3)
	if err != nil || k3.typ != "rsa" || k3.bits != 2048 || k3.owner != "admin@laptop" {
		t.Fatalf("parse rsa: %+v %v", k3, err)
	}
	printed := printedSSHKey(map[string]string{"key-type": "ed25519", "bits": "256", "key-owner": "tofu@ci"})
	if printed != "key-type=ed25519 bits=256 key-owner=tofu@ci" {
		t.Fatalf("printed summary %q", printed)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{tKey1, tKey1, true},
		{tKey1, "  " + tKey1 + "\n", true},
		{tKey1, tKey2, false}, // same summary, another key
		{tKey1, printed, true},
		{printed, tKey2, true},
		{tKey3, printed, false},
		{tKey1, "key-type=ed25519 bits=256 key-owner=other", false},
		{printed, printed + "x", false},
	} {
		if got := sameSSHKey(c.a, c.b); got != c.want {
			t.Errorf("sameSSHKey(%.30q, %.30q) = %v", c.a, c.b, got)
		}
	}
	if printedSSHKey(map[string]string{"RSA": "true", "bits": "2048", "key-owner": "admin@laptop"}) != k3.summary() {
		t.Error("early 7.x RSA flag not read")
	}
}

func TestSameIPv6Address(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2001:db8::1/64", "2001:db8::1/64", true},
		{"2001:db8:0::1/64", "2001:db8::1/64", true},
		{"::1/64", "2001:db8:100::1/64", true},                        // from_pool
		{"::1/64", "2001:db8:100::2/64", false},                       // another host
		{"::1/64", "2001:db8:100::1/56", false},                       // another length
		{"2001:db8:10::/64", "2001:db8:10::4e5e:cff:fe00:2/64", true}, // eui_64
		{"2001:db8:10::/64", "2001:db8:11::4e5e:cff:fe00:2/64", false},
		{"2001:db8::1/64", "2001:db8::2/64", false},
	} {
		if got := sameIPv6Address(c.a, c.b); got != c.want {
			t.Errorf("sameIPv6Address(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestIsoDate(t *testing.T) {
	for in, want := range map[string]string{"jan/31/2026": "2026-01-31", "Dec/01/2030": "2030-12-01", "2026-01-31": "2026-01-31"} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q", in, got)
		}
	}
	for _, bad := range []string{"2026-13-01", "31/01/2026", "jan/32/2026"} {
		if checkDate(bad) == nil {
			t.Errorf("checkDate(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"25:00:00", "3:00", "03:00"} {
		if checkStartTime(bad) == nil {
			t.Errorf("checkStartTime(%q) accepted", bad)
		}
	}
}
