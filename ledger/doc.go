// Package ledger is sqledger's deterministic state machine: the ledger
// state (accounts, ChainSQL's tables with their grants and strict-mode
// hash chains, contract accounts and their storage), the rules that
// apply one transaction to it, and the closing of a ledger into a header
// whose hash chains to its parent.
//
// # The model
//
// A [State] is the state after the last closed ledger: every account root,
// table entry and contract storage slot, the running totals, the fee
// schedule ([Params]) and the header of the last closed ledger. [State.Close] takes an ordered list of verified
// transactions and a close time and returns a [Closed] ledger: the new
// header, the transactions that made it into the ledger with their
// metadata, and the ones that did not with their result. It is the only
// way the state changes.
//
// Each transaction is applied in three steps, as in rippled:
//
//   - [Preflight] checks the transaction alone: fields, flags, amounts.
//     A failure is a tem code and the transaction is never in a ledger;
//     when it is a table operation's Raw that is refused, the detail
//     says why in ChainSQL's words.
//   - The account checks compare it with its sender's account: the
//     sender exists, the sequence is the next one, LastLedgerSequence has
//     not passed, the fee is at least the base fee and the balance covers
//     it. A failure is a ter, tef or tel code and the transaction is not
//     in the ledger. [CheckAccount] exposes the same checks so that the
//     account actors admit transactions by the rule the ledger applies.
//   - The transactor does the work (a payment moves ZXC). From here on
//     the fee is charged and the sequence consumed, whatever the result:
//     tesSUCCESS applies the changes, a tec code keeps only the fee and
//     the sequence. Both are recorded in the ledger.
//
// # Tables
//
// What a table transaction says — its operations' fields and Raw, a
// SQLTransaction's statements — is read by protocol/tableop: tableop.Of
// parses a transaction once and keeps the parse on its *tx.Tx, so that
// [Preflight], [Preview], the transactors, [CheckFits] and the tables
// each [Applied] and [Rejected] names all read that one parse, and a
// transaction the actors admitted reaches Close parsed. A [Table] entry
// keeps its columns as canonical JSON (part of the state hash) and
// parsed, set together when the table is created or its columns change.
//
// # Determinism
//
// Nothing here reads the clock, the environment or randomness, starts a
// goroutine or depends on map iteration order: the close time is an input
// of [State.Close], state hashes are sums over entries, and every list is
// produced in transaction order. The same log therefore always yields the
// same results, state and ledger hashes, which is what replay checks.
//
// Signatures are not checked here: the session actors verify them before a
// transaction reaches the sequencer, and a transaction in the log was
// verified before it was appended.
//
// # Hashes
//
// The ledger hash is rippled's: SHA-512Half of "LWR\0" and the header
// fields in rippled's order. The transaction hash is the root of a binary
// SHA-512Half tree over the ledger's transactions with their metadata
// (leaf = SHA-512Half("SND\0" ‖ blob ‖ meta)). The account-state hash is
// an incremental multiset hash: the sum, modulo 2^256, of SHA-512Half
// ("MLN\0" ‖ key ‖ entry) over every entry, updated in O(1) per changed
// entry: each entry of the state keeps its ledger index and its term of
// the sum, so a change subtracts the stored term and hashes only the
// new value. It identifies the state exactly for replay; unlike
// rippled's SHAMap it offers no inclusion proofs.
//
// # Metadata
//
// Each recorded transaction's metadata is written straight into
// rippled's binary form, field by field in canonical order (type code,
// then nth), the field headers taken from protocol/codec's table: the
// same bytes as building the codec.Objects and encoding them, which the
// tests check against that encoder.
package ledger
