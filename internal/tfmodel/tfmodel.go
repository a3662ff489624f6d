// Package tfmodel converts between a resource's Terraform value and its
// model struct, as tfsdk.State.Get and Set do, for the models read on every
// refresh.
//
// Why not the framework's own: its reflection looks up every struct's tfsdk
// tags again on each call, compiling a regular expression per field, which
// was a tenth of the provider's CPU in a refresh of 50 containers. Here the
// tags are read once per struct type.
//
// It handles the shapes the models use: attr.Value fields (the framework's
// types and custom types), pointers to structs for single nested
// attributes (nil when null), and slices of structs for list and set
// nested attributes (nil when null). Anything else is an error, so a model
// that grows another shape fails its first test instead of converting
// differently.
package tfmodel

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var attrValueType = reflect.TypeOf((*attr.Value)(nil)).Elem()

// Get sets *target (a pointer to a model struct) from raw, a value of typ.
func Get(ctx context.Context, raw tftypes.Value, typ attr.Type, target any) error {
	v := reflect.ValueOf(target)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("tfmodel: target must be a pointer to a struct, not %T", target)
	}
	return into(ctx, raw, typ, v.Elem(), "")
}

// Value is the Terraform value of typ that model (a struct or a pointer to
// one) stands for.
func Value(ctx context.Context, typ attr.Type, model any) (tftypes.Value, error) {
	v := reflect.ValueOf(model)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	return from(ctx, typ, v, "")
}

func into(ctx context.Context, raw tftypes.Value, typ attr.Type, target reflect.Value, at string) error {
	if target.Type().Implements(attrValueType) {
		val, err := typ.ValueFromTerraform(ctx, raw)
		if err != nil {
			return fmt.Errorf("tfmodel: %s: %w", at, err)
		}
		rv := reflect.ValueOf(val)
		if !rv.Type().AssignableTo(target.Type()) {
			return fmt.Errorf("tfmodel: %s: a %s value does not fit a %s field", at, rv.Type(), target.Type())
		}
		target.Set(rv)
		return nil
	}
	if !raw.IsKnown() {
		return fmt.Errorf("tfmodel: %s: unknown value for a %s field", at, target.Type())
	}
	switch target.Kind() {
	case reflect.Pointer:
		if raw.IsNull() {
			target.Set(reflect.Zero(target.Type()))
			return nil
		}
		p := reflect.New(target.Type().Elem())
		if err := into(ctx, raw, typ, p.Elem(), at); err != nil {
			return err
		}
		target.Set(p)
		return nil
	case reflect.Slice:
		if raw.IsNull() {
			target.Set(reflect.Zero(target.Type()))
			return nil
		}
		et, ok := typ.(attr.TypeWithElementType)
		if !ok {
			return fmt.Errorf("tfmodel: %s: %s has no element type", at, typ)
		}
		var elems []tftypes.Value
		if err := raw.As(&elems); err != nil {
			return fmt.Errorf("tfmodel: %s: %w", at, err)
		}
		s := reflect.MakeSlice(target.Type(), len(elems), len(elems))
		for i, e := range elems {
			if err := into(ctx, e, et.ElementType(), s.Index(i), fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		target.Set(s)
		return nil
	case reflect.Struct:
		if raw.IsNull() {
			return fmt.Errorf("tfmodel: %s: null value for a %s struct", at, target.Type())
		}
		ot, ok := typ.(attr.TypeWithAttributeTypes)
		if !ok {
			return fmt.Errorf("tfmodel: %s: %s is not an object type", at, typ)
		}
		var attrs map[string]tftypes.Value
		if err := raw.As(&attrs); err != nil {
			return fmt.Errorf("tfmodel: %s: %w", at, err)
		}
		fields, err := fieldsOf(target.Type())
		if err != nil {
			return err
		}
		types := ot.AttributeTypes()
		if len(attrs) != len(fields) {
			return fmt.Errorf("tfmodel: %s: %d attributes for the %d fields of %s", at, len(attrs), len(fields), target.Type())
		}
		for name, av := range attrs {
			i, ok := fields[name]
			if !ok {
				return fmt.Errorf("tfmodel: %s: %s has no field for %q", at, target.Type(), name)
			}
			if err := into(ctx, av, types[name], target.Field(i), join(at, name)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("tfmodel: %s: unsupported field type %s", at, target.Type())
}

func from(ctx context.Context, typ attr.Type, v reflect.Value, at string) (tftypes.Value, error) {
	tt := typ.TerraformType(ctx)
	if v.Type().Implements(attrValueType) {
		// As the framework does (reflect.FromAttributeValue): the value's
		// Terraform type must be the schema's, and a value that validates
		// itself is validated.
		val := v.Interface().(attr.Value)
		if !tt.Equal(val.Type(ctx).TerraformType(ctx)) {
			return tftypes.Value{}, fmt.Errorf("tfmodel: %s: a %s value where the schema has %s", at, val.Type(ctx), typ)
		}
		if va, ok := val.(xattr.ValidateableAttribute); ok {
			var resp xattr.ValidateAttributeResponse
			va.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{}, &resp)
			if resp.Diagnostics.HasError() {
				return tftypes.Value{}, fmt.Errorf("tfmodel: %s: %v", at, resp.Diagnostics)
			}
		}
		return val.ToTerraformValue(ctx)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return tftypes.NewValue(tt, nil), nil
		}
		return from(ctx, typ, v.Elem(), at)
	case reflect.Slice:
		if v.IsNil() {
			return tftypes.NewValue(tt, nil), nil
		}
		et, ok := typ.(attr.TypeWithElementType)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("tfmodel: %s: %s has no element type", at, typ)
		}
		elems := make([]tftypes.Value, v.Len())
		for i := range elems {
			e, err := from(ctx, et.ElementType(), v.Index(i), fmt.Sprintf("%s[%d]", at, i))
			if err != nil {
				return tftypes.Value{}, err
			}
			elems[i] = e
		}
		return tftypes.NewValue(tt, elems), nil
	case reflect.Struct:
		ot, ok := typ.(attr.TypeWithAttributeTypes)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("tfmodel: %s: %s is not an object type", at, typ)
		}
		fields, err := fieldsOf(v.Type())
		if err != nil {
			return tftypes.Value{}, err
		}
		types := ot.AttributeTypes()
		if len(types) != len(fields) {
			return tftypes.Value{}, fmt.Errorf("tfmodel: %s: %d fields of %s for %d attributes", at, len(fields), v.Type(), len(types))
		}
		attrs := make(map[string]tftypes.Value, len(fields))
		for name, i := range fields {
			t, ok := types[name]
			if !ok {
				return tftypes.Value{}, fmt.Errorf("tfmodel: %s: the schema has no attribute %q", at, name)
			}
			av, err := from(ctx, t, v.Field(i), join(at, name))
			if err != nil {
				return tftypes.Value{}, err
			}
			attrs[name] = av
		}
		return tftypes.NewValue(tt, attrs), nil
	}
	return tftypes.Value{}, fmt.Errorf("tfmodel: %s: unsupported field type %s", at, v.Type())
}

// fieldsOf maps a struct's tfsdk tags to its field indexes, once per type.
func fieldsOf(t reflect.Type) (map[string]int, error) {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]int), nil
	}
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("tfsdk")
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" || f.Anonymous {
			return nil, fmt.Errorf("tfmodel: %s.%s needs a tfsdk tag (embedded structs are not handled)", t, f.Name)
		}
		if _, dup := fields[tag]; dup {
			return nil, fmt.Errorf("tfmodel: %s: tfsdk tag %q used twice", t, tag)
		}
		fields[tag] = i
	}
	fieldCache.Store(t, fields)
	return fields, nil
}

var fieldCache sync.Map // reflect.Type -> map[string]int

func join(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

// Schema is what a tfsdk.State, Plan or Config's Schema offers: its type.
type Schema interface{ Type() attr.Type }

// Read is Get reporting into diags, for a tfsdk.State, Plan or Config
// (raw and schema being its Raw and Schema).
func Read(ctx context.Context, raw tftypes.Value, schema Schema, target any, diags *diag.Diagnostics) {
	if err := Get(ctx, raw, schema.Type(), target); err != nil {
		diags.AddError("Reading the resource's values failed", err.Error())
	}
}

// Write is Value reporting into diags: the raw value of model for a
// tfsdk.State or Plan of schema; on an error it returns the value
// unchanged.
func Write(ctx context.Context, raw tftypes.Value, schema Schema, model any, diags *diag.Diagnostics) tftypes.Value {
	v, err := Value(ctx, schema.Type(), model)
	if err != nil {
		diags.AddError("Writing the resource's values failed", err.Error())
		return raw
	}
	return v
}
