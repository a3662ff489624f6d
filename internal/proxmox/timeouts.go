package proxmox

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Per-resource `timeouts` (create, update, delete) bound a whole operation
// of a guest, template or storage: every task it waits for and every call
// it makes. Left out, an operation is bounded only per task, by the
// provider's proxmox `timeout`, as before.

// timeoutsAttribute is the `timeouts` attribute of a resource.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	return timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
}

type timeoutOp struct{}

// withOpTimeout bounds ctx by the configured timeout of op ("create",
// "update" or "delete"), if one is set. The returned cancel must be called.
func withOpTimeout(ctx context.Context, t timeouts.Value, op string, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	if t.IsNull() || t.IsUnknown() {
		return ctx, func() {}
	}
	var d time.Duration
	var ds diag.Diagnostics
	switch op {
	case "create":
		d, ds = t.Create(ctx, 0)
	case "update":
		d, ds = t.Update(ctx, 0)
	default:
		d, ds = t.Delete(ctx, 0)
	}
	diags.Append(ds...)
	if d <= 0 {
		return ctx, func() {}
	}
	ctx = context.WithValue(ctx, timeoutOp{}, "timeouts."+op+" = "+d.String())
	return context.WithTimeout(ctx, d)
}

// opTimeoutOf names the resource timeout that bounds ctx, or "".
func opTimeoutOf(ctx context.Context) string {
	s, _ := ctx.Value(timeoutOp{}).(string)
	return s
}
