package vaultimport

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/hashicorp/vault/api"
)

// lab is what was read from Vault.
type lab struct {
	pki    []*mount // sorted by path
	others []other  // the other secrets engines, reported only
}

type other struct{ path, typ string }

// mount is one PKI secrets engine and what it holds.
type mount struct {
	path    string
	data    map[string]any // its entry in sys/mounts
	issuers []*issuer      // in the order Vault lists them
	urls    map[string]any // <mount>/config/urls; nil when Vault has none
	roles   []*role        // sorted by name
	keys    []key
	certs   []string // serials of every stored certificate, CAs included
}

type issuer struct {
	id, name, keyID string
	isDefault       bool
	cert            *x509.Certificate
	data            map[string]any // <mount>/issuer/<id>
}

type role struct {
	name string
	data map[string]any
}

type key struct{ id, name string }

// read reads every PKI mount: sys/mounts once, then per mount one list per
// collection and one read per issuer and per role.
func read(ctx context.Context, c *api.Client) (*lab, error) {
	s, err := c.Logical().ReadWithContext(ctx, "sys/mounts")
	if err != nil {
		return nil, fmt.Errorf("cannot list the secrets engines (sys/mounts) of Vault at %s: %s", c.Address(), errText(err))
	}
	if s == nil || s.Data == nil {
		return nil, fmt.Errorf("Vault at %s answered sys/mounts without data", c.Address())
	}
	l := &lab{}
	for p, v := range s.Data {
		entry, _ := v.(map[string]any)
		p = strings.TrimSuffix(p, "/")
		if typ := str(entry["type"]); typ != "pki" {
			l.others = append(l.others, other{p, typ})
			continue
		}
		m := &mount{path: p, data: entry}
		if err := m.read(ctx, c); err != nil {
			return nil, err
		}
		l.pki = append(l.pki, m)
	}
	sort.Slice(l.pki, func(i, j int) bool { return l.pki[i].path < l.pki[j].path })
	sort.Slice(l.others, func(i, j int) bool { return l.others[i].path < l.others[j].path })
	return l, nil
}

func (m *mount) read(ctx context.Context, c *api.Client) error {
	ids, info, err := list(ctx, c, m.path+"/issuers")
	if err != nil {
		return err
	}
	for _, id := range ids {
		is, err := readIssuer(ctx, c, m.path, id)
		if err != nil {
			return err
		}
		is.isDefault = boolOf(info[id]["is_default"])
		m.issuers = append(m.issuers, is)
	}
	s, err := c.Logical().ReadWithContext(ctx, m.path+"/config/urls")
	if err != nil {
		return fmt.Errorf("reading the URLs of PKI mount %q (%s/config/urls): %s", m.path, m.path, errText(err))
	}
	if s != nil {
		m.urls = s.Data
	}
	names, _, err := list(ctx, c, m.path+"/roles")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		s, err := c.Logical().ReadWithContext(ctx, m.path+"/roles/"+n)
		if err != nil {
			return fmt.Errorf("reading role %q of PKI mount %q: %s", n, m.path, errText(err))
		}
		if s == nil || s.Data == nil {
			continue // deleted while we read
		}
		m.roles = append(m.roles, &role{name: n, data: s.Data})
	}
	keyIDs, keyInfo, err := list(ctx, c, m.path+"/keys")
	if err != nil {
		return err
	}
	for _, id := range keyIDs {
		m.keys = append(m.keys, key{id: id, name: str(keyInfo[id]["key_name"])})
	}
	m.certs, _, err = list(ctx, c, m.path+"/certs")
	return err
}

func readIssuer(ctx context.Context, c *api.Client, mount, id string) (*issuer, error) {
	s, err := c.Logical().ReadWithContext(ctx, mount+"/issuer/"+id)
	if err != nil {
		return nil, fmt.Errorf("reading issuer %s/issuer/%s: %s", mount, id, errText(err))
	}
	if s == nil || s.Data == nil {
		return nil, fmt.Errorf("reading issuer %s/issuer/%s: Vault's answer has no data", mount, id)
	}
	block, _ := pem.Decode([]byte(strings.TrimSpace(str(s.Data["certificate"]))))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("issuer %s/issuer/%s: its certificate is not PEM", mount, id)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("issuer %s/issuer/%s: %w", mount, id, err)
	}
	return &issuer{id: str(s.Data["issuer_id"]), name: str(s.Data["issuer_name"]), keyID: str(s.Data["key_id"]),
		cert: cert, data: s.Data}, nil
}

// list LISTs path: its keys in Vault's order and their key_info. A path with
// nothing under it is empty, not an error.
func list(ctx context.Context, c *api.Client, path string) ([]string, map[string]map[string]any, error) {
	s, err := c.Logical().ListWithContext(ctx, path)
	if err != nil {
		var re *api.ResponseError
		if errors.As(err, &re) && re.StatusCode == http.StatusNotFound {
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("listing %s: %s", path, errText(err))
	}
	if s == nil || s.Data == nil {
		return nil, nil, nil
	}
	info := map[string]map[string]any{}
	if ki, ok := s.Data["key_info"].(map[string]any); ok {
		for k, v := range ki {
			info[k], _ = v.(map[string]any)
		}
	}
	return strList(s.Data["keys"]), info, nil
}
