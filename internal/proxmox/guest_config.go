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

// cfgDescription is the description, without the newline PVE appends to
// it unless the prior value had one.
func cfgDescription(cfg map[string]any, prior types.String) types.String {
	d := cfgStr(cfg, "description")
	if d.IsNull() {
		return d
	}
	s := d.ValueString()
	if !strings.HasSuffix(prior.ValueString(), "\n") {
		s = strings.TrimSuffix(s, "\n")
	}
	return types.StringValue(s)
}

// cfgTags is PVE's tag list as a set, null when there are none.
func cfgTags(ctx context.Context, cfg map[string]any) (types.Set, diag.Diagnostics) {
	if t := str(cfg["tags"]); t != "" {
		return types.SetValueFrom(ctx, types.StringType, splitTags(t))
	}
	return types.SetNull(types.StringType), nil
}

// keepMAC returns the prior spelling of a MAC address when PVE's is the
// same address in another case.
func keepMAC(prior, got types.String) types.String {
	if !prior.IsNull() && strings.EqualFold(prior.ValueString(), got.ValueString()) {
		return prior
	}
	return got
}

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
