package rpc

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
)

// State reads the committed state: the last closed ledger and what it
// holds. Entries it returns are shared and must not be modified.
type State interface {
	// Closed returns the last closed ledger's header and hash.
	Closed() (ledger.Header, hash.Hash256)
	// Params returns the chain's fee schedule.
	Params() ledger.Params
	// Complete returns the range of ledgers the node holds.
	Complete() (first, last uint32)
	// Account returns a committed account root.
	Account(id address.AccountID) (ledger.AccountRoot, bool)
	// Table returns a committed table by owner and plain name.
	Table(owner address.AccountID, name []byte) (*ledger.Table, bool)
	// TableByNameInDB returns a committed table by its NameInDB.
	TableByNameInDB(nameInDB [20]byte) (*ledger.Table, bool)
	// Tables returns an owner's committed tables, ordered by name.
	Tables(owner address.AccountID) []*ledger.Table
	// Slot returns a committed contract storage slot (zero if unset).
	Slot(s ledger.Slot) [32]byte
	// AccountEscrows returns the committed escrows an account owns or
	// is the destination of, ordered by ledger index.
	AccountEscrows(id address.AccountID) []*ledger.Escrow
	// AccountLines returns the committed trust lines of an account,
	// ordered by ledger index.
	AccountLines(id address.AccountID) []*ledger.TrustLine
}

// Log reads the event log: closed ledgers and their transactions, as
// *eventlog.Log does. What is not in the log is an error matching
// eventlog.ErrNotFound.
type Log interface {
	Ledger(seq uint32) (*eventlog.Ledger, error)
	LedgerByHash(h [32]byte) (*eventlog.Ledger, error)
	LedgerHeader(seq uint32) (hash [32]byte, header []byte, txCount int, err error)
	Tx(h [32]byte) (*eventlog.TxRecord, error)
	AccountTx(q eventlog.AccountTxQuery) (recs []eventlog.TxRecord, next *eventlog.Marker, err error)
}

// History is the ledger state as it stood after any ledger, read from
// the event log (ledgerlog.History; its errors wrap ErrNoHistory for a
// ledger it does not cover).
type History interface {
	Account(id address.AccountID, seq uint32) (ledger.AccountRoot, bool, error)
	Objects(id address.AccountID, seq uint32) ([]ledgerlog.Entry, error)
	Entry(key hash.Hash256, seq uint32) (ledgerlog.Entry, bool, error)
	Entries(seq uint32, from hash.Hash256, limit, scan int) ([]ledgerlog.Entry, hash.Hash256, bool, error)
}

// SQLStore is the SQL projection the queries read. An error a client
// caused (a malformed query, a missing table, ...) is the *rpcerr.Error
// to answer; any other error is a fault of the store, logged and
// answered as "general".
type SQLStore interface {
	// Get answers a structured query (r_get) on one table, its
	// conditions AND-ed with rule (a condition object; the zero Value:
	// none), the table's OperationRule Get condition.
	Get(ctx context.Context, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error)
	// GetAt is Get on the table as it stood after closed ledger seq.
	GetAt(ctx context.Context, seq uint32, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error)
	// QuerySQL runs one SELECT statement on a read-only connection,
	// reading each table of rules only through its condition.
	QuerySQL(ctx context.Context, sql string, rules []TableRule, limit int) ([]map[string]any, error)
	// QuerySQLAt is QuerySQL on the tables as they stood after closed
	// ledger seq.
	QuerySQLAt(ctx context.Context, seq uint32, sql string, rules []TableRule, limit int) ([]map[string]any, error)
	// SelectTables checks that sql is one SELECT statement and returns
	// the NameInDB of every table it names.
	SelectTables(sql string) ([][20]byte, error)
	// Lag is how many ledgers the store is behind the last closed
	// ledger (a query's "diff").
	Lag() uint32
}

// TableRule is a table's OperationRule Get condition, which a raw query
// of the table must read it through.
type TableRule struct {
	NameInDB [20]byte
	Where    tableop.Value
}

// Server tells what the commands report about the running node besides
// its ledgers and its build (Version).
type Server interface {
	// NodePublic is the node's public key, as rippled's pubkey_node.
	NodePublic() string
	// Started is when the node started, by its clock.
	Started() time.Time
	// Now reads the node's clock.
	Now() time.Time
	// OpenTxs is the number of transactions in the open ledger.
	OpenTxs() int
	// MaxTxsPerLedger is how many transactions close a ledger early.
	MaxTxsPerLedger() int
	// Sessions is the number of open WebSocket sessions; ok is false
	// when the node has no session counter.
	Sessions() (n int, ok bool)
}

// Network tells what a node of a validator network knows of it; a
// standalone node has none (Config.Network nil) and answers as alone.
type Network interface {
	// Peers is the number of connected peer nodes.
	Peers() int
	// ServerState is rippled's server_state: "proposing", "full",
	// "syncing" or "connected".
	ServerState() string
	// Quorum is the number of validators whose votes validate a ledger
	// (more than 2/3 of the voting power).
	Quorum() int
	// Validators are the validators' public keys; ValidatorKey is this
	// node's ("" for a node that is not one).
	Validators() []string
	ValidatorKey() string
}

// States hands out the committed state. Each call returns the state of
// the last closed ledger, which never changes afterwards: a request
// takes one and reads every fact of one ledger from it.
type States interface {
	Current() State
}

// Config is what a Node answers from. Every field but SQL is required.
type Config struct {
	States States
	Log    Log
	Server Server
	// SQL is nil for a node without a SQL store: queries then answer
	// NoDbConfig.
	SQL SQLStore
	// Network is nil for a standalone node.
	Network Network
	// History is the state of past ledgers; nil serves the last closed
	// ledger's state only (older ledgers are lgrNotFound).
	History History
	Logger  *slog.Logger
	// Queries bounds the SQL queries; zero fields are the defaults.
	Queries QueryLimits
	// GMDir is where g_cryptdata and g_createrandom write their files,
	// the node's <data-dir>/gm; "" answers them notSupported.
	GMDir string
	// gmRandom replaces crypto/rand for the GM files (tests only).
	gmRandom io.Reader
}

// QueryLimits bound the queries of the SQL store (r_get,
// r_get_sql_admin, r_get_sql_user).
type QueryLimits struct {
	// Timeout bounds one query; zero is DefaultQueryTimeout.
	Timeout time.Duration
	// Node is how many queries sessions that are not admin run at once
	// on the node, Session how many one of them does; a query past either
	// is answered tooBusy at once. Admin sessions are exempt. Zero is
	// DefaultMaxQueries, DefaultMaxSessionQueries.
	Node    int
	Session int
}

// The defaults of QueryLimits.
const (
	DefaultQueryTimeout      = 10 * time.Second
	DefaultMaxQueries        = 8
	DefaultMaxSessionQueries = 2
)

// Node is the node as the commands see it, shared by all its sessions.
type Node struct {
	states States
	log    Log
	server Server
	sql    SQLStore
	net    Network
	hist   History
	logger *slog.Logger

	queryTimeout      time.Duration
	maxSessionQueries int
	// queries holds a token for each SQL query running on the node.
	queries chan struct{}
	// gm is the state of the GM test data commands.
	gm *gmFiles
}

// NewNode returns the node the commands answer from.
func NewNode(cfg Config) *Node {
	n := &Node{states: cfg.States, log: cfg.Log, server: cfg.Server, sql: cfg.SQL, net: cfg.Network, hist: cfg.History, logger: cfg.Logger,
		queryTimeout: cfg.Queries.Timeout, maxSessionQueries: cfg.Queries.Session}
	if n.queryTimeout <= 0 {
		n.queryTimeout = DefaultQueryTimeout
	}
	if n.maxSessionQueries <= 0 {
		n.maxSessionQueries = DefaultMaxSessionQueries
	}
	maxQueries := cfg.Queries.Node
	if maxQueries <= 0 {
		maxQueries = DefaultMaxQueries
	}
	n.queries = make(chan struct{}, maxQueries)
	n.gm = newGMFiles(cfg.GMDir, cfg.gmRandom, cfg.Logger)
	return n
}

// Close stops the work a command left running in the background (a
// g_createrandom, a g_cryptdata being written) and waits for it; a GM
// command after Close is refused. The owner of the node calls it when
// the node stops.
func (n *Node) Close() { n.gm.close() }
