package client

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Version is the router's RouterOS version ("7.19.4"), printed once per
// client: parameter names and availability depend on it.
func (c *Client) Version(ctx context.Context) (string, error) {
	c.versionMu.Lock()
	defer c.versionMu.Unlock()
	if c.version != "" {
		return c.version, nil
	}
	rows, _, err := c.RunRetry(ctx, "/system/resource/print", "=.proplist=version")
	if err != nil {
		return "", err
	}
	if len(rows) == 0 || rows[0]["version"] == "" {
		return "", fmt.Errorf("/system/resource printed no version")
	}
	c.version = strings.Fields(rows[0]["version"])[0] // "7.19.4 (stable)"
	return c.version, nil
}

// VersionLess reports whether RouterOS version a is older than b, comparing
// the numeric parts ("7.9" < "7.15" < "7.15.1").
func VersionLess(a, b string) bool {
	pa, pb := versionParts(a), versionParts(b)
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := 0, 0
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			return x < y
		}
	}
	return false
}

func versionParts(v string) []int {
	var out []int
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r < '0' || r > '9' }) {
		n, _ := strconv.Atoi(p)
		out = append(out, n)
	}
	return out
}
