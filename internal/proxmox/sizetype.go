package proxmox

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// sizeType is a disk size string ("8G") whose values are equal when they
// mean the same number of bytes, so "10240M" in the configuration and PVE's
// "10G" never show a diff, also right after an import.
type sizeType struct{ basetypes.StringType }

var (
	_ basetypes.StringTypable                    = sizeType{}
	_ basetypes.StringValuableWithSemanticEquals = sizeValue{}
)

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

func (v sizeValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(sizeValue)
	if !ok {
		return false, nil
	}
	a, err1 := parseSize(v.ValueString())
	b, err2 := parseSize(other.ValueString())
	return err1 == nil && err2 == nil && a == b, nil
}

func sizeNull() sizeValue                      { return sizeValue{StringValue: basetypes.NewStringNull()} }
func sizeOf(s string) sizeValue                { return sizeValue{StringValue: basetypes.NewStringValue(s)} }
func (v sizeValue) str() basetypes.StringValue { return v.StringValue }
