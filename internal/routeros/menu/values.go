package menu

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Kind is how a field's value is typed in Terraform and compared with what
// the router prints.
type Kind int

const (
	String   Kind = iota // compared exactly
	Int                  // number; the router may print hex (0x8000)
	Bool                 // sent yes/no, printed true/false
	Duration             // RouterOS duration: 1d = 24h = 86400 = 1d 00:00:00
	MAC                  // compared case-insensitively
	List                 // comma-separated, order matters
	Set                  // comma-separated, order does not matter
	Text                 // compared case-insensitively (enum keywords, names the router may recase)
)

// attrType is the Terraform type of a field.
func (f *Field) attrType() attr.Type {
	switch f.Kind {
	case Int:
		return types.Int64Type
	case Bool:
		return types.BoolType
	case List:
		return types.ListType{ElemType: types.StringType}
	case Set:
		return types.SetType{ElemType: types.StringType}
	}
	return types.StringType
}

// toDevice renders a known, non-null value the way it is sent to the router.
func (f *Field) toDevice(v attr.Value) (string, bool) {
	if v == nil || v.IsNull() || v.IsUnknown() {
		return "", false
	}
	switch x := v.(type) {
	case types.String:
		return x.ValueString(), true
	case types.Int64:
		return strconv.FormatInt(x.ValueInt64(), 10), true
	case types.Bool:
		if x.ValueBool() {
			return "yes", true
		}
		return "no", true
	case types.List:
		var out []string
		for _, e := range x.Elements() {
			if s, ok := e.(types.String); ok && !s.IsUnknown() {
				out = append(out, s.ValueString())
			} else {
				return "", false
			}
		}
		return strings.Join(out, ","), true
	case types.Set:
		var out []string
		for _, e := range x.Elements() {
			if s, ok := e.(types.String); ok && !s.IsUnknown() {
				out = append(out, s.ValueString())
			} else {
				return "", false
			}
		}
		return strings.Join(out, ","), true
	}
	return "", false
}

// fromDevice turns a printed value into a Terraform value.
func (f *Field) fromDevice(s string) attr.Value {
	switch f.Kind {
	case Int:
		if f.Normalize != nil { // a unit the router prints ("95C")
			s = f.Normalize(s)
		}
		n, err := parseInt(s)
		if err != nil {
			return types.Int64Null()
		}
		return types.Int64Value(n)
	case Bool:
		return types.BoolValue(ParseBool(s))
	case List, Set:
		var elems []attr.Value
		for _, e := range splitList(s) {
			elems = append(elems, types.StringValue(e))
		}
		if f.Kind == List {
			return types.ListValueMust(types.StringType, nonNil(elems))
		}
		return types.SetValueMust(types.StringType, nonNil(elems))
	}
	return types.StringValue(s)
}

func nonNil(e []attr.Value) []attr.Value {
	if e == nil {
		return []attr.Value{}
	}
	return e
}

func (f *Field) null() attr.Value {
	switch f.Kind {
	case Int:
		return types.Int64Null()
	case Bool:
		return types.BoolNull()
	case List:
		return types.ListNull(types.StringType)
	case Set:
		return types.SetNull(types.StringType)
	}
	return types.StringNull()
}

// Equal reports whether two device renderings of the field are the same
// setting (the router normalises what it is given).
func (f *Field) Equal(a, b string) bool {
	if f.Normalize != nil {
		a, b = f.Normalize(a), f.Normalize(b)
	}
	if a == b || f.Countdown && a != "" && b != "" {
		return true
	}
	if f.Same != nil {
		return f.Same(a, b)
	}
	switch f.Kind {
	case Int:
		x, err1 := parseInt(a)
		y, err2 := parseInt(b)
		return err1 == nil && err2 == nil && x == y
	case Bool:
		return isBool(a) && isBool(b) && ParseBool(a) == ParseBool(b)
	case Duration:
		x, err1 := ParseDuration(a)
		y, err2 := ParseDuration(b)
		if err1 != nil || err2 != nil {
			return strings.EqualFold(a, b)
		}
		return x == y
	case MAC, Text:
		return strings.EqualFold(a, b)
	case List:
		return slices.Equal(splitList(a), splitList(b))
	case Set:
		x, y := splitList(a), splitList(b)
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(x, y)
	}
	return false
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseInt(s string) (int64, error) {
	return strconv.ParseInt(strings.TrimSpace(s), 0, 64)
}

func isBool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "no", "true", "false":
		return true
	}
	return false
}

// ParseBool reads a RouterOS boolean: true/yes (any case) is true.
func ParseBool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "true":
		return true
	}
	return false
}

var (
	durUnits = regexp.MustCompile(`^(?:(\d+)(w|d|h|ms|m|s|us|ns)?)+$`)
	durPart  = regexp.MustCompile(`(\d+)(w|d|h|ms|m|s|us|ns)?`)
	durClock = regexp.MustCompile(`^(?:(\d+)d\s*)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$`)
)

// ParseDuration reads a RouterOS duration: "300" (seconds), "1w2d3h4m5s6ms",
// "00:05:00", "1d 00:00:00".
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if m := durClock.FindStringSubmatch(s); m != nil {
		var d time.Duration
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			d += time.Duration(n) * 24 * time.Hour
		}
		h, _ := strconv.Atoi(m[2])
		mi, _ := strconv.Atoi(m[3])
		se, _ := strconv.Atoi(m[4])
		if mi > 59 || se > 59 {
			return 0, fmt.Errorf("%q is not a duration", s)
		}
		d += time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(se)*time.Second
		if m[5] != "" {
			ms, _ := strconv.Atoi((m[5] + "00")[:3])
			d += time.Duration(ms) * time.Millisecond
		}
		return d, nil
	}
	if s == "" || !durUnits.MatchString(s) {
		return 0, fmt.Errorf("%q is not a RouterOS duration such as 30s, 10m, 1d or 1d 00:00:00", s)
	}
	var d time.Duration
	for _, m := range durPart.FindAllStringSubmatch(s, -1) {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || n > 1<<40 {
			return 0, fmt.Errorf("%q is out of range", s)
		}
		unit := map[string]time.Duration{"w": 7 * 24 * time.Hour, "d": 24 * time.Hour, "h": time.Hour,
			"m": time.Minute, "s": time.Second, "": time.Second, "ms": time.Millisecond,
			"us": time.Microsecond, "ns": time.Nanosecond}[m[2]]
		d += time.Duration(n) * unit
	}
	return d, nil
}
