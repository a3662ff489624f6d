package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var systemResourceData = menu.DataSpec{
	Type:      "system_resource",
	Path:      "/system/resource",
	Desc:      "The router's version, hardware and resource usage",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "version", Desc: "RouterOS version and channel, e.g. `7.19.4 (stable)`"},
		{Name: "uptime", Desc: "Time since boot, a RouterOS duration"},
		{Name: "board-name", Desc: "Hardware model"},
		{Name: "architecture-name", Desc: "CPU architecture"},
		{Name: "platform", Desc: "Platform"},
		{Name: "cpu", Desc: "CPU model"},
		{Name: "cpu-count", Kind: menu.Int, Desc: "Number of CPUs"},
		{Name: "cpu-load", Kind: menu.Int, Desc: "CPU load, percent"},
		{Name: "free-memory", Kind: menu.Int, Desc: "Free memory, bytes"},
		{Name: "total-memory", Kind: menu.Int, Desc: "Total memory, bytes"},
		{Name: "free-hdd-space", Kind: menu.Int, Desc: "Free storage, bytes"},
		{Name: "total-hdd-space", Kind: menu.Int, Desc: "Total storage, bytes"},
		{Name: "build-time", Desc: "Build time of the installed RouterOS"},
	},
}
