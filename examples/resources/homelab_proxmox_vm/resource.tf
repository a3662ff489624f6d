# HAProxy VM on pve-s1, a full clone of the cloud-init template 9000, with a
# leg in the DMZ (VLAN 20) and one in vms-internal.
resource "homelab_proxmox_vm" "haproxy_1" {
  node = "pve-s1" # changing it migrates the VM (online when running)
  vmid = 2001
  name = "haproxy-1"

  # Write-only, used at creation only: changing it later changes nothing
  # (to rebuild from another template: tofu apply -replace=...).
  clone = {
    source_vmid = 9000
    full        = true
    storage     = "local-lvm"
  }

  cores    = 2
  sockets  = 1
  memory   = 2048
  cpu_type = "x86-64-v2-AES"
  agent    = true

  disk = [{
    slot    = "scsi0"
    storage = "local-lvm"
    size    = "16G" # grows in place
  }]

  network = [
    { model = "virtio", bridge = "vms-dmz", firewall = true },
    { model = "virtio", bridge = "vms-internal" },
  ]

  cloud_init = {
    storage          = "local-lvm"
    user             = "ubuntu"
    password         = var.ci_password # write-only: sent at creation...
    password_version = 1               # ...and again whenever this changes
    ssh_keys         = file("~/.ssh/id_ed25519.pub")
    ip_config        = [{ ip = "10.10.20.11/24", gw = "10.10.20.1" }, { ip = "10.10.10.11/24" }]
    nameserver       = "10.10.20.1"
  }

  boot        = "order=scsi0;net0"
  onboot      = true
  started     = true
  tags        = ["haproxy", "dmz"]
  description = "HAProxy behind the VIP"
}

variable "ci_password" {
  type      = string
  sensitive = true
}
