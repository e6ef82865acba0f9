package comet

import (
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tx"
)

// verifiedTxs remembers the transactions whose signature this validator
// verified, by hash, so that one transaction is verified once on its way
// through CheckTx (and every recheck), ProcessProposal and FinalizeBlock
// instead of at each. A hash names the exact bytes, signature included,
// so a remembered transaction is the same transaction. A finalized
// transaction is forgotten; besides, it holds at most its capacity,
// forgetting the oldest first. The App's methods never run
// at once, so it has no lock.
type verifiedTxs struct {
	byHash map[hash.Hash256]*tx.Tx
	order  []hash.Hash256 // a ring of the remembered hashes, oldest at next
	next   int
}

func newVerifiedTxs(capacity int) *verifiedTxs {
	return &verifiedTxs{byHash: make(map[hash.Hash256]*tx.Tx, capacity), order: make([]hash.Hash256, 0, capacity)}
}

// decode returns blob's transaction, verified: remembered, or decoded
// and verified now (and remembered). On failure it gives the result
// code.
func (v *verifiedTxs) decode(blob []byte) (*tx.Tx, uint32, error) {
	h := hash.Prefixed(hash.TransactionID, blob)
	if t, ok := v.byHash[h]; ok {
		return t, CodeOK, nil
	}
	t, err := tx.Decode(blob)
	if err != nil {
		return nil, CodeUndecodable, err
	}
	if err := t.Verify(); err != nil {
		return nil, CodeBadSignature, err
	}
	v.remember(h, t)
	return t, CodeOK, nil
}

// trust remembers t, verified by whoever hands it over, unless it is
// remembered already.
func (v *verifiedTxs) trust(t *tx.Tx) {
	if _, ok := v.byHash[t.Hash]; !ok {
		v.remember(t.Hash, t)
	}
}

// forget lets go of a transaction a block has finalized: it will not be
// checked again, so what stays remembered is about what the mempool
// holds.
func (v *verifiedTxs) forget(h hash.Hash256) { delete(v.byHash, h) }

func (v *verifiedTxs) remember(h hash.Hash256, t *tx.Tx) {
	if len(v.order) < cap(v.order) {
		v.order = append(v.order, h)
	} else {
		delete(v.byHash, v.order[v.next])
		v.order[v.next] = h
		v.next = (v.next + 1) % len(v.order)
	}
	v.byHash[h] = t
}
