// Package routeros emulates a MikroTik RouterOS 7 router's binary API
// (api on TCP, api-ssl on TLS) for acceptance tests, the demo and users'
// CI. It encodes RouterOS behaviour from the project's reference notes and
// MikroTik's documentation, never from the provider's own tables, so tests
// against it prove something about the provider.
//
// # Protocol (modelled)
//
//   - Word and sentence framing with all five length encodings; empty
//     sentences are ignored; a reserved control byte closes the connection.
//   - Post-6.43 login: /login =name= =password= gives a bare !done; wrong
//     credentials give !trap "invalid user name or password (6)" then
//     !done. Any other command before login gives !trap "not logged in".
//   - Replies: !re per row, !done last (=ret= for add, count-only and get),
//     !trap (=category= where RouterOS sets one) always followed by !done,
//     !empty before !done for a print with no rows when the emulated
//     version is >= 7.18, and !fatal "session terminated on request" on
//     /quit, after which the connection closes.
//   - .tag on every reply sentence of a tagged command; any number of
//     tagged commands in flight on one connection. Commands execute in
//     arrival order; the replies of tagged commands are sent concurrently
//     after the latency, and no reply (tagged or not) sooner than
//     Config.MinServiceTime (5ms) after its command arrived; see "Reply
//     timing and stock go-routeros async clients" below.
//   - listen, and print with =follow= (current rows first) or
//     =follow-only=: every later change to a matching row is an !re with the
//     row as print shows it, a removed row is =.id=*X =.dead=yes. /cancel
//     =tag=X ends it with !trap category 2 "interrupted" and !done, then
//     answers !done itself; /cancel without a tag ends all of the session's.
//   - print and getall with =.proplist=, =count-only= and every query word:
//     ?name (has), ?-name (lacks), ?name=v and ?=name=v (equal; an absent
//     property equals ""), ?<name=v and ?>name=v (numeric when both sides
//     are integers, else string order), and ?# stack operations (digits
//     copy the value at that index from the top, or replace the stack when
//     last; ! & | and . as documented).
//   - Bounds (Config; 0 means the default, negative none), so users' CI
//     cannot be wedged or grown without limit by a misbehaving client: at
//     most MaxSessions (20, RouterOS's /ip service max-sessions default)
//     connections per service, more are closed at once; a connection not
//     logged in within LoginTimeout (60s) is closed, idle or not; a sentence
//     may hold MaxSentenceWords (4096) words, MaxWordBytes (1 MiB) per word
//     and MaxSentenceBytes (4 MiB) in all, and before login 128 words and
//     64 KiB; a sentence beyond them closes the connection as soon as the
//     limit is passed. Replies wait in a bounded queue per connection
//     (MaxPendingReplies 256, MaxReplyQueueBytes 4 MiB): when it is full the
//     connection is not read until its client reads (tagged replies are
//     still delayed concurrently, untagged ones answered in order); a
//     listen/follow stream whose client lets twice that pile up, or any
//     reply not taken within WriteTimeout (30s), closes the connection.
//   - add, set, remove, unset (=value-name=), enable, disable, comment,
//     move (=destination=, or to the end), get (=value-name=). Items are
//     addressed by =.id= or =numbers=: ids (*1A) or, in menus with names,
//     names, in comma lists; one bad item fails the whole command with "no
//     such item" and changes nothing. =!prop= unsets a property in add and
//     set; place-before in add on ordered tables; copy-from in add.
//
// # Menus and rules (modelled)
//
// /interface (print, set, enable, disable, comment over every interface),
// /interface/ethernet (ether1..etherN from the start, no add or remove),
// /interface/vlan, /interface/bridge, /interface/bonding, /interface/list
// (builtin all, none, dynamic, static, which cannot be changed),
// /interface/list/member, /interface/bridge/port, /interface/bridge/vlan,
// /ip/address, /ip/pool, /ip/dhcp-server, /ip/dhcp-server/network,
// /ip/dhcp-server/option, /ip/dhcp-server/option/sets,
// /ip/dhcp-server/lease, /ip/dns (singleton), /ip/dns/static (ordered),
// /ip/firewall/filter, /ip/firewall/nat, /ip/firewall/mangle and
// /ip/firewall/raw (ordered), /ip/firewall/address-list, /ip/route,
// /ip/dhcp-client, /interface/wireguard and /interface/wireguard/peers,
// /ip/service (the eight builtin services, addressed by name), /ip/ssh,
// /system/clock, /system/ntp/client and /system/ntp/server (singletons),
// /system/logging/action and /system/logging (with the default actions and
// rules of a fresh router), /user/group (builtin read, write, full) and
// /user (admin), /system/identity (singleton) and /system/resource
// (read-only: version, board-name CHR, ...).
// IPv6: /ipv6/firewall/address-list, /ipv6/firewall/filter (ordered),
// /ipv6/route, /ipv6/dhcp-client and /ipv6/nd (see below).
//
//   - Ethernet (menus_ethernet.go): the ports take the set arguments
//     RouterOS 7.19's console inspect lists for x86 (TR's
//     tools/schema_changes dumps): auto-negotiation, speed and advertise
//     as 7.12+ link modes (1G-baseT-full; 10Mbps... and 1000M-full...
//     before 7.12), full-duplex before 7.12 only, mdix-enable,
//     disable-running-check, rx/tx-flow-control, cable-settings,
//     combo-mode, fec-mode, sfp-rate-select, sfp-ignore-rx-los (7.15+) and
//     sfp-shutdown-temperature (given 90 or 90C, printed 90C as in 7.x
//     exports). advertise prints the six gigabit copper modes by default.
//     PoE-out: Config.PoEPorts names the ports with PoE-out; they print
//     poe-out=auto-on and poe-priority=10 until set; on a board without
//     PoE (the default) every poe-*/power-cycle-* setting is an unknown
//     parameter, on a PoE board a port without PoE refuses them.
//
//   - DHCP options: code 1..254 and name are required, names are unique;
//     raw-value is printed for values made of 0xHEX, s'text' and
//     'a.b.c.d' pieces; networks' dhcp-option, dhcp-option-set and sets'
//     options must name existing options and sets (and follow renames).
//     One DHCP server per interface (MikroTik's DHCP manual), unless their
//     relay addresses differ; one vlan per vlan-id and parent (a
//     use-service-tag vlan is another tag type and may share the id).
//
//   - Routes: every enabled address yields a dynamic connected route
//     (dst-address its network, gateway its interface, distance 0,
//     connect=true) that cannot be changed; static routes print distance 1,
//     scope 30, target-scope 10 and routing-table main by default; a
//     blackhole route with a gateway is refused.
//
//   - Mangle actions that mark or change (mark-connection, mark-packet,
//     mark-routing, change-dscp/mss/ttl, set-priority) need their new-*
//     value ("missing value(s) of argument(s) new-packet-mark"); a rule of
//     any table with src-port, dst-port or port and no port protocol is
//     refused with "failure: ports can be specified if proto is
//     tcp,udp,udp-lite,dccp,sctp" (RouterOS's words, seen by tik4net #52).
//
//   - Address lists: an entry holds an address, network, range or DNS name;
//     a second entry with the same list and address is refused ("failure:
//     already have such entry"); an entry with a timeout prints dynamic=true
//     and the time it has left (counted from creation-time).
//
//   - WireGuard: a new interface without private-key gets one generated;
//     public-key is derived from the private key with X25519 (RFC 7748);
//     listen-port 13231 and mtu 1420 by default; a peer's keys must be 32
//     bytes of base64.
//
//   - Services: certificate and tls-version exist on www-ssl and api-ssl
//     only (printed certificate=none, tls-version=any there); address is a
//     list of networks. A group's policy is stored and printed as every
//     policy, the granted ones first in RouterOS's order and the others
//     negated; logging topics and policies take "!" per item. A user's
//     password is never printed. time-zone-name must be an IANA zone (or
//     manual).
//
//   - DHCP client: one per interface; with no DHCP server to talk to it
//     stays status=searching... (stopped when disabled) without an address.
//
//   - Interfaces share one id and name space. Ids are *HEX, allocated in
//     increasing order per table and never reused; bridge ports start at
//     *0, builtin interface lists have ids from *2000010.
//
//   - Print shows .id (not for singletons), the set properties, the
//     defaults RouterOS prints, and computed read-only properties; defaults
//     RouterOS omits stay omitted even when set explicitly (dhcp-server
//     authoritative=yes, lease server=all, dns static type=A, ...).
//
//   - Firewall matchers are checked: src-port, dst-port, port and nat
//     to-ports are lists of ports and ranges 0..65535; protocol a name
//     RouterOS knows or 0..255; connection-state a list of established,
//     invalid, new, related, untracked (connection-nat-state: srcnat,
//     dstnat); src-address, dst-address and nat to-addresses a.b.c.d,
//     a.b.c.d/0..32, a.b.c.d/netmask or a.b.c.d-e.f.g.h; matchers (not
//     to-*) take a leading "!". They are printed as given. Interface names
//     are at most 255 bytes.
//
//   - Values are normalised as RouterOS prints them: booleans true/false
//     (yes/no/true/false accepted), durations 1w2d3h4m5s6ms (300, 24h,
//     00:00:10, "1d 00:10:00" accepted), MACs upper-case with colons, bridge
//     and port priority as 0x hex, enums to their canonical case, comma
//     lists without blanks, addresses without a prefix length as /32.
//
//   - Computed: running (ports run unless disabled, a vlan with its parent,
//     a bond with a slave), mac-address of vlans/bonds/bridges, slave,
//     actual-mtu, l2mtu, network of an address, actual-interface and invalid
//     of addresses and DHCP servers, pool total/used/available, bridge port
//     status/inactive, bridge vlan current-tagged/current-untagged, firewall
//     bytes/packets, dynamic. A static bridge vlan row's current-tagged and
//     current-untagged list only the configured interfaces that are
//     members of its bridge (the bridge itself and its enabled ports),
//     interface lists expanded to their members, plus (untagged) the ports
//     whose pvid the row covers.
//
//   - References must exist ("input does not match any value of
//     <argument>"): interfaces, bridges, pools, DHCP servers, interface
//     lists; "*ID" references resolve to names; firewall interface matchers
//     accept a "!" negation. References follow a rename, and show as *ID
//     once the item is removed (that address is then invalid=true).
//
//   - Errors, with RouterOS's words: "unknown parameter x", "missing
//     value(s) of argument(s) x" (several joined by ","), "value of x out
//     of range (a..b)", "input does not match any value of x", "invalid
//     value for argument x", "no such item", "no such command or directory
//     (verb)", "no such command prefix", "failure: already have interface
//     with such name", "failure: already have such address", "failure:
//     interface cannot be in tagged and untagged at the same time",
//     "failure: each interface can appear only once", "failure: device
//     already added as bridge port", "failure: can not change dynamic",
//     "failure: entry already exists" (dns static), "value of code out of
//     range (1..254)" (dhcp option).
//
//   - Dynamic rows: on a bridge with vlan-filtering, each pvid of the bridge
//     and its enabled ports that no static /interface/bridge/vlan row covers
//     gets a dynamic row (current-untagged lists its members); a static row
//     covering the pvid lists those ports in its current-untagged instead.
//
// Knobs: listen addresses, users, version, number of ethernet ports, the
// ports with PoE-out (PoEPorts),
// latency, MinServiceTime, Trace, DropAfter/DropOn, Counters, and Config.Seed / LoadExport, which
// loads a RouterOS /export script (the menus above; other menus and
// unknown parameters are skipped, and LoadExportReport says which), and
// Config.Snapshot / LoadSnapshot, which loads a snapshot taken from a real
// router over the API (TakeSnapshot: one print per menu above) with its
// ids and id counters, so a state taken from that router plans the same
// against the emulator; snapshots hold no secrets (printed private and
// pre-shared keys are dropped; WireGuard interfaces get generated keys);
// the bounds above are Config fields too.
//
// # Not modelled
//
//   - Legacy (pre-6.43) challenge login; a limit on the number of
//     sentences before login (only their size is limited); users' groups and
//     policies (every user is a full user); export, find, and menus not
//     listed above.
//   - Traffic and link state: counters stay 0, every enabled port is up,
//     DHCP leases are never handed out (status=waiting, no dynamic leases),
//     DNS cache-used is fixed.
//   - Interface kinds other than ethernet, vlan, bridge and bonding;
//     switch chips, hardware offload, MSTP/MVRP details, IPv6.
//   - Messages not confirmed against a real router (guesses in RouterOS
//     style): "not logged in", "failure: can not add slave interface as
//     bridge port", "failure: interface is already slave", "failure:
//     already have interface list with such name", "failure: already have
//     pool with such name", "failure: already have server with such name",
//     "failure: already have such entry" (list member), "failure: already
//     have static lease for this client", "failure: can not change builtin",
//     "failure: can not change dynamic" for remove, "failure: can not add
//     bridge to itself", "can not unset x", and which trap categories go
//     with which message. For the firewall matchers and names (the
//     refusals are RouterOS's, their words follow its general ones): "value
//     of dst-port out of range (0..65535)" (also src-port, port, to-ports),
//     "invalid value for argument dst-port" (not a number, reversed range),
//     "value of protocol out of range (0..255)", "input does not match any
//     value of protocol" (also connection-state, connection-nat-state),
//     "invalid value for argument src-address" (also dst-address,
//     to-addresses) and "invalid value for argument name" for an interface
//     name over 255 bytes (a sanity bound: RouterOS declares no maximum,
//     and accepts names longer than Linux's 15).
//   - Unconfirmed device behaviour behind the bounds: RouterOS's own limits
//     on sentences and its login timeout are undocumented (the numbers here
//     are chosen to fit large legitimate prints and adds); a connection over
//     max-sessions is closed without a word (RouterOS may send something
//     first); what RouterOS does with a listen whose client stops reading is
//     unknown. Printing of firewall values: RouterOS masks host bits of an
//     address/prefix, drops /32, and may print a protocol number by name;
//     none of that is modelled, and whether an empty matcher value unsets
//     it (as here) or is refused is unconfirmed.
//   - Cross-row rules beyond those listed, e.g. overlapping bridge vlan rows
//     (a user's note measured "failure: vlan already added" for a second
//     static row of a vlan-id on one bridge; not modelled).
//   - Unconfirmed for issue #13's rules (searched: MikroTik's manual and
//     forum, other clients' test suites and issues; no RouterOS wording
//     found): "failure: vlan with such vlan-id already exists on this
//     interface" (and whether RouterOS refuses the clash or accepts it and
//     leaves the second vlan not running), "failure: dhcp-server already
//     exists on this interface" (the manual says one server per interface,
//     not the message), "failure: already have option with such name",
//     "failure: already have option set with such name", "failure: poe-out
//     is not supported on this interface" (a PoE board's port without
//     PoE), "invalid value for argument sfp-shutdown-temperature" and its
//     range 0..255. Printing: whether mdix-enable and disable-running-check
//     print when never set (here only once set), force's default (printed
//     once set), the default advertise of a CHR's virtual ports (here a
//     gigabit copper port's), that sfp-* settings are accepted on copper
//     ports (inspect lists them per menu, not per port), and raw-value for
//     the option value forms not modelled ($(VARIABLE), numbers).
//   - Unconfirmed for the routing, address-list, DHCP-client and WireGuard
//     menus: the wording for a second DHCP client on an interface
//     ("failure: dhcp-client already exists on this interface"), a blackhole
//     route with a gateway, a second peer with the same public key and a
//     malformed key ("invalid value for argument public-key"); whether an
//     entry with a timeout can be changed with set (allowed here); expiry of
//     such entries (they count down to 0s and stay); DNS-name entries are
//     not resolved into dynamic entries; routes are never inactive.
//   - Unconfirmed for services, users and logging: the refusals of removing
//     a default logging action or rule ("failure: can not remove default
//     action" / "... default logging rule") and a builtin group ("failure:
//     can not remove builtin group"), the duplicate-name wordings of
//     groups, users and actions, and of certificate on a plain service
//     (refused as an unknown parameter here). Users added with /user cannot
//     log in to the emulator (logins are Config.Users).
//   - SSH keys, NTP servers, scripts, the scheduler, SNMP, VRRP and IPv6
//     basics (menus_ssh_keys.go, menus_ntp_servers.go, menus_scripts.go,
//     menus_snmp.go, menus_vrrp.go, menus_ipv6.go): /user/ssh-keys (no set;
//     prints key-type, bits and key-owner, never the key),
//     /system/ntp/client/servers, /system/script and /system/scheduler
//     (nothing runs), /snmp (settings) and /snmp/community (the builtin
//     public community, not removable), /interface/vrrp (an interface of
//     type vrrp, always master) and /ipv6/settings, /ipv6/pool and
//     /ipv6/address (from-pool and eui-64 fill in the address). Their
//     arguments are 7.9-7.19's console inspect (TR's tools/schema_changes),
//     their defaults MikroTik's manual and community.routeros's API data.
//     What stays unconfirmed is listed at the top of each file: chiefly the
//     wording of refusals (bad key, duplicate names, addresses and vrids,
//     min-poll above max-poll, removing the public community, a pool's
//     prefix-length), the owner given to entries added over the API,
//     auth-key references, the pre-7.10 date format, and whether SNMP and
//     VRRP passwords print in clear.
//   - The rest of the IPv6 basics (menus_ipv6_firewall.go,
//     menus_ipv6_route.go, menus_ipv6_dhcp_client.go, menus_ipv6_nd.go),
//     from MikroTik's "IPv6 Firewall Filter", "Address list", "IPv6 Route",
//     "DHCPv6 Client" and "IPv6 Neighbor Discovery" pages and
//     community.routeros's API data: /ipv6/firewall/address-list and
//     /ipv6/firewall/filter (ordered; IPv6 addresses or prefixes printed
//     compressed, reject-with the ICMPv6 errors, no tarpit or
//     fasttrack-connection, no fragment or ttl matchers), /ipv6/route
//     (static routes plus one dynamic connected route per enabled IPv6
//     address), /ipv6/dhcp-client (stays searching...: no DHCPv6 server)
//     and /ipv6/nd (the builtin interface=all row, default=true, not
//     removable). Unconfirmed guesses: that RouterOS keeps a prefix's host
//     bits and a /128 as given in address lists and rules; that an unset
//     reject-with is omitted from print (the manual's default is
//     icmp-no-route); "invalid value for argument x" for a bad IPv6
//     address; that fasttrack-connection is refused (7.18+ may take it);
//     /ipv6/route's dst-address default ::/0 and that static routes all
//     print active, link-local fe80::/64 routes not modelled;
//     rapid-commit's default yes; "failure: dhcpv6-client already exists on
//     this interface" and the missing pool-name refusal; /ipv6/nd's
//     wordings "failure: entry for this interface already exists",
//     "failure: can not remove default entry" and "failure: can not change
//     interface of default entry", advertise-dns printed as a bool (7.x
//     also takes self), and ra-interval printed as two durations (20s-1m).
//
// # Reply timing and stock go-routeros async clients (issue #13)
//
// Stock go-routeros v3.0.1 clients in async mode hang against a fast
// server: RunArgsContext flushes the command, releases the writer, and only
// then registers its tag in c.tags; asyncLoop drops any sentence whose tag
// is not registered ("cannot find tag for this sentence, ignore"), so a
// reply read in between is lost and that Run waits forever (upstream issue
// #33, seen there against a real router with a 0.3 ms RTT and 16 calls in
// flight). ListenArgs registers under the lock it sends with and is safe.
// In principle a print can also lose an !re and still get its !done
// (fewer rows, silently) if the tag is registered between the two.
//
// The emulator's part, checked (Config.Trace, --trace, logs each sentence
// received when read and each one sent just before it is written, with its
// connection and .tag, secrets masked): ruled out. Each connection has one
// writer goroutine (outqueue.go) writing unbuffered to the net.Conn, so
// nothing waits in a buffer and writes never interleave; a command's whole
// reply (its !re, !empty, !trap and !done) is one buffer and one write, so a
// tag's sentences are contiguous and !done is last; /cancel removes the
// listener under the state lock before queueing its !trap and !done, so no
// !re follows them, and they go out before /cancel's own !done.
// TestStressGoRouterOSAsyncNoServiceTime (stress_test.go) proves the hangs
// are the client's: with no service time the emulator answers within tens
// of microseconds and 10 goroutines sharing one stock async client all
// hang within 250 to 6,300 commands (depending on the load); for every
// hung command the trace shows the emulator sent its !done, a copy of the
// bytes the client read shows its reader got that !done, and replies sent
// after it were delivered, so the client read the reply and dropped it.
//
// No server can close that window (nothing on the wire says when the
// client has registered its tag); it can only answer late enough that the
// client's goroutine has run the few instructions from its flush to its
// registration. Under CPU load that goroutine may wait in a run queue for
// milliseconds. Measured with TestStressGoRouterOSAsync (10 goroutines x
// 2,000 commands on one connection, 2 cores with a test suite running,
// load ~5): a minimum service time of 1ms lost 1 or 2 replies in 4 of 6
// runs of 20,000 commands, 2ms lost one in 2 of 4 runs, 3ms one in 1 of 4,
// 5ms (or 5ms of Latency) none in 12 runs (240,000 commands). Hence
// Config.MinServiceTime (--min-service-time) defaults to 5ms, measured from
// the command's arrival; with Latency the reply is due at the later of
// arrival+MinServiceTime and execution+Latency. It is a probability, not a guarantee: on a busier
// machine raise it (10ms), or use a client that registers the tag before
// sending. The acceptance harness (internal/acctest) sets 500µs, as the
// provider's own dispatcher registers tags before sending; the 5ms default
// cost TestAccBadInput ~10% (18.6-20.0s against 17.3s). The stress test
// takes about 25s (two runs of 20,000 commands at 5ms each per goroutine);
// STRESS_MST=3ms overrides MinServiceTime there, to measure a value.
//
// # Certificates and files (menus_certificate.go)
//
// From MikroTik's manual ("Certificates", "File"): /file add name=
// contents= (RouterOS 7.9+) makes a file with that text; /certificate/import
// file-name= passphrase= name= installs every certificate of a PEM file (the
// first named name=, later ones name_1...; without name= the file name
// with _0, _1...) and attaches each private key to the installed certificate
// with the same public key (legacy encrypted PEM keys are decrypted with the
// passphrase); the counters certificates-imported, private-keys-imported,
// files-imported, decryption-failures and keys-with-no-certificate come back
// as one !re row. Print shows name, common-name, subject-alt-name
// (DNS:x,IP:y), issuer, serial-number, fingerprint (SHA-256 of the DER, hex),
// key-type, key-size, invalid-before/invalid-after (2006-01-02 15:04:05,
// UTC), expires-after, days-valid and the flags private-key, authority (a CA
// certificate), trusted (yes after import; settable), expired, revoked,
// crl. set changes name and trusted; export-certificate numbers= type=pem
// file-name= writes <file-name>.crt. /ip/service certificate= must name an
// installed certificate or none; api-ssl serves the certificate bound to it
// at each handshake (with its issuers that are installed), so a set switches
// it for the next connection, and the generated one while none is bound.
// Unconfirmed: the counters as !re (not on !done), the naming of further
// certificates of one file, that importing an installed certificate again
// is skipped, that a taken name is refused ("failure: certificate with the
// same name already exists") rather than renamed, the wording for a missing
// file ("failure: no such file"), the issuer's spelling, that a renamed
// certificate stays bound and a removed one leaves the service at none,
// that api-ssl sends the installed issuers as the chain, and /file's
// contents size limit over the API. Not modelled: templates (add, sign),
// CRLs, SCEP, ACME, export of keys, PKCS#12 and encrypted PKCS#8 keys.
package routeros
