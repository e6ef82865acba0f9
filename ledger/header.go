package ledger

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/hash"
)

// Header is a closed ledger's header, with rippled's fields. Times are
// seconds since the Ripple epoch (2000-01-01T00:00:00Z).
type Header struct {
	Seq                 uint32
	TotalDrops          uint64
	ParentHash          hash.Hash256
	TxHash              hash.Hash256
	AccountHash         hash.Hash256
	ParentCloseTime     uint32
	CloseTime           uint32
	CloseTimeResolution uint8
	CloseFlags          uint8
}

// HeaderSize is the length of an encoded header.
const HeaderSize = 4 + 8 + 32 + 32 + 32 + 4 + 4 + 1 + 1

// CloseTimeResolution is the close-time resolution recorded in headers,
// in seconds. The node closes at most one ledger per second.
const CloseTimeResolution = 1

// RippleEpoch is the Unix time of the Ripple epoch.
const RippleEpoch = 946684800

// ErrBadHeader reports an encoded header of the wrong size.
var ErrBadHeader = errors.New("ledger: malformed header")

// Encode returns the header in rippled's hashing layout, without the
// "LWR\0" prefix. It is also the header's stored form.
func (h *Header) Encode() []byte {
	b := make([]byte, 0, HeaderSize)
	b = binary.BigEndian.AppendUint32(b, h.Seq)
	b = binary.BigEndian.AppendUint64(b, h.TotalDrops)
	b = append(b, h.ParentHash[:]...)
	b = append(b, h.TxHash[:]...)
	b = append(b, h.AccountHash[:]...)
	b = binary.BigEndian.AppendUint32(b, h.ParentCloseTime)
	b = binary.BigEndian.AppendUint32(b, h.CloseTime)
	return append(b, h.CloseTimeResolution, h.CloseFlags)
}

// DecodeHeader parses what [Header.Encode] produced.
func DecodeHeader(b []byte) (Header, error) {
	var h Header
	if len(b) != HeaderSize {
		return h, fmt.Errorf("%w: %d bytes, want %d", ErrBadHeader, len(b), HeaderSize)
	}
	h.Seq = binary.BigEndian.Uint32(b)
	h.TotalDrops = binary.BigEndian.Uint64(b[4:])
	copy(h.ParentHash[:], b[12:])
	copy(h.TxHash[:], b[44:])
	copy(h.AccountHash[:], b[76:])
	h.ParentCloseTime = binary.BigEndian.Uint32(b[108:])
	h.CloseTime = binary.BigEndian.Uint32(b[112:])
	h.CloseTimeResolution = b[116]
	h.CloseFlags = b[117]
	return h, nil
}

// Hash is the ledger hash: SHA-512Half("LWR\0" ‖ header).
func (h *Header) Hash() hash.Hash256 {
	return hash.Prefixed(hash.LedgerMaster, h.Encode())
}
