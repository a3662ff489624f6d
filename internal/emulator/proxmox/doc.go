// Package proxmox is an emulator of the Proxmox VE 9.1 REST API (pveproxy on
// port 8006), for acceptance tests, the demo and CI. It never imports
// provider code; its knowledge comes from PVE's API description and
// documented behaviour.
//
// What is modelled:
//
//   - HTTPS under /api2/json with a generated CA and certificate (or a given
//     one); urlencoded bodies (also without Content-Type) and JSON bodies,
//     multipart/form-data for file uploads only (upload.go; any other type
//     is 506 "upload 'Content-Type '<type>' not implemented", as
//     pve-http-server's AnyEvent.pm answers); query parameters merged over
//     the body; path variables unescaped, so
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
//     model=MAC; a container's description comes back with a trailing
//     newline, a VM's without trailing whitespace: description.go), other
//     property strings (agent, startup, features, ...) as sent, and
//     returned with PVE's JSON types (booleans and integers as numbers,
//     "number" options such as cpulimit as strings, qemu memory as a string).
//     VMIDs are unique across the cluster; /cluster/nextid answers a string.
//   - Tasks: PVE's UPID format (user and token), status and log; a task's
//     effect is applied when it is created, it reports "running" for
//     Config.TaskDuration, and create, clone and migrate tasks hold the
//     guest's lock ("create", "clone", "migrate") that long; failures are reported as the task's exitstatus
//     (e.g. qemu's "shrinking disks is not supported") where PVE fails inside
//     the worker.
//   - Guest details from qemu-server, pve-container, pve-storage and
//     pve-ha-manager: what a replaced or removed qemu drive leaves
//     (qemudrives.go: cloud-init volumes freed, CD-ROM media never unusedN,
//     only volumes the VM owns registered or freed, a second cloud-init
//     drive refused) and a CD-ROM medium swapped live on a running VM, where
//     ide/sata disks wait for the next start; uptime counted from the last
//     start or reboot (uptime.go); ha-managed creates added as started only
//     with start=1 (ha.go); GET .../content/{volume} paths as
//     PVE::Storage::path prints them (volpath.go); /nodes' ssl_fingerprint,
//     the node's pveproxy-ssl.pem or pve-ssl.pem fingerprint
//     (nodefingerprint.go, pve-cluster's get_node_fingerprint); file uploads
//     (upload.go); GET /nodes/{node}/query-url-metadata (urlmeta.go, no
//     real HTTP: sizes from SetDownload or a stand-in); GET
//     /nodes/{node}/lxc/{vmid}/interfaces (lxcinterfaces.go: lo, the NICs'
//     static and link-local addresses); GET
//     /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces (agent.go:
//     the agent never runs); POST /cluster/ha/resources/{sid}/migrate and
//     relocate (hamigrate.go: the CRM's motion applied at once, with
//     resource affinity). Each file names what stays unconfirmed.
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
//   - Node certificates /nodes/{node}/certificates (certs.go, certinfo.go,
//     from pve-manager's API2/Certificates.pm, CertHelpers.pm and
//     Service/pveproxy.pm, pve-common's Certificate.pm and pve-cluster's
//     Cluster/Setup.pm): a cluster CA (pve-root-ca.pem) and per node a
//     pve-ssl.pem it signed (SANs 127.0.0.1, ::1, localhost, the node name);
//     info lists pve-root-ca.pem, pve-ssl.pem and pveproxy-ssl.pem with
//     get_certificate_info's fields (fingerprint as upper-case colon hex,
//     subject/issuer as X509_NAME_oneline, san DNS and IP entries only, IPv6
//     unabbreviated, epochs, pem, public-key-type/bits); POST custom checks
//     check_pem's formats, refuses an upload without a key when the node has
//     none, an existing custom certificate without force ("Custom certificate
//     file exists but force flag is not set."), and a key that does not match
//     (files removed, old ones restored); DELETE custom unlinks them. The
//     HTTPS listener is the pveproxy of one node, Config.EndpointNode (the
//     first node by default): it serves that node's custom certificate (with
//     its chain) when both files exist, else its pve-ssl, as loaded at its
//     last restart, i.e. after an upload or delete with restart=1, switching
//     per handshake (tls.Config.GetCertificate). Uploads to other nodes
//     change only their info. Certificates are not kept in state files.
//     Unconfirmed: what $! holds in "key does not match the certificate
//     (chain) ($!)" (empty here; the pid prefix is the emulator's), that an
//     upload without restart leaves the running pveproxy on the old
//     certificate until something restarts it, and OpenSSL's \xHH escapes of
//     non-ASCII name bytes (printed as is). The PEM format checks run in the
//     handler, after the permission check. Keys are P-256 (PVE: RSA 2048).
//     ACME is not modelled.
//   - /version, /nodes, /nodes/{node}/status, /cluster/status,
//     /cluster/resources (type filter).
//   - Knobs: latency, failing the next N requests to a path (HTTP 500 or a
//     TCP reset), request counters per "METHOD /path/template", the
//     bridges of a node (SetBridges), the file a download URL serves
//     (SetDownload) and hosts downloads cannot reach (SetUnreachable), initial
//     state from a JSON file (Server.State writes that format), and Call for
//     out-of-band changes as root@pam.
//   - Snapshots (snapshot.go): TakeSnapshot reads a real cluster (or an
//     emulator) through its API into the state-file format, with its VMIDs,
//     job and rule ids, volumes and networks, and no secrets. Unconfirmed
//     against a real PVE: that its listings carry every field as the
//     emulator prints them (network "active" for staged changes, HA and
//     backup-job options' JSON types).
//
// What is not modelled: other users, groups, ACLs and realms (only root@pam
// and its tokens), two-factor auth, snapshots, backups and restore,
// move_volume/move_disk, SDN, firewall, replication, a running guest agent,
// consoles, storage activation (mounts, PBS connections), real resource
// usage (status values other than uptime are plausible constants), the 3 s
// delay after failed logins, and hotplug details beyond the default
// "network,disk,usb".
package proxmox
