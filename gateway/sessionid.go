package gateway

import (
	"crypto/rand"
	"encoding/hex"
)

// newSessionID returns a random (version 4, RFC 9562) UUID string from
// crypto/rand, e.g. "1b4e28ba-2fa1-4d2e-883f-0016d3cca427". NKN used time
// based (version 1) ids; clients only echo them.
func newSessionID() string {
	var u [16]byte
	// crypto/rand.Read never returns an error (Go 1.24+); it crashes the
	// program if the system's source fails.
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}
