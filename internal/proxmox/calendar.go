package proxmox

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Calendar events as PVE accepts them for backup job schedules (the
// proxmox-time syntax, a subset of systemd's): "[WEEKDAYS] [[YYYY-]MM-DD]
// [HH:MM[:SS]]", a lone minute spec ("*/15"), or one of the named events.
// Each numeric field is "*", or values, "a..b" ranges and "/n" repetitions
// separated by commas.

var namedCalendarEvents = []string{"minutely", "hourly", "daily", "weekly", "monthly", "yearly", "annually",
	"quarterly", "semiannually", "semi-annually"}

var weekdayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func vCalendarEvent() validator.String {
	return validate.StringFunc("calendar event", parseCalendarEvent)
}

// parseCalendarEvent returns an error saying what in s PVE would refuse.
func parseCalendarEvent(s string) error {
	ev := strings.ToLower(strings.TrimSpace(s))
	if ev == "" {
		return fmt.Errorf("the schedule is empty")
	}
	for _, n := range namedCalendarEvents {
		if ev == n {
			return nil
		}
	}
	tokens := strings.Fields(ev)
	if isWeekdaySpec(tokens[0]) {
		tokens = tokens[1:]
	} else if first := tokens[0][0]; first >= 'a' && first <= 'z' {
		return fmt.Errorf("%q is not a weekday list (mon..sun, e.g. \"mon..fri\" or \"sat,sun\") nor one of %s", tokens[0], strings.Join(namedCalendarEvents, ", "))
	}
	const (
		wantDate = iota
		wantTime
		done
	)
	stage := wantDate
	for _, tok := range tokens {
		switch {
		case stage == done:
			return fmt.Errorf("%q follows the time: the order is [weekdays] [date] [time]", tok)
		case strings.Contains(tok, ":"):
			if err := checkFields(tok, ":", []fieldRange{{"hour", 0, 23}, {"minute", 0, 59}, {"second", 0, 59}}, 2); err != nil {
				return err
			}
			stage = done
		case strings.Contains(tok, "-") && stage == wantDate:
			r := []fieldRange{{"month", 1, 12}, {"day", 1, 31}}
			if strings.Count(tok, "-") == 2 {
				r = append([]fieldRange{{"year", 1970, 9999}}, r...)
			}
			if err := checkFields(tok, "-", r, len(r)); err != nil {
				return err
			}
			stage = wantTime
		case stage == wantDate:
			if err := checkFields(tok, ":", []fieldRange{{"minute", 0, 59}}, 1); err != nil {
				return err
			}
			stage = done
		default:
			return fmt.Errorf("%q is not a time (HH:MM)", tok)
		}
	}
	return nil
}

func isWeekdaySpec(tok string) bool {
	for _, item := range strings.Split(tok, ",") {
		from, to, isRange := strings.Cut(item, "..")
		if !isWeekday(from) || (isRange && !isWeekday(to)) {
			return false
		}
	}
	return true
}

func isWeekday(s string) bool {
	full := map[string]string{"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}
	for _, d := range weekdayNames {
		if s == d || s == full[d] {
			return true
		}
	}
	return false
}

type fieldRange struct {
	name     string
	min, max int
}

// checkFields checks tok split by sep against the field ranges: exactly
// len(r) fields, or at least minFields.
func checkFields(tok, sep string, r []fieldRange, minFields int) error {
	parts := strings.Split(tok, sep)
	if len(parts) < minFields || len(parts) > len(r) {
		return fmt.Errorf("%q: expected %d to %d fields separated by %q", tok, minFields, len(r), sep)
	}
	for i, p := range parts {
		if err := checkField(p, r[i]); err != nil {
			return fmt.Errorf("%q: %w", tok, err)
		}
	}
	return nil
}

func checkField(p string, r fieldRange) error {
	num := func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || s == "" || s[0] == '+' || s[0] == '-' {
			return 0, fmt.Errorf("%s %q is not a number", r.name, s)
		}
		return n, nil
	}
	for _, item := range strings.Split(p, ",") {
		base, rep, hasRep := strings.Cut(item, "/")
		if hasRep {
			if n, err := num(rep); err != nil || n == 0 {
				return fmt.Errorf("%s repetition %q must be a positive number", r.name, rep)
			}
		}
		if base == "*" {
			if p != item {
				return fmt.Errorf("%s: \"*\" cannot be combined with other values", r.name)
			}
			continue
		}
		from, to, isRange := strings.Cut(base, "..")
		a, err := num(from)
		if err != nil {
			return err
		}
		if a < r.min || a > r.max {
			return fmt.Errorf("%s %d is out of range %d..%d", r.name, a, r.min, r.max)
		}
		if isRange {
			b, err := num(to)
			if err != nil {
				return err
			}
			if b < a || b > r.max {
				return fmt.Errorf("%s range %s is not within %d..%d", r.name, base, r.min, r.max)
			}
		}
	}
	return nil
}
