// Package validate holds plan-time attribute validators shared by all resources,
// so bad input fails at `tofu plan` with a message naming the attribute.
package validate

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

type stringFunc struct {
	desc  string
	check func(string) error
}

func (v stringFunc) Description(context.Context) string         { return v.desc }
func (v stringFunc) MarkdownDescription(context.Context) string { return v.desc }

func (v stringFunc) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		// The text names the attribute too: for attributes nested in lists
		// OpenTofu can only point at the resource's first line.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.desc, fmt.Sprintf("%s: %s", req.Path, err))
	}
}

// StringFunc turns a check function into a string validator; desc names what a
// valid value is ("Go duration", "CIDR prefix", ...).
func StringFunc(desc string, check func(string) error) validator.String {
	return stringFunc{desc: desc, check: check}
}

// GoDuration accepts Go duration strings such as "30s" or "2m".
func GoDuration() validator.String {
	return StringFunc("duration", func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%q is not a duration such as \"30s\" or \"5m\"", s)
		}
		if d <= 0 {
			return fmt.Errorf("%q must be positive", s)
		}
		return nil
	})
}

// Regex accepts values matching re; what explains the expected form in the error.
func Regex(re *regexp.Regexp, what string) validator.String {
	return StringFunc(what, func(s string) error {
		if !re.MatchString(s) {
			return fmt.Errorf("%q is not a valid %s", s, what)
		}
		return nil
	})
}

// SecretRegex is Regex for sensitive values: its error never repeats the value.
func SecretRegex(re *regexp.Regexp, what string) validator.String {
	return StringFunc(what, func(s string) error {
		if !re.MatchString(s) {
			return fmt.Errorf("the value is not a valid %s", what)
		}
		return nil
	})
}
