package routerosimport

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// readTables prints every menu once, all at the same time on the one
// connection (tagged commands): the cost is one print per menu, whatever the
// number of rows.
func readTables(ctx context.Context, c *client.Client, paths []string) (tables, error) {
	rows := make([][]client.Row, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows[i], errs[i] = c.Table(ctx, p)
		}()
	}
	wg.Wait()
	t := tables{}
	for i, p := range paths {
		if errs[i] != nil {
			return nil, fmt.Errorf("printing %s: %w", p, errs[i])
		}
		t[p] = rows[i]
	}
	return t, nil
}

// static are the rows the router's configuration holds (not dynamic ones).
func static(rows []client.Row) []client.Row {
	var out []client.Row
	for _, r := range rows {
		if r["dynamic"] != "true" {
			out = append(out, r)
		}
	}
	return out
}

func sortedKeys(row client.Row) []string {
	keys := make([]string, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
