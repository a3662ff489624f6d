package proxmox

import (
	"testing"
)

// TestHAResources: the options as set come back (no fixed 1/1), PUT merges
// and deletes, groups are refused on PVE 9, the guest must exist.
func TestHAResources(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	c.fails("POST", "/cluster/ha/resources", map[string]string{"sid": "ct:101"}, 500, "resource 'ct:101' does not exist in cluster")
	c.fails("POST", "/cluster/ha/resources", map[string]string{"sid": "vm:100"}, 500, "guest with ID 100 is not a VM")
	c.fails("POST", "/cluster/ha/resources", map[string]string{"sid": "100", "group": "grp"}, 500, "ha groups have been migrated to rules")
	c.ok("POST", "/cluster/ha/resources", map[string]string{"sid": "100", "max_restart": "3", "failback": "0", "comment": "vault"}, nil)
	c.fails("POST", "/cluster/ha/resources", map[string]string{"sid": "ct:100"}, 500, "create resource failed: resource ID 'ct:100' already defined")
	var ha map[string]any
	c.ok("GET", "/cluster/ha/resources/ct:100", nil, &ha)
	if ha["max_restart"] != float64(3) || ha["failback"] != float64(0) || ha["comment"] != "vault" || ha["max_relocate"] != nil || ha["state"] != nil || ha["type"] != "ct" {
		t.Fatalf("ha %v", ha)
	}
	c.ok("PUT", "/cluster/ha/resources/ct:100", map[string]string{"state": "stopped", "max_relocate": "2", "delete": "comment,failback"}, nil)
	ha = nil
	c.ok("GET", "/cluster/ha/resources/100", nil, &ha)
	if ha["state"] != "stopped" || ha["max_relocate"] != float64(2) || ha["comment"] != nil || ha["failback"] != nil {
		t.Fatalf("after update %v", ha)
	}
	c.fails("PUT", "/cluster/ha/resources/ct:100", map[string]string{"delete": "bogus"}, 500, "no such option 'bogus'")
}

// TestHARules: node and resource affinity rules with their checks, the
// encoding of nodes, and the purge of a deleted resource.
func TestHARules(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	for _, id := range []string{"100", "101", "102", "103"} {
		c.createCT("pve-s1", id, nil)
		if id != "103" {
			c.ok("POST", "/cluster/ha/resources", map[string]string{"sid": "ct:" + id}, nil)
		}
	}
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "r1", "type": "node-affinity", "resources": "ct:100"}, 500, "missing value for required option 'nodes'")
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "r1", "type": "node-affinity", "resources": "ct:100", "nodes": "pve-s1", "affinity": "positive"}, 500, "unexpected property 'affinity'")
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "r1", "type": "node-affinity", "resources": "ct:103", "nodes": "pve-s1"}, 500, "cannot use unmanaged resource(s) ct:103.")
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "r1", "type": "node-affinity", "resources": "ct:100", "nodes": "pve-s9"}, 500, "cannot use non-existent node(s) pve-s9.")
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "r1", "type": "node-affinity", "resources": "ct:100", "nodes": "pve_s1"}, 400, "valid ha node")
	c.ok("POST", "/cluster/ha/rules", map[string]string{"rule": "ct100-on-s1", "type": "node-affinity", "resources": "ct:100",
		"nodes": "pve-s2:1,pve-s1:2", "strict": "1", "comment": "vault 1"}, nil)
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "ct100-on-s1", "type": "node-affinity", "resources": "ct:101", "nodes": "pve-s1"}, 500, "HA rule 'ct100-on-s1' already defined")
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "again", "type": "node-affinity", "resources": "ct:100", "nodes": "pve-s3"}, 500, "resource 'ct:100' is already used in another node affinity rule")
	var rule map[string]any
	c.ok("GET", "/cluster/ha/rules/ct100-on-s1", nil, &rule)
	if rule["nodes"] != "pve-s1:2,pve-s2:1" || rule["resources"] != "ct:100" || rule["strict"] != float64(1) || rule["order"] != float64(1) || rule["disable"] != nil {
		t.Fatalf("rule %v", rule)
	}
	c.fails("POST", "/cluster/ha/rules", map[string]string{"rule": "apart", "type": "resource-affinity", "resources": "ct:101", "affinity": "negative"}, 500, "rule is ineffective as there are less than two resources")
	c.ok("POST", "/cluster/ha/rules", map[string]string{"rule": "apart", "type": "resource-affinity", "resources": "ct:102,ct:101", "affinity": "negative", "disable": "0"}, nil)
	rule = nil
	c.ok("GET", "/cluster/ha/rules/apart", nil, &rule)
	if rule["resources"] != "ct:101,ct:102" || rule["affinity"] != "negative" || rule["disable"] != nil || rule["strict"] != nil {
		t.Fatalf("resource affinity %v", rule)
	}
	c.ok("PUT", "/cluster/ha/rules/ct100-on-s1", map[string]string{"type": "node-affinity", "nodes": "pve-s3", "delete": "strict,comment"}, nil)
	rule = nil
	c.ok("GET", "/cluster/ha/rules/ct100-on-s1", nil, &rule)
	if rule["nodes"] != "pve-s3" || rule["strict"] != nil || rule["comment"] != nil {
		t.Fatalf("after update %v", rule)
	}
	c.fails("PUT", "/cluster/ha/rules/ct100-on-s1", map[string]string{"type": "node-affinity", "delete": "nodes"}, 500, "unable to delete required option 'nodes'")
	// Deleting an HA resource purges it from the rules; a rule left empty goes.
	c.ok("DELETE", "/cluster/ha/resources/ct:100", nil, nil)
	c.fails("GET", "/cluster/ha/rules/ct100-on-s1", nil, 500, "no such ha rule 'ct100-on-s1'")
	var list []map[string]any
	c.ok("GET", "/cluster/ha/rules", map[string]string{"resource": "ct:101"}, &list)
	if len(list) != 1 || list[0]["rule"] != "apart" {
		t.Fatalf("list %v", list)
	}
}
