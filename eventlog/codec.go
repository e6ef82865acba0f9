package eventlog

import (
	"encoding/binary"
	"fmt"
)

// formatVersion is the first byte of the head, ledger and tx records. A
// record with another version is refused as ErrCorrupt, so a future format
// can be introduced without an old binary misreading it.
const formatVersion = 1

const (
	headLen      = 1 + 4 + 4 + 32 // version, first, head, head hash
	txPosLen     = 4 + 4          // 'x' value: BE32(seq) BE32(idx)
	ledgerPosLen = 4              // 'l' value: BE32(seq)
	accountLen   = 20
)

// head is the decoded head record: the range of ledgers in the log and the
// hash of the last one.
type head struct {
	first, seq uint32
	hash       [32]byte
}

func appendHead(dst []byte, h head) []byte {
	dst = append(dst, formatVersion)
	dst = binary.BigEndian.AppendUint32(dst, h.first)
	dst = binary.BigEndian.AppendUint32(dst, h.seq)
	return append(dst, h.hash[:]...)
}

func decodeHead(b []byte) (head, error) {
	var h head
	if len(b) != headLen {
		return h, corruptf("head record: %d bytes, want %d", len(b), headLen)
	}
	if b[0] != formatVersion {
		return h, corruptf("head record: unsupported format version %d", b[0])
	}
	h.first = binary.BigEndian.Uint32(b[1:])
	h.seq = binary.BigEndian.Uint32(b[5:])
	copy(h.hash[:], b[9:])
	if h.first == 0 || h.first > h.seq {
		return h, corruptf("head record: first %d, head %d", h.first, h.seq)
	}
	return h, nil
}

// ledgerRecord is the decoded value of an 'L' BE32(seq) key.
type ledgerRecord struct {
	hash    [32]byte
	txCount uint32
	header  []byte
}

// appendLedgerRecord encodes version, hash32, uvarint(txCount),
// uvarint(len header), header.
func appendLedgerRecord(dst []byte, hash [32]byte, txCount uint32, header []byte) []byte {
	dst = append(dst, formatVersion)
	dst = append(dst, hash[:]...)
	dst = binary.AppendUvarint(dst, uint64(txCount))
	dst = binary.AppendUvarint(dst, uint64(len(header)))
	return append(dst, header...)
}

// decodeLedgerRecord decodes b. The header aliases b.
func decodeLedgerRecord(b []byte) (ledgerRecord, error) {
	var r ledgerRecord
	d := decoder{b: b}
	d.version()
	copy(r.hash[:], d.fixed(32))
	n := d.uvarint()
	if n > uint64(^uint32(0)) {
		d.fail("tx count %d", n)
	}
	r.txCount = uint32(n)
	r.header = d.bytes()
	if err := d.finish(); err != nil {
		return ledgerRecord{}, fmt.Errorf("ledger record: %w", err)
	}
	return r, nil
}

// appendTxRecord encodes version, hash32, uvarint(len blob), blob,
// uvarint(len meta), meta, uvarint(len accounts), accounts (20 bytes each).
func appendTxRecord(dst []byte, tx *Tx, accounts [][20]byte) []byte {
	dst = append(dst, formatVersion)
	dst = append(dst, tx.Hash[:]...)
	dst = binary.AppendUvarint(dst, uint64(len(tx.Blob)))
	dst = append(dst, tx.Blob...)
	dst = binary.AppendUvarint(dst, uint64(len(tx.Meta)))
	dst = append(dst, tx.Meta...)
	dst = binary.AppendUvarint(dst, uint64(len(accounts)))
	for i := range accounts {
		dst = append(dst, accounts[i][:]...)
	}
	return dst
}

// decodeTxRecord decodes b into tx. Blob and Meta alias b (capped, so an
// append by the caller never overwrites a neighbour); Accounts is a new
// slice, nil when there are none.
func decodeTxRecord(b []byte, tx *Tx) error {
	d := decoder{b: b}
	d.version()
	copy(tx.Hash[:], d.fixed(32))
	tx.Blob = d.bytes()
	tx.Meta = d.bytes()
	n := d.uvarint()
	if n > uint64(len(d.b)/accountLen) {
		d.fail("%d accounts in %d bytes", n, len(d.b))
	}
	tx.Accounts = nil
	if d.err == nil && n > 0 {
		tx.Accounts = make([][20]byte, n)
		for i := range tx.Accounts {
			copy(tx.Accounts[i][:], d.fixed(accountLen))
		}
	}
	if err := d.finish(); err != nil {
		*tx = Tx{}
		return fmt.Errorf("tx record: %w", err)
	}
	return nil
}

func appendTxPos(dst []byte, seq, idx uint32) []byte {
	dst = binary.BigEndian.AppendUint32(dst, seq)
	return binary.BigEndian.AppendUint32(dst, idx)
}

func decodeTxPos(b []byte) (seq, idx uint32, err error) {
	if len(b) != txPosLen {
		return 0, 0, corruptf("tx index value: %d bytes, want %d", len(b), txPosLen)
	}
	return binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:]), nil
}

func appendLedgerPos(dst []byte, seq uint32) []byte {
	return binary.BigEndian.AppendUint32(dst, seq)
}

func decodeLedgerPos(b []byte) (uint32, error) {
	if len(b) != ledgerPosLen {
		return 0, corruptf("ledger index value: %d bytes, want %d", len(b), ledgerPosLen)
	}
	return binary.BigEndian.Uint32(b), nil
}

// decoder reads a record defensively: the first problem is kept in err,
// every later read returns zero values, and finish reports the problem or
// trailing bytes. It never panics on any input.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = corruptf(format, args...)
	}
	d.b = nil
}

func (d *decoder) version() {
	if len(d.b) == 0 {
		d.fail("empty record")
		return
	}
	if d.b[0] != formatVersion {
		d.fail("unsupported format version %d", d.b[0])
		return
	}
	d.b = d.b[1:]
}

// fixed returns the next n bytes, or nil after a failure.
func (d *decoder) fixed(n int) []byte {
	if len(d.b) < n {
		d.fail("truncated: %d bytes left, want %d", len(d.b), n)
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes reads a uvarint length and that many bytes. An empty field
// decodes as nil.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("field of %d bytes, %d left", n, len(d.b))
		return nil
	}
	if n == 0 {
		return nil
	}
	return d.fixed(int(n))
}

func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d trailing bytes", len(d.b))
	}
	return d.err
}
