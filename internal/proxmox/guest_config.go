package proxmox

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversion helpers shared by the guest models (lxc_model.go, vm_model.go):
// how a framework value becomes a PVE config key and back. PVE's config
// (GET .../config) is a flat map of strings and numbers; the provider sends
// strings.

// putStr sets cfg[k] to v unless v is null or unknown.
func putStr(cfg map[string]string, k string, v types.String) {
	if !v.IsNull() && !v.IsUnknown() {
		cfg[k] = v.ValueString()
	}
}

// putInt sets cfg[k] to v in decimal unless v is null or unknown.
func putInt(cfg map[string]string, k string, v types.Int64) {
	if !v.IsNull() && !v.IsUnknown() {
		cfg[k] = strconv.FormatInt(v.ValueInt64(), 10)
	}
}

// putBool sets cfg[k] to "1" or "0" unless v is null or unknown.
func putBool(cfg map[string]string, k string, v types.Bool) {
	if !v.IsNull() && !v.IsUnknown() {
		cfg[k] = boolStr(v.ValueBool())
	}
}

// putTags sets cfg["tags"] to the sorted tags joined by ';' (how PVE
// stores them) when there are any.
func putTags(ctx context.Context, cfg map[string]string, tags types.Set) {
	if tags.IsNull() || tags.IsUnknown() {
		return
	}
	var list []string
	tags.ElementsAs(ctx, &list, false)
	sort.Strings(list)
	if len(list) > 0 {
		cfg["tags"] = strings.Join(list, ";")
	}
}

// cfgStr is cfg[k] as a string, null when absent or empty.
func cfgStr(cfg map[string]any, k string) types.String {
	if v, ok := cfg[k]; ok && str(v) != "" {
		return types.StringValue(str(v))
	}
	return types.StringNull()
}

// cfgInt is cfg[k] as an integer, null when absent or not a number.
func cfgInt(cfg map[string]any, k string) types.Int64 {
	if n, ok := toInt(cfg[k]); ok {
		return types.Int64Value(int64(n))
	}
	return types.Int64Null()
}

// cfgIntOr is cfg[k] as an integer, def when absent (PVE omits defaults).
func cfgIntOr(cfg map[string]any, k string, def int64) types.Int64 {
	if v := cfgInt(cfg, k); !v.IsNull() {
		return v
	}
	return types.Int64Value(def)
}

// cfgDescription is the description without the newline PVE appends to
// it (sameText keeps a configured trailing newline from being a diff).
func cfgDescription(cfg map[string]any) types.String {
	d := cfgStr(cfg, "description")
	if d.IsNull() {
		return d
	}
	return types.StringValue(strings.TrimSuffix(d.ValueString(), "\n"))
}

// cfgTags is PVE's tag list as a set, null when there are none.
func cfgTags(ctx context.Context, cfg map[string]any) (types.Set, diag.Diagnostics) {
	if t := str(cfg["tags"]); t != "" {
		return types.SetValueFrom(ctx, types.StringType, splitTags(t))
	}
	return types.SetNull(types.StringType), nil
}

// Respelling. A read stores PVE's own spelling of a value (sizes as "10G",
// MACs in upper case, text without its trailing newline), so a refreshed
// state equals an import of the same guest. The configuration may spell the
// same value differently; a plan then keeps the prior state's value, which
// OpenTofu accepts as equivalent to the configuration, and the state of a
// create or update keeps the configuration's, as OpenTofu requires. Each
// model's keepSpelling does both, with the respelled* helpers below.

// respelled returns want when got means the same (same), else got.
func respelled(got, want types.String, same func(a, b string) bool) types.String {
	if known(got) && known(want) && same(got.ValueString(), want.ValueString()) {
		return want
	}
	return got
}

// respelledSize returns want when got is the same number of bytes, else got.
func respelledSize(got, want sizeValue) sizeValue {
	if sameSize(got, want) {
		return want
	}
	return got
}

// sameMAC: PVE prints MAC addresses in upper case.
func sameMAC(a, b string) bool { return strings.EqualFold(a, b) }

// sameText: PVE ends descriptions and ssh keys with a newline.
func sameText(a, b string) bool { return strings.TrimRight(a, "\n") == strings.TrimRight(b, "\n") }

// sameVMDescription: qemu-server returns a VM's description without its
// trailing whitespace (parse_vm_config strips \s+ at the end).
func sameVMDescription(a, b string) bool {
	return strings.TrimRight(a, " \t\n\r\f\v") == strings.TrimRight(b, " \t\n\r\f\v")
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

// configChanges compares the managed config keys before (old) and after
// (want) a change: params holds the keys to set, del the keys to delete
// (sorted). setDelete adds del to params the way PVE takes it.
func configChanges(old, want map[string]string) (params map[string]any, del []string) {
	params = map[string]any{}
	for k, v := range want {
		if old[k] != v {
			params[k] = v
		}
	}
	for k := range old {
		if _, ok := want[k]; !ok {
			del = append(del, k)
		}
	}
	return params, del
}

// setDelete puts the keys to delete into params as `delete=a,b` (sorted).
func setDelete(params map[string]any, del []string) {
	if len(del) > 0 {
		sort.Strings(del)
		params["delete"] = strings.Join(del, ",")
	}
}
