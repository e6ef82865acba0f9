package eventlog

// Tx is one committed transaction as the log keeps it.
type Tx struct {
	// Hash is the transaction's identifier.
	Hash [32]byte
	// Blob is the signed transaction in binary form.
	Blob []byte
	// Meta is the binary metadata (result, affected nodes); opaque here.
	Meta []byte
	// Accounts are the accounts the transaction affected, for AccountTx.
	// Append removes duplicates, keeping the first occurrence of each.
	Accounts [][20]byte
	// Entries are the ledger entries the transaction created, modified
	// or deleted, for EntryAt, EntryKeys and OwnedEntries. They are
	// indexed, not kept in the tx record (the metadata names them), so a
	// record read back has none.
	Entries []Entry
}

// Entry is one ledger entry a transaction touched: its ledger index,
// and the accounts whose objects it is (account_objects), if any.
type Entry struct {
	Key    [32]byte
	Owners [][20]byte
}

// Ledger is one closed ledger with its transactions.
type Ledger struct {
	// Seq is the ledger sequence; the log holds a gapless run of them.
	Seq uint32
	// Hash is the ledger hash, the key of LedgerByHash.
	Hash [32]byte
	// Header is the encoded ledger header; opaque here.
	Header []byte
	// Txs are in canonical order: Txs[i] has index i in the ledger.
	Txs []Tx
}

// TxRecord is a transaction with its position in the log.
type TxRecord struct {
	LedgerSeq uint32
	Index     uint32
	Tx        Tx
}

// dedupAccounts returns accts without repeats, keeping the first
// occurrence of each in order. It returns accts itself when there are no
// repeats and never modifies it.
func dedupAccounts(accts [][20]byte) [][20]byte {
	if len(accts) < 2 {
		return accts
	}
	if len(accts) <= 16 {
		for i := 1; i < len(accts); i++ {
			for j := 0; j < i; j++ {
				if accts[i] == accts[j] {
					return dedupSlow(accts)
				}
			}
		}
		return accts
	}
	return dedupSlow(accts)
}

// dedupSlow is dedupAccounts for lists that have repeats or are long.
func dedupSlow(accts [][20]byte) [][20]byte {
	seen := make(map[[20]byte]struct{}, len(accts))
	out := make([][20]byte, 0, len(accts))
	for _, a := range accts {
		if _, dup := seen[a]; dup {
			continue
		}
		seen[a] = struct{}{}
		out = append(out, a)
	}
	if len(out) == len(accts) {
		return accts
	}
	return out
}
