package routeros

import (
	"strings"
	"testing"
)

const (
	edKey  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhqcWExU/X0CGzq4+b+fsJ7z8vXUpPF0H66U1kAKsdL tofu@ci"
	rsaKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDGjFsyS1N4zfAkLBh4qj6HVbouuN1MYtzhG2sU71HctbR12nFKeWrejzTS4Tua2xAeoUMI8jBMKKE2PUo1Os/r4MzIp1GFyFC+lkKgy8r8OSzoWcT70Shykec8bBfVddGsczpIhBwWdjC31gW6b2+FVKvQNY1yBmTZHHcCpWfnF0R4VEBBzqAqlVZxDTDOUdblV7+hTXgi+KMQg6CGR2h/3OsOWAJAaJ/Ch9psMlgkXQwM2t5ETLpj+C3LEmjIrpqjH/+B2cVtaRg7Mh7pCfTAO57dngsE7VjwTq7ow4BpvhDkYIx018sdU0pRmf6SUhqbKmnHEqjEpaT+UvRU+l5F admin@laptop"
)

// wantErr runs a command that must fail with a message containing want.
func wantErr(t *testing.T, s *Server, want string, words ...string) {
	t.Helper()
	if _, err := s.Run(words...); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%v: error %v, want %q", words, err, want)
	}
}

func TestSSHKeys(t *testing.T) {
	s := start(t, Config{})
	mustRun(t, s, "/user/ssh-keys/add", "=user=admin", "=key="+edKey)
	mustRun(t, s, "/user/ssh-keys/add", "=user=admin", "=key="+rsaKey, "=comment=laptop")
	rows := mustRun(t, s, "/user/ssh-keys/print")
	if len(rows) != 2 {
		t.Fatalf("rows: %v", rows)
	}
	for i, want := range []map[string]string{
		{"user": "admin", "key-type": "ed25519", "bits": "256", "key-owner": "tofu@ci"},
		{"key-type": "rsa", "bits": "2048", "key-owner": "admin@laptop", "comment": "laptop"},
	} {
		for k, v := range want {
			if rows[i][k] != v {
				t.Errorf("row %d: %s=%q, want %q", i, k, rows[i][k], v)
			}
		}
		if _, ok := rows[i]["key"]; ok {
			t.Errorf("row %d prints the key", i)
		}
	}
	wantErr(t, s, "no such command", "/user/ssh-keys/set", "=.id="+rows[0][".id"], "=comment=x")
	wantErr(t, s, "input does not match any value of user", "/user/ssh-keys/add", "=user=nobody", "=key="+edKey)
	wantErr(t, s, "unable to load key", "/user/ssh-keys/add", "=user=admin", "=key=ssh-ed25519 AAAA")
	wantErr(t, s, "missing value(s) of argument(s) key", "/user/ssh-keys/add", "=user=admin")
}

func TestNTPClientServers(t *testing.T) {
	s := start(t, Config{})
	mustRun(t, s, "/system/ntp/client/servers/add", "=address=0.pool.ntp.org")
	r := mustRun(t, s, "/system/ntp/client/servers/print")[0]
	for k, v := range map[string]string{"min-poll": "6", "max-poll": "10", "iburst": "true", "auth-key": "none", "dynamic": "false"} {
		if r[k] != v {
			t.Errorf("%s=%q, want %q", k, r[k], v)
		}
	}
	wantErr(t, s, "min-poll must not be greater than max-poll", "/system/ntp/client/servers/set", "=.id="+r[".id"], "=min-poll=12")
	wantErr(t, s, "out of range", "/system/ntp/client/servers/add", "=address=10.0.0.1", "=max-poll=18")
	wantErr(t, s, "already have server", "/system/ntp/client/servers/add", "=address=0.pool.ntp.org")
	wantErr(t, s, "invalid value for argument address", "/system/ntp/client/servers/add", "=address=bad name!")
}

func TestScriptsAndScheduler(t *testing.T) {
	s := start(t, Config{})
	mustRun(t, s, "/system/script/add", "=name=backup", "=source=/export", "=policy=write,read")
	sc := mustRun(t, s, "/system/script/print", "?name=backup")[0]
	if sc["policy"] != "read,write" || sc["owner"] != "admin" || sc["dont-require-permissions"] != "false" {
		t.Errorf("script: %v", sc)
	}
	mustRun(t, s, "/system/scheduler/add", "=name=nightly", "=on-event=backup", "=start-date=jan/31/2030", "=start-time=03:00:00", "=interval=24h")
	j := mustRun(t, s, "/system/scheduler/print", "?name=nightly")[0]
	for k, v := range map[string]string{"start-date": "2030-01-31", "start-time": "03:00:00", "interval": "1d",
		"policy": strings.Join(scriptPolicies, ","), "next-run": "2030-01-31 03:00:00"} {
		if j[k] != v {
			t.Errorf("job %s=%q, want %q", k, j[k], v)
		}
	}
	mustRun(t, s, "/system/scheduler/add", "=name=now", "=on-event=:log info x")
	if n := mustRun(t, s, "/system/scheduler/print", "?name=now")[0]; n["start-date"] == "" || len(n["start-time"]) != 8 {
		t.Errorf("a job added without start gets the time it was added: %v", n)
	}
	wantErr(t, s, "already have script with such name", "/system/script/add", "=name=backup")
	wantErr(t, s, "invalid value for argument start-time", "/system/scheduler/add", "=name=x", "=start-time=25:00:00")
	wantErr(t, s, "input does not match any value of policy", "/system/script/add", "=name=y", "=policy=local")
}

func TestSNMP(t *testing.T) {
	s := start(t, Config{})
	pub := mustRun(t, s, "/snmp/community/print")
	if len(pub) != 1 || pub[0]["name"] != "public" || pub[0]["default"] != "true" || pub[0]["addresses"] != "::/0" {
		t.Fatalf("communities of a fresh router: %v", pub)
	}
	wantErr(t, s, "can not remove default community", "/snmp/community/remove", "=.id="+pub[0][".id"])
	mustRun(t, s, "/snmp/community/set", "=.id=public", "=disabled=yes", "=addresses=10.10.0.5")
	if p := mustRun(t, s, "/snmp/community/print")[0]; p["addresses"] != "10.10.0.5/32" || p["disabled"] != "true" {
		t.Errorf("public after set: %v", p)
	}
	mustRun(t, s, "/snmp/set", "=enabled=yes", "=engine-id-suffix=r1", "=trap-generators=interfaces,start-trap")
	g := mustRun(t, s, "/snmp/print")[0]
	if g["engine-id"] != "80003a8c047231" || g["trap-community"] != "public" || g["trap-generators"] != "interfaces,start-trap" || g["src-address"] != "::" {
		t.Errorf("snmp: %v", g)
	}
	wantErr(t, s, "input does not match any value of trap-community", "/snmp/set", "=trap-community=nope")
	old := start(t, Config{Version: "7.9.2"})
	wantErr(t, old, "unknown parameter engine-id-suffix", "/snmp/set", "=engine-id-suffix=r1")
}

func TestVRRP(t *testing.T) {
	s := start(t, Config{})
	mustRun(t, s, "/interface/vrrp/add", "=interface=ether2", "=vrid=10")
	v := mustRun(t, s, "/interface/vrrp/print")[0]
	for k, want := range map[string]string{"name": "vrrp1", "priority": "100", "interval": "1s", "version": "3", "mac-address": "00:00:5E:00:01:0A", "mtu": "1500"} {
		if v[k] != want {
			t.Errorf("%s=%q, want %q", k, v[k], want)
		}
	}
	if i := mustRun(t, s, "/interface/print", "?name=vrrp1"); len(i) != 1 || i[0]["type"] != "vrrp" {
		t.Errorf("vrrp1 in /interface: %v", i)
	}
	wantErr(t, s, "vrrp with such vrid already exists", "/interface/vrrp/add", "=interface=ether2", "=vrid=10")
	wantErr(t, s, "out of range", "/interface/vrrp/add", "=interface=ether2", "=vrid=11", "=interval=5m")
	wantErr(t, s, "invalid value for argument password", "/interface/vrrp/add", "=interface=ether2", "=vrid=12", "=password=12345678901234567")
	mustRun(t, s, "/interface/vrrp/add", "=interface=ether2", "=vrid=10", "=v3-protocol=ipv6", "=name=vrrp6")
	if v6 := mustRun(t, s, "/interface/vrrp/print", "?name=vrrp6")[0]; v6["mac-address"] != "00:00:5E:00:02:0A" {
		t.Errorf("ipv6 group mac %q", v6["mac-address"])
	}
}

func TestIPv6(t *testing.T) {
	s := start(t, Config{})
	mustRun(t, s, "/ipv6/pool/add", "=name=delegated", "=prefix=2001:db8:100::/56", "=prefix-length=64")
	mustRun(t, s, "/ipv6/address/add", "=address=::1/64", "=from-pool=delegated", "=interface=ether2")
	mustRun(t, s, "/ipv6/address/add", "=address=::1/64", "=from-pool=delegated", "=interface=ether3")
	mustRun(t, s, "/ipv6/address/add", "=address=2001:db8:10::/64", "=eui-64=yes", "=interface=ether2")
	rows := mustRun(t, s, "/ipv6/address/print")
	want := []string{"2001:db8:100::1/64", "2001:db8:100:1::1/64", "2001:db8:10:0:4e5e:cff:fe00:2/64"}
	for i, w := range want {
		if rows[i]["address"] != w {
			t.Errorf("address %d = %q, want %q", i, rows[i]["address"], w)
		}
	}
	// A set keeps the prefix the address already has.
	mustRun(t, s, "/ipv6/address/set", "=.id="+rows[0][".id"], "=comment=clients")
	if a := mustRun(t, s, "/ipv6/address/print", "?comment=clients")[0]["address"]; a != want[0] {
		t.Errorf("after set: %q", a)
	}
	wantErr(t, s, "prefix length must not be shorter than prefix", "/ipv6/pool/add", "=name=p", "=prefix=2001:db8::/56", "=prefix-length=48")
	wantErr(t, s, "input does not match any value of from-pool", "/ipv6/address/add", "=address=::1/64", "=from-pool=nope", "=interface=ether2")
	wantErr(t, s, "invalid value for argument address", "/ipv6/address/add", "=address=10.0.0.1/24", "=interface=ether2")
	st := mustRun(t, s, "/ipv6/settings/print")[0]
	if st["forward"] != "true" || st["accept-router-advertisements"] != "yes-if-forwarding-disabled" || st["multipath-hash-policy"] != "l3" {
		t.Errorf("settings: %v", st)
	}
	old := start(t, Config{Version: "7.12.1"})
	wantErr(t, old, "unknown parameter multipath-hash-policy", "/ipv6/settings/set", "=multipath-hash-policy=l4")
}
