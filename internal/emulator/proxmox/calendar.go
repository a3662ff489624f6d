package proxmox

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Calendar events, the "pve-calendar-event" format of backup job schedules
// (pve-common PVE/CalendarEvent.pm registers it and hands the text to
// Proxmox::RS::CalendarEvent, the proxmox-time crate). The grammar, from the
// Proxmox Backup Server and PVE manuals' "Calendar Events" chapter:
//
//	[WEEKDAY] [[YEARS-]MONTHS-DAYS] [HOURS:MINUTES[:SECONDS]]
//
// at least one part; weekdays mon..sun (lists and ".." ranges); each numeric
// field "*" or a comma list of values, "a..b" ranges and "/n" repetitions; a
// lone number list is the minutes ("*/5"); the specials minutely, hourly,
// daily, weekly, monthly, yearly/annually, quarterly, semiannually.
//
// Unconfirmed: proxmox-time's own error wording (the emulator says what it
// refused after PVE's "invalid calendar event '<text>' - " prefix), whether
// full weekday names ("monday") are accepted (they are here, as systemd
// does), and the finer limits of repetitions.

var calendarSpecials = map[string]bool{"minutely": true, "hourly": true, "daily": true, "weekly": true, "monthly": true,
	"yearly": true, "annually": true, "quarterly": true, "semiannually": true, "semi-annually": true}

var (
	calWeekdayRe = regexp.MustCompile(`^(?i:(mon|tue|wed|thu|fri|sat|sun)[a-z]*)$`)
	calNumItemRe = regexp.MustCompile(`^(\d+)(?:\.\.(\d+))?(?:/(\d+))?$`)
)

// checkCalendarEvent returns why PVE would refuse a schedule, or "".
func checkCalendarEvent(text string) string {
	ev := strings.ToLower(strings.TrimSpace(text))
	if ev == "" {
		return "unable to parse calendar event - event is empty"
	}
	if calendarSpecials[ev] {
		return ""
	}
	fields := strings.Fields(ev)
	i := 0
	if c := fields[0][0]; c >= 'a' && c <= 'z' {
		for _, item := range strings.Split(fields[0], ",") {
			for _, d := range strings.SplitN(item, "..", 2) {
				if !calWeekdayRe.MatchString(d) || !strings.HasPrefix(fullWeekday(d[:3]), d) {
					return fmt.Sprintf("unable to parse weekday specification '%s'", fields[0])
				}
			}
		}
		i++
	}
	date, clock := false, false
	for ; i < len(fields); i++ {
		f := fields[i]
		switch {
		case clock:
			return fmt.Sprintf("unexpected '%s' after the time", f)
		case strings.Contains(f, ":"):
			parts := strings.Split(f, ":")
			if len(parts) > 3 {
				return fmt.Sprintf("unable to parse time specification '%s'", f)
			}
			for j, p := range parts {
				max := 59
				if j == 0 {
					max = 23
				}
				if !calField(p, 0, max) {
					return fmt.Sprintf("unable to parse time specification '%s'", f)
				}
			}
			clock = true
		case strings.Contains(f, "-") && !date:
			parts := strings.Split(f, "-")
			if len(parts) > 3 || len(parts) < 2 {
				return fmt.Sprintf("unable to parse date specification '%s'", f)
			}
			limits := [][2]int{{1, 12}, {1, 31}}
			if len(parts) == 3 {
				limits = append([][2]int{{1970, 9999}}, limits...)
			}
			for j, p := range parts {
				if !calField(p, limits[j][0], limits[j][1]) {
					return fmt.Sprintf("unable to parse date specification '%s'", f)
				}
			}
			date = true
		case !date && calField(f, 0, 59): // minutes only
			clock = true
		default:
			return fmt.Sprintf("unable to parse '%s'", f)
		}
	}
	return ""
}

func fullWeekday(abbr string) string {
	return map[string]string{"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
		"fri": "friday", "sat": "saturday", "sun": "sunday"}[abbr]
}

// calField checks one numeric field: "*", "*/n" or a list of items.
func calField(f string, min, max int) bool {
	if f == "*" {
		return true
	}
	if rest, ok := strings.CutPrefix(f, "*/"); ok {
		n, err := strconv.Atoi(rest)
		return err == nil && n > 0
	}
	for _, item := range strings.Split(f, ",") {
		m := calNumItemRe.FindStringSubmatch(item)
		if m == nil {
			return false
		}
		a, _ := strconv.Atoi(m[1])
		if a < min || a > max {
			return false
		}
		if m[2] != "" {
			if b, _ := strconv.Atoi(m[2]); b < a || b > max {
				return false
			}
		}
		if m[3] != "" {
			if n, _ := strconv.Atoi(m[3]); n == 0 {
				return false
			}
		}
	}
	return true
}
