//go:build cgo

package keys

// secpBackends lists the secp256k1 implementations built in: with cgo,
// libsecp256k1 (production) and decred (the pure-Go fallback).
var secpBackends = []secpBackend{decredBackend, {"libsecp256k1", libsecpVerify, libsecpSign}}
