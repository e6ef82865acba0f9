package ter

const (
	// Failure (300..399): the transaction cannot succeed given the
	// ledger state (or hit an unexpected state). Not applied, not
	// forwarded; could succeed in an imagined ledger.
	TefFAILURE           Code = 300
	TefALREADY           Code = 301
	TefBAD_ADD_AUTH      Code = 302
	TefBAD_AUTH          Code = 303
	TefBAD_LEDGER        Code = 304
	TefCREATED           Code = 305
	TefEXCEPTION         Code = 306
	TefINTERNAL          Code = 307
	TefNO_AUTH_REQUIRED  Code = 308
	TefPAST_SEQ          Code = 309
	TefWRONG_PRIOR       Code = 310
	TefMASTER_DISABLED   Code = 311
	TefMAX_LEDGER        Code = 312
	TefBAD_SIGNATURE     Code = 313
	TefBAD_QUORUM        Code = 314
	TefNOT_MULTI_SIGNING Code = 315
	TefBAD_AUTH_MASTER   Code = 316
	TefINVARIANT_FAILED  Code = 317
	TefTOO_BIG           Code = 318

	// ChainSQL table authority and table-count limits.
	TefBAD_AUTH_EXIST  Code = 319
	TefBAD_AUTH_NO     Code = 320
	TefTABLE_GRANTFULL Code = 321
	TefTABLE_COUNTFULL Code = 322

	// ChainSQL contracts (EVM) and currency.
	TefGAS_INSUFFICIENT            Code = 323
	TefCONTRACT_EXEC_EXCEPTION     Code = 324
	TefCONTRACT_REVERT_INSTRUCTION Code = 325
	TefCONTRACT_CANNOT_BEPAYED     Code = 326
	TefCONTRACT_NOT_EXIST          Code = 327
	TefINVALID_CURRENY             Code = 328

	// ChainSQL tables, SQL and the SQL database.
	TefTABLE_SAMENAME           Code = 329
	TefTABLE_NOTEXIST           Code = 330
	TefTABLE_STATEERROR         Code = 331
	TefBAD_USER                 Code = 332
	TefTABLE_EXISTANDNOTDEL     Code = 333
	TefTABLE_STORAGEERROR       Code = 334
	TefTABLE_STORAGENORMALERROR Code = 335
	TefTABLE_TXDISPOSEERROR     Code = 336
	TefTABLE_RULEDISSATISFIED   Code = 337
	TefINSUFFICIENT_RESERVE     Code = 338
	TefINSU_RESERVE_TABLE       Code = 339
	TefDBNOTCONFIGURED          Code = 340
	TefBAD_DBNAME               Code = 341
	TefBAD_STATEMENT            Code = 342

	// ChainSQL schemas (sub-chains).
	TefSCHEMA_VALIDATOREXIST Code = 343
	TefSCHEMA_NOVALIDATOR    Code = 344
	TefSCHEMA_PEEREXIST      Code = 345
	TefSCHEMA_NOPEER         Code = 346
	TefBAD_SCHEMAID          Code = 347
	TefBAD_SCHEMAADMIN       Code = 348
	TefBAD_SCHEMAACCOUNT     Code = 349
	TefSCHEMA_TX_FORBIDDEN   Code = 350
	TefSCEMA_NO_PATH         Code = 351
	TefBAD_DUPLACATE_ITEM    Code = 352
	TefSCHEMA_NODE_COUNT     Code = 353
	TefSCHEMA_MAX_SCHEMAS    Code = 354

	// ChainSQL contract addresses, whitelists, frozen, deleted and
	// certified accounts.
	TefMISMATCH_CONTRACT_ADDRESS    Code = 355
	TefMISMATCH_TRANSACTION_ADDRESS Code = 356
	TefWHITELIST_ACCOUNTIDEXIST     Code = 357
	TefWHITELIST_NOACCOUNTID        Code = 358
	TefACCOUNT_FORBIDDEN            Code = 359
	TefACCOUNT_FROZEN               Code = 360
	TefACCOUNT_NOT_FROZEN           Code = 361
	TefNO_ADMIN_CONFIGURED          Code = 362
	TefNO_NEED_AUTHORIZE            Code = 363
	TefBAD_USERCERT                 Code = 364
	TefACCOUNT_ALREADY_DELETE       Code = 365
)

// failureResults lists every tef code with its token and chainsqld's text.
var failureResults = []result{
	{TefFAILURE, "tefFAILURE", "Failed to apply."},
	{TefALREADY, "tefALREADY", "The exact transaction was already in this ledger."},
	{TefBAD_ADD_AUTH, "tefBAD_ADD_AUTH", "Not authorized to add account."},
	{TefBAD_AUTH, "tefBAD_AUTH", "Transaction's public key is not authorized."},
	{TefBAD_LEDGER, "tefBAD_LEDGER", "Ledger in unexpected state."},
	{TefCREATED, "tefCREATED", "Can't add an already created account."},
	{TefEXCEPTION, "tefEXCEPTION", "Unexpected program state."},
	{TefINTERNAL, "tefINTERNAL", "Internal error."},
	{TefNO_AUTH_REQUIRED, "tefNO_AUTH_REQUIRED", "Auth is not required."},
	{TefPAST_SEQ, "tefPAST_SEQ", "This sequence number has already passed."},
	{TefWRONG_PRIOR, "tefWRONG_PRIOR", "This previous transaction does not match."},
	{TefMASTER_DISABLED, "tefMASTER_DISABLED", "Master key is disabled."},
	{TefMAX_LEDGER, "tefMAX_LEDGER", "Ledger sequence too high."},
	{TefBAD_SIGNATURE, "tefBAD_SIGNATURE", "A signature is provided for a non-signer."},
	{TefBAD_QUORUM, "tefBAD_QUORUM", "Signatures provided do not meet the quorum."},
	{TefNOT_MULTI_SIGNING, "tefNOT_MULTI_SIGNING", "Account has no appropriate list of multi-signers."},
	{TefBAD_AUTH_MASTER, "tefBAD_AUTH_MASTER", "Auth for unclaimed account needs correct master key."},
	{TefINVARIANT_FAILED, "tefINVARIANT_FAILED", "Fee claim violated invariants for the transaction."},
	// chainsqld declares this code without a text (its transToken gives "-");
	// the text is rippled's.
	{TefTOO_BIG, "tefTOO_BIG", "Transaction affects too many items."},
	{TefBAD_AUTH_EXIST, "tefBAD_AUTH_EXIST", "Auth has been assigned"},
	{TefBAD_AUTH_NO, "tefBAD_AUTH_NO", "Current user doesn't have this auth"},
	{TefTABLE_GRANTFULL, "tefTABLE_GRANTFULL", "A table can only grant 256 users."},
	{TefTABLE_COUNTFULL, "tefTABLE_COUNTFULL", "One account can own at most 100 tables,now you are creating the 101 one."},
	{TefGAS_INSUFFICIENT, "tefGAS_INSUFFICIENT", "Gas insufficient."},
	{TefCONTRACT_EXEC_EXCEPTION, "tefCONTRACT_EXEC_EXCEPTION", "Exception occurred while executing contract ."},
	{TefCONTRACT_REVERT_INSTRUCTION, "tefCONTRACT_REVERT_INSTRUCTION", "Contract reverted,maybe 'require' condition not satisfied."},
	{TefCONTRACT_CANNOT_BEPAYED, "tefCONTRACT_CANNOT_BEPAYED", "Contract address cannot be 'Destination' for 'Payment'."},
	{TefCONTRACT_NOT_EXIST, "tefCONTRACT_NOT_EXIST", "Contract does not exist,maybe destructed."},
	{TefINVALID_CURRENY, "tefINVALID_CURRENY", "Invalid currency"},
	{TefTABLE_SAMENAME, "tefTABLE_SAMENAME", "Table name and table new name is same or create exist table."},
	{TefTABLE_NOTEXIST, "tefTABLE_NOTEXIST", "Table is not exist."},
	{TefTABLE_STATEERROR, "tefTABLE_STATEERROR", "Table's state is error."},
	{TefBAD_USER, "tefBAD_USER", "BAD User format."},
	{TefTABLE_EXISTANDNOTDEL, "tefTABLE_EXISTANDNOTDEL", "Table exist and not deleted."},
	{TefTABLE_STORAGEERROR, "tefTABLE_STORAGEERROR", "Table storage error."},
	{TefTABLE_STORAGENORMALERROR, "tefTABLE_STORAGENORMALERROR", "Table storage normal error."},
	{TefTABLE_TXDISPOSEERROR, "tefTABLE_TXDISPOSEERROR", "Tx Dispose error."},
	{TefTABLE_RULEDISSATISFIED, "tefTABLE_RULEDISSATISFIED", "Operation rule not satisfied."},
	{TefINSUFFICIENT_RESERVE, "tefINSUFFICIENT_RESERVE", "Insufficient reserve to complete requested operation."},
	{TefINSU_RESERVE_TABLE, "tefINSU_RESERVE_TABLE", "Insufficient reserve to create a table."},
	{TefDBNOTCONFIGURED, "tefDBNOTCONFIGURED", "DB is not connected,please checkout 'sync_db'in config file."},
	{TefBAD_DBNAME, "tefBAD_DBNAME", "NameInDB does not match tableName."},
	{TefBAD_STATEMENT, "tefBAD_STATEMENT", "Statement is error."},
	{TefSCHEMA_VALIDATOREXIST, "tefSCHEMA_VALIDATOREXIST", "Validator has existed."},
	{TefSCHEMA_NOVALIDATOR, "tefSCHEMA_NOVALIDATOR", "There is no corresponding validator."},
	{TefSCHEMA_PEEREXIST, "tefSCHEMA_PEEREXIST", "Peer has existed."},
	{TefSCHEMA_NOPEER, "tefSCHEMA_NOPEER", "There is no corresponding peer"},
	{TefBAD_SCHEMAID, "tefBAD_SCHEMAID", "Schema id may be error, there is no corresponding schema."},
	{TefBAD_SCHEMAADMIN, "tefBAD_SCHEMAADMIN", "Incorrect schema admin."},
	{TefBAD_SCHEMAACCOUNT, "tefBAD_SCHEMAACCOUNT", "Incorrect schema creater."},
	{TefSCHEMA_TX_FORBIDDEN, "tefSCHEMA_TX_FORBIDDEN", "SchemaCreate tx cannot occur in sub-chain."},
	{TefSCEMA_NO_PATH, "tefSCEMA_NO_PATH", "No schema_path configured."},
	{TefBAD_DUPLACATE_ITEM, "tefBAD_DUPLACATE_ITEM", "Duplicate items in PeerList or Validators."},
	{TefSCHEMA_NODE_COUNT, "tefSCHEMA_NODE_COUNT", "Insufficient node count for schema."},
	{TefSCHEMA_MAX_SCHEMAS, "tefSCHEMA_MAX_SCHEMAS", "A validator can only participate in 5 schemas."},
	{TefMISMATCH_CONTRACT_ADDRESS, "tefMISMATCH_CONTRACT_ADDRESS", "The sender address is mismatch with contract address."},
	{TefMISMATCH_TRANSACTION_ADDRESS, "tefMISMATCH_TRANSACTION_ADDRESS", "The contract transaction's address is not matched the sender."},
	{TefWHITELIST_ACCOUNTIDEXIST, "tefWHITELIST_ACCOUNTIDEXIST", "The account already exists in the whitelist ."},
	{TefWHITELIST_NOACCOUNTID, "tefWHITELIST_NOACCOUNTID", "The account is not in the whitelist ."},
	{TefACCOUNT_FORBIDDEN, "tefACCOUNT_FORBIDDEN", "The account is forbidden to submit tx."},
	{TefACCOUNT_FROZEN, "tefACCOUNT_FROZEN", "Account already frozen."},
	{TefACCOUNT_NOT_FROZEN, "tefACCOUNT_NOT_FROZEN", "Account not frozen."},
	{TefNO_ADMIN_CONFIGURED, "tefNO_ADMIN_CONFIGURED", "No admin configured on chain!"},
	{TefNO_NEED_AUTHORIZE, "tefNO_NEED_AUTHORIZE", "No need authorize"},
	{TefBAD_USERCERT, "tefBAD_USERCERT", "Check user cert failed."},
	{TefACCOUNT_ALREADY_DELETE, "tefACCOUNT_ALREADY_DELETE", "The account has been deleted."},
}
