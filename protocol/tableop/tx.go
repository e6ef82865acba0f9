package tableop

import (
	"sync/atomic"

	"github.com/sqledger/sqledger/protocol/tx"
)

// Tx is the table operations of one transaction, parsed once: one Op
// for a TableListSet or a SQLStatement, the statements of a
// SQLTransaction, none for any other type. It is immutable.
type Tx struct {
	Ops []Op
	// StatementsErr is why a SQLTransaction's Statements do not parse
	// (temBAD_STATEMENTS); Ops is then empty.
	StatementsErr error
	one           [1]Op // Ops of a TableListSet or a SQLStatement
}

// none is the Tx of a transaction of any other type.
var none = &Tx{}

// Of returns t's table operations. The first call for a transaction
// parses them and keeps them on t; every later call, from any goroutine,
// returns the same value, so a transaction is parsed once on its way
// through admission, preview, Close and the projection.
func Of(t *tx.Tx) *Tx {
	if !t.Type.IsTable() {
		return none
	}
	return t.TableOps(parse).(*Tx)
}

func parse(t *tx.Tx) any {
	p := &Tx{}
	switch t.Type {
	case tx.TableListSet, tx.SQLStatement:
		parseOp(&p.one[0], t.Fields, t.Account)
		p.Ops = p.one[:]
	case tx.SQLTransaction:
		ops, err := parseStatements(t.Fields, t.Account)
		if err != nil {
			p.StatementsErr = err
		}
		p.Ops = ops
	}
	return p
}

// parses counts the Raws parsed since the process started.
var parses atomic.Uint64

// Parses returns how many Raws this process has parsed (one atomic add
// each): the tests use it to check that a transaction is parsed once
// on its way through the node.
func Parses() uint64 { return parses.Load() }
