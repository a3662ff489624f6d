package adopt

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Value is the right-hand side of an attribute.
type Value interface {
	tokens() hclwrite.Tokens
}

// Attr is one attribute of a block or object.
type Attr struct {
	Name  string
	Value Value
}

type literal struct{ v cty.Value }

func (l literal) tokens() hclwrite.Tokens { return hclwrite.TokensForValue(l.v) }

// String is a string literal.
func String(s string) Value { return literal{cty.StringVal(s)} }

// Number is a number literal.
func Number(n int64) Value { return literal{cty.NumberIntVal(n)} }

// Bool is true or false.
func Bool(b bool) Value { return literal{cty.BoolVal(b)} }

// Ref is a reference such as homelab_routeros_interface_bridge.bridge_proxmox.name
// or var.routeros_password.
type Ref string

func (r Ref) tokens() hclwrite.Tokens {
	parts := strings.Split(string(r), ".")
	t := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		t = append(t, hcl.TraverseAttr{Name: p})
	}
	return hclwrite.TokensForTraversal(t)
}

// Tuple is a list of values, e.g. ["ether9", homelab_routeros_interface_ethernet.ether10.name].
type Tuple []Value

func (t Tuple) tokens() hclwrite.Tokens {
	elems := make([]hclwrite.Tokens, len(t))
	for i, v := range t {
		elems[i] = v.tokens()
	}
	return hclwrite.TokensForTuple(elems)
}

// Object is an object constructor, { action = "accept", ... }, written one
// attribute per line.
type Object []Attr

func (o Object) tokens() hclwrite.Tokens {
	attrs := make([]hclwrite.ObjectAttrTokens, len(o))
	for i, a := range o {
		attrs[i] = hclwrite.ObjectAttrTokens{Name: hclwrite.TokensForIdentifier(a.Name), Value: a.Value.tokens()}
	}
	return hclwrite.TokensForObject(attrs)
}

// Objects is a list of objects written one per line (a firewall chain's rules).
type Objects []Object

func (l Objects) tokens() hclwrite.Tokens {
	if len(l) == 0 {
		return hclwrite.TokensForTuple(nil)
	}
	out := hclwrite.Tokens{&hclwrite.Token{Type: hclsyntax.TokenOBrack, Bytes: []byte("[")}, newline()}
	for _, o := range l {
		out = append(out, o.tokens()...)
		out = append(out, &hclwrite.Token{Type: hclsyntax.TokenComma, Bytes: []byte(",")}, newline())
	}
	return append(out, &hclwrite.Token{Type: hclsyntax.TokenCBrack, Bytes: []byte("]")})
}

func newline() *hclwrite.Token {
	return &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}
}

// Float is a number literal that may have a fraction (1.5).
func Float(f float64) Value { return literal{cty.NumberFloatVal(f)} }
