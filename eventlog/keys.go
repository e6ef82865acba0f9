package eventlog

import "encoding/binary"

// Key prefixes: one byte per kind of record. doc.go draws the layout.
const (
	prefixAccount     = 'a' // 'a' account20 BE32(seq) BE32(idx) → empty
	prefixEntry       = 'e' // 'e' key32 BE32(seq) BE32(idx) → empty
	prefixIndexed     = 'i' // 'i' → BE32(seq): the entry index is complete from seq
	prefixOwner       = 'o' // 'o' account20 key32 → empty
	prefixHead        = 'h' // 'h' → head record
	prefixLedgerIndex = 'l' // 'l' hash32 → BE32(seq)
	prefixLedger      = 'L' // 'L' BE32(seq) → ledger record; 'L' BE32(seq) BE32(idx) → tx record
	prefixMeta        = 'm' // 'm' key → caller's bytes
	prefixTxIndex     = 'x' // 'x' hash32 → BE32(seq) BE32(idx)
)

// Key lengths, used to tell the two kinds of 'L' key apart and to check
// index keys.
const (
	ledgerKeyLen  = 1 + 4
	txKeyLen      = 1 + 4 + 4
	accountKeyLen = 1 + 20 + 4 + 4
	entryKeyLen   = 1 + 32 + 4 + 4
	ownerKeyLen   = 1 + 20 + 32
)

// indexedKey is the single key naming where the entry index starts.
var indexedKey = []byte{prefixIndexed}

// headKey is the single key of the head record.
var headKey = []byte{prefixHead}

// appendLedgerKey appends 'L' BE32(seq).
func appendLedgerKey(dst []byte, seq uint32) []byte {
	dst = append(dst, prefixLedger)
	return binary.BigEndian.AppendUint32(dst, seq)
}

// appendTxKey appends 'L' BE32(seq) BE32(idx).
func appendTxKey(dst []byte, seq, idx uint32) []byte {
	dst = appendLedgerKey(dst, seq)
	return binary.BigEndian.AppendUint32(dst, idx)
}

// appendHashKey appends prefix hash32, the key of the 'l' and 'x' indexes.
func appendHashKey(dst []byte, prefix byte, h [32]byte) []byte {
	dst = append(dst, prefix)
	return append(dst, h[:]...)
}

// appendAccountKey appends 'a' account20 BE32(seq) BE32(idx).
func appendAccountKey(dst []byte, acct [20]byte, seq, idx uint32) []byte {
	dst = append(dst, prefixAccount)
	dst = append(dst, acct[:]...)
	dst = binary.BigEndian.AppendUint32(dst, seq)
	return binary.BigEndian.AppendUint32(dst, idx)
}

// appendEntryKey appends 'e' key32 BE32(seq) BE32(idx).
func appendEntryKey(dst []byte, key [32]byte, seq, idx uint32) []byte {
	dst = append(dst, prefixEntry)
	dst = append(dst, key[:]...)
	dst = binary.BigEndian.AppendUint32(dst, seq)
	return binary.BigEndian.AppendUint32(dst, idx)
}

// appendOwnerKey appends 'o' account20 key32.
func appendOwnerKey(dst []byte, acct [20]byte, key [32]byte) []byte {
	dst = append(dst, prefixOwner)
	dst = append(dst, acct[:]...)
	return append(dst, key[:]...)
}

// appendMetaKey appends 'm' key.
func appendMetaKey(dst []byte, key string) []byte {
	dst = append(dst, prefixMeta)
	return append(dst, key...)
}

// ledgersFrom returns the bounds [lower, upper) of the 'L' keys of ledgers
// from..to inclusive: the ledger record and the tx records of each.
func ledgersFrom(from, to uint32) (lower, upper []byte) {
	lower = appendLedgerKey(nil, from)
	if to == ^uint32(0) {
		return lower, []byte{prefixLedger + 1}
	}
	return lower, appendLedgerKey(nil, to+1)
}

// accountBounds returns the bounds [lower, upper) of an account's index
// keys in ledgers lo..hi inclusive.
func accountBounds(acct [20]byte, lo, hi uint32) (lower, upper []byte) {
	lower = appendAccountKey(nil, acct, lo, 0)
	if hi == ^uint32(0) {
		upper = append([]byte{prefixAccount}, acct[:]...)
		return lower, incrementKey(upper)
	}
	return lower, appendAccountKey(nil, acct, hi+1, 0)
}

// incrementKey turns a prefix into the smallest key greater than every
// key with that prefix, in place. The prefixes it is given always start
// with a prefix byte below 0xff, so the result is never empty.
func incrementKey(k []byte) []byte {
	for i := len(k) - 1; i >= 0; i-- {
		k[i]++
		if k[i] != 0 {
			return k[:i+1]
		}
	}
	return k[:0]
}

// parseTxKey splits an 'L' key into its sequence and, for a tx record,
// its index. isTx tells which; ok is false for a key of neither shape.
func parseTxKey(k []byte) (seq, idx uint32, isTx, ok bool) {
	switch {
	case len(k) == ledgerKeyLen && k[0] == prefixLedger:
		return binary.BigEndian.Uint32(k[1:]), 0, false, true
	case len(k) == txKeyLen && k[0] == prefixLedger:
		return binary.BigEndian.Uint32(k[1:]), binary.BigEndian.Uint32(k[5:]), true, true
	}
	return 0, 0, false, false
}

// parseAccountKey returns the position held by an account index key.
func parseAccountKey(k []byte) (seq, idx uint32, ok bool) {
	if len(k) != accountKeyLen || k[0] != prefixAccount {
		return 0, 0, false
	}
	return binary.BigEndian.Uint32(k[21:]), binary.BigEndian.Uint32(k[25:]), true
}
