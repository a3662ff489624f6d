package proxmox_test

import "testing"

// TestConfigValueMatches: checkConfig can fail. A scalar is compared
// exactly (memory = "2048" does not pass for 20480), a property string per
// key=value part.
func TestConfigValueMatches(t *testing.T) {
	cases := []struct {
		key, got, want string
		ok             bool
	}{
		{"memory", "2048", "2048", true},
		{"memory", "20480", "2048", false},
		{"memory", "204", "2048", false},
		{"cores", "14", "4", false},
		{"hostname", "ct01005-old", "ct01005", false},
		{"tags", "consul;prod;vault", "consul;prod;vault", true},
		{"tags", "consul;prod;vault;x", "consul;prod;vault", false},
		{"description", "managed\n", "managed", true},
		{"description", "managed by hand\n", "managed", false},
		{"name", "", "haproxy-1", false},
		{"scsi0", "local-lvm:vm-2001-disk-0,size=16G", "size=16G", true},
		{"scsi0", "local-lvm:vm-2001-disk-0,size=160G", "size=16G", false},
		{"net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1,tag=20", "tag=20", true},
		{"net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=200", "tag=20", false},
		{"net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=20", "tag=20,firewall=1", false},
		{"mp0", "local-lvm:vm-1005-disk-1,mp=/var/lib/vault,size=8G", "mp=/var/lib/vault", true},
		{"mp0", "local-lvm:vm-1005-disk-1,mp=/var/lib/vault2,size=8G", "mp=/var/lib/vault", false},
	}
	for _, tc := range cases {
		err := configValueMatches(tc.key, tc.got, tc.want)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %q against %q: err %v, want ok=%v", tc.key, tc.got, tc.want, err, tc.ok)
		}
	}
}
