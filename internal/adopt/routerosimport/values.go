package routerosimport

import (
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// value renders a device value as the configuration holds it: Int as a
// number (0x8000 -> 32768), Bool as true/false, List and Set as lists,
// everything else as the router spells it (durations `1d`, MACs), so the
// engine's comparison through each kind finds no change. A name of another
// imported object becomes a reference; a secret becomes a variable.
func (b *builder) value(typ, resName, menuPath, obj string, fv fieldValue) adopt.Value {
	f := fv.f
	if f.Sensitive {
		return b.secret(resName, menuPath, obj, f)
	}
	switch f.Kind {
	case menu.Int:
		n, _ := menu.ParseInt(fv.dv)
		return adopt.Number(n)
	case menu.Bool:
		return adopt.Bool(menu.ParseBool(fv.dv))
	case menu.List, menu.Set:
		t := adopt.Tuple{}
		for _, e := range menu.SplitList(fv.dv) {
			t = append(t, b.index.ref(typ, f.Name, e))
		}
		return t
	}
	return b.index.ref(typ, f.Name, fv.dv)
}

// secret declares a sensitive variable for a secret field and refers to
// it: the value itself is never written anywhere.
func (b *builder) secret(resName, menuPath, obj string, f *menu.Field) adopt.Value {
	name := b.names.Take("variable", adopt.Ident(resName+"_"+f.AttrName(), "secret"))
	typ := "string"
	switch f.Kind {
	case menu.Int:
		typ = "number"
	case menu.Bool:
		typ = "bool"
	case menu.List, menu.Set:
		typ = "list(string)"
	}
	b.res.Variables = append(b.res.Variables, adopt.Variable{Name: name, Type: typ, Sensitive: true,
		Description: "Secret " + f.Name + " of " + menuPath + " " + obj + " (not read into any file: set TF_VAR_" + name + ")."})
	return adopt.Ref("var." + name)
}
