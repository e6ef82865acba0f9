// Package tableop is ChainSQL's table grammar: the table operations a
// TableListSet, a SQLStatement or a SQLTransaction carries, read from
// their fields and their Raw JSON once, into immutable values that the
// ledger's checks, the table and account actors' admission, Close and
// the SQL projection all read.
//
// # The model
//
// [Of] returns a transaction's [Tx]: one [Op] for a TableListSet or a
// SQLStatement, one per statement of a SQLTransaction's Statements (a
// JSON array of statement objects whose binary fields are hex, as the
// client's t_prepare writes them), none for other types. The first call
// parses; the value is kept on the *tx.Tx (Tx.TableOps, a set-once slot
// that protocol/tx offers because it cannot import this package, which
// reads its types), so every later call, from any goroutine, returns the
// same value and a transaction is parsed once however many steps read
// it.
//
// An Op holds the operation's fields (OpType, the table's owner, name,
// NameInDB and new name, User, TxCheckHash, Token, OperationRule as
// bytes, the [Fill] columns) and Code, the tem code of the first
// malformation of those fields in chainsqld's order (or tesSUCCESS). Its
// [Raw] is the Raw parsed for the OpType:
//
//	create, recreate, add, modify fields   [{column definition}…]            Columns
//	delete fields                          [{"field":name}…]                  Fields
//	create index                           [{"index":name},{"field":name}…]   Index, Fields
//	delete index                           [{"index":name}]                   Index
//	grant                                  [{"select":true,"insert":false…}]  Grant (flags set, cleared)
//	insert                                 [{row}…]                           JSON
//	update                                 [{set}, {condition}…]              JSON
//	delete                                 [{condition}…] ([]: every row)     JSON
//	assert                                 [{"$IsExisted":0|1}] or [{"$RowCount":n}, {condition}…]  JSON
//
// A column definition has only the keys field, type, length, accuracy,
// PK, NN, UQ, index, default, FK and REFERENCES ({"table","field"});
// [Column] is one, as written, and marshals to the canonical form a
// table's ledger entry keeps ([MarshalColumns]); its methods read it as
// chainsqld's SQL layer does (the type in lower case, a decimal's
// default sizes, an attribute set when it is 1). Conditions are objects,
// OR-ed, their members AND-ed: {"col": value}, {"col": {"$op": value…}},
// {"$and"|"$or": [condition…]}; the projection turns them into SQL.
//
// # Two readings of one parse
//
// [Raw.Err] is the grammar's verdict, the ledger's: why chainsqld's
// preflight refuses the Raw, in its words, the detail of a temBAD_RAW or
// temMALFORMED result. The ledger applies only what it accepts, and the
// projection replays only what the ledger applied. For the rows, sets
// and conditions of a statement the projection reads [Raw.JSON], the
// [Value] tree, and makes chainsqld's SQL-side checks (value types,
// operators, names) as it writes SQL. An [Error] refusing one illegal
// name carries the name, so that the SQL store can word it its own way.
//
// # Values and determinism
//
// A [Value] is a JSON value whose object members are sorted by key, one
// per key (a repeated key keeps its last value, as jsoncpp and
// encoding/json do), numbers kept as written, strings unquoted as
// encoding/json unquotes them, each value with its bytes in the
// document. Nothing here ranges over a map to decide a result or an
// error: where the ledger used to name "the first bad key met" in map
// order, it names the first in key order. Parsing has no clock, no
// randomness and no goroutines: the same Raw always gives the same
// values and the same errors, which the ledger's determinism needs.
//
// The reader checks a document with json.Valid and then walks it; a
// document that is not JSON is refused in encoding/json's own words
// (its Decoder's for [ParseJSON] and [Raw.JSON], its Unmarshal's for the
// ledger's "Raw is not a JSON array: …"), so that every message reads
// as it always has.
//
// # OperationRule
//
// A create's OperationRule is parsed with it ([ParseRule], into
// [Op.Rule]): a [Rule] of an [InsertRule] (columns filled from
// "$account" and "$tx_hash", a [InsertCount]), an [UpdateRule] (a
// condition, the Fields an update may set) and the [CondRule]s of
// deletes and queries. [InsertRule.Fill], [For] and [And] rewrite a
// statement's rows and conditions as chainsqld's buildRaw does;
// [InsertRule.Admits] and [UpdateRule.Admits] are its checks.
//
// [Parses] counts the Raws parsed, one atomic add each; the tests use it
// to check that a transaction is parsed once on its way through the
// node.
package tableop
