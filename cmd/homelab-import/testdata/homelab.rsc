# 2025-06-01 12:00:00 by RouterOS 7.19.4
# software id = 7K2M-QX9D
#
# model = CCR2004-16G-2S+
# serial number = HF1234567890
/interface bridge
add admin-mac=4C:5E:0C:00:10:02 auto-mac=no comment="Proxmox management" \
    name=bridge-proxmox priority=0x4000 vlan-filtering=yes
add comment="NFS between the cluster and the NAS" name=bridge-storage \
    protocol-mode=none
add comment="machines exposed in the DMZ" name=bridge-vms-dmz
add comment="internal machines" name=bridge-vms-internal
add ageing-time=10m comment="users' devices" igmp-snooping=yes name=\
    bridge-clients
/interface ethernet
set [ find default-name=ether1 ] comment="WAN (ISP)" name=ether1-wan
set [ find default-name=ether2 ] comment="trunk pve-s1" l2mtu=1598
set [ find default-name=ether3 ] comment="trunk pve-s2"
set [ find default-name=ether4 ] comment="trunk pve-s3"
set [ find default-name=ether5 ] comment="home router"
set [ find default-name=ether6 ] comment=printer
set [ find default-name=ether7 ] comment="laptop 1"
set [ find default-name=ether8 ] comment="laptop 2" disabled=yes
set [ find default-name=ether9 ] comment="storage.rachuna-net.pl port 1" \
    mtu=9000 rx-flow-control=auto tx-flow-control=auto
set [ find default-name=ether10 ] comment="storage.rachuna-net.pl port 2" \
    mtu=9000 rx-flow-control=auto tx-flow-control=auto
/interface wireguard
add comment="remote access" listen-port=13231 mtu=1420 name=wg-mgmt \
    private-key="bm90LWEtcmVhbC13aXJlZ3VhcmQta2V5LTAxMjM0NTY="
/interface wireguard peers
add allowed-address=10.255.0.2/32 comment="laptop of the admin" interface=\
    wg-mgmt name=laptop persistent-keepalive=25s preshared-key=\
    "bm90LWEtcmVhbC1wcmVzaGFyZWQta2V5LTAxMjM0NTY=" public-key=\
    "cGVlci1wdWJsaWMta2V5LWZvci10aGUtbGFwdG9wLTE="
/interface vlan
add comment="VMS-INTERNAL on pve-s1" interface=ether2 name=\
    ether2-vlan-vms-internal vlan-id=10
add comment="VMS-DMZ on pve-s1" interface=ether2 name=ether2-vlan-vms-dmz \
    vlan-id=20
add interface=ether3 name=ether3-vlan-vms-internal vlan-id=10
add interface=ether3 name=ether3-vlan-vms-dmz vlan-id=20
add interface=ether4 name=ether4-vlan-vms-internal vlan-id=10
add interface=ether4 name=ether4-vlan-vms-dmz vlan-id=20
add arp=reply-only comment="guest Wi-Fi of the home router" interface=ether5 \
    mtu=1496 name=ether5-vlan-guests vlan-id=88
/interface bonding
add comment="NAS storage.rachuna-net.pl" lacp-rate=1sec mode=802.3ad mtu=9000 \
    name=bonding-storage slaves=ether9,ether10 transmit-hash-policy=\
    layer-3-and-4 up-delay=200ms
/interface list
add comment="uplinks" name=WAN
add name=LAN
add comment="management networks" name=MGMT
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
/interface bridge port
add bridge=bridge-proxmox interface=ether2
add bridge=bridge-proxmox interface=ether3
add bridge=bridge-proxmox interface=ether4 priority=0x70
add bridge=bridge-storage interface=bonding-storage
add bridge=bridge-vms-dmz interface=ether2-vlan-vms-dmz
add bridge=bridge-vms-dmz interface=ether3-vlan-vms-dmz
add bridge=bridge-vms-dmz interface=ether4-vlan-vms-dmz
add bridge=bridge-vms-internal interface=ether2-vlan-vms-internal
add bridge=bridge-vms-internal interface=ether3-vlan-vms-internal
add bridge=bridge-vms-internal interface=ether4-vlan-vms-internal
add bridge=bridge-clients interface=ether5
add bridge=bridge-clients comment=printer edge=yes interface=ether6
add bridge=bridge-clients edge=yes interface=ether7
add bridge=bridge-clients edge=yes interface=ether8
add bridge=bridge-clients horizon=1 interface=ether5-vlan-guests
/ip neighbor discovery-settings
set discover-interface-list=MGMT
/interface bridge vlan
add bridge=bridge-proxmox comment="out-of-band management" tagged=\
    bridge-proxmox,ether2,ether3,ether4 vlan-ids=99
add bridge=bridge-proxmox tagged=bridge-proxmox untagged=ether4 vlan-ids=\
    100,200-210
/interface list member
add interface=ether1-wan list=WAN
add interface=bridge-proxmox list=LAN
add interface=bridge-vms-internal list=LAN
add interface=bridge-vms-dmz list=LAN
add interface=bridge-storage list=LAN
add interface=bridge-clients list=LAN
add comment="hypervisors" interface=bridge-proxmox list=MGMT
add interface=ether5-vlan-guests list=LAN disabled=yes
/ip address
add address=10.10.0.1/24 comment=proxmox interface=bridge-proxmox network=\
    10.10.0.0
add address=10.10.10.1/24 interface=bridge-vms-internal network=10.10.10.0
add address=10.10.20.1/24 interface=bridge-vms-dmz network=10.10.20.0
add address=10.10.30.1/24 interface=bridge-storage network=10.10.30.0
add address=192.168.88.1/24 comment=clients interface=bridge-clients network=\
    192.168.88.0
add address=10.10.99.1/24 interface=bridge-proxmox network=10.10.99.0
add address=192.168.89.1/24 interface=ether5-vlan-guests network=192.168.89.0
/ip pool
add comment="Proxmox management" name=pool-proxmox ranges=\
    10.10.0.100-10.10.0.199
add name=pool-vms-internal ranges=10.10.10.100-10.10.10.199
add name=pool-vms-dmz ranges=10.10.20.100-10.10.20.199
add name=pool-storage ranges=10.10.30.100-10.10.30.149
add name=pool-clients-extra ranges=192.168.88.210-192.168.88.250
add name=pool-clients next-pool=pool-clients-extra ranges=\
    192.168.88.100-192.168.88.199
add name=pool-guests ranges=192.168.89.10-192.168.89.200
/ip dhcp-server
add address-pool=pool-proxmox interface=bridge-proxmox lease-time=1d name=\
    dhcp-proxmox
add address-pool=pool-vms-internal interface=bridge-vms-internal lease-time=\
    12h name=dhcp-vms-internal
add address-pool=pool-vms-dmz interface=bridge-vms-dmz lease-time=1h name=\
    dhcp-vms-dmz
add address-pool=pool-storage authoritative=after-2sec-delay interface=\
    bridge-storage lease-time=1d name=dhcp-storage
add address-pool=pool-clients interface=bridge-clients lease-time=10m name=\
    dhcp-clients
add address-pool=pool-guests interface=ether5-vlan-guests lease-time=30m name=\
    dhcp-guests
/ip dhcp-client
add comment="WAN from the ISP" interface=ether1-wan use-peer-ntp=no
/ip dhcp-server lease
add address=192.168.88.20 comment=printer mac-address=00:11:22:33:44:55 \
    server=dhcp-clients
add address=10.10.30.10 comment=storage.rachuna-net.pl mac-address=\
    00:11:32:AA:BB:CC server=dhcp-storage
add address=10.10.0.11 comment=pve-s1 mac-address=BC:24:11:00:00:01 server=\
    dhcp-proxmox
add address=10.10.0.12 comment=pve-s2 mac-address=BC:24:11:00:00:02 server=\
    dhcp-proxmox
add address=10.10.0.13 comment=pve-s3 lease-time=1w mac-address=\
    BC:24:11:00:00:03 server=dhcp-proxmox
add address=192.168.88.30 block-access=yes comment="blocked laptop" \
    mac-address=a4:83:e7:12:34:56 server=dhcp-clients
/ip dhcp-server network
add address=10.10.0.0/24 dns-server=10.10.0.1 domain=rachuna-net.pl gateway=\
    10.10.0.1 ntp-server=10.10.0.1
add address=10.10.10.0/24 dns-server=10.10.10.1 domain=rachuna-net.pl \
    gateway=10.10.10.1
add address=10.10.20.0/24 dns-server=10.10.20.1,1.1.1.1 gateway=10.10.20.1
add address=10.10.30.0/24 gateway=10.10.30.1 comment="no DNS on storage"
add address=192.168.88.0/24 dns-server=192.168.88.1 gateway=192.168.88.1
add address=192.168.89.0/24 dns-server=1.1.1.1,9.9.9.9 gateway=192.168.89.1
/ip dns
set allow-remote-requests=yes cache-max-ttl=1d cache-size=4096 servers=\
    1.1.1.1,9.9.9.9
/ip dns static
add address=10.10.10.11 comment="Vault VIP" name=vault.rachuna-net.pl
add address=10.10.10.12 name=consul.rachuna-net.pl ttl=5m
add address=10.10.20.10 name=gitlab.rachuna-net.pl
add address=10.10.0.11 name=pve-s1.rachuna-net.pl
add address=10.10.0.12 name=pve-s2.rachuna-net.pl
add address=10.10.0.13 name=pve-s3.rachuna-net.pl
add address=10.10.30.10 name=storage.rachuna-net.pl
add cname=gitlab.rachuna-net.pl name=git.rachuna-net.pl type=CNAME
add forward-to=10.10.0.53 match-subdomain=yes name=k8s.rachuna-net.pl type=FWD
add name=rachuna-net.pl text="v=spf1 -all" type=TXT
/ip firewall address-list
add address=10.10.0.0/24 list=management
add address=10.10.99.0/24 list=management
add address=10.10.30.0/24 list=storage
add address=0.0.0.0/8 comment="RFC6890" list=bogons
add address=172.16.0.0/12 comment="RFC6890" list=bogons
add address=192.0.2.0/24 comment="RFC6890" list=bogons
/ip firewall filter
add action=accept chain=input comment="established, related" \
    connection-state=established,related
add action=drop chain=input comment="drop invalid" connection-state=invalid
add action=accept chain=input comment=icmp protocol=icmp
add action=accept chain=input comment="admin from management" dst-port=\
    22,8291,8729 protocol=tcp src-address-list=management
add action=accept chain=input comment="DNS from the LAN" dst-port=53 \
    in-interface-list=LAN protocol=udp
add action=accept chain=input comment="wireguard" dst-port=13231 protocol=udp
add action=accept chain=input comment="old winbox rule" disabled=yes dst-port=\
    8291 protocol=tcp
add action=drop chain=input comment="drop all not from the LAN" \
    in-interface-list=!LAN
add action=fasttrack-connection chain=forward comment=fasttrack \
    connection-state=established,related hw-offload=yes
add action=accept chain=forward comment="established, related" \
    connection-state=established,related
add action=drop chain=forward comment="drop invalid" connection-state=invalid
add action=drop chain=forward comment="clients -> storage" dst-address=\
    10.10.30.0/24 src-address=192.168.88.0/24
add action=drop chain=forward comment="dmz -> management" dst-address-list=\
    management in-interface=bridge-vms-dmz
add action=reject chain=forward comment="dmz -> storage" dst-address=\
    10.10.30.0/24 in-interface=bridge-vms-dmz reject-with=\
    icmp-network-unreachable
add action=drop chain=forward comment="bogons from the WAN" in-interface=\
    ether1-wan log=yes log-prefix="bogon " src-address-list=bogons
add action=jump chain=forward comment="to k8s" dst-address=10.10.10.0/24 \
    jump-target=k8s protocol=tcp
add action=accept chain=forward comment="dst-nat from the WAN" \
    connection-nat-state=dstnat in-interface-list=WAN
add action=drop chain=forward comment="drop new from the WAN not dst-nat" \
    connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
add action=accept chain=k8s comment="k8s api" dst-port=6443 protocol=tcp
add action=drop chain=k8s comment="no ssh from the guests" in-interface=\
    ether5-vlan-guests dst-port=22 protocol=tcp
add action=return chain=k8s
/ip firewall nat
add action=masquerade chain=srcnat comment="masquerade to the WAN" \
    out-interface-list=WAN
add action=src-nat chain=srcnat comment="storage egress" out-interface=\
    !bridge-storage src-address=10.10.30.0/24 to-addresses=203.0.113.10
add action=dst-nat chain=dstnat comment="https to the HAProxy VIP" dst-port=\
    443 in-interface=ether1-wan protocol=tcp to-addresses=10.10.20.100 \
    to-ports=443
add action=dst-nat chain=dstnat comment="k8s api to the HAProxy VIP" \
    dst-port=6443 in-interface=ether1-wan protocol=tcp to-addresses=\
    10.10.20.100
/ip firewall mangle
add action=change-mss chain=forward comment="clamp MSS to the WAN" new-mss=\
    clamp-to-pmtu out-interface=ether1-wan protocol=tcp tcp-flags=syn
add action=mark-connection chain=prerouting comment="storage traffic" \
    dst-address=10.10.30.0/24 new-connection-mark=storage passthrough=yes
add action=mark-routing chain=prerouting comment="backup via storage" \
    connection-mark=storage new-routing-mark=main passthrough=no
/ip firewall raw
add action=drop chain=prerouting comment="bogons from the WAN" \
    in-interface=ether1-wan src-address-list=bogons
add action=notrack chain=prerouting comment="no tracking for NFS" \
    dst-address=10.10.30.0/24 in-interface=bridge-storage
/ip route
add comment="storage backup network" dst-address=10.20.0.0/16 gateway=\
    10.10.30.2
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set ssh address=10.10.0.0/24,10.10.99.0/24
set winbox address=10.10.0.0/24,10.10.99.0/24
set api disabled=yes
set api-ssl address=10.10.0.0/24,10.10.99.0/24 certificate=\
    router.rachuna-net.pl
/system clock
set time-zone-name=Europe/Warsaw
/system identity
set name=router.rachuna-net.pl
/system logging action
add name=syslog remote=10.10.0.20 target=remote
/system logging
add action=syslog topics=info
add action=syslog topics=error
/system note
set show-at-login=no
/system ntp client
set enabled=yes
/system ntp server
set enabled=yes manycast=no multicast=no
/system ntp client servers
add address=pool.ntp.org
/user group
add name=terraform policy="read,write,api,rest-api,!ftp,!telnet,!winbox"
