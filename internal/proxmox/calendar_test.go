package proxmox

import "testing"

func TestParseCalendarEvent(t *testing.T) {
	for _, ok := range []string{"daily", "weekly", "sat 02:00", "mon..fri 22:30", "*-*-* 03:00", "*/15", "sat,sun 8..17/2:00",
		"2026-01-01", "01-15 04:00", "mon,wed,fri", "Sunday 01:00:30", "mon..fri 8..17,22:0/15"} {
		if err := parseCalendarEvent(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "nightly", "mon..", "12:60", "24:00", "1-2-3-4", "02:00 mon", "13-01", "*-*-* 03:00 04:00", "mon 5..2:00", "*/0"} {
		if parseCalendarEvent(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
