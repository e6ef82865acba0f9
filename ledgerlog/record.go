package ledgerlog

import (
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
// blob, encoded metadata and the accounts it touched (the sender first,
// then the account of each affected node, for account_tx). The blobs and
// metadata are the closed ledger's own slices, not copies.
func Record(c *ledger.Closed) *Ledger {
	led := &eventlog.Ledger{Seq: c.Header.Seq, Hash: c.Hash, Header: c.Header.Encode(), Txs: make([]eventlog.Tx, len(c.Txs))}
	for i, ap := range c.Txs {
		accts := make([][20]byte, 0, len(ap.Meta.Nodes)+1)
		accts = append(accts, [20]byte(ap.Tx.Account))
		for _, n := range ap.Meta.Nodes {
			accts = append(accts, [20]byte(n.After.Account))
		}
		led.Txs[i] = eventlog.Tx{Hash: ap.Tx.Hash, Blob: ap.Tx.Blob, Meta: ap.MetaBlob, Accounts: accts}
	}
	return led
}
