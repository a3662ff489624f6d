package routeros

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// parseBool accepts RouterOS's yes/no and true/false spellings.
func parseBool(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "yes", "true":
		return "true", true
	case "no", "false":
		return "false", true
	}
	return "", false
}

// parseDuration accepts the RouterOS time forms: "300" (seconds), "2h45m",
// "1w2d", "100ms", "00:00:10", "1d 00:00:00", "1d00:00:00".
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	var total time.Duration
	rest := s
	// A trailing hh:mm:ss[.fff] clock, possibly after unit groups ("1d 00:00:00").
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		start := strings.LastIndexAny(rest[:i], "wdhms ") + 1
		clock := rest[start:]
		rest = strings.TrimSpace(rest[:start])
		parts := strings.Split(clock, ":")
		if len(parts) != 3 {
			return 0, false
		}
		h, err1 := strconv.Atoi(parts[0])
		m, err2 := strconv.Atoi(parts[1])
		sec, err3 := strconv.ParseFloat(parts[2], 64)
		if err1 != nil || err2 != nil || err3 != nil || h < 0 || m < 0 || m > 59 || sec < 0 || sec >= 60 {
			return 0, false
		}
		total = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec*float64(time.Second)+0.5)/time.Millisecond*time.Millisecond
		if rest == "" {
			return total, true
		}
	}
	if n, err := strconv.ParseUint(rest, 10, 32); err == nil {
		return total + time.Duration(n)*time.Second, true
	}
	units := map[string]time.Duration{"w": 7 * 24 * time.Hour, "d": 24 * time.Hour, "h": time.Hour, "m": time.Minute, "s": time.Second, "ms": time.Millisecond}
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, false
		}
		n, err := strconv.ParseUint(rest[:i], 10, 32)
		if err != nil {
			return 0, false
		}
		rest = rest[i:]
		j := 0
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		u, ok := units[rest[:j]]
		if !ok {
			return 0, false
		}
		total += time.Duration(n) * u
		rest = strings.TrimLeft(rest[j:], " ")
	}
	return total, true
}

// formatDuration prints a duration the way RouterOS 7 does: 1w2d3h4m5s6ms, 0s.
func formatDuration(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range []struct {
		s string
		d time.Duration
	}{{"w", 7 * 24 * time.Hour}, {"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}, {"ms", time.Millisecond}} {
		if n := d / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.s)
			d -= n * u.d
		}
	}
	if b.Len() == 0 {
		return "0s"
	}
	return b.String()
}

// parseMAC accepts six hex octets separated by ':' or '-' and prints them
// upper-case with ':'.
func parseMAC(s string) (string, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '-' })
	if len(parts) != 6 {
		return "", false
	}
	out := make([]string, 6)
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 {
			return "", false
		}
		v, err := strconv.ParseUint(p, 16, 8)
		if err != nil {
			return "", false
		}
		out[i] = fmt.Sprintf("%02X", v)
	}
	return strings.Join(out, ":"), true
}

// parseInt accepts decimal and 0x-prefixed hexadecimal numbers.
func parseInt(s string) (int64, bool) {
	base := 10
	t := s
	if strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
		base, t = 16, t[2:]
	}
	n, err := strconv.ParseInt(t, base, 64)
	return n, err == nil
}

// parseIPv4 accepts a dotted IPv4 address.
func parseIPv4(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, false
	}
	return a, true
}

// parsePrefix accepts "a.b.c.d/nn" or a bare address (/32), keeping the host bits.
func parsePrefix(s string) (netip.Prefix, bool) {
	if !strings.Contains(s, "/") {
		a, ok := parseIPv4(s)
		if !ok {
			return netip.Prefix{}, false
		}
		return netip.PrefixFrom(a, 32), true
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, false
	}
	return p, true
}

// splitList splits a comma list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// formatID prints an item id as RouterOS does: *1A.
func formatID(n int) string { return "*" + strings.ToUpper(strconv.FormatInt(int64(n), 16)) }

// parseID parses "*1A".
func parseID(s string) (int, bool) {
	if len(s) < 2 || s[0] != '*' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[1:], 16, 31)
	return int(n), err == nil
}

// versionAtLeast compares dotted RouterOS versions ("7.19.4", "7.18beta2").
func versionAtLeast(v string, major, minor int) bool {
	f := strings.FieldsFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	get := func(i int) int {
		if i < len(f) {
			n, _ := strconv.Atoi(f[i])
			return n
		}
		return 0
	}
	if get(0) != major {
		return get(0) > major
	}
	return get(1) >= minor
}
