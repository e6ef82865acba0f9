package rpcerr_test

import (
	"slices"
	"testing"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// Vectors read from chainsqld v3.4.5 ErrorCodes.h (numbers) and
// ErrorCodes.cpp (tokens, texts), written out independently of the tables.
var vectors = []struct {
	code    rpcerr.Code
	number  int
	token   string
	message string
}{
	{rpcerr.BadSyntax, 1, "badSyntax", "Syntax error."},
	{rpcerr.JSONRPC, 2, "json_rpc", "JSON-RPC transport error."},
	{rpcerr.NoPermission, 6, "noPermission", "You don't have permission for this command."},
	{rpcerr.TooBusy, 9, "tooBusy", "The server is too busy to help you now."},
	{rpcerr.SlowDown, 10, "slowDown", "You are placing too much load on the server."},
	{rpcerr.HighFee, 11, "highFee", "Current transaction fee exceeds your limit."},
	{rpcerr.NoCurrent, 16, "noCurrent", "Current ledger is unavailable."},
	{rpcerr.NoNetwork, 17, "noNetwork", "Not synced to the network."},
	{rpcerr.ActNotFound, 19, "actNotFound", "Account not found."},
	{rpcerr.LgrNotFound, 21, "lgrNotFound", "Ledger not found."},
	{rpcerr.TxnNotFound, 29, "txnNotFound", "Transaction not found."},
	{rpcerr.InvalidParams, 31, "invalidParams", "Invalid parameters."},
	{rpcerr.UnknownCommand, 32, "unknownCmd", "Unknown method."},
	{rpcerr.NoPFRequest, 33, "noPathRequest", "No pathfinding request in progress."},
	{rpcerr.ActMalformed, 35, "actMalformed", "Account malformed."},
	{rpcerr.ActNotMatchPubkey, 38, "actNotMatchPublic", "Account is not match with publicKey."},
	{rpcerr.BadSecret, 43, "badSecret", "Secret does not match account."},
	{rpcerr.BadSeed, 44, "badSeed", "Disallowed seed."},
	{rpcerr.SrcActNotFound, 67, "srcActNotFound", "Source account not found."},
	{rpcerr.StreamMalformed, 71, "malformedStream", "Stream malformed."},
	{rpcerr.AtxDeprecated, 72, "deprecated", "Use the new API or specify a ledger range."},
	{rpcerr.Internal, 73, "internal", "Internal error."},
	{rpcerr.NotImpl, 74, "notImpl", "Not implemented."},
	{rpcerr.InvalidLgrRange, 79, "invalidLgrRange", "Ledger range is invalid."},
	{rpcerr.NoDB, 100, "NoDbConfig", "Get db connection error,maybe db not configured."},
	{rpcerr.JSONParsedErr, 101, "txJsonParsedErr", "Tx Json parsed error."},
	{rpcerr.SQLSelectOnly, 103, "sqlSelectOnly", "First word of SQL must be select."},
	{rpcerr.TabNotExist, 106, "tabNotExist", "Table does not exist."},
	{rpcerr.TabUnauthorized, 107, "tabUnauthorized", "The user is unauthorized to the table."},
	{rpcerr.RawInvalid, 108, "rawNotValidated", "Raw field is not validated."},
	{rpcerr.NameInDBNotMatch, 109, "dBNameNotMatchTabName", "DBName is not matched with table name."},
	{rpcerr.SignNotMatch, 111, "signDataNotMatch", "Signing data does not match tx_json."},
	{rpcerr.AuditStopGeneralErr, 118, "auditStopGeneralError", "General error when stop audit."},
	{rpcerr.CtrEVMExeException, 121, "contractEVMexeError", "Contract execution exception."},
	{rpcerr.CtrEVMCallException, 122, "contractEVMcallError", "Contract execution exception."},
	{rpcerr.General, 123, "general", "Generic error reason."},
	{rpcerr.NoSchema, 124, "schemaNotExist", "No schema with the specified shema_id exist."},
	{rpcerr.SchemaNotMember, 126, "cannotJoinSchema", "You are not a member of this schema."},
	{rpcerr.TxnBiggerThanMaxsize, 127, "txnBiggerThanMaxsize", "txn size is bigger than maxsize >500kb."},
	{rpcerr.InvalidTransaction, 128, "invalidTransaction", "Invalid transaction."},
	{rpcerr.BadProof, 132, "badProof", "Verify proof failed."},
	{rpcerr.AccountAlreadyDeleted, 133, "accountAlreadyDeleted", "The account was already deleted."},
}

func TestVectors(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.token, func(t *testing.T) {
			if int(v.code) != v.number {
				t.Errorf("number = %d, want %d", int(v.code), v.number)
			}
			if got := v.code.Token(); got != v.token {
				t.Errorf("Token() = %q, want %q", got, v.token)
			}
			if got := v.code.Message(); got != v.message {
				t.Errorf("Message() = %q, want %q", got, v.message)
			}
			if got := v.code.String(); got != v.token {
				t.Errorf("String() = %q, want %q", got, v.token)
			}
			if got, ok := rpcerr.FromToken(v.token); !ok || got != v.code {
				t.Errorf("FromToken(%q) = %d, %v", v.token, got, ok)
			}
		})
	}
}

// definedNumbers are the codes chainsqld's error_code_i enumerates
// (rpcSUCCESS and rpcUNKNOWN aside), copied by hand from ErrorCodes.h.
var definedNumbers = []int{
	1, 2, 3, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 29, 30,
	31, 32, 33, 34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
	51, 52, 53, 57, 58, 62, 63, 64, 65, 66, 67, 69, 70, 71, 72, 73, 74, 75, 76,
	77, 78, 79,
	100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114,
	115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129,
	130, 131, 132, 133,
}

func TestEveryNumber(t *testing.T) {
	tokens := map[string]int{}
	for n := -3; n <= 200; n++ {
		c := rpcerr.Code(n)
		tok, msg := c.Token(), c.Message()
		if !slices.Contains(definedNumbers, n) {
			if tok != "unknown" || msg != "An unknown error code." {
				t.Errorf("Code(%d): %q %q, want chainsqld's unknown error", n, tok, msg)
			}
			continue
		}
		if tok == "unknown" || tok == "" || msg == "" || msg == "An unknown error code." {
			t.Errorf("Code(%d): token %q message %q", n, tok, msg)
		}
		if prev, dup := tokens[tok]; dup {
			t.Errorf("token %q used by %d and %d", tok, prev, n)
		}
		tokens[tok] = n
		if got, ok := rpcerr.FromToken(tok); !ok || got != c {
			t.Errorf("FromToken(%q) = %d, %v; want %d", tok, got, ok, n)
		}
	}
	if len(tokens) != len(definedNumbers) {
		t.Errorf("%d defined codes, want %d", len(tokens), len(definedNumbers))
	}
}

func TestUndefined(t *testing.T) {
	if got := rpcerr.Code(20).String(); got != "Code(20)" {
		t.Errorf("Code(20).String() = %q", got)
	}
	if got := rpcerr.Unknown.String(); got != "unknown" {
		t.Errorf("Unknown.String() = %q", got)
	}
	for _, tok := range []string{"", "unknown", "TabNotExist", "tabnotexist", "rpcTAB_NOT_EXIST"} {
		if c, ok := rpcerr.FromToken(tok); ok {
			t.Errorf("FromToken(%q) = %d, true; want false", tok, c)
		}
	}
}
