package routeros

import "testing"

func TestIPv6FirewallAddressList(t *testing.T) {
	s := start(t, Config{})
	const m = "/ipv6/firewall/address-list"
	mustRun(t, s, m+"/add", "=list=mgmt", "=address=2001:DB8:10:0::/64")
	mustRun(t, s, m+"/add", "=list=mgmt", "=address=router.example.com")
	if r := mustRun(t, s, m+"/print", "?list=mgmt")[0]; r["address"] != "2001:db8:10::/64" || r["dynamic"] != "false" || r["creation-time"] == "" {
		t.Errorf("entry %v", r)
	}
	wantErr(t, s, "already have such entry", m+"/add", "=list=mgmt", "=address=2001:db8:10::/64")
	wantErr(t, s, "invalid value for argument address", m+"/add", "=list=mgmt", "=address=10.0.0.0/8")
	wantErr(t, s, "invalid value for argument address", m+"/add", "=list=mgmt", "=address=2001:db8::zz")
	mustRun(t, s, m+"/add", "=list=ban", "=address=2001:db8::7", "=timeout=1d")
	if r := mustRun(t, s, m+"/print", "?list=ban")[0]; r["dynamic"] != "true" || r["timeout"] != "1d" {
		t.Errorf("timed entry %v", r)
	}
}

func TestIPv6FirewallFilter(t *testing.T) {
	s := start(t, Config{})
	const m = "/ipv6/firewall/filter"
	mustRun(t, s, m+"/add", "=chain=input", "=protocol=icmpv6", "=src-address=FE80::/10")
	mustRun(t, s, m+"/add", "=chain=input", "=action=reject", "=reject-with=icmp-no-route", "=dst-address=!2001:DB8::1")
	rows := mustRun(t, s, m+"/print")
	if rows[0]["src-address"] != "fe80::/10" || rows[0]["action"] != "accept" || rows[0]["log-prefix"] != "" {
		t.Errorf("rule 0 %v", rows[0])
	}
	if rows[1]["dst-address"] != "!2001:db8::1" || rows[1]["reject-with"] != "icmp-no-route" {
		t.Errorf("rule 1 %v", rows[1])
	}
	wantErr(t, s, "invalid value for argument src-address", m+"/add", "=chain=input", "=src-address=10.0.0.0/8")
	wantErr(t, s, "input does not match any value of reject-with", m+"/add", "=chain=input", "=action=reject", "=reject-with=icmp-net-prohibited")
	wantErr(t, s, "input does not match any value of action", m+"/add", "=chain=input", "=action=tarpit")
	wantErr(t, s, "ports can be specified", m+"/add", "=chain=input", "=protocol=icmpv6", "=dst-port=22")
	wantErr(t, s, "unknown parameter", m+"/add", "=chain=input", "=ttl=equal:1")
	mustRun(t, s, m+"/move", "=numbers="+rows[1][".id"], "=destination="+rows[0][".id"])
	if r := mustRun(t, s, m+"/print"); r[0][".id"] != rows[1][".id"] {
		t.Errorf("move: %v", r)
	}
}

func TestIPv6Route(t *testing.T) {
	s := start(t, Config{})
	const m = "/ipv6/route"
	mustRun(t, s, m+"/add", "=dst-address=::/0", "=gateway=FE80::1%ether1")
	mustRun(t, s, m+"/add", "=dst-address=2001:db8:100::1/56", "=blackhole=yes")
	mustRun(t, s, "/ipv6/address/add", "=address=2001:db8:10::1/64", "=interface=ether2")
	rows := mustRun(t, s, m+"/print")
	if len(rows) != 3 {
		t.Fatalf("routes %v", rows)
	}
	if rows[0]["gateway"] != "fe80::1%ether1" || rows[0]["distance"] != "1" || rows[0]["static"] != "true" {
		t.Errorf("default route %v", rows[0])
	}
	if rows[1]["dst-address"] != "2001:db8:100::/56" || rows[1]["blackhole"] != "true" {
		t.Errorf("blackhole %v", rows[1])
	}
	c := rows[2]
	if c["dst-address"] != "2001:db8:10::/64" || c["gateway"] != "ether2" || c["dynamic"] != "true" || c["connect"] != "true" || c["distance"] != "0" {
		t.Errorf("connected %v", c)
	}
	if _, err := s.Run(m+"/remove", "=.id="+c[".id"]); err == nil {
		t.Error("removed a connected route")
	}
	wantErr(t, s, "blackhole route can not have gateway", m+"/add", "=dst-address=2001:db8:200::/56", "=blackhole=yes", "=gateway=ether1")
	wantErr(t, s, "invalid value for argument dst-address", m+"/add", "=dst-address=10.0.0.0/8", "=gateway=ether1")
	wantErr(t, s, "invalid value for argument gateway", m+"/add", "=dst-address=2001:db8:300::/56", "=gateway=10.0.0.1")
	a := mustRun(t, s, "/ipv6/address/print")[0]
	mustRun(t, s, "/ipv6/address/set", "=.id="+a[".id"], "=disabled=yes")
	if r := mustRun(t, s, m+"/print"); len(r) != 2 {
		t.Errorf("connected route of a disabled address stays: %v", r)
	}
}

func TestIPv6DHCPClient(t *testing.T) {
	s := start(t, Config{})
	const m = "/ipv6/dhcp-client"
	mustRun(t, s, m+"/add", "=interface=ether1", "=request=prefix", "=pool-name=isp", "=prefix-hint=::/56")
	r := mustRun(t, s, m+"/print")[0]
	if r["status"] != "searching..." || r["pool-prefix-length"] != "64" || r["add-default-route"] != "false" || r["use-peer-dns"] != "true" || r["prefix-hint"] != "::/56" {
		t.Errorf("client %v", r)
	}
	wantErr(t, s, "already exists on this interface", m+"/add", "=interface=ether1", "=request=address")
	wantErr(t, s, "missing value(s) of argument(s) pool-name", m+"/add", "=interface=ether2", "=request=prefix")
	wantErr(t, s, "input does not match any value of request", m+"/add", "=interface=ether2", "=request=bogus")
	mustRun(t, s, m+"/set", "=.id="+r[".id"], "=disabled=yes")
	if r := mustRun(t, s, m+"/print")[0]; r["status"] != "stopped" {
		t.Errorf("disabled client %v", r)
	}
}

func TestIPv6ND(t *testing.T) {
	s := start(t, Config{})
	const m = "/ipv6/nd"
	all := mustRun(t, s, m+"/print")
	if len(all) != 1 || all[0]["interface"] != "all" || all[0]["default"] != "true" || all[0]["ra-interval"] != "3m20s-10m" ||
		all[0]["advertise-dns"] != "true" || all[0]["hop-limit"] != "unspecified" || all[0]["ra-lifetime"] != "30m" {
		t.Fatalf("builtin row %v", all)
	}
	wantErr(t, s, "can not remove default entry", m+"/remove", "=.id="+all[0][".id"])
	wantErr(t, s, "can not change interface of default entry", m+"/set", "=.id="+all[0][".id"], "=interface=ether2")
	mustRun(t, s, m+"/add", "=interface=ether2", "=ra-interval=20-60", "=hop-limit=64")
	r := mustRun(t, s, m+"/print", "?interface=ether2")[0]
	if r["ra-interval"] != "20s-1m" || r["hop-limit"] != "64" || r["default"] != "false" {
		t.Errorf("ether2 row %v", r)
	}
	wantErr(t, s, "entry for this interface already exists", m+"/add", "=interface=ether2")
	wantErr(t, s, "invalid value for argument ra-interval", m+"/add", "=interface=ether3", "=ra-interval=1s-2s")
	wantErr(t, s, "input does not match any value of interface", m+"/add", "=interface=nope")
	mustRun(t, s, m+"/remove", "=.id="+r[".id"])
}
