// Package routerosimport is the RouterOS source of homelab-import: it reads
// every menu the provider manages (one print per menu, through the
// provider's own client) and turns the rows into resource blocks whose
// import plans clean, following the engine's rules for what an import keeps
// in state (menu.Field.ImportedValue).
//
// read.go reads the router (or an /export loaded into the emulator,
// export.go); build.go decides per row what becomes a resource; values.go
// renders a value per field kind; refs.go turns names of other imported
// objects into references; chains.go builds the firewall chains; names.go
// and ids.go choose addresses and import IDs; graph.go draws the network.
package routerosimport
