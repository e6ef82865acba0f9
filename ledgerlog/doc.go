// Package ledgerlog is the one owner of the event-log record: what a
// closed ledger becomes in the log (Record), how each reader gets its
// parts back (Decode, Header, LedgerHeader, Tx, TxFields, Result,
// MetaJSON), the genesis record a chain starts from (NewGenesis, Init,
// ReadGenesis, CheckGenesis), and replay: re-applying the whole log and
// checking every recorded result and hash (Rebuild, Recover).
//
// Package eventlog stores opaque bytes and package ledger makes them;
// this package is the one place that knows which bytes are which, so that
// the sequencer, replay, the SQL projection and the RPC readers agree on
// them. No other package decodes a record's header, blob or metadata by
// hand.
//
// # The record
//
// One closed ledger (ledger.Closed) is one eventlog.Ledger (Ledger here,
// for the readers above this package), appended in one synced batch
// before anything about the ledger is published:
//
//	eventlog.Ledger   from ledger.Closed
//	+-------------+-----------------------------------------------------------+
//	| Seq         | Header.Seq                                                |
//	| Hash        | Hash: SHA-512Half("LWR\0" ‖ Header.Encode())              |
//	| Header      | Header.Encode(): rippled's header fields, big-endian      |
//	|             | (ledger.HeaderSize bytes; ledger.DecodeHeader reads them) |
//	| Txs[i]      | Txs[i], the recorded transactions in ledger order:        |
//	|   .Hash     |   Tx.Hash: SHA-512Half("TXN\0" ‖ blob)                    |
//	|   .Blob     |   Tx.Blob: the signed binary transaction                  |
//	|   .Meta     |   MetaBlob: rippled's binary metadata (ledger.Meta)       |
//	|   .Accounts |   Tx.Account, then the account of every affected node     |
//	|             |   (an escrow's owner and destination)                     |
//	|   .Entries  |   the ledger index of every affected node (an escrow     |
//	|             |   with its owner and destination as Owners); indexed,    |
//	|             |   not stored in the tx record                            |
//	+-------------+-----------------------------------------------------------+
//
// The metadata holds TransactionIndex, TransactionResult (UInt16, as
// ChainSQL writes it), DeliveredAmount for a payment, ContractLogs and
// ContractDetailMsg for a contract, and AffectedNodes: each account root,
// table and escrow the transaction created, modified or deleted. Accounts
// feed the log's per-account index (account_tx); the log keeps each
// account once. Entries feed its entry index, through which History
// reads the state of any past ledger from the metadata.
//
// What is not in the record is recomputed: transactions Close left out
// (Closed.Rejected) changed nothing and are not recorded, and the final
// accounts, tables and storage slots of a ledger (Closed.Changed…) are
// what replaying the transactions gives.
//
// # The genesis record
//
// Ledger 1 is the genesis ledger: its header and hash, no transactions.
// Beside it, under the log's meta key "genesis", Init records the chain's
// Genesis as JSON; replay starts from ledger.Genesis of it, so the log
// alone is enough to rebuild a chain:
//
//	{"params":{"BaseFee":10,"ReserveBase":5000000,"ReserveInc":1000000,
//	  "DropsPerByte":976,"GenesisDrops":100000000000000000,"GasPrice":10},
//	 "account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","close_time":820540800}
//
// NewGenesis makes a new chain's: the fee schedule, every drop held by
// the account of passphrase "masterpassphrase", the close time. Init
// refuses a log that already holds ledgers.
//
// # Reading a record
//
// Each reader takes what it needs, no more:
//
//	reader                                  calls                                     for
//	Rebuild (node replay, the node's start) Decode                                    close time, every *tx.Tx to apply
//	projections.Apply (the SQL store)       Header, CloseTime, Result, TxFields       seq, LedgerTimeField, tesSUCCESS table transactions
//	rpc: tx, account_tx                     LedgerHeader, TxFields, MetaJSON          "date", tx_json, meta
//	rpc: ledger                             Header, TxFields, MetaJSON                the ledger object, expanded transactions
//	rpc: NKN getblock, gettransaction       Header, TxFields, Result                  block header, payload, result
//	actors' hub: a hash already in the log  Tx, Result                                validate_success, the db_* wait
//	bench replay                            Decode                                    the read-and-decode rate
//
// Tx decodes with tx.Decode: the fields are checked against their type's
// format and the hash is computed from the blob. TxFields only parses the
// fields: it is for readers that render or apply a transaction the ledger
// already checked, beside the hash the record holds. Neither compares a
// computed hash with the recorded one; Rebuild does, and reports a
// difference.
//
// The readers return their decoder's error as it is (ledger.ErrBadHeader,
// protocol/codec's and protocol/tx's errors): the caller names the ledger
// or transaction and classifies it (the SQL projection as its
// ErrCorrupt). Decode names the ledger and the transaction's index.
//
// # Replay
//
// Rebuild reads the genesis record, checks that the log starts at ledger
// 1 and re-applies every later ledger with ledger.State.Close, at the
// recorded close time. A reader goroutine iterates the log and decodes up
// to two ledgers ahead while the calling goroutine applies them in order:
//
//	reader goroutine                      calling goroutine
//	log.Iterate → Decode → chan (2) ────► State.Close → compare → Report
//
// For each ledger it compares, and records as a Mismatch: every recorded
// transaction still applies (none is rejected), the applied ones are the
// recorded ones in order, each metadata is the recorded one byte for
// byte (a different result is named), and the ledger hash. A ledger
// whose hash differs ends the rebuild: the state after it is not the
// recorded one. A record that does not decode, or a failing log, is an
// error. Rebuild returns only once the reader has stopped.
//
// Recover is the node's start: an empty log gets the genesis (Init),
// any other is rebuilt and must replay exactly (ErrMismatch names the
// first difference; node replay lists them all).
//
// The state a rebuild reaches is deterministic (package ledger's rules),
// so the same log always gives the same report; TestRebuild* tamper with
// results, hashes and blobs of real ledgers and check the report.
package ledgerlog
