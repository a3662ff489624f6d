package proxmox

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// sizeType is a disk size string ("8G"). It has no semantic equality on
// purpose: the framework would then keep the prior spelling on every Read,
// so a refreshed state would differ from an import of the same disk. A
// refresh stores PVE's spelling instead, and the plan keeps the prior
// state's size when the configured one is the same number of bytes
// (keepSpelling), so "10240M" in the configuration and PVE's "10G" never
// show a diff.
type sizeType struct{ basetypes.StringType }

var _ basetypes.StringTypable = sizeType{}

func (t sizeType) Equal(o attr.Type) bool { _, ok := o.(sizeType); return ok }
func (t sizeType) String() string         { return "proxmox.sizeType" }

func (t sizeType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return sizeValue{StringValue: in}, nil
}

func (t sizeType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	sv, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return sizeValue{StringValue: sv}, nil
}

func (t sizeType) ValueType(context.Context) attr.Value { return sizeValue{} }

type sizeValue struct{ basetypes.StringValue }

func (v sizeValue) Type(context.Context) attr.Type { return sizeType{} }

func (v sizeValue) Equal(o attr.Value) bool {
	other, ok := o.(sizeValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// sameSize reports whether two sizes are known and the same number of bytes.
func sameSize(a, b sizeValue) bool {
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return false
	}
	x, err1 := parseSize(a.ValueString())
	y, err2 := parseSize(b.ValueString())
	return err1 == nil && err2 == nil && x == y
}

func sizeNull() sizeValue                      { return sizeValue{StringValue: basetypes.NewStringNull()} }
func sizeOf(s string) sizeValue                { return sizeValue{StringValue: basetypes.NewStringValue(s)} }
func (v sizeValue) str() basetypes.StringValue { return v.StringValue }
