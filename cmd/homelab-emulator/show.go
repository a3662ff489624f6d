package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"sort"
	"time"
)

// runShow prints what a person wants to see of a lab after an apply:
// `show guests` the cluster's guests per node (PROXMOX_VE_*, the emulator
// or a real cluster), `show certs FILE|-` the subject and issuer of each
// certificate of a PEM chain.
func runShow(args []string) int {
	var err error
	switch {
	case len(args) == 1 && args[0] == "guests":
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err = showGuests(ctx, os.Stdout)
	case len(args) == 2 && args[0] == "certs":
		var b []byte
		if args[1] == "-" {
			b, err = io.ReadAll(os.Stdin)
		} else {
			b, err = os.ReadFile(args[1])
		}
		if err == nil {
			err = showCerts(b, os.Stdout)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: homelab-emulator show guests   (reads PROXMOX_VE_*)\n       homelab-emulator show certs FILE|-")
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "homelab-emulator show:", err)
		return 1
	}
	return 0
}

// showGuests lists /cluster/resources' guests by node, then VMID.
func showGuests(ctx context.Context, w io.Writer) error {
	c, err := newPVEClient(ctx)
	if err != nil {
		return err
	}
	raw, err := c.get(ctx, "/cluster/resources", map[string]string{"type": "vm"})
	if err != nil {
		return err
	}
	var guests []struct {
		VMID                     int
		Node, Type, Name, Status string
		Template                 int
	}
	if err := json.Unmarshal(raw, &guests); err != nil {
		return err
	}
	sort.Slice(guests, func(i, j int) bool {
		if guests[i].Node != guests[j].Node {
			return guests[i].Node < guests[j].Node
		}
		return guests[i].VMID < guests[j].VMID
	})
	node := ""
	for _, g := range guests {
		if g.Node != node {
			node = g.Node
			n := 0
			for _, x := range guests {
				if x.Node == node {
					n++
				}
			}
			fmt.Fprintf(w, "%s (%d %s)\n", node, n, map[bool]string{true: "guest", false: "guests"}[n == 1])
		}
		kind := map[string]string{"lxc": "CT", "qemu": "VM"}[g.Type]
		status := g.Status
		if g.Template == 1 {
			status = "template"
		}
		fmt.Fprintf(w, "  %-6d %s  %-24s %s\n", g.VMID, kind, g.Name, status)
	}
	if len(guests) == 0 {
		fmt.Fprintln(w, "no guests")
	}
	return nil
}

// showCerts prints each certificate's subject and issuer, in file order,
// each once (a chain and its root given together repeat the root).
func showCerts(b []byte, w io.Writer) error {
	n := 0
	seen := map[string]bool{}
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" || seen[string(blk.Bytes)] {
			continue
		}
		seen[string(blk.Bytes)] = true
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return err
		}
		n++
		fmt.Fprintf(w, "%d. %s\n   issued by %s, until %s\n", n, c.Subject, c.Issuer, c.NotAfter.UTC().Format("2006-01-02"))
	}
	if n == 0 {
		return fmt.Errorf("no PEM certificate found")
	}
	return nil
}
