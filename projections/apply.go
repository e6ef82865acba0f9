package projections

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Status is a table transaction's result in the SQL store, as the
// singleTransaction and table streams report it.
type Status string

// The statuses Apply yields.
const (
	DBSuccess Status = "db_success"
	DBError   Status = "db_error"
)

// Result is what became of one successful table transaction in the SQL
// store.
type Result struct {
	TxHash [32]byte
	Status Status
	// Error is why the store refused the transaction (db_error only).
	Error string
}

// Outcome is what Apply did with one ledger: a Result for every
// tesSUCCESS table transaction, in ledger order.
type Outcome struct {
	Seq     uint32
	Hash    [32]byte
	Results []Result
	// Took is how long the ledger's SQL transaction took, begin to
	// commit (the node's metrics).
	Took time.Duration
}

// savepoint is the name of the savepoint around each table transaction.
const savepoint = "sqledger_tx"

// Apply applies one ledger: in one SQL transaction, every tesSUCCESS
// table transaction in ledger order, each inside a savepoint, then the
// checkpoint. A transaction the store refuses (ErrStatement) is rolled
// back to its savepoint and yields db_error; the others still apply. Any
// other failure rolls the whole ledger back and is returned: nothing of
// the ledger is visible, and applying it again later gives the rows
// exactly once. The ledger must be the one after the checkpoint (any
// ledger, for an empty store), else Apply fails with ErrOutOfOrder.
func (p *Projection) Apply(ctx context.Context, led *ledgerlog.Ledger) (Outcome, error) {
	if err := p.enter("apply"); err != nil {
		return Outcome{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out, err := p.apply(ctx, led)
	if err != nil {
		return Outcome{}, fmt.Errorf("projections: apply ledger %d: %w", led.Seq, err)
	}
	return out, nil
}

// apply is Apply with p.mu held.
func (p *Projection) apply(ctx context.Context, led *ledgerlog.Ledger) (Outcome, error) {
	if cp := p.cp.Load(); cp != nil && led.Seq != cp.Seq+1 {
		return Outcome{}, fmt.Errorf("%w: the checkpoint is ledger %d", ErrOutOfOrder, cp.Seq)
	}
	h, err := ledgerlog.Header(led)
	if err != nil {
		return Outcome{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if h.Seq != led.Seq {
		return Outcome{}, fmt.Errorf("%w: header of ledger %d says %d", ErrCorrupt, led.Seq, h.Seq)
	}
	txs, err := tableTxs(led)
	if err != nil {
		return Outcome{}, err
	}
	return p.applyTxs(ctx, led.Seq, led.Hash, ledgerlog.CloseTime(h), txs)
}

// tableTxs decodes a logged ledger's table transactions whose metadata
// records tesSUCCESS, in ledger order (ledgerlog.Tx: the *tx.Tx the
// node's other readers get).
func tableTxs(led *ledgerlog.Ledger) ([]*tx.Tx, error) {
	var txs []*tx.Tx
	for i := range led.Txs {
		ltx := &led.Txs[i]
		result, err := ledgerlog.Result(ltx)
		if err != nil {
			return nil, fmt.Errorf("%w: transaction %X: metadata: %w", ErrCorrupt, ltx.Hash, err)
		}
		if result != ter.TesSUCCESS {
			continue
		}
		t, err := ledgerlog.Tx(ltx)
		if err != nil {
			return nil, fmt.Errorf("%w: transaction %X: %w", ErrCorrupt, ltx.Hash, err)
		}
		if t.Type.IsTable() {
			txs = append(txs, t)
		}
	}
	return txs, nil
}

// applyTxs applies ledger seq (hash, closed at closed), the one after
// the checkpoint: its successful table transactions txs, in ledger
// order, each in a savepoint, then the checkpoint, in one SQL
// transaction. Each transaction's operations are its parse, kept on it
// (tableop.Of): a transaction the node has parsed already, at admission
// or in Close, is not parsed again.
func (p *Projection) applyTxs(ctx context.Context, seq uint32, hash [32]byte, closed time.Time, txs []*tx.Tx) (Outcome, error) {
	start := time.Now()
	sqlTx, err := p.b.Writer().BeginTx(ctx, nil)
	if err != nil {
		return Outcome{}, fmt.Errorf("begin: %w", err)
	}
	a := &applier{
		ctx:   ctx,
		tx:    sqlTx,
		d:     p.d,
		seq:   seq,
		time:  closed.Format(time.DateTime), // as chainsqld fills LedgerTimeField
		stmts: make(map[string]*sql.Stmt),
		sync:  p.sync,
		// confidential is per ledger: a failed ledger's writes are gone.
		confidential: make(map[string]*confidentialEntry),
	}
	out := Outcome{Seq: seq, Hash: hash}
	for _, t := range txs {
		var r Result
		if r, err = a.applyTx(t); err != nil {
			err = fmt.Errorf("transaction %X: %w", t.Hash, err)
			break
		}
		out.Results = append(out.Results, r)
	}
	if err == nil {
		err = saveCheckpoint(ctx, sqlTx, p.cp.Load(), Checkpoint{Seq: seq, Hash: hash})
	}
	if err == nil && p.knobs.beforeCommit != nil {
		err = p.knobs.beforeCommit(seq)
	}
	if err == nil {
		err = sqlTx.Commit()
	}
	if err == nil && p.knobs.afterCommit != nil {
		err = p.knobs.afterCommit(seq)
	}
	// Only after the commit: queries that read the cache from now on
	// load the new schemas. Forgetting a table is always safe, so a
	// failed ledger forgets too, in case its commit failed late.
	defer p.schemas.invalidate(a.changed)
	if err != nil {
		return Outcome{}, errors.Join(err, rollback(sqlTx))
	}
	p.cp.Store(&Checkpoint{Seq: seq, Hash: hash})
	out.Took = time.Since(start)
	return out, nil
}

// rollback rolls a transaction back, ignoring that it already ended.
func rollback(t *sql.Tx) error {
	if err := t.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}

// applyTx applies one table transaction inside a savepoint.
func (a *applier) applyTx(t *tx.Tx) (Result, error) {
	a.txHash = fmt.Sprintf("%X", t.Hash[:])
	a.account = t.Account.String()
	if err := a.noteConfidential(t); err != nil {
		return Result{}, err
	}
	if err := a.control("SAVEPOINT " + savepoint); err != nil {
		return Result{}, fmt.Errorf("savepoint: %w", err)
	}
	err := a.runTx(t)
	if err == nil {
		if err := a.control("RELEASE " + savepoint); err != nil {
			return Result{}, fmt.Errorf("release savepoint: %w", err)
		}
		return Result{TxHash: t.Hash, Status: DBSuccess}, nil
	}
	noSync := errors.Is(err, errNoSync)
	if !noSync && !errors.Is(err, ErrStatement) {
		return Result{}, err
	}
	for _, q := range []string{"ROLLBACK TO " + savepoint, "RELEASE " + savepoint} {
		if _, rerr := a.tx.ExecContext(a.ctx, q); rerr != nil {
			return Result{}, fmt.Errorf("roll back to savepoint: %w", errors.Join(err, rerr))
		}
	}
	a.schemas = nil // the schema changes of the transaction are gone
	if noSync {
		return Result{TxHash: t.Hash, Status: DBNoSyncTable}, nil
	}
	return Result{TxHash: t.Hash, Status: DBError, Error: err.Error()}, nil
}

// control runs a savepoint statement through the ledger's cache of
// prepared statements: every table transaction of a ledger sets and
// releases the same savepoint, and a statement prepared once is not
// parsed again (SQLite and PostgreSQL both prepare savepoint statements).
func (a *applier) control(query string) error {
	st, err := a.prepared(query)
	if err == nil {
		_, err = st.ExecContext(a.ctx)
	}
	return err
}

// prepared returns the ledger's prepared statement of query, preparing
// it the first time.
func (a *applier) prepared(query string) (*sql.Stmt, error) {
	if st, ok := a.stmts[query]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(a.ctx, query)
	if err != nil {
		return nil, err
	}
	a.stmts[query] = st
	return st, nil
}

// runTx runs the operations of a table transaction.
func (a *applier) runTx(t *tx.Tx) error {
	ops, err := opsOf(t)
	if err != nil {
		return err
	}
	for i, o := range ops {
		if o, err = a.reveal(o); err != nil {
			return err
		}
		if err := a.run(o); err != nil {
			if len(ops) > 1 && errors.Is(err, ErrStatement) {
				return &StatementError{Reason: fmt.Sprintf("statement %d: %s", i, err), cause: err}
			}
			return err
		}
	}
	return nil
}

// applier applies the table transactions of one ledger in one SQL
// transaction.
type applier struct {
	ctx    context.Context
	tx     *sql.Tx
	d      Dialect
	seq    uint32
	time   string // the ledger's close time, "2006-01-02 15:04:05" UTC
	txHash string // the current transaction's hash, uppercase hex
	// account is the current transaction's sender, as an address.
	account string

	// stmts caches the prepared DML of the ledger by its SQL text.
	stmts map[string]*sql.Stmt
	// schemas caches the schemas read or written during the ledger.
	schemas map[string]*Schema
	// sync are the keys of the confidential tables the store decrypts.
	sync syncKeys
	// confidential caches the ledger's reads of confidentialTable by
	// table name (nil: a plain table); see lookupConfidential.
	confidential map[string]*confidentialEntry
	// changed names every table whose schema the ledger set, even in a
	// transaction rolled back to its savepoint: the Projection's schema
	// cache forgets them once the ledger commits.
	changed map[string]struct{}
}

// exec runs a statement. A refusal by the database becomes a
// StatementError carrying the database's reason.
func (a *applier) exec(query string, args ...any) (sql.Result, error) {
	res, err := a.tx.ExecContext(a.ctx, query, args...)
	return res, a.classify(err)
}

// execPrepared runs a statement through the ledger's cache of prepared
// statements: the rows of a batch insert share one.
func (a *applier) execPrepared(query string, args ...any) (sql.Result, error) {
	st, err := a.prepared(query)
	if err != nil {
		return nil, a.classify(err)
	}
	res, err := st.ExecContext(a.ctx, args...)
	return res, a.classify(err)
}

// classify turns a database refusal into a StatementError and leaves
// every other error as it is.
func (a *applier) classify(err error) error {
	if err == nil || a.ctx.Err() != nil || !a.d.Rejected(err) {
		return err
	}
	msg := err.Error()
	// modernc's messages read "SQL logic error: no such column: x (1)".
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return &StatementError{Reason: msg, cause: err}
}

// schema returns a table's schema, or a StatementError if the store has
// no such table.
func (a *applier) schema(table string) (*Schema, error) {
	if s, ok := a.schemas[table]; ok {
		if s == nil {
			return nil, stmtErrorf("table %s does not exist", table)
		}
		return s, nil
	}
	s, ok, err := loadSchema(a.ctx, a.tx, table)
	if err != nil {
		return nil, err
	}
	if a.schemas == nil {
		a.schemas = make(map[string]*Schema)
	}
	if !ok {
		a.schemas[table] = nil
		return nil, stmtErrorf("table %s does not exist", table)
	}
	a.schemas[table] = s
	return s, nil
}

// setSchema records a table's new schema (nil: dropped).
func (a *applier) setSchema(table string, s *Schema) error {
	if a.schemas == nil {
		a.schemas = make(map[string]*Schema)
	}
	a.schemas[table] = s
	if a.changed == nil {
		a.changed = make(map[string]struct{})
	}
	a.changed[table] = struct{}{}
	// A statement prepared before the change may have typed its
	// arguments by the old columns (a server store fixes them at
	// prepare): the ledger's inserts are prepared again.
	for q, st := range a.stmts {
		if err := st.Close(); err != nil {
			return fmt.Errorf("close statement: %w", err)
		}
		delete(a.stmts, q)
	}
	if s == nil {
		return deleteSchema(a.ctx, a.tx, table)
	}
	return saveSchema(a.ctx, a.tx, table, s)
}
