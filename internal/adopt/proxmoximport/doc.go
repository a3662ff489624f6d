// Package proxmoximport is the Proxmox VE source of homelab-import: one GET
// /cluster/resources lists the cluster's nodes, guests and storages, one
// GET /pools its pools, then one GET .../config per guest (templates
// excepted) reads each guest, all through the provider's own client. Pools,
// containers and VMs become homelab_proxmox_pool, homelab_proxmox_lxc and
// homelab_proxmox_vm blocks holding what each resource's import reads back
// (its fromAPI), written only where it differs from the schema's defaults;
// a guest's pool refers to its pool's block.
//
// read.go reads the cluster; build.go names and orders the pools and guests; lxc.go
// and vm.go write a container's and a VM's attributes; props.go parses
// PVE's property strings and values; unmanaged.go lists the config keys and
// properties the resources do not manage; report.go what is not imported
// (templates, storages, pools, write-only values); graph.go draws nodes ->
// guests -> bridges and VLAN tags.
package proxmoximport
