package proxmox

import (
	"strings"
	"testing"
)

func TestParameterVerification(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	tmpl := "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
	cases := []struct {
		name   string
		method string
		path   string
		params map[string]string
		param  string
		msg    string
	}{
		{"missing", "POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "101"}, "ostemplate", "property is missing and it is not optional"},
		{"unknown", "POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "101", "ostemplate": tmpl, "bogus": "1"}, "bogus",
			"property is not defined in schema and the schema does not allow additional properties"},
		{"integer", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "lots"}, "memory", "type check ('integer') failed - got 'lots'"},
		{"number", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"cpulimit": "x"}, "cpulimit", "type check ('number') failed - got 'x'"},
		{"boolean", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"onboot": "maybe"}, "onboot", "type check ('boolean') failed - got 'maybe'"},
		{"minimum", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "8"}, "memory", "value must have a minimum value of 16"},
		{"maximum", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"cores": "9000"}, "cores", "value must have a maximum value of 8192"},
		{"vmid range", "POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "99", "ostemplate": tmpl}, "vmid", "value must have a minimum value of 100"},
		{"enum", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"arch": "sparc"}, "arch", "value 'sparc' does not have a value in the enumeration 'amd64, i386, arm64, armhf, riscv32, riscv64'"},
		{"pattern", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net0": "name=eth0,bridge=vm br0"}, "net0", "net0.bridge: value does not match the regex pattern"},
		{"property key", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net0": "name=eth0,colour=blue"}, "net0", "net0.colour: property is not defined in schema"},
		{"property required", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net0": "bridge=vmbr0"}, "net0", "net0.name: property is missing and it is not optional"},
		{"property format", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net0": "name=eth0,ip=10.0.0.300/24"}, "net0", "net0.ip: invalid format"},
		{"mac", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net0": "name=eth0,hwaddr=01:00:00:00:00:00"}, "net0", "net0.hwaddr: invalid format"},
		{"index range", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"net32": "name=eth0"}, "net32", "property is not defined in schema"},
		{"disk size", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"mp0": "local-lvm:vm-100-disk-0,mp=/x,size=big"}, "mp0", "mp0.size: invalid format"},
		{"tags", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"tags": "ok;no way!"}, "tags", "invalid format - invalid tag 'way!'"},
		{"node format", "GET", "/nodes/bad_node/lxc", nil, "node", "invalid format"},
		{"qemu drive", "POST", "/nodes/pve-s1/qemu", map[string]string{"vmid": "300", "scsi0": "local-lvm:8,cache=fast"}, "scsi0", "scsi0.cache: value 'fast' does not have a value in the enumeration"},
		{"qemu net model", "POST", "/nodes/pve-s1/qemu", map[string]string{"vmid": "300", "net0": "rtl9999,bridge=vmbr0"}, "net0", "net0.model: value 'rtl9999' does not have a value"},
		{"requires", "POST", "/nodes/pve-s1/storage/local/download-url", map[string]string{"url": "https://x/a.iso", "content": "iso", "filename": "a.iso", "checksum": "abc"}, "checksum-algorithm", "missing property - 'checksum' requires this property"},
		{"urlencoded", "POST", "/nodes/pve-s1/qemu", map[string]string{"vmid": "300", "sshkeys": "ssh-ed25519 AAAA user@host"}, "sshkeys", "is not urlencoded"},
		{"address list", "PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"nameserver": "1.1.1.1 dns.example"}, "nameserver", "unable to parse address 'dns.example'"},
		{"uri conflict", "GET", "/nodes/pve-s1/lxc/100/config", map[string]string{"vmid": "101"}, "vmid", "duplicate parameter (already defined in URI) with conflicting values!"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do(tc.method, tc.path, tc.params)
			if r.Status != 400 || r.Message != "Parameter verification failed.\n" || string(r.Data) != "null" {
				t.Fatalf("%d %s", r.Status, r.raw)
			}
			if !strings.Contains(r.Errors[tc.param], tc.msg) {
				t.Fatalf("errors[%s] = %q, want %q (all: %v)", tc.param, r.Errors[tc.param], tc.msg, r.Errors)
			}
		})
	}
	// Booleans are accepted as PVE accepts them and stored as 1/0.
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"onboot": "true"}, nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["onboot"] != float64(1) {
		t.Fatalf("onboot %v", conf["onboot"])
	}
}

func TestPerlPatternTranslation(t *testing.T) {
	re := compilePerl(`(?^:(?^:(discard|lazytime|noatime|nodev|noexec|nosuid))(;(?^:(discard|lazytime|noatime|nodev|noexec|nosuid)))*)`)
	if re == nil || !re.MatchString("noatime;nodev") || re.MatchString("noatime;bogus") {
		t.Fatal("mountoptions pattern")
	}
	re = compilePerl(`[-_.\w\d]+`)
	if re == nil || !re.MatchString("vmbr0") || re.MatchString("vm br0") {
		t.Fatal("bridge pattern must be anchored")
	}
	re = compilePerl(`\S+\@\S+`)
	if re == nil || !re.MatchString("root@pam") {
		t.Fatal(`escaped \@`)
	}
}
