// Package ter defines the transaction engine results ("TER" codes) that
// sqledger gives every transaction, with ChainSQL's tokens, numbers and
// texts.
//
// # The model
//
// Every transaction the node sees ends with exactly one Code. A Code is a
// number with a token (its name on the wire) and a human text:
//
//	ter.TefTABLE_NOTEXIST           // Code(330)
//	ter.TefTABLE_NOTEXIST.Token()   // "tefTABLE_NOTEXIST"
//	ter.TefTABLE_NOTEXIST.Message() // "Table is not exist."
//
// The constants carry chainsqld's tokens verbatim, with the first letter
// upper-cased so Go exports them; chainsqld's spelling, including its
// typos (tefINVALID_CURRENY, tefSCEMA_NO_PATH, tefBAD_DUPLACATE_ITEM) and
// its renaming of XRP to ZXC (tecNO_DST_INSUF_ZXC, temBAD_SEND_ZXC_MAX),
// is kept, because tokens are what clients match on.
//
// # Numbering
//
// rippled numbers its non-claim results negatively (tel -399.., tem
// -299.., tef -199.., ter -99..). ChainSQL renumbered them to positive
// ranges when it changed TransactionResult to an unsigned 16-bit field.
// This package uses ChainSQL's numbers, which are the ones a ChainSQL
// node writes to metadata and puts in "engine_result_code":
//
//	class  range        meaning
//	tes    0            success: applied
//	ter    1..11        retry: not applied, may succeed after a prior tx
//	tec    100..199     claimed: fee charged, sequence used, in the ledger
//	tem    200..299     malformed: can succeed in no ledger
//	tef    300..399     failure: cannot succeed against this ledger state
//	tel    400..65534   local: refused by this server, never forwarded
//
// Class and the predicates IsTesSuccess, IsTer, IsTec, IsTem, IsTef and
// IsTel use exactly these bounds (chainsqld's isTesSuccess, isTerRetry,
// isTecClaim, isTemMalformed, isTefFailure, isTelLocal). Only tec numbers
// are guaranteed stable across rippled versions; the others are stable
// within ChainSQL 3.x, whose TER.h this package follows.
//
// The published JavaScript client's definitions table still lists
// rippled's old negative numbers and XRP tokens; it is stale and the
// server's numbers here win. Clients match on tokens, which agree.
//
// # Lookups
//
// FromToken and FromNumber turn wire values back into codes; All lists
// every defined code in order. A number ChainSQL does not define has the
// token and text "-" (what chainsqld's transToken and transHuman return),
// String "Code(n)", and cannot be marshalled.
//
// Code implements encoding.TextMarshaler, so JSON carries the token:
//
//	{"engine_result": "tesSUCCESS"}
//
// Where the number is wanted ("engine_result_code"), write int(c).
//
// # Texts
//
// Texts are chainsqld's, byte for byte, including their spacing and
// grammar. chainsqld declares three codes without giving them a text, so
// that its transToken answers "-" for them: temCANNOT_PREAUTH_SELF,
// temINVALID_ACCOUNT_ID and tefTOO_BIG. Here they have their token and
// rippled's text, so that every code round-trips.
//
// # Validation
//
// The class tables (tes_ter.go, tec.go, tem.go, tef.go, tel.go) are
// checked when the package initialises: no number or token twice, every
// token starts with the prefix of its number's class, every code has a
// text. A defect there stops the program at start, before any transaction
// is judged. The tables are read-only afterwards and safe for concurrent
// use.
//
// rippled's transaction flags (tfFullyCanonicalSig and the others) are
// not results and live with the transaction formats, not here.
package ter
