package proxmox

// sslFingerprint is PVE::Cluster::get_node_fingerprint, which GET /nodes
// reports as ssl_fingerprint: the SHA-256 fingerprint of the node's
// pveproxy-ssl.pem when that file exists, else of its pve-ssl.pem, so the
// endpoint node's is the served certificate's (after a custom certificate
// upload without restart, the file's, as on PVE). It is absent when the
// certificate cannot be read ("eval" in Nodes.pm).
func (s *Server) sslFingerprint(node string) any {
	f, err := s.certs.files(node)
	if err != nil {
		return nil
	}
	pemBytes := f.sslPEM
	if f.customPEM != nil {
		pemBytes = f.customPEM
	}
	info, err := certificateInfo(pemBytes, "")
	if err != nil {
		return nil
	}
	return info["fingerprint"]
}
