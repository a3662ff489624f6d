package proxmox

// The route table: every endpoint the emulator serves, with the privilege
// checks PVE's handlers make on the paths our resources touch.
func init() {
	addRoute("POST", "/access/ticket", (*Server).createTicket).noAuth = true
	addRoute("GET", "/access/permissions", (*Server).permissions)
	addRoute("GET", "/version", (*Server).version)
	addRoute("GET", "/cluster/status", (*Server).clusterStatus)
	addRoute("GET", "/cluster/resources", (*Server).clusterResources)
	addRoute("GET", "/cluster/nextid", (*Server).nextID)
	addRoute("GET", "/cluster/ha/resources", (*Server).haList, "/:Sys.Audit")
	addRoute("POST", "/cluster/ha/resources", (*Server).haCreate, "/:Sys.Console")
	addRoute("GET", "/cluster/ha/resources/{sid}", (*Server).haGet, "/:Sys.Audit")
	addRoute("PUT", "/cluster/ha/resources/{sid}", (*Server).haUpdate, "/:Sys.Console")
	addRoute("DELETE", "/cluster/ha/resources/{sid}", (*Server).haDelete, "/:Sys.Console")
	addRoute("POST", "/cluster/ha/resources/{sid}/migrate", (*Server).haMotion, "/:Sys.Console")
	addRoute("POST", "/cluster/ha/resources/{sid}/relocate", (*Server).haMotion, "/:Sys.Console")
	addRoute("GET", "/cluster/ha/rules", (*Server).haRuleList, "/:Sys.Audit")
	addRoute("POST", "/cluster/ha/rules", (*Server).haRuleCreate, "/:Sys.Console")
	addRoute("GET", "/cluster/ha/rules/{rule}", (*Server).haRuleGet, "/:Sys.Audit")
	addRoute("PUT", "/cluster/ha/rules/{rule}", (*Server).haRuleUpdate, "/:Sys.Console")
	addRoute("DELETE", "/cluster/ha/rules/{rule}", (*Server).haRuleDelete, "/:Sys.Console")
	addRoute("GET", "/cluster/backup", (*Server).backupJobList, "/:Sys.Audit")
	addRoute("POST", "/cluster/backup", (*Server).backupJobCreate, "/:Sys.Modify")
	addRoute("GET", "/cluster/backup/{id}", (*Server).backupJobGet, "/:Sys.Audit")
	addRoute("PUT", "/cluster/backup/{id}", (*Server).backupJobUpdate, "/:Sys.Modify")
	addRoute("DELETE", "/cluster/backup/{id}", (*Server).backupJobDelete, "/:Sys.Modify")
	addRoute("GET", "/pools", (*Server).poolList)
	addRoute("POST", "/pools", (*Server).poolCreate, "/pool/{poolid}:Pool.Allocate")
	addRoute("PUT", "/pools", (*Server).poolUpdate, "/pool/{poolid}:Pool.Allocate")
	addRoute("DELETE", "/pools", (*Server).poolDelete, "/pool/{poolid}:Pool.Allocate")
	addRoute("GET", "/storage", (*Server).storageCfgList)
	addRoute("POST", "/storage", (*Server).storageCfgCreate, "/storage:Datastore.Allocate")
	addRoute("GET", "/storage/{storage}", (*Server).storageCfgGet, "/storage/{storage}:Datastore.Allocate")
	addRoute("PUT", "/storage/{storage}", (*Server).storageCfgUpdate, "/storage:Datastore.Allocate")
	addRoute("DELETE", "/storage/{storage}", (*Server).storageCfgDelete, "/storage:Datastore.Allocate")
	addRoute("GET", "/pools/{poolid}", (*Server).poolGet, "/pool/{poolid}:Pool.Audit")
	addRoute("PUT", "/pools/{poolid}", (*Server).poolUpdate, "/pool/{poolid}:Pool.Allocate")
	addRoute("DELETE", "/pools/{poolid}", (*Server).poolDelete, "/pool/{poolid}:Pool.Allocate")

	addRoute("GET", "/nodes", (*Server).nodeList)
	addRoute("GET", "/nodes/{node}/status", (*Server).nodeStatus, "/nodes/{node}:Sys.Audit")
	addRoute("GET", "/nodes/{node}/tasks/{upid}/status", (*Server).taskStatus)
	addRoute("GET", "/nodes/{node}/tasks/{upid}/log", (*Server).taskLog)

	addRoute("GET", "/nodes/{node}/network", (*Server).netList)
	addRoute("POST", "/nodes/{node}/network", (*Server).netCreate, "/nodes/{node}:Sys.Modify")
	addRoute("PUT", "/nodes/{node}/network", (*Server).netReload, "/nodes/{node}:Sys.Modify")
	addRoute("DELETE", "/nodes/{node}/network", (*Server).netRevert, "/nodes/{node}:Sys.Modify")
	addRoute("GET", "/nodes/{node}/network/{iface}", (*Server).netGet, "/nodes/{node}:Sys.Audit")
	addRoute("PUT", "/nodes/{node}/network/{iface}", (*Server).netUpdate, "/nodes/{node}:Sys.Modify")
	addRoute("DELETE", "/nodes/{node}/network/{iface}", (*Server).netDelete, "/nodes/{node}:Sys.Modify")
	addRoute("GET", "/nodes/{node}/storage", (*Server).storageList)
	addRoute("GET", "/nodes/{node}/storage/{storage}/status", (*Server).storageStatus, "/storage/{storage}:Datastore.Audit|Datastore.AllocateSpace")
	addRoute("GET", "/nodes/{node}/storage/{storage}/content", (*Server).contentList, "/storage/{storage}:Datastore.Audit|Datastore.AllocateSpace")
	addRoute("GET", "/nodes/{node}/storage/{storage}/content/{volume}", (*Server).contentGet, "/storage/{storage}:Datastore.Audit|Datastore.AllocateSpace")
	addRoute("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", (*Server).contentDelete, "/storage/{storage}:Datastore.Allocate")
	addRoute("POST", "/nodes/{node}/storage/{storage}/download-url", (*Server).downloadURL, "/storage/{storage}:Datastore.AllocateTemplate", "/nodes/{node}:Sys.AccessNetwork|Sys.Modify")
	addRoute("GET", "/nodes/{node}/certificates", (*Server).certIndex)
	addRoute("GET", "/nodes/{node}/certificates/info", (*Server).certInfoList)
	addRoute("POST", "/nodes/{node}/certificates/custom", (*Server).certUpload, "/nodes/{node}:Sys.Modify")
	addRoute("DELETE", "/nodes/{node}/certificates/custom", (*Server).certDelete, "/nodes/{node}:Sys.Modify")
	addRoute("POST", "/nodes/{node}/storage/{storage}/upload", (*Server).upload, "/storage/{storage}:Datastore.AllocateTemplate")
	addRoute("GET", "/nodes/{node}/query-url-metadata", (*Server).queryURLMetadata).check = checkURLMetadataPerms
	addRoute("GET", "/nodes/{node}/lxc/{vmid}/interfaces", guestOp("lxc", (*Server).lxcInterfaces), "/vms/{vmid}:VM.Audit")
	addRoute("GET", "/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces", guestOp("qemu", (*Server).agentNetworkGetInterfaces), "/vms/{vmid}:VM.GuestAgent.Audit|VM.GuestAgent.Unrestricted")
	addRoute("GET", "/nodes/{node}/aplinfo", (*Server).aplinfoList)
	addRoute("POST", "/nodes/{node}/aplinfo", (*Server).aplinfoDownload, "/storage/{storage}:Datastore.AllocateTemplate")

	for _, typ := range []string{"lxc", "qemu"} {
		base := "/nodes/{node}/" + typ
		addRoute("GET", base, guestList(typ))
		addRoute("POST", base, createHandler(typ), "/vms/{vmid}:VM.Allocate").check = checkCreatePerms
		addRoute("DELETE", base+"/{vmid}", guestOp(typ, (*Server).guestDelete), "/vms/{vmid}:VM.Allocate")
		addRoute("GET", base+"/{vmid}/config", guestOp(typ, (*Server).guestConfig), "/vms/{vmid}:VM.Audit")
		addRoute("PUT", base+"/{vmid}/config", guestOp(typ, (*Server).guestUpdateSync)).check = checkConfigPerms
		if typ == "qemu" {
			addRoute("POST", base+"/{vmid}/config", guestOp(typ, (*Server).guestUpdateAsync)).check = checkConfigPerms
		}
		addRoute("GET", base+"/{vmid}/pending", guestOp(typ, (*Server).guestPending), "/vms/{vmid}:VM.Audit")
		addRoute("GET", base+"/{vmid}/status/current", guestOp(typ, (*Server).guestStatus), "/vms/{vmid}:VM.Audit")
		for _, op := range []string{"start", "stop", "shutdown", "reboot", "suspend", "resume"} {
			addRoute("POST", base+"/{vmid}/status/"+op, guestOp(typ, powerHandler(op)), "/vms/{vmid}:VM.PowerMgmt")
		}
		addRoute("PUT", base+"/{vmid}/resize", guestOp(typ, (*Server).guestResize), "/vms/{vmid}:VM.Config.Disk")
		addRoute("POST", base+"/{vmid}/clone", guestOp(typ, (*Server).guestClone), "/vms/{vmid}:VM.Clone", "/vms/{newid}:VM.Allocate")
		addRoute("POST", base+"/{vmid}/template", guestOp(typ, (*Server).guestTemplate), "/vms/{vmid}:VM.Allocate")
		addRoute("POST", base+"/{vmid}/migrate", guestOp(typ, (*Server).guestMigrate), "/vms/{vmid}:VM.Migrate")
		addRoute("GET", base+"/{vmid}/feature", guestOp(typ, (*Server).guestFeature), "/vms/{vmid}:VM.Audit")
	}
}
