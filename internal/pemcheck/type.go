package pemcheck

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Type is a string holding PEM certificates whose value is the
// certificates, not their spelling: line endings, a final newline or
// surrounding whitespace never cause a diff (Vault's PEM has no final
// newline, RouterOS's export and PVE's info have one).
type Type struct{ basetypes.StringType }

// Value is a value of Type.
type Value struct{ basetypes.StringValue }

var (
	_ basetypes.StringTypable                    = Type{}
	_ basetypes.StringValuableWithSemanticEquals = Value{}
)

func (t Type) Equal(o attr.Type) bool { _, ok := o.(Type); return ok }
func (t Type) String() string         { return "pemcheck.Type" }
func (t Type) ValueType(context.Context) attr.Value {
	return Value{}
}

func (t Type) ValueFromString(_ context.Context, v basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return Value{v}, nil
}

func (t Type) ValueFromTerraform(ctx context.Context, v tftypes.Value) (attr.Value, error) {
	sv, err := t.StringType.ValueFromTerraform(ctx, v)
	if err != nil {
		return nil, err
	}
	return Value{sv.(basetypes.StringValue)}, nil
}

func (v Value) Type(context.Context) attr.Type { return Type{} }

func (v Value) Equal(o attr.Value) bool {
	ov, ok := o.(Value)
	return ok && v.StringValue.Equal(ov.StringValue)
}

// StringSemanticEquals: the same certificates in the same order.
func (v Value) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	ov, ok := o.(Value)
	if !ok {
		return false, nil
	}
	return Same(v.ValueString(), ov.ValueString()), nil
}

// Same reports whether two PEM texts hold the same certificates in the same
// order (or, when either is no PEM, are the same text).
func Same(a, b string) bool {
	ca, errA := ParseCertificates(a)
	cb, errB := ParseCertificates(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return CanonicalPEM(ca...) == CanonicalPEM(cb...)
}

// Of is a known Value.
func Of(s string) Value { return Value{basetypes.NewStringValue(s)} }

// Null is a null Value.
func Null() Value { return Value{basetypes.NewStringNull()} }
