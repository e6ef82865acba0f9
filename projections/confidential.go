package projections

import (
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/confidential"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// DBNoSyncTable is the status of a confidential table's transaction on a
// store not configured with the owner's secret (chainsqld's
// db_noSyncTable): nothing of it is applied.
const DBNoSyncTable Status = "db_noSyncTable"

// confidentialTable records, for every confidential table the log
// created, its owner and the owner's Token (never a password), so that
// the store knows which SQL tables need a secret.
const confidentialTable = "sqledger_confidential"

const confidentialDDL = `CREATE TABLE IF NOT EXISTS ` + confidentialTable + ` (
		name TEXT PRIMARY KEY,
		owner TEXT NOT NULL,
		token TEXT NOT NULL)`

// SyncTable is one entry of chainsqld's [sync_tables] for confidential
// tables: the owner's key pair, and the table (Name empty: every table
// of the owner). The store decrypts the Raws of those tables with the
// password the owner's Token holds.
type SyncTable struct {
	Key  *keys.KeyPair
	Name string
}

// errNoSync says that a confidential table's transaction needs a secret
// the store was not given.
var errNoSync = errors.New("projections: confidential table not in sync_tables")

// syncKeys finds the configured key of a confidential table.
type syncKeys []SyncTable

func (s syncKeys) key(owner address.AccountID, name []byte) *keys.KeyPair {
	for _, e := range s {
		if e.Key.AccountID() == owner && (e.Name == "" || e.Name == string(name)) {
			return e.Key
		}
	}
	return nil
}

// noteConfidential records the confidential creates of t before its
// savepoint, so that a table whose rows are not synced is still known
// as confidential.
func (a *applier) noteConfidential(t *tx.Tx) error {
	for _, o := range tableop.Of(t).Ops {
		if o.Type != tx.OpCreate || len(o.Token) == 0 || !o.HasNameInDB {
			continue
		}
		_, err := a.tx.ExecContext(a.ctx, `INSERT INTO `+confidentialTable+` (name, owner, token) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, token = excluded.token`,
			TableName(o.NameInDB), hex.EncodeToString(o.Owner[:]), hex.EncodeToString(o.Token))
		if err != nil {
			return fmt.Errorf("record confidential table: %w", err)
		}
		delete(a.confidential, TableName(o.NameInDB))
	}
	return nil
}

// confidentialEntry is a confidential table's row of confidentialTable,
// as read in a ledger (applier.confidential).
type confidentialEntry struct {
	owner, token string
}

// lookupConfidential reads table's row of confidentialTable, nil when it
// is a plain table, once a ledger: a ledger's inserts into one table ask
// once, not once an insert. noteConfidential, which writes the rows
// outside the savepoints, forgets what it changes.
func (a *applier) lookupConfidential(table string) (*confidentialEntry, error) {
	if e, ok := a.confidential[table]; ok {
		return e, nil
	}
	var e confidentialEntry
	err := a.tx.QueryRowContext(a.ctx, `SELECT owner, token FROM `+confidentialTable+` WHERE name = ?`, table).Scan(&e.owner, &e.token)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		a.confidential[table] = nil
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("read confidential table %s: %w", table, err)
	}
	a.confidential[table] = &e
	return &e, nil
}

// reveal returns o with its Raw decrypted when its table is
// confidential: errNoSync without the owner's key, a StatementError
// when the Token or the Raw does not open.
func (a *applier) reveal(o op) (op, error) {
	e, err := a.lookupConfidential(o.table)
	if e == nil || err != nil {
		return o, err
	}
	var owner address.AccountID
	token, terr := hex.DecodeString(e.token)
	if ob, oerr := hex.DecodeString(e.owner); oerr != nil || terr != nil || len(ob) != len(owner) {
		return o, fmt.Errorf("%w: confidential table %s", ErrCorrupt, o.table)
	} else {
		copy(owner[:], ob)
	}
	kp := a.sync.key(owner, o.Name)
	if kp == nil {
		return o, errNoSync
	}
	if len(o.Raw.Bytes()) == 0 || o.Type == tx.OpGrant {
		return o, nil // grants carry plain permissions
	}
	password, err := confidential.OpenWithKeyPair(kp, token)
	if err != nil {
		return o, stmtErrorf("the table's token does not open with the configured secret: %v", err)
	}
	plain, err := confidential.DecryptRaw(password, o.Raw.Bytes())
	if err != nil {
		return o, stmtErrorf("the Raw does not decrypt with the table's password: %v", err)
	}
	revealed := *o.Op
	revealed.Raw = *tableop.ParseRaw(o.Type, plain)
	return op{&revealed, o.table}, nil
}
