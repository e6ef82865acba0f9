//go:build !cgo

package keys

// secpBackends lists the secp256k1 implementations built in: without cgo,
// only decred.
var secpBackends = []secpBackend{decredBackend}
