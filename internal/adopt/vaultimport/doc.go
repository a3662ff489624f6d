// Package vaultimport is the Vault source of homelab-import: it finds the
// PKI mounts and reads, per mount, its issuers, config URLs, roles, keys and
// the serials of its certificates (one list per collection and one read per
// issuer and role), and turns them into the provider's PKI resources whose
// import plans clean: each value is what the resource's import reads back,
// written only where it differs from the schema's default.
//
// client.go builds the Vault client as the provider does; read.go reads the
// PKI mounts; build.go decides what becomes a resource and names it; ca.go
// writes the root and intermediate CAs (finding each intermediate's signer
// as the provider's import does); role.go the roles; unmanaged.go lists the
// settings Vault holds that the provider does not manage; ttl.go renders
// durations and a CA's ttl the way the resources read them back.
package vaultimport
