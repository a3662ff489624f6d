package menu

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// Two resources that own one chain or one singleton undo each other on
// every apply: each "succeeds" and every plan shows changes again. OpenTofu
// plans every resource of a configuration through one configured provider
// (one providerdata.Data per plan or apply walk, and per alias, so per
// router), so the first resource to plan claims the object and a second
// claimant is refused at plan time. Owners in different configurations
// (states) cannot be seen from here.

// claimsByRun maps a walk's *providerdata.Data to what its resources claimed.
// An entry is a few strings per chain; a provider process serves one walk
// (tests serve several), so entries are not reclaimed.
var claimsByRun sync.Map

type claims struct {
	mu     sync.Mutex
	owners map[string]claim // object ("/ip/firewall/filter chain input") -> its claimant
}

type claim struct {
	who  string // the claimant's prior state, or its planned value for a create
	desc string // how to tell the user which resource that is
}

// claimOwnership records that the resource planning value (prior state
// prior) owns object, or reports that another resource already does.
func claimOwnership(data *providerdata.Data, typ, object string, prior, planned tftypes.Value, desc string, diags *diag.Diagnostics, at path.Path) {
	if data == nil {
		return
	}
	// The same resource may be planned more than once per walk; its prior
	// state (or, for a create, its planned value) is the same each time.
	who := prior.String()
	if prior.IsNull() {
		who = "new " + planned.String()
	}
	v, _ := claimsByRun.LoadOrStore(data, &claims{owners: map[string]claim{}})
	c := v.(*claims)
	c.mu.Lock()
	defer c.mu.Unlock()
	other, taken := c.owners[object]
	if !taken {
		c.owners[object] = claim{who, desc}
		return
	}
	if other.who == who {
		return
	}
	diags.AddAttributeError(at, "Two resources manage one object",
		fmt.Sprintf("%s: %s is already managed by another %s in this configuration (%s); this one is %s. "+
			"Each apply would undo the other's changes, so every plan would show changes again. "+
			"Manage it with exactly one resource: merge the two, or remove one of them from the configuration "+
			"(`tofu state rm` keeps the router as it is).", typ, object, typ, other.desc, desc))
}
