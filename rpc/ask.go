package rpc

import (
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Asker passes on what the session cannot answer itself to the parts of
// the node that can. None of its methods blocks or answers at once: the
// answer to an ask comes later, through Session.Resume with the ask's
// token.
type Asker interface {
	// Submit hands a verified transaction to admission; the answer is a
	// Verdict.
	Submit(token uint64, t *tx.Tx)
	// OpenAccount asks for an account as the open ledger sees it; the
	// answer is an OpenAccount.
	OpenAccount(token uint64, id address.AccountID)
	// AcceptLedger closes the open ledger now; the answer, once the
	// ledger is durable, is an Accepted.
	AcceptLedger(token uint64)
	// Subscribe changes the session's subscriptions; there is no answer.
	Subscribe(s *Subscription)
	// JoinNKN makes the session receive the NKN updateSigChainBlockHash
	// push of every ledger; there is no answer.
	JoinNKN()
	// Query runs run away from the session, on a goroutine of its own
	// (a SQL query, or g_cryptdata's files, may take seconds); the answer
	// is what run returns, a Rows or a Written.
	Query(token uint64, run func() Answer)
}

// Answer is what an ask is answered with: a Verdict, an OpenAccount, an
// Accepted, Rows or a Written.
type Answer interface{ isAnswer() }

// Verdict is admission's answer to Submit: queued (tesSUCCESS, or a
// failure the ledger will record and charge: a tec, a contract's tef)
// or refused with Code.
type Verdict struct {
	Tx     *tx.Tx
	Code   ter.Code
	Queued bool
	// Detail says more than the code's message, e.g. why a Raw was
	// refused or a contract's revert reason; "" for none.
	Detail string
}

// OpenAccount answers OpenAccount: the committed root with the sequence
// the account's next transaction must carry and the balance its queued
// transactions leave. Root is nil for an account not in the ledger.
type OpenAccount struct{ Root *ledger.AccountRoot }

// Accepted answers AcceptLedger: the new open ledger's sequence, or why
// the ledger could not be closed.
type Accepted struct {
	Current uint32
	Err     error
}

// Rows answers Query: the rows of a SQL query, or why it failed.
type Rows struct {
	Lines []map[string]any
	Err   error
}

// Written answers the Query of g_cryptdata: nil when its files are
// written, or why it wrote none.
type Written struct{ Err error }

func (Verdict) isAnswer()     {}
func (OpenAccount) isAnswer() {}
func (Accepted) isAnswer()    {}
func (Rows) isAnswer()        {}
func (Written) isAnswer()     {}

// Subscription is a subscribe (or, with Remove, unsubscribe) request:
// streams, accounts, transaction hashes, tables and contracts.
type Subscription struct {
	Remove       bool
	Ledger       bool
	Transactions bool
	Accounts     []address.AccountID
	Hashes       []hash.Hash256
	Tables       []ledger.TableRef
	Contracts    []address.AccountID
}
