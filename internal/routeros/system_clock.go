package routeros

import (
	"fmt"
	"time"
	_ "time/tzdata" // zone names are checked without the host's zoneinfo

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var checkTimeZone = validate.StringFunc("time zone", func(s string) error {
	if s == "manual" {
		return nil
	}
	if _, err := time.LoadLocation(s); err != nil || s == "" || s == "Local" {
		return fmt.Errorf("%q is not a time zone name such as Europe/Warsaw (or manual)", s)
	}
	return nil
})

var systemClock = menu.Spec{
	Type:      "system_clock",
	Path:      "/system/clock",
	Desc:      "The router's time zone (certificates and logs need the right time).",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "time-zone-name", Default: "manual", Desc: "IANA time zone, e.g. `Europe/Warsaw`, or `manual`", Check: []validator.String{checkTimeZone}},
		{Name: "time-zone-autodetect", Kind: menu.Bool, Default: "true", Desc: "Detect the time zone from the router's public address"},
		{Name: "gmt-offset", Mode: menu.ReadOnly, Desc: "Current offset from UTC"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults.",
}
