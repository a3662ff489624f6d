package proxmox

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"sync"
	"time"
)

// Node certificates, as pve-cluster creates them (PVE/Cluster/Setup.pm:
// gen_pveca_cert, gen_pve_ssl_cert), as pveproxy picks one
// (PVE/Service/pveproxy.pm: pveproxy-ssl.pem with its key when both exist,
// else pve-ssl.pem) and as /nodes/{node}/certificates changes them
// (PVE/API2/Certificates.pm, PVE/CertHelpers.pm set_cert_files).
//
// The listener is the pveproxy of one node, the endpoint node: it serves
// what that pveproxy loaded when it last (re)started, so an upload or delete
// changes the served certificate only with restart=1, as on PVE.

// certStore holds every node's certificate files and what the endpoint
// node's pveproxy serves. Its own mutex: TLS handshakes read it without
// Server.mu.
type certStore struct {
	mu       sync.Mutex
	caCert   *x509.Certificate
	caKey    crypto.Signer
	caPEM    []byte // /etc/pve/pve-root-ca.pem
	endpoint string // the node whose pveproxy the listener is
	nodes    map[string]*nodeCertFiles
	served   *tls.Certificate
}

// nodeCertFiles are /etc/pve/nodes/<node>/pve-ssl.{pem,key} (always there)
// and pveproxy-ssl.{pem,key} (the custom certificate; nil when absent).
type nodeCertFiles struct {
	sslPEM, sslKey       []byte
	customPEM, customKey []byte
}

// newCertStore generates the cluster CA and the endpoint node's pve-ssl
// certificate, or uses the given one (certPEM/keyPEM) as that node's
// pve-ssl. It also returns the PEM clients trust: the CA, or the given
// certificate.
func newCertStore(certPEM, keyPEM []byte, endpoint string) (*certStore, []byte, error) {
	cs := &certStore{endpoint: endpoint, nodes: map[string]*nodeCertFiles{}}
	if err := cs.genCA(); err != nil {
		return nil, nil, err
	}
	trust := cs.caPEM
	if len(certPEM) > 0 || len(keyPEM) > 0 {
		if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
			return nil, nil, err
		}
		cs.nodes[endpoint] = &nodeCertFiles{sslPEM: certPEM, sslKey: keyPEM}
		trust = certPEM
	}
	if err := cs.reload(endpoint); err != nil {
		return nil, nil, err
	}
	return cs, trust, nil
}

func (cs *certStore) genCA() error {
	now := time.Now()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		// "/CN=Proxmox Virtual Environment/OU=<uuid>/O=PVE Cluster Manager CA/"
		Subject: pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidCN, Value: "Proxmox Virtual Environment"},
			{Type: oidOU, Value: randUUID()},
			{Type: oidO, Value: "PVE Cluster Manager CA"},
		}},
		NotBefore:             now.Add(-24 * time.Hour), // faketime yesterday
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	cs.caCert, _ = x509.ParseCertificate(der)
	cs.caKey = key
	cs.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return nil
}

// files returns a node's certificate files, creating its pve-ssl
// certificate on first use (pvecm updatecerts at node setup).
func (cs *certStore) files(node string) (*nodeCertFiles, error) {
	if f := cs.nodes[node]; f != nil {
		return f, nil
	}
	certPEM, keyPEM, err := cs.genNodeCert(node)
	if err != nil {
		return nil, err
	}
	f := &nodeCertFiles{sslPEM: certPEM, sslKey: keyPEM}
	cs.nodes[node] = f
	return f, nil
}

// genNodeCert is gen_pve_ssl_cert: signed by the cluster CA, subject
// "/OU=PVE Cluster Node/O=Proxmox Virtual Environment/CN=<node>", SANs
// 127.0.0.1, ::1, localhost and the node name, valid 2 years from yesterday.
// (PVE adds the node's IP and FQDN; the emulator has neither. Its keys are
// P-256, PVE's RSA 2048.)
func (cs *certStore) genNodeCert(node string) (certPEM, keyPEM []byte, err error) {
	now := time.Now()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidOU, Value: "PVE Cluster Node"},
			{Type: oidO, Value: "Proxmox Virtual Environment"},
			{Type: oidCN, Value: node},
		}},
		NotBefore:             now.Add(-24 * time.Hour),
		NotAfter:              now.Add(2*365*24*time.Hour - 24*time.Hour),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:              []string{"localhost", node},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, cs.caCert, &key.PublicKey, cs.caKey)
	if err != nil {
		return nil, nil, err
	}
	kd, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}), nil
}

// reload is `systemctl reload-or-restart pveproxy` on node: only the
// endpoint node's pveproxy is the listener. It loads the custom
// certificate when both its files exist, else pve-ssl.
func (cs *certStore) reload(node string) error {
	if node != cs.endpoint {
		return nil
	}
	f, err := cs.files(node)
	if err != nil {
		return err
	}
	var c tls.Certificate
	if f.customPEM != nil && f.customKey != nil {
		c, err = tls.X509KeyPair(f.customPEM, f.customKey)
	}
	if f.customPEM == nil || f.customKey == nil || err != nil {
		// A pveproxy that cannot load the custom files would not start;
		// the emulator keeps serving pve-ssl instead.
		if c, err = tls.X509KeyPair(f.sslPEM, f.sslKey); err != nil {
			return err
		}
	}
	cs.mu.Lock()
	cs.served = &c
	cs.mu.Unlock()
	return nil
}

// getCertificate is the listener's tls.Config.GetCertificate: what the
// endpoint node's pveproxy loaded last, for every new handshake.
func (cs *certStore) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.served == nil {
		return nil, errors.New("no certificate")
	}
	return cs.served, nil
}

// The routes' handlers run holding Server.mu, which also guards cs.nodes.

// certIndex is GET /nodes/{node}/certificates.
func (s *Server) certIndex(r *request) (any, *apiError) {
	return []map[string]any{{"name": "acme"}, {"name": "custom"}, {"name": "info"}}, nil
}

// certInfoList is GET /nodes/{node}/certificates/info: pve-root-ca.pem,
// pve-ssl.pem and pveproxy-ssl.pem, each when it exists and reads as a
// certificate (the handler skips the others).
func (s *Server) certInfoList(r *request) (any, *apiError) {
	f, err := s.certs.files(r.vars["node"])
	if err != nil {
		return nil, errf("%v", err)
	}
	out := []map[string]any{}
	for _, c := range []struct {
		name string
		pem  []byte
	}{{"pve-root-ca.pem", s.certs.caPEM}, {"pve-ssl.pem", f.sslPEM}, {"pveproxy-ssl.pem", f.customPEM}} {
		if c.pem == nil {
			continue
		}
		if info, err := certificateInfo(c.pem, c.name); err == nil {
			out = append(out, info)
		}
	}
	return out, nil
}

// certUpload is POST /nodes/{node}/certificates/custom (upload_custom_cert
// and set_cert_files): refused without a key when the node has none,
// refused over an existing custom certificate without force, the files
// removed again (and the old ones restored) when the key does not match.
// It answers the new certificate's info, synchronously (no task).
func (s *Server) certUpload(r *request) (any, *apiError) {
	node := r.vars["node"]
	certs, key := r.params["certificates"], r.params["key"]
	errs := map[string]string{}
	if !checkPEM(certs, "CERTIFICATE", true) {
		errs["certificates"] = "invalid format - " + notPEM
	}
	if key != "" && !checkPEM(key, "", false) {
		errs["key"] = "invalid format - " + notPEM
	}
	if len(errs) > 0 {
		return nil, paramErr(errs)
	}
	f, err := s.certs.files(node)
	if err != nil {
		return nil, errf("%v", err)
	}
	certs = stripLeadingText(certs)
	if key != "" {
		key = stripLeadingText(key)
	} else if f.customKey == nil {
		return nil, paramErr1("key", "Attempted to upload custom certificate without (existing) key.")
	}
	force := r.params["force"] == "1"
	// The handler dies with "$@\n" after cert_lock: the message ends in
	// an empty line.
	switch {
	case !force && f.customPEM != nil:
		return nil, errf("Custom certificate file exists but force flag is not set.\n")
	case !force && f.customKey != nil:
		return nil, errf("Custom certificate key file exists but force flag is not set.\n")
	}
	oldPEM, oldKey := f.customPEM, f.customKey
	f.customPEM = []byte(certs)
	if key != "" {
		f.customKey = []byte(key)
	}
	restore := func() {
		if oldPEM != nil && oldKey != nil {
			f.customPEM, f.customKey = oldPEM, oldKey
		}
	}
	path := "/etc/pve/nodes/" + node + "/pveproxy-ssl.pem"
	info, err := certificateInfo(f.customPEM, "pveproxy-ssl.pem")
	if err != nil {
		// The written files stay unless old ones are restored.
		restore()
		return nil, errf("Setting certificate files failed - unable to read certificate from '%s'\n\n", path)
	}
	if _, err := tls.X509KeyPair(f.customPEM, f.customKey); err != nil {
		f.customPEM, f.customKey = nil, nil
		restore()
		// Net::SSLeay::die_now prefixes the worker's pid; what $! holds
		// there is unconfirmed (empty here).
		return nil, errf("Setting certificate files failed - %d: key does not match the certificate (chain) ()\n\n", os.Getpid())
	}
	if r.params["restart"] == "1" {
		if err := s.certs.reload(node); err != nil {
			return nil, errf("%v", err)
		}
	}
	return info, nil
}

// certDelete is DELETE /nodes/{node}/certificates/custom: the custom files
// are unlinked (no error when there are none); after a restart pveproxy
// serves pve-ssl again.
func (s *Server) certDelete(r *request) (any, *apiError) {
	node := r.vars["node"]
	f, err := s.certs.files(node)
	if err != nil {
		return nil, errf("%v", err)
	}
	f.customPEM, f.customKey = nil, nil
	if r.params["restart"] == "1" {
		if err := s.certs.reload(node); err != nil {
			return nil, errf("%v", err)
		}
	}
	return nil, nil
}

// ServedCertificate is the leaf certificate the listener presents now.
func (s *Server) ServedCertificate() *x509.Certificate {
	c, err := s.certs.getCertificate(nil)
	if err != nil || len(c.Certificate) == 0 {
		return nil
	}
	x, _ := x509.ParseCertificate(c.Certificate[0])
	return x
}

// EndpointNode is the node whose pveproxy the listener is.
func (s *Server) EndpointNode() string { return s.certs.endpoint }

func randUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
