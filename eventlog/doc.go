// Package eventlog is the node's append-only log of closed ledgers and
// their committed transactions with results. It is the only source of
// truth: account state, SQL tables and every other store are projections
// rebuilt from it, and nothing is published before it is durable here.
//
// # Model
//
// The log holds a gapless run of ledgers First..Head. Each ledger carries
// its sequence, hash, opaque encoded header and its transactions in
// canonical order; each transaction carries its hash, signed blob, opaque
// metadata (result) and the accounts it affected. The log stores bytes
// made by other packages and interprets none of them: package ledgerlog
// makes a closed ledger's record (and the genesis record, in the meta
// area) and reads its parts back for every other reader.
//
// Append adds ledger Head+1 (any sequence from 1 up when the log is
// empty) as one pebble batch, committed with a synced WAL write before it
// returns. The head record travels in the same batch, so after any crash
// the log holds whole ledgers only, and Head names the last of them.
// Records are never modified or deleted.
//
// # The ordering contract
//
// The writer (the sequencer) must follow one rule, the one etcd raft's
// Ready states for its own output: a ledger is durable BEFORE anything
// about it is sent. A loop looks like this:
//
//	for led := range closed {
//		if err := log.Append(led); err != nil {
//			// Not durable: publish nothing, stop the sequencer loudly.
//			// errors.Is(err, eventlog.ErrFailed): the disk failed,
//			// restart the node; ErrOutOfOrder or ErrInvalid: a bug.
//			return err
//		}
//		publish(led) // validate_success, ledger stream, NKN push, ...
//	}
//
// Readers catch up from their own checkpoint, kept wherever suits them (in
// their own store, atomically with what they apply, or in the log's meta
// area through SetMeta):
//
//	err := log.Iterate(checkpoint+1, func(led *eventlog.Ledger) error {
//		return apply(led) // and store led.Seq as the new checkpoint
//	})
//
// # Failures
//
// Every error is classified by a sentinel, matched with errors.Is:
// ErrNotFound, ErrOutOfOrder and ErrInvalid refuse a call and change
// nothing; ErrCorrupt reports records that do not decode or contradict
// each other (also wrapping pebble.ErrCorruption); ErrClosed follows
// Close; ErrFailed reports a failed write.
//
// A failed write or sync fails the Log for good: that Append and every
// later write return ErrFailed wrapping the first cause, and only a
// reopen recovers. Pebble reports a failed WAL write on the commit path
// only through its logger's Fatalf (and then returns no error), so the Log
// gives pebble a logger whose Fatalf fails the Log instead of exiting, and
// checks for it after every commit. The ledger whose Append failed is
// never visible through the failed Log. Its fate on disk is undecided, as
// with any write whose acknowledgement was lost: after a reopen it is
// either wholly present (its bytes reached the disk) or wholly absent,
// never in part. The sequencer, which stopped on the error, restarts from
// whatever Head the reopened log reports.
//
// Reads never see past the acknowledged Head: a record beyond it, left in
// pebble's memtable by a failed commit, is not shown.
//
// # Key layout
//
// Every key starts with a one-byte prefix naming its kind. Sequences and
// indexes are big-endian, so byte order is ledger order. A ledger's record
// and its transactions share the 'L' prefix, the ledger key being a
// prefix of its transactions' keys: one forward iterator reads a ledger,
// then its transactions in order, then the next ledger.
//
//	+--------+--------------------------+----------------------+
//	| prefix | rest of key              | value                |
//	+--------+--------------------------+----------------------+
//	|  'L'   | seq:4                    | ledger record        |
//	|  'L'   | seq:4 idx:4              | tx record            |
//	|  'a'   | account:20 seq:4 idx:4   | (empty)              |
//	|  'e'   | entry key:32 seq:4 idx:4 | (empty)              |
//	|  'h'   | (none)                   | head record          |
//	|  'i'   | (none)                   | seq:4                |
//	|  'l'   | ledger hash:32           | seq:4                |
//	|  'm'   | meta key (caller's)      | caller's bytes       |
//	|  'o'   | account:20 entry key:32  | (empty)              |
//	|  'x'   | tx hash:32               | seq:4 idx:4          |
//	+--------+--------------------------+----------------------+
//
// 'a' is the per-account index behind AccountTx, 'l' and 'x' the hash
// indexes behind LedgerByHash and Tx. 'e' is the entry index behind
// EntryAt and EntryKeys: a key per ledger entry a transaction touched
// (Tx.Entries, the entry's ledger index), so that the transaction whose
// metadata holds an entry as it stood after any ledger is one reverse
// seek away; 'o' lists each account's objects (Entry.Owners) for
// OwnedEntries. 'i', written with the first ledger, says from which
// ledger the entry index is complete (a log written before it existed
// has none; IndexedFrom). If a transaction hash is appended
// twice, 'x' names the later position, as rippled's transaction table
// does (INSERT OR REPLACE).
//
// # Records
//
// Values begin with a format version byte (currently 1); a record with an
// unknown version is refused as ErrCorrupt, so the format can evolve
// without an old binary misreading a new log. Lengths are unsigned
// varints (encoding/binary). Decoding is defensive: a truncated,
// overlong or trailing-byte record is ErrCorrupt, never a panic.
//
// The head record, 41 bytes:
//
//	+-------+---------+--------+--------------+
//	| ver:1 | first:4 | head:4 | head hash:32 |
//	+-------+---------+--------+--------------+
//
// The ledger record:
//
//	+-------+---------+------------------+------------------+--------+
//	| ver:1 | hash:32 | tx count:uvarint | hdr len:uvarint  | header |
//	+-------+---------+------------------+------------------+--------+
//
// The tx record:
//
//	+-------+---------+-----------------+------+-----------------+------+
//	| ver:1 | hash:32 | blob len:uvarint| blob | meta len:uvarint| meta | ...
//	+-------+---------+-----------------+------+-----------------+------+
//	    ... +----------------------+--------------------+
//	        | n accounts:uvarint   | n × account:20     |
//	        +----------------------+--------------------+
//
// Open checks that the head record decodes and that the ledgers it names
// exist, or that a log without a head has no ledgers.
//
// # AccountTx paging
//
// AccountTx lists an account's transactions newest first (oldest first
// with Forward), within MinSeq..MaxSeq, at most Limit of them. When more
// remain, it returns a Marker naming the first one left out; passing it
// back continues from, and including, that position. The marker's JSON,
// {"ledger":n,"seq":m}, is rippled's account_tx marker.
//
// # Concurrency
//
// A Log is safe for concurrent use. Writers (Append, SetMeta) are
// serialised; reads run alongside them and each sees the ledgers
// acknowledged when it began. Close waits for the calls in flight; an
// Iterate callback may call the Log's other methods (they fail with
// ErrClosed once Close has begun), but must not call Close.
//
// # Testing
//
// Options.FS takes any pebble vfs.FS: the tests run on vfs.NewMem, on
// crash images of vfs.NewCrashableMem, on real directories, and under
// errorfs fault injection.
package eventlog
