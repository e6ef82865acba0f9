package ter

const (
	// Malformed (200..299): the transaction is corrupt and can
	// succeed in no ledger. Not applied, not forwarded. rippled's codes,
	// with XRP renamed ZXC.
	TemMALFORMED                      Code = 200
	TemBAD_AMOUNT                     Code = 201
	TemBAD_CURRENCY                   Code = 202
	TemBAD_EXPIRATION                 Code = 203
	TemBAD_FEE                        Code = 204
	TemBAD_ISSUER                     Code = 205
	TemBAD_LIMIT                      Code = 206
	TemBAD_OFFER                      Code = 207
	TemBAD_PATH                       Code = 208
	TemBAD_PATH_LOOP                  Code = 209
	TemBAD_REGKEY                     Code = 210
	TemBAD_SEND_ZXC_LIMIT             Code = 211
	TemBAD_SEND_ZXC_MAX               Code = 212
	TemBAD_SEND_ZXC_NO_DIRECT         Code = 213
	TemBAD_SEND_ZXC_PARTIAL           Code = 214
	TemBAD_SEND_ZXC_PATHS             Code = 215
	TemBAD_SEQUENCE                   Code = 216
	TemBAD_SIGNATURE                  Code = 217
	TemBAD_SRC_ACCOUNT                Code = 218
	TemBAD_TRANSFER_RATE              Code = 219
	TemDST_IS_SRC                     Code = 220
	TemDST_NEEDED                     Code = 221
	TemINVALID                        Code = 222
	TemINVALID_FLAG                   Code = 223
	TemREDUNDANT                      Code = 224
	TemRIPPLE_EMPTY                   Code = 225
	TemDISABLED                       Code = 226
	TemBAD_SIGNER                     Code = 227
	TemBAD_QUORUM                     Code = 228
	TemBAD_WEIGHT                     Code = 229
	TemBAD_TICK_SIZE                  Code = 230
	TemCANNOT_PREAUTH_SELF            Code = 231
	TemINVALID_ACCOUNT_ID             Code = 232
	TemBAD_TRANSFERFEE_BOTH           Code = 233
	TemBAD_TRANSFERFEE                Code = 234
	TemBAD_FEE_MISMATCH_TRANSFER_RATE Code = 235

	// ChainSQL table, SQL statement and SQL transaction shape errors.
	TemBAD_OWNER                 Code = 236
	TemBAD_TABLES                Code = 237
	TemBAD_TABLEFLAGS            Code = 238
	TemBAD_RAW                   Code = 239
	TemBAD_OPTYPE                Code = 240
	TemBAD_OPTYPE_IN_TRANSACTION Code = 241
	TemBAD_BASETX                Code = 242
	TemBAD_PUT                   Code = 243
	TemBAD_DBTX                  Code = 244
	TemBAD_STATEMENTS            Code = 245
	TemBAD_NEEDVERIFY            Code = 246
	TemBAD_STRICTMODE            Code = 247
	TemBAD_BASELEDGER            Code = 248
	TemBAD_TRANSFERORDER         Code = 249
	TemBAD_OPERATIONRULE         Code = 250
	TemBAD_DELETERULE            Code = 251
	TemBAD_UPDATERULE            Code = 252
	TemBAD_RULEANDTOKEN          Code = 253
	TemBAD_INSERTLIMIT           Code = 254
	TemBAD_NEEDVERIFY_OPERRULE   Code = 255

	// ChainSQL schema (sub-chain) and validator shape errors.
	TemBAD_VALIDATOR    Code = 256
	TemBAD_PEERLIST     Code = 257
	TemBAD_ANCHORLEDGER Code = 258
	TemBAD_SIGNERFORVAL Code = 259
	TemBAD_SCHEMAADMIN  Code = 260

	// Internal: never returned to a client.
	TemUNCERTAIN Code = 261
	TemUNKNOWN   Code = 262
)

// malformedResults lists every tem code with its token and chainsqld's text.
var malformedResults = []result{
	{TemMALFORMED, "temMALFORMED", "Malformed transaction."},
	{TemBAD_AMOUNT, "temBAD_AMOUNT", "Can only send positive amounts."},
	{TemBAD_CURRENCY, "temBAD_CURRENCY", "Malformed: Bad currency."},
	{TemBAD_EXPIRATION, "temBAD_EXPIRATION", "Malformed: Bad expiration."},
	{TemBAD_FEE, "temBAD_FEE", "Invalid fee, negative or not ZXC."},
	{TemBAD_ISSUER, "temBAD_ISSUER", "Malformed: Bad issuer."},
	{TemBAD_LIMIT, "temBAD_LIMIT", "Limits must be non-negative."},
	{TemBAD_OFFER, "temBAD_OFFER", "Malformed: Bad offer."},
	{TemBAD_PATH, "temBAD_PATH", "Malformed: Bad path."},
	{TemBAD_PATH_LOOP, "temBAD_PATH_LOOP", "Malformed: Loop in path."},
	{TemBAD_REGKEY, "temBAD_REGKEY", "Malformed: Regular key cannot be same as master key."},
	{TemBAD_SEND_ZXC_LIMIT, "temBAD_SEND_ZXC_LIMIT", "Malformed: Limit quality is not allowed for ZXC to ZXC."},
	{TemBAD_SEND_ZXC_MAX, "temBAD_SEND_ZXC_MAX", "Malformed: Send max is not allowed for ZXC to ZXC."},
	{TemBAD_SEND_ZXC_NO_DIRECT, "temBAD_SEND_ZXC_NO_DIRECT", "Malformed: No Ripple direct is not allowed for ZXC to ZXC."},
	{TemBAD_SEND_ZXC_PARTIAL, "temBAD_SEND_ZXC_PARTIAL", "Malformed: Partial payment is not allowed for ZXC to ZXC."},
	{TemBAD_SEND_ZXC_PATHS, "temBAD_SEND_ZXC_PATHS", "Malformed: Paths are not allowed for ZXC to ZXC."},
	{TemBAD_SEQUENCE, "temBAD_SEQUENCE", "Malformed: Sequence is not in the past."},
	{TemBAD_SIGNATURE, "temBAD_SIGNATURE", "Malformed: Bad signature."},
	{TemBAD_SRC_ACCOUNT, "temBAD_SRC_ACCOUNT", "Malformed: Bad source account."},
	{TemBAD_TRANSFER_RATE, "temBAD_TRANSFER_RATE", "Malformed: Transfer rate must be 0 or >= 1.0 and <= 2.0."},
	{TemDST_IS_SRC, "temDST_IS_SRC", "Destination may not be source."},
	{TemDST_NEEDED, "temDST_NEEDED", "Destination not specified."},
	{TemINVALID, "temINVALID", "The transaction is ill-formed."},
	{TemINVALID_FLAG, "temINVALID_FLAG", "The transaction has an invalid flag."},
	{TemREDUNDANT, "temREDUNDANT", "Sends same currency to self."},
	{TemRIPPLE_EMPTY, "temRIPPLE_EMPTY", "PathSet with no paths."},
	{TemDISABLED, "temDISABLED", "The transaction requires logic that is currently disabled."},
	{TemBAD_SIGNER, "temBAD_SIGNER", "Malformed: No signer may duplicate account or other signers."},
	{TemBAD_QUORUM, "temBAD_QUORUM", "Malformed: Quorum is unreachable."},
	{TemBAD_WEIGHT, "temBAD_WEIGHT", "Malformed: Weight must be a positive value."},
	{TemBAD_TICK_SIZE, "temBAD_TICK_SIZE", "Malformed: Tick size out of range."},
	// chainsqld declares this code without a text (its transToken gives "-");
	// the text is rippled's.
	{TemCANNOT_PREAUTH_SELF, "temCANNOT_PREAUTH_SELF", "Malformed: An account may not preauthorize itself."},
	// chainsqld declares this code without a text (its transToken gives "-");
	// the text is rippled's.
	{TemINVALID_ACCOUNT_ID, "temINVALID_ACCOUNT_ID", "Malformed: A field contains an invalid account ID."},
	{TemBAD_TRANSFERFEE_BOTH, "temBAD_TRANSFERFEE_BOTH", "Malformed: TransferFeeMin and TransferFeeMax can not be set individually."},
	{TemBAD_TRANSFERFEE, "temBAD_TRANSFERFEE", "Malformed: TransferFeeMin or TransferMax invalid."},
	{TemBAD_FEE_MISMATCH_TRANSFER_RATE, "temBAD_FEE_MISMATCH_TRANSFER_RATE", "Malformed: TransferRate mismatch with TransferFeeMin or TransferFeeMax."},
	{TemBAD_OWNER, "temBAD_OWNER", "Malformed: Bad table owner."},
	{TemBAD_TABLES, "temBAD_TABLES", "Malformed: Bad table names."},
	{TemBAD_TABLEFLAGS, "temBAD_TABLEFLAGS", "Malformed: Bad table authority."},
	{TemBAD_RAW, "temBAD_RAW", "Malformed: Bad raw sql."},
	{TemBAD_OPTYPE, "temBAD_OPTYPE", "Malformed: Bad operator type."},
	{TemBAD_OPTYPE_IN_TRANSACTION, "temBAD_OPTYPE_IN_TRANSACTION", "Malformed:create,drop,rename is not allowd in SqlTransaction."},
	{TemBAD_BASETX, "temBAD_BASETX", "Malformed: Bad base tx check hash."},
	{TemBAD_PUT, "temBAD_PUT", "Malformed: Bad base tx format or check hash error"},
	{TemBAD_DBTX, "temBAD_DBTX", "Malformed: Bad DBTx support."},
	{TemBAD_STATEMENTS, "temBAD_STATEMENTS", "Malformed: Bad Statements field."},
	{TemBAD_NEEDVERIFY, "temBAD_NEEDVERIFY", "Malformed: Bad NeedVerify field."},
	{TemBAD_STRICTMODE, "temBAD_STRICTMODE", "Malformed: Bad StrictMode support."},
	{TemBAD_BASELEDGER, "temBAD_BASELEDGER", "Malformed: Bad base ledger sequence."},
	{TemBAD_TRANSFERORDER, "temBAD_TRANSFERORDER", "Malformed: Current tx is not the one we expected."},
	{TemBAD_OPERATIONRULE, "temBAD_OPERATIONRULE", "Malformed: Operation Rule is not valid."},
	{TemBAD_DELETERULE, "temBAD_DELETERULE", "Malformed: Delete rule must contains '$account' condition because of insert rule."},
	{TemBAD_UPDATERULE, "temBAD_UPDATERULE", "Malformed: Update rule is needed and 'Fields' is needed in update rule."},
	{TemBAD_RULEANDTOKEN, "temBAD_RULEANDTOKEN", "Malformed: OperationRule and Confidential are not supported in the mean time."},
	{TemBAD_INSERTLIMIT, "temBAD_INSERTLIMIT", "Malformed: Deal with insert count limit error."},
	{TemBAD_NEEDVERIFY_OPERRULE, "temBAD_NEEDVERIFY_OPERRULE", "Malformed: NeedVerify must be 1 if there is table has OperatinRule."},
	{TemBAD_VALIDATOR, "temBAD_VALIDATOR", "Malformed: No publickey field or publickey is not valid."},
	{TemBAD_PEERLIST, "temBAD_PEERLIST", "Malformed: No peer field or peer is null"},
	{TemBAD_ANCHORLEDGER, "temBAD_ANCHORLEDGER", "Malformed: Anchor ledger is null or ledger not found."},
	{TemBAD_SIGNERFORVAL, "temBAD_SIGNERFORVAL", "Malformed: Singer is not in the validator list."},
	{TemBAD_SCHEMAADMIN, "temBAD_SCHEMAADMIN", "Malformed: schema admin does not exist. "},
	{TemUNCERTAIN, "temUNCERTAIN", "In process of determining result. Never returned."},
	{TemUNKNOWN, "temUNKNOWN", "The transaction requires logic that is not implemented yet."},
}
