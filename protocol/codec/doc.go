// Package codec is the binary codec of ChainSQL transactions, ledger
// entries and metadata: rippled's STObject serialization with ChainSQL's
// fields, and its JSON form, in both directions, byte for byte as the
// published ChainSQL JavaScript client (chainsql-binary-codec 0.1.39) and
// chainsqld write them.
//
// # Objects and fields
//
// An Object is a set of fields, each at most once, kept in canonical order:
// by type code, then by the field's number within its type ("nth"). A
// field's type fixes how its value is written:
//
//	type       code  value
//	UInt16     1     2 bytes big-endian (TransactionType, OpType, ...)
//	UInt32     2     4 bytes big-endian (Flags, Sequence, Gas, ...)
//	UInt64     3     8 bytes big-endian
//	Hash128    4     16 bytes
//	Hash256    5     32 bytes (TxCheckHash, ...)
//	Amount     6     8 bytes (native) or 48 bytes (issued), see below
//	Blob       7     VL length, bytes (Raw, TableName, SigningPubKey, ...)
//	AccountID  8     VL length (always 20), 20 bytes
//	STObject   14    fields, then the end marker E1
//	STArray    15    elements (a header, fields, E1), then the end marker F1
//	UInt8      16    1 byte
//	Hash160    17    20 bytes (NameInDB, ...)
//	PathSet    18    steps; FF between paths; 00 at the end
//	Vector256  19    VL length, 32 bytes each
//
// Each field starts with a header of one to three bytes, by rippled's
// rules: type and nth share one byte when both are below 16, and each that
// is not takes a byte of its own after the first, type first:
//
//	type<16 nth<16   [type<<4 | nth]           Sequence   24
//	type<16 nth>=16  [type<<4] [nth]           Raw        70 34
//	type>=16 nth<16  [nth] [type]              Paths      01 12
//	type>=16 nth>=16 [00] [type] [nth]         NameInDB   00 11 32
//
// A top-level object (a transaction, a ledger entry, metadata) has no end
// marker: it ends with its bytes. STObject nth 1 and STArray nth 1 are the
// end markers, never fields.
//
// The VL length prefix takes one to three bytes and gives every length
// from 0 to MaxVLLength (918744) exactly one form:
//
//	0 ..     192    [n]
//	193 ..  12480   [193 + (n-193)>>8] [(n-193) & 0xFF]
//	12481 .. 918744 [241 + (n-12481)>>16] [(n-12481)>>8 & 0xFF] [(n-12481) & 0xFF]
//
// An Amount's first 64 bits say which kind it is. Native amounts (drops of
// ZXC) have the top bit clear, the next bit set for a positive value, and
// the drops in the remaining 62 bits (at most MaxNativeDrops, 10^17).
// Issued amounts have the top bit set, then the sign bit (set for
// positive), then 8 bits of exponent+97, then a 54-bit mantissa, followed
// by the 20-byte currency and the 20-byte issuer. Their value is
// normalized as in rippled: zero is exactly 0x8000000000000000, anything
// else has a mantissa of 16 digits (10^15 .. 10^16-1) and an exponent in
// -96..80.
//
// # The field table
//
// The table (field_table.go) is every field of the client's
// chainsql-definitions.json plus the fields ChainSQL added on the server
// (chainsqld SField.cpp). TestFieldTableMatchesDefinitions compares it with
// the client's file field by field. These are the deliberate differences:
//
//   - The client's file lists Gas, Fulfillment, Condition and
//     MasterSignature twice; the table has each once.
//   - Its pseudo-fields Generic, Invalid, ObjectEndMarker, ArrayEndMarker,
//     Transaction, LedgerEntry and Validation are not fields and are left
//     out; so are its pseudo-types (Done, Unknown, NotPresent, Transaction,
//     LedgerEntry, Validation).
//   - ChainSQL's Hash256 fields nth 50..57 (PrevTxnLedgerHash,
//     TxnLedgerHash, TxCheckHash, CreatedLedgerHash, CreatedTxnHash,
//     CurTxHash, FutureTxHash, ChainId) are marked not serialized in the
//     client's file, so the client drops them from its blobs. chainsqld
//     serializes them (TxCheckHash is 50 34 in a strict-mode transaction,
//     the others live in table ledger entries), and so does this table.
//   - TransactionResult is UInt16 nth 4 (header 14), as chainsqld writes
//     metadata since its result codes became positive and reach 4xx; the
//     client's file still has rippled's UInt8 nth 3.
//   - The table adds chainsqld's own fields that the client does not
//     list: SchemaStrategy, Signed; the statistics counters
//     ContractCreateCountField .. ValidatedSequence (UInt32 56..61);
//     DropsPerByte, GasPrice; AnchorLedgerHash, SchemaID; ContractLogs,
//     Endpoint, Block, VoteImp, EpochChangeImp, SyncInfo,
//     ContractDetailMsg, LedgerSeqField, LedgerTimeField; OriginalAddress,
//     SchemaAdmin; SchemaIndexes; Validator, Peer, WhiteList, Frozen,
//     TableEntry; Validators, PeerList, Transactions, WhiteLists,
//     FrozenAccounts, Validations. Fields of rippled that ChainSQL did not
//     add and the client does not know (Version, CheckID, ...) are not in
//     the table.
//   - TxsHashFillField keeps the client's nth 68 (70 44). chainsqld 3.x
//     moved it to nth 70 and gave 68 to SchemaName; this table follows the
//     client, leaves SchemaName out and nth 70 unassigned.
//   - TRANSACTION_TYPES and LEDGER_ENTRY_TYPES gain chainsqld's additions
//     (SchemaCreate .. AccountDelete; Table, TableGrant, Schema, ...).
//     TRANSACTION_RESULTS, rippled's old negative numbers, are not part of
//     the codec: see SetResultNames.
//
// # Decoding
//
// Decode accepts exactly the bytes Encode would write back: fields in
// canonical order and not repeated, headers in their shortest form, VL
// lengths up to MaxVLLength, AccountIDs of 20 bytes, 256-bit vectors of
// whole hashes, amounts as rippled reads them and within MaxNativeDrops,
// path sets without empty paths, nesting up to MaxDepth as in rippled
// (top-level fields are at depth 1). Anything else fails with a
// *FieldError wrapping ErrTruncated, ErrUnknownField, ErrNonCanonical,
// ErrBadValue or ErrTooLarge, naming the field ("Tables[0].Table.Raw") and
// the offset of its header. rippled re-sorts fields it reads out of order
// and hashes the result; refusing them instead means the hash of the bytes
// a client sent is always the hash of the transaction the node holds.
//
// Decode copies its input once and every blob or hash in the Object is a
// slice of that copy, so decoding costs a few allocations whatever the
// size, never allocates beyond a small multiple of the input, and never
// panics (FuzzDecode checks that anything it accepts encodes back to the
// same bytes and through JSON).
//
// # JSON
//
// Map and MarshalJSON write rippled's JSON form: UInt8/16/32 as numbers,
// TransactionType and LedgerEntryType by name, TransactionResult by token
// when SetResultNames installed a naming, UInt64 as 16 uppercase hex
// digits, hashes and blobs as uppercase hex, accounts as "z…" addresses,
// native amounts as strings of drops, issued amounts as
// {"currency","issuer","value"} with rippled's text for the value ("ZXC"
// is the native currency's code), arrays as [{"Table":{…}}], path steps
// with account/currency/issuer and rippled's type and type_hex. MarshalJSON
// writes members in byte-wise order of their names, as rippled does.
//
// FromJSON and FromMap read that form and what rippled also accepts:
// decimal strings for UInt8/16/32, hex of fewer digits and lower case,
// numbers for amounts, amounts as "value/currency/issuer", accounts as 40
// hex digits. As the JavaScript codec does, they silently drop members
// whose names are not fields (the client sends "StrictMode") and fields
// without a binary form ("hash", "index"); FromJSONReport and
// FromMapReport also return the dropped names. A value of the wrong type
// fails with ErrBadValue naming the field. Issued values with more than 16
// significant digits are refused rather than truncated.
//
// # Signing
//
// A signature covers SHA512Half("STX\0" ‖ EncodeSigning()): every
// top-level field except TxnSignature, Signature, MasterSignature and
// Signers. A transaction's ID is SHA512Half("TXN\0" ‖ Encode()). Both
// prefixes are in protocol/hash.
//
// # Concurrency
//
// The field table is built at init and read-only. An Object may be read
// from many goroutines but not read and modified at once.
package codec
