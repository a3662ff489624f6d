// Package tlsconfig builds client TLS settings the same way for every system:
// verified by default, an optional CA given as PEM text or a path to a PEM file.
package tlsconfig

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Load returns the PEM bytes of caPEMOrPath: the text itself when it holds a PEM
// block, otherwise the contents of the file it names.
func Load(caPEMOrPath string) ([]byte, error) {
	if strings.Contains(caPEMOrPath, "-----BEGIN") {
		return []byte(caPEMOrPath), nil
	}
	b, err := os.ReadFile(caPEMOrPath)
	if err != nil {
		return nil, fmt.Errorf("reading CA certificate: %w", err)
	}
	return b, nil
}

// Client returns a TLS client configuration. With insecure, the server
// certificate is not verified; with a CA, only certificates it signed are
// accepted; with neither, the system roots are used.
func Client(caPEMOrPath string, insecure bool) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if insecure {
		cfg.InsecureSkipVerify = true // the user asked for it explicitly
		return cfg, nil
	}
	if caPEMOrPath == "" {
		return cfg, nil
	}
	pem, err := Load(caPEMOrPath)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("the CA certificate holds no PEM certificate")
	}
	cfg.RootCAs = pool
	return cfg, nil
}
