package rpcerr

const (
	// Tables, SQL and the SQL database.
	NoDB                Code = 100 // NoDbConfig
	JSONParsedErr       Code = 101 // txJsonParsedErr
	SQLDisposeErr       Code = 102 // disposeSqlErr
	SQLSelectOnly       Code = 103 // sqlSelectOnly
	DBNotSupport        Code = 104 // dbTypeNotSupport
	DBConnectFailed     Code = 105 // dbConnectFailed
	TabNotExist         Code = 106 // tabNotExist
	TabUnauthorized     Code = 107 // tabUnauthorized
	RawInvalid          Code = 108 // rawNotValidated
	NameInDBNotMatch    Code = 109 // dBNameNotMatchTabName
	SLETokenMissing     Code = 110 // userSleTokenMissing
	SignNotMatch        Code = 111 // signDataNotMatch
	SignNotInHex        Code = 112 // signNotInHex
	GetValueInvalid     Code = 113 // getValueInvalid
	GetLgrFailed        Code = 114 // getLedgerFailed
	DumpGeneralErr      Code = 115 // dumpGeneralError
	DumpStopGeneralErr  Code = 116 // dumpStopGeneralError
	AuditGeneralErr     Code = 117 // auditGeneralError
	AuditStopGeneralErr Code = 118 // auditStopGeneralError
	FieldContentEmpty   Code = 119 // fieldContentEmpty

	// Operation rules, contracts and the generic error.
	SQLMulQueryNotSupport Code = 120 // mulQueryNotSupport
	CtrEVMExeException    Code = 121 // contractEVMexeError
	CtrEVMCallException   Code = 122 // contractEVMcallError
	General               Code = 123 // general

	// Schemas (sub-chains).
	NoSchema        Code = 124 // schemaNotExist
	SchemaCreated   Code = 125 // schemaCreated
	SchemaNotMember Code = 126 // cannotJoinSchema

	// Submitted transactions.
	TxnBiggerThanMaxsize Code = 127 // txnBiggerThanMaxsize
	InvalidTransaction   Code = 128 // invalidTransaction

	// Ledger and transaction proofs.
	UnreliableLedgerHeader Code = 129 // unreliableLedgerHeader
	TxHashNotMatch         Code = 130 // txHashNotMatch
	TxNodeHashNotMatch     Code = 131 // txNodeHashNotMatch
	BadProof               Code = 132 // badProof

	// Deleted accounts.
	AccountAlreadyDeleted Code = 133 // accountAlreadyDeleted
)

// chainsqlErrors lists every ChainSQL code with chainsqld's token and text.
var chainsqlErrors = []info{
	{NoDB, "NoDbConfig", "Get db connection error,maybe db not configured."},
	{JSONParsedErr, "txJsonParsedErr", "Tx Json parsed error."},
	{SQLDisposeErr, "disposeSqlErr", "Dispose SQL common error info"},
	{SQLSelectOnly, "sqlSelectOnly", "First word of SQL must be select."},
	{DBNotSupport, "dbTypeNotSupport", "Do not support this db type."},
	{DBConnectFailed, "dbConnectFailed", "Database connection is failed."},
	{TabNotExist, "tabNotExist", "Table does not exist."},
	{TabUnauthorized, "tabUnauthorized", "The user is unauthorized to the table."},
	{RawInvalid, "rawNotValidated", "Raw field is not validated."},
	{NameInDBNotMatch, "dBNameNotMatchTabName", "DBName is not matched with table name."},
	{SLETokenMissing, "userSleTokenMissing", "Missing 'Token' field in sle of the corresponding user."},
	{SignNotMatch, "signDataNotMatch", "Signing data does not match tx_json."},
	{SignNotInHex, "signNotInHex", "Signature is not in hex."},
	{GetValueInvalid, "getValueInvalid", "Get value invalid from syncTableState."},
	{GetLgrFailed, "getLedgerFailed", "Get validated ledger failed."},
	{DumpGeneralErr, "dumpGeneralError", "General error when start dump."},
	{DumpStopGeneralErr, "dumpStopGeneralError", "General error when stop dump."},
	{AuditGeneralErr, "auditGeneralError", "General error when start audit."},
	{AuditStopGeneralErr, "auditStopGeneralError", "General error when stop audit."},
	{FieldContentEmpty, "fieldContentEmpty", "Field content is empty."},
	{SQLMulQueryNotSupport, "mulQueryNotSupport", "OperationRule Table not support multi_table sql_query."},
	{CtrEVMExeException, "contractEVMexeError", "Contract execution exception."},
	{CtrEVMCallException, "contractEVMcallError", "Contract execution exception."},
	{General, "general", "Generic error reason."},
	{NoSchema, "schemaNotExist", "No schema with the specified shema_id exist."},
	{SchemaCreated, "schemaCreated", "Schema have already been created,will not create again."},
	{SchemaNotMember, "cannotJoinSchema", "You are not a member of this schema."},
	{TxnBiggerThanMaxsize, "txnBiggerThanMaxsize", "txn size is bigger than maxsize >500kb."},
	// chainsqld has no default text for this code: every use sets its own.
	{InvalidTransaction, "invalidTransaction", "Invalid transaction."},
	{UnreliableLedgerHeader, "unreliableLedgerHeader", "Verify ledger hash failed."},
	{TxHashNotMatch, "txHashNotMatch", "Verify tx hash failed."},
	{TxNodeHashNotMatch, "txNodeHashNotMatch", "Verify tx node hash failed."},
	{BadProof, "badProof", "Verify proof failed."},
	{AccountAlreadyDeleted, "accountAlreadyDeleted", "The account was already deleted."},
}
