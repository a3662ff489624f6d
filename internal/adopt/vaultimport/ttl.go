package vaultimport

import (
	"crypto/x509"
	"fmt"
	"time"
)

// These mirror internal/vault (formatTTL, certTTL): an import keeps in state
// exactly these spellings, so the configuration must say them too.

// formatTTL renders seconds in the largest whole unit: 31536000 -> "8760h".
func formatTTL(secs int64) string {
	switch {
	case secs%3600 == 0:
		return fmt.Sprintf("%dh", secs/3600)
	case secs%60 == 0:
		return fmt.Sprintf("%dm", secs/60)
	default:
		return fmt.Sprintf("%ds", secs)
	}
}

// notBefore is how far back Vault backdates a certificate (not_before_duration).
const notBefore = 30 * time.Second

// certTTL is the ttl a CA was requested with, recovered from its validity
// as the CA resources' import does.
func certTTL(cert *x509.Certificate) int64 {
	d := cert.NotAfter.Sub(cert.NotBefore) - notBefore
	if m := d.Round(time.Minute); (d - m).Abs() <= 2*time.Second {
		d = m
	}
	return int64(d.Round(time.Second) / time.Second)
}
