package projections

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/ter"
)

// The projection reads two things of a logged ledger besides its
// transactions: the close time from the header and each transaction's
// result from its metadata. Both are rippled's formats, which ledger/
// writes (Header.Encode, Meta.Encode); they are read here with
// protocol/codec rather than through ledger/, which sits above this
// package (the tests check both readings against ledger/'s encoders).
const (
	headerSize      = 118 // ledger.HeaderSize
	headerCloseTime = 112 // offset of CloseTime: seq 4, drops 8, 3 hashes 96, parent close time 4
	rippleEpoch     = 946684800
)

// headerInfo returns the sequence and close time of an encoded header.
func headerInfo(b []byte) (seq uint32, closeTime uint32, err error) {
	if len(b) != headerSize {
		return 0, 0, fmt.Errorf("%w: header of %d bytes, want %d", ErrCorrupt, len(b), headerSize)
	}
	return binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[headerCloseTime:]), nil
}

// closeTimeText renders a close time as chainsqld fills LedgerTimeField:
// "2006-01-02 15:04:05", UTC.
func closeTimeText(closeTime uint32) string {
	return time.Unix(int64(closeTime)+rippleEpoch, 0).UTC().Format(time.DateTime)
}

// metaResult returns the engine result recorded in a transaction's
// metadata.
func metaResult(meta []byte) (ter.Code, error) {
	o, err := codec.Decode(meta)
	if err != nil {
		return 0, fmt.Errorf("%w: metadata: %w", ErrCorrupt, err)
	}
	r, ok := o.UInt16("TransactionResult")
	if !ok {
		return 0, fmt.Errorf("%w: metadata has no TransactionResult", ErrCorrupt)
	}
	return ter.Code(r), nil
}
