package ledgerlog

import (
	"cmp"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
)

// Ledger is the record of one ledger, as the event log holds it: its
// sequence, hash, encoded header and transactions. It is eventlog's type
// under the name the readers above this package use, so that they see
// the log through ledgerlog alone.
type Ledger = eventlog.Ledger

// Record is the event-log record of a closed ledger: its sequence, hash
// and encoded header, and each recorded transaction with its hash, signed
// blob, encoded metadata, the accounts it touched (the sender first,
// then the account of each affected account root, then the owner and
// destination of each escrow, for account_tx, as rippled lists every
// account an affected node names) and the entries it touched (for the
// entry index behind History: each account root, table, escrow and
// trust line, an escrow with its owner and destination and a trust line
// with its two accounts as the accounts whose object it is; those are
// in the accounts a transaction touched too, as in rippled). The blobs and metadata are the closed ledger's own slices, not
// copies.
func Record(c *ledger.Closed) *Ledger {
	led := &eventlog.Ledger{Seq: c.Header.Seq, Hash: c.Hash, Header: c.Header.Encode(), Txs: make([]eventlog.Tx, len(c.Txs))}
	for i, ap := range c.Txs {
		m := &ap.Meta
		accts := make([][20]byte, 0, len(m.Nodes)+1+2*len(m.Escrows)+2*len(m.Lines))
		accts = append(accts, [20]byte(ap.Tx.Account))
		entries := make([]eventlog.Entry, 0, len(m.Nodes)+len(m.Tables)+len(m.Escrows)+len(m.Lines))
		for _, n := range m.Nodes {
			accts = append(accts, [20]byte(n.After.Account))
			entries = append(entries, eventlog.Entry{Key: n.Key})
		}
		for _, t := range m.Tables {
			entries = append(entries, eventlog.Entry{Key: t.Key})
		}
		for _, e := range m.Escrows {
			esc := cmp.Or(e.After, e.Before)
			accts, entries = owned(accts, entries, e.Key, esc.Owner, esc.Destination)
		}
		for _, l := range m.Lines {
			line := cmp.Or(l.After, l.Before)
			accts, entries = owned(accts, entries, l.Key, line.Low, line.High)
		}
		led.Txs[i] = eventlog.Tx{Hash: ap.Tx.Hash, Blob: ap.Tx.Blob, Meta: ap.MetaBlob, Accounts: accts, Entries: entries}
	}
	return led
}

// owned records an entry that is two accounts' object: both are
// accounts the transaction touched, and the entry's owners.
func owned(accts [][20]byte, entries []eventlog.Entry, key [32]byte, a, b [20]byte) ([][20]byte, []eventlog.Entry) {
	owners := [][20]byte{a, b}
	return append(accts, owners...), append(entries, eventlog.Entry{Key: key, Owners: owners})
}
