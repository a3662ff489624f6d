// Package proxmox is an emulator of the Proxmox VE 9.1 REST API (pveproxy on
// port 8006), for acceptance tests, the demo and CI. It never imports
// provider code; its knowledge comes from PVE's API description and
// documented behaviour.
//
// What is modelled:
//
//   - HTTPS under /api2/json with a generated CA and certificate (or a given
//     one); urlencoded bodies (also without Content-Type) and JSON bodies;
//     query parameters merged over the body; path variables unescaped, so
//     volume ids work raw ("local:vztmpl/x") or escaped ("%2F"); UPIDs raw.
//   - Answers as pve-http-server formats them: {"data": ...} (+ "total"),
//     errors {"data":null,"message":"...\n"[,"errors":{param: text}]} with
//     400 (parameter verification), 401 (auth), 403 ("Permission check failed
//     (path, priv)"), 500 (handler errors) and 501 (unknown method/path), the
//     message's first line also as the status line's reason phrase.
//   - Auth: POST /access/ticket for root@pam (ticket "PVE:user:HEX::sig" and
//     CSRFPreventionToken, the lifetime a knob), the ticket as PVEAuthCookie
//     cookie or Authorization header, CSRF required on writes with a ticket;
//     API tokens "PVEAPIToken=user@realm!name=secret" with an optional
//     privilege list (granted on "/", propagated); /access/permissions.
//     Privileges are checked on the paths our resources touch (guests,
//     storages, pools, HA, nodes), per option for config updates.
//   - Validation of every request against PVE 9.1's own schema
//     (schema/pve-api.json, extracted from pve-docs apidata by
//     internal/schemagen, run with go generate): required and unknown
//     parameters, types (booleans 1/0/true/false/yes/no/on/off, stored as
//     1/0), enums, ranges, lengths, Perl patterns translated to RE2,
//     registered formats (pve-node, pve-storage-id, mac-addr, ipv4/6, CIDR,
//     pve-ipv4-config, disk-size, pve-tag-list, pve-configid-list,
//     pve-volume-id, address-list, urlencoded, ...; unknown ones pass),
//     property strings (net[n], rootfs, mp[n], scsi[n], ... with aliases,
//     default keys and required keys), index ranges of indexed options
//     (net0..31, mp0..255, scsi0..30, ...), "requires".
//   - A cluster of nodes (default pve-s1..3) with storages local (dir: iso,
//     vztmpl, backup, snippets; per node, holding the Debian 12 template),
//     local-lvm (lvmthin: images, rootdir; per node) and nas (NFS, shared: all
//     content types); an appliance index with Debian, Ubuntu and Alpine
//     templates; aplinfo and download-url downloads (the file name
//     normalised as PVE does, the checksum compared, an unreachable host
//     failing the task: download.go); content listing and deletion. Each
//     node has the bridge vmbr0 (or the state's "bridges"); starting a guest
//     whose NIC names a bridge the node lacks fails the task (bridges.go).
//   - LXC and QEMU guests: create (disks "storage:N" allocated as PVE names
//     them, vm-<id>-disk-<n> on LVM-thin, <id>/vm-<id>-disk-<n>.<fmt> on file
//     storages, sizes printed like format_size), config GET/PUT (and qemu
//     POST, asynchronous) with digest, delete/revert, pending changes for
//     options that are not hot-pluggable on a running guest, read-only
//     options, locks; pending; status/current; start, stop, shutdown,
//     reboot, suspend, resume; resize (growing only); clone (full, or linked
//     from a template: base-<id>-disk-<n>/vm-<new>-disk-<m>); template;
//     migrate; feature; delete (refused while running, protected, HA-managed
//     without purge, or when a linked clone uses the base disk). Values are
//     stored normalised (tags lower-cased, deduplicated, sorted, joined with
//     ";"; LXC networks get type=veth and a BC:24:11 hwaddr; qemu networks
//     model=MAC; descriptions come back with a trailing newline) and
//     returned with PVE's JSON types (booleans and integers as numbers,
//     "number" options such as cpulimit as strings, qemu memory as a string).
//     VMIDs are unique across the cluster; /cluster/nextid answers a string.
//   - Tasks: PVE's UPID format (user and token), status and log; a task's
//     effect is applied when it is created, it reports "running" for
//     Config.TaskDuration, and create, clone and migrate tasks hold the
//     guest's lock ("create", "clone", "migrate") that long; failures are reported as the task's exitstatus
//     (e.g. qemu's "shrinking disks is not supported") where PVE fails inside
//     the worker.
//   - The storage configuration /storage (storagecfg.go, from pve-storage's
//     Config.pm and plugins): dir, nfs, cifs, pbs, lvmthin and lvm with
//     their own options, required and fixed ones, default content, always
//     shared network storages, sensitive properties kept but never returned
//     (StorageSecret shows them to tests), prune-backups validation, the
//     nodes restriction and disable as /nodes/{node}/storage shows them.
//   - Resource pools, PVE 9's /pools with ?poolid= (pools.go, from
//     pve-manager's Pool.pm): members, nested pools, allow-move, refusals
//     of duplicate or missing members and of deleting a non-empty pool.
//   - Backup jobs /cluster/backup (backupjobs.go, from pve-manager's
//     Backup.pm and VZDump.pm): schedules checked as calendar events
//     (calendar.go), the vmid/pool/all+exclude selection rules, notes
//     templates, prune-backups, PUT's merge and delete; jobs never run.
//   - HA resources /cluster/ha/resources (ha.go: the options as set, no
//     fixed defaults, groups refused as migrated to rules, purge from the
//     rules on delete) and PVE 9's HA rules /cluster/ha/rules (harules.go:
//     node and resource affinity, unmanaged resources and unknown nodes
//     refused, the basic feasibility checks).
//   - Node networks /nodes/{node}/network (nodenetwork.go, from
//     pve-manager's Network.pm and pve-common's Network/Interfaces.pm):
//     bridges, bonds and VLANs staged in interfaces.new, applied by the
//     reload task (then guests see the new bridges) or reverted, with the
//     writer's checks (ports, slaves, parents, MTUs, gateways).
//   - /version, /nodes, /nodes/{node}/status, /cluster/status,
//     /cluster/resources (type filter).
//   - Knobs: latency, failing the next N requests to a path (HTTP 500 or a
//     TCP reset), request counters per "METHOD /path/template", the
//     bridges of a node (SetBridges), the file a download URL serves
//     (SetDownload) and hosts downloads cannot reach (SetUnreachable), initial
//     state from a JSON file (Server.State writes that format), and Call for
//     out-of-band changes as root@pam.
//
// What is not modelled: other users, groups, ACLs and realms (only root@pam
// and its tokens), two-factor auth, snapshots, backups and restore,
// move_volume/move_disk, SDN, firewall, replication, guest agent, consoles,
// storage activation (mounts, PBS connections), real resource usage (status values are
// plausible constants), the 3 s delay after failed logins, and hotplug
// details beyond the default "network,disk,usb".
package proxmox
