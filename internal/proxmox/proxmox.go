// Package proxmox holds the Proxmox VE resources and data sources of the
// provider, built on github.com/Telmate/proxmox-api-go (see client.go).
//
// Layout, one job a file:
//
//	client.go               the Client: construction and auth choice, Get/Post/Put/Delete over the library
//	client_transport.go     the http.RoundTripper: ticket login and renewal, retries, the body capture
//	api_errors.go           APIError, NotFound, the library's errors mapped, secrets redacted
//	tasks.go                waiting for UPID tasks, TaskError with the exit status and log
//	vmid.go                 VMID reservation for parallel creates
//	resources_cache.go      the run's cached /cluster/resources listing, invalidated by the run's writes
//	digest.go               config updates guarded by the digest (ConfigChangedError, private state)
//	values.go               PVE's loosely typed JSON values (str, toInt, toFloat, toBool)
//	props.go, sizetype.go   property strings ("local-lvm:vm-1-disk-0,size=8G") and disk sizes
//	validators.go           attribute validators shared by the schemas
//
//	guestcreate.go          the guest layer: create without loss or duplicates (VMID, name checks, partial state)
//	guest.go                the guest layer: read wherever it runs, pools, disk growth, pending changes,
//	                        Read/Delete/ImportState shared by the guest resources, shrink checks
//	guest_config.go         the guest layer: conversion helpers of the models (put*/cfg*, configChanges),
//	                        PVE's spelling kept by refreshes and plans (respelled*, same*)
//	state_upgrade.go        state upgraders of the guests (version 0: before the write-only attributes)
//
//	lxc_schema.go           homelab_proxmox_lxc: schema and plan-time checks (ValidateConfig, ModifyPlan)
//	lxc_model.go            its model and the conversion to PVE's config and back (toAPI, fromAPI)
//	lxc.go                  its CRUD
//	vm_schema.go, vm_model.go, vm.go                            homelab_proxmox_vm, the same way
//	lxc_template_schema.go, lxc_template_model.go, lxc_template.go  homelab_proxmox_lxc_template
//	storage_schema.go, storage_model.go, storage.go            homelab_proxmox_storage (/storage)
//	pool_schema.go, pool_model.go, pool.go                     homelab_proxmox_pool (/pools)
//	backup_job_schema.go, backup_job_model.go, backup_job.go   homelab_proxmox_backup_job (/cluster/backup); calendar.go its schedule syntax
//	ha_schema.go, ha_model.go, ha_resource.go, ha_rule.go       homelab_proxmox_ha_resource (/cluster/ha/resources), homelab_proxmox_ha_rule (/cluster/ha/rules)
//	node_network_schema.go, node_network_model.go, node_network.go  homelab_proxmox_node_network (/nodes/{node}/network, staged + reload)
//	node_certificate_schema.go, node_certificate_model.go, node_certificate.go  homelab_proxmox_node_certificate (/nodes/{node}/certificates/custom)
//	*_data_source.go        the data sources
//	plan_shortcuts.go       which resources take the provider server's unchanged-plan and validation shortcuts
//
// A new guest resource gets the same three files and uses the guest layer;
// its toAPI/fromAPI get unit tests (lxc_model_test.go), its behaviour an
// acceptance test against the emulator (internal/emulator/proxmox). A new
// resource opts in to the shortcuts only when plan_shortcuts.go's
// conditions hold for it.
package proxmox

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the Proxmox VE resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{newLXCResource, newLXCTemplateResource, newVMResource, newStorageResource, newPoolResource, newBackupJobResource, newHAResourceResource, newHARuleResource, newNodeNetworkResource, newNodeCertificateResource}
}

// DataSources lists the Proxmox VE data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newNodesDataSource, newStoragesDataSource, newLXCTemplatesDataSource}
}
