package routeros

import (
	"strings"
	"time"
)

func systemIdentity() *menu {
	return &menu{
		path: "/system/identity", table: "system/identity", singleton: true,
		fields: []*field{fStr("name").dflt("MikroTik").keep()},
	}
}

var startTime = time.Now()

func systemResource() *menu {
	return &menu{
		path: "/system/resource", table: "system/resource", singleton: true, readOnly: true,
		compute: func(d *db, r *row, p *props) {
			channel := "stable"
			if strings.ContainsAny(d.version, "abr") {
				channel = "testing"
			}
			up := time.Since(startTime).Truncate(time.Second)
			for _, e := range []kv{
				{"uptime", formatDuration(up)},
				{"version", d.version + " (" + channel + ")"},
				{"build-time", "2025-06-03 10:00:00"},
				{"factory-software", "7.1"},
				{"free-memory", "218103808"},
				{"total-memory", "268435456"},
				{"cpu", "QEMU"},
				{"cpu-count", "2"},
				{"cpu-frequency", "2400"},
				{"cpu-load", "1"},
				{"free-hdd-space", "83886080"},
				{"total-hdd-space", "134217728"},
				{"architecture-name", "x86_64"},
				{"board-name", d.board},
				{"platform", "MikroTik"},
			} {
				p.set(e.k, e.v)
			}
		},
	}
}
