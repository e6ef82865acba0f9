package rpc

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// cmdRandom is rippled's random: 256 bits from the operating system's
// generator, as 64 uppercase hex digits. rippled seeds its own CSPRNG;
// crypto/rand reads the kernel's, which is the same guarantee.
func cmdRandom(*call) (any, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	return map[string]any{"random": strings.ToUpper(hex.EncodeToString(b[:]))}, nil
}
