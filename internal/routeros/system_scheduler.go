package routeros

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var systemScheduler = menu.Spec{
	Type: "system_scheduler",
	Path: "/system/scheduler",
	Desc: "A scheduled job: runs a script (by name) or inline commands at a start time and then every interval, " +
		"e.g. a nightly configuration backup.",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Job name"),
		{Name: "on-event", Default: "", NoUnset: true, Desc: "What runs: a script's name or RouterOS commands"},
		{Name: "start-date", Mode: menu.Computed, Normalize: isoDate, Check: []validator.String{validate.StringFunc("date", checkDate)},
			Desc: "Date of the first run, `2026-01-31` (older routers print `jan/31/2026`, the same date); a fresh job gets the day it was added"},
		{Name: "start-time", Mode: menu.Computed, Check: []validator.String{validate.StringFunc("time of day", checkStartTime)},
			Desc: "Time of the first run, `03:00:00`, or `startup` (a few seconds after the router boots); a fresh job gets the time it was added"},
		{Name: "interval", Kind: menu.Duration, Default: "0s", Desc: "Time between runs; `0s` runs the job once"},
		fScriptPolicy,
		fDisabled, fComment,
		{Name: "next-run", Mode: menu.ReadOnly, Desc: "When the job runs next"},
	},
}

var (
	oldDate   = regexp.MustCompile(`^([a-z]{3})/(\d{2})/(\d{4})$`)
	clockTime = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}$`)
)

// isoDate spells a RouterOS date as 2026-01-31; routers before the ISO
// format print jan/31/2026.
func isoDate(s string) string {
	if m := oldDate.FindStringSubmatch(strings.ToLower(s)); m != nil {
		if t, err := time.Parse("Jan/02/2006", strings.ToUpper(m[1][:1])+m[1][1:]+"/"+m[2]+"/"+m[3]); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return s
}

func checkDate(s string) error {
	if _, err := time.Parse(time.DateOnly, isoDate(s)); err != nil {
		return fmt.Errorf("%q is not a date such as 2026-01-31", s)
	}
	return nil
}

func checkStartTime(s string) error {
	if s == "startup" {
		return nil
	}
	if _, err := time.Parse(time.TimeOnly, s); err != nil || !clockTime.MatchString(s) {
		return fmt.Errorf("%q is not a time of day such as 03:00:00, or startup", s)
	}
	return nil
}
