# The 3-node cluster (HOMELAB.md). Its guests are here: Consul+Vault
# containers ct01005-ct01007, GitLab runners, HAProxy VMs behind a VIP, and
# Kubernetes, every guest spread across the nodes by its index. The cluster
# itself is in cluster.tf (the NAS storage, pools, backups, HA), the nodes'
# vmbr0 in network.tf, their certificates in certificates.tf.

locals {
  node_count = length(var.nodes)

  consul_vault = {
    for i in range(3) : format("ct%05d", 1005 + i) => {
      vmid = 1005 + i
      node = var.nodes[i % local.node_count]
      ip   = "10.10.10.${5 + i}/24"
    }
  }

  runners = { for i in range(3) : "gitlab-runner-${i + 1}" => var.nodes[i % local.node_count] }

  haproxy = {
    for i in range(3) : "haproxy-${i + 1}" => { vmid = 2001 + i, node = var.nodes[i % local.node_count] }
  }

  kubernetes = merge(
    { for i in range(3) : "k8s-master-${i + 1}" => { vmid = 3001 + i, node = var.nodes[i % local.node_count], cores = 2, memory = 4096, disk = "32G" } },
    { for i in range(6) : "k8s-worker-${i + 1}" => { vmid = 3101 + i, node = var.nodes[i % local.node_count], cores = 4, memory = 8192, disk = "64G" } },
  )
}

# The Ubuntu container template on each node's `local` storage.
resource "homelab_proxmox_lxc_template" "ubuntu" {
  for_each = toset(var.nodes)

  node     = each.key
  storage  = "local"
  template = var.ubuntu_template
}

resource "homelab_proxmox_lxc" "consul_vault" {
  for_each = local.consul_vault

  node         = each.value.node
  vmid         = each.value.vmid
  hostname     = each.key
  ostemplate   = homelab_proxmox_lxc_template.ubuntu[each.value.node].volid
  unprivileged = true
  cores        = 2
  memory       = 2048
  swap         = 512
  rootfs = {
    storage = "local-lvm"
    size    = "16G"
  }
  network = [{
    name   = "eth0"
    bridge = homelab_proxmox_node_network.vmbr0[each.value.node].iface
    tag    = var.vlans.internal
    ip     = each.value.ip
    gw     = "10.10.10.1"
  }]
  nameserver   = "10.10.10.1"
  searchdomain = var.domain
  onboot       = true
  started      = true
  pool         = homelab_proxmox_pool.this["infra"].pool_id
  tags         = ["consul", "vault"]
  description  = "Consul server and Vault on ${each.value.node}"
}

resource "homelab_proxmox_lxc" "runner" {
  for_each = local.runners

  # No vmid: the provider allocates one, race-free, from /cluster/nextid.
  node         = each.value
  hostname     = each.key
  ostemplate   = homelab_proxmox_lxc_template.ubuntu[each.value].volid
  unprivileged = true
  cores        = 4
  memory       = 4096
  rootfs = {
    storage = "local-lvm"
    size    = "32G"
  }
  mount_point = [{
    storage = homelab_proxmox_storage.nas.storage
    size    = "50G"
    path    = "/cache"
  }]
  network = [{
    name   = "eth0"
    bridge = homelab_proxmox_node_network.vmbr0[each.value].iface
    tag    = var.vlans.internal
    ip     = "dhcp"
  }]
  features = {
    nesting = true
  }
  started = true
  pool    = homelab_proxmox_pool.this["infra"].pool_id
  tags    = ["gitlab-runner"]
}

resource "homelab_proxmox_vm" "haproxy" {
  for_each = local.haproxy

  node    = each.value.node
  vmid    = each.value.vmid
  name    = each.key
  cores   = 2
  memory  = 2048
  agent   = true
  onboot  = true
  started = true
  disk = [{
    slot    = "scsi0"
    storage = "local-lvm"
    size    = "16G"
  }]
  # The VIP lives in the DMZ; the backends (Vault, Consul) are internal.
  network = [
    { bridge = homelab_proxmox_node_network.vmbr0[each.value.node].iface, tag = var.vlans.dmz },
    { bridge = homelab_proxmox_node_network.vmbr0[each.value.node].iface, tag = var.vlans.internal },
  ]
  pool = homelab_proxmox_pool.this["infra"].pool_id
  tags = ["haproxy"]
}

resource "homelab_proxmox_vm" "kubernetes" {
  for_each = local.kubernetes

  node     = each.value.node
  vmid     = each.value.vmid
  name     = each.key
  cores    = each.value.cores
  memory   = each.value.memory
  cpu_type = "host"
  agent    = true
  started  = true
  disk = [{
    slot    = "scsi0"
    storage = "local-lvm"
    size    = each.value.disk
  }]
  network = [{ bridge = homelab_proxmox_node_network.vmbr0[each.value.node].iface, tag = var.vlans.internal }]
  pool    = homelab_proxmox_pool.this["k8s"].pool_id
  tags    = ["kubernetes", startswith(each.key, "k8s-master") ? "master" : "worker"]
}
