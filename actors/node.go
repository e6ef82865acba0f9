package actors

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/workpool"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/rpc"
)

// Config configures a node's actors.
type Config struct {
	// Params is the fee schedule of a new chain; an existing log keeps
	// the one it was created with.
	Params ledger.Params
	// LedgerInterval is how often the open ledger closes when it holds
	// transactions (the standalone orderer).
	LedgerInterval time.Duration
	// MaxTxsPerLedger closes the open ledger early when it is full (the
	// standalone orderer).
	MaxTxsPerLedger int
	// MaxPendingTxs and MaxPendingBytes bound what the node holds
	// admitted and not yet in a closed ledger, node-wide: transactions,
	// and the bytes of their blobs. A submit past either bound is
	// refused at once with telCAN_NOT_QUEUE_FULL and not queued. Zero is
	// DefaultConfig's.
	MaxPendingTxs   int
	MaxPendingBytes int64
	// Orderer orders admitted transactions into ledgers; nil is the
	// standalone consensus.Solo with LedgerInterval, MaxTxsPerLedger
	// and Clock.
	Orderer consensus.Orderer
	// Genesis, when set, is the chain's genesis (a validator network
	// derives it from its CometBFT genesis, so that every validator has
	// the same genesis ledger): an empty log is created with it, and an
	// existing log must have been created with it and hold its genesis
	// ledger (ledgerlog.CheckGenesis). Nil creates a new chain's genesis
	// from Params and the clock (ledgerlog.NewGenesis).
	Genesis *ledgerlog.Genesis
	// TxTimeout is how long a subscription to a transaction hash waits
	// before validate_timeout; zero is chainsqld's 30 s.
	TxTimeout time.Duration
	// Projection is the SQL table store, kept caught up with the log in
	// the background; nil runs the node without one (table transactions
	// then get no db_* notifications and queries answer NoDbConfig).
	Projection *projections.Projection
	// AsOf answers r_get as of a past ledger (ledger_index); nil answers
	// such a query notSupported. Its owner closes it.
	AsOf *projections.AsOf
	// Queries bounds the SQL queries (rpc.QueryLimits; zero fields are
	// its defaults).
	Queries rpc.QueryLimits
	// GMDir is where g_cryptdata and g_createrandom write their files
	// (rpc.Config.GMDir); "" answers them notSupported.
	GMDir string
	// Observer is told what the node does (its metrics); nil tells
	// no one.
	Observer Observer
	// Clock is the wall clock (ledger close times, timeouts); nil is
	// time.Now.
	Clock  func() time.Time
	Logger *slog.Logger
}

// DefaultConfig is a 1 s ledger interval, 5,000 transactions per
// ledger, at most 10,000 transactions (two full ledgers) or 64 MiB of
// them pending, and ChainSQL's fee schedule.
func DefaultConfig() Config {
	return Config{Params: ledger.DefaultParams(), LedgerInterval: time.Second, MaxTxsPerLedger: 5000,
		MaxPendingTxs: 10000, MaxPendingBytes: 64 << 20}
}

// Node is the running node: the actor system with its sequencer,
// account actors, session actors and subscription hub. It implements
// gateway.Backend.
type Node struct {
	cfg        Config
	log        *eventlog.Log
	hist       *ledgerlog.History
	view       *View
	clock      func() time.Time
	logger     *slog.Logger
	started    time.Time
	nodePublic string

	system   *actor.ActorSystem
	dispatch poolDispatcher // every actor's mailbox runs on its goroutines
	accounts *actor.PID
	tables   *actor.PID
	hub      *actor.PID
	// rpc answers the sessions' commands.
	rpc *rpc.Node

	// orderer drives seq on its own goroutine until ordStop; ordDone
	// closes when it returns.
	orderer consensus.Orderer
	// budget bounds the transactions admitted and not yet in a ledger.
	budget  *pendingBudget
	seq     *sequencer
	ordStop context.CancelFunc
	ordDone chan struct{}

	fatal chan error
	// projFeed hands the projection each ledger after its append;
	// projDone closes when its goroutine ends; projStop stops it.
	projFeed *projections.Feed
	projDone chan struct{}
	projStop context.CancelFunc
	sessions func() int
	// failed is set when the sequencer stops for good (Fatal).
	failed atomic.Bool
}

// Start rebuilds the state from the log (creating the genesis ledger in
// an empty log), checking every recorded result and hash, and starts the
// actors.
func Start(log *eventlog.Log, cfg Config) (*Node, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.LedgerInterval <= 0 {
		return nil, fmt.Errorf("ledger interval must be positive, got %s", cfg.LedgerInterval)
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	if cfg.TxTimeout <= 0 {
		cfg.TxTimeout = defaultTxTimeout
	}
	if cfg.MaxTxsPerLedger <= 0 {
		cfg.MaxTxsPerLedger = DefaultConfig().MaxTxsPerLedger
	}
	if cfg.MaxPendingTxs < 0 || cfg.MaxPendingBytes < 0 {
		return nil, fmt.Errorf("pending bounds must not be negative, got %d transactions, %d bytes", cfg.MaxPendingTxs, cfg.MaxPendingBytes)
	}
	if cfg.MaxPendingTxs == 0 {
		cfg.MaxPendingTxs = DefaultConfig().MaxPendingTxs
	}
	if cfg.MaxPendingBytes == 0 {
		cfg.MaxPendingBytes = DefaultConfig().MaxPendingBytes
	}
	st, err := recoverState(log, cfg)
	if err != nil {
		return nil, err
	}
	hist, err := ledgerlog.NewHistory(log)
	if err != nil {
		return nil, err
	}
	first, _ := log.First()
	dispatch := poolDispatcher{pool: workpool.New()}
	n := &Node{
		dispatch: dispatch,
		cfg:      cfg,
		log:      log,
		hist:     hist,
		view:     newView(st, first),
		clock:    cfg.Clock,
		logger:   cfg.Logger,
		started:  cfg.Clock(),
		fatal:    make(chan error, 1),
		system:   actor.NewActorSystem(actor.WithLoggerFactory(func(*actor.ActorSystem) *slog.Logger { return cfg.Logger.With("lib", "protoactor") })),
	}
	if seed, err := keys.RandomSeed(keys.Secp256k1); err == nil {
		if kp, err := seed.KeyPair(); err == nil {
			n.nodePublic = address.EncodeNodePublic(kp.PublicKey())
		}
	}
	n.orderer = cfg.Orderer
	if n.orderer == nil {
		if n.orderer, err = consensus.NewSolo(consensus.SoloConfig{Interval: cfg.LedgerInterval, MaxTxs: cfg.MaxTxsPerLedger, Clock: cfg.Clock}); err != nil {
			dispatch.pool.Release()
			return nil, err
		}
	}
	n.rpc = n.newRPC()
	root := n.system.Root
	recovered := st.Header().Seq
	n.hub = root.Spawn(props(n.dispatch, func() actor.Actor { return newHub(n, recovered) }))
	n.budget = newPendingBudget(cfg.MaxPendingTxs, cfg.MaxPendingBytes)
	n.accounts = root.Spawn(props(n.dispatch, func() actor.Actor {
		return &accountsActor{view: n.view, log: log, orderer: n.orderer, budget: n.budget, dispatch: n.dispatch}
	}))
	if a, ok := n.orderer.(consensus.Admitting); ok {
		a.SetAdmitter(admission{root: root, accounts: n.accounts, timeout: admitTimeout})
	}
	n.tables = root.Spawn(props(n.dispatch, func() actor.Actor {
		return &tablesActor{view: n.view, accounts: n.accounts, dispatch: n.dispatch}
	}))
	n.seq = &sequencer{st: st, log: log, view: n.view, root: root, logger: cfg.Logger,
		fanout: []*actor.PID{n.accounts, n.tables, n.hub}, appended: n.feedProjection, observer: cfg.Observer}
	var octx context.Context
	octx, n.ordStop = context.WithCancel(context.Background())
	n.ordDone = make(chan struct{})
	go n.runOrderer(octx)
	if cfg.Projection != nil {
		var ctx context.Context
		ctx, n.projStop = context.WithCancel(context.Background())
		n.projFeed = projections.NewFeed()
		n.projDone = make(chan struct{})
		go n.runProjection(ctx)
	}
	return n, nil
}

// recoverState rebuilds the state from the log, or creates the genesis.
func recoverState(log *eventlog.Log, cfg Config) (*ledger.State, error) {
	start := time.Now()
	g := ledgerlog.NewGenesis(cfg.Params, consensus.RippleTime(cfg.Clock()))
	if cfg.Genesis != nil {
		g = *cfg.Genesis
		if _, _, ok := log.Head(); ok {
			if err := ledgerlog.CheckGenesis(log, g); err != nil {
				return nil, err
			}
		}
	}
	st, rep, err := ledgerlog.Recover(log, g)
	if err != nil {
		return nil, err
	}
	if rep.Ledgers > 0 {
		cfg.Logger.Info("state rebuilt from the event log", "ledgers", rep.Ledgers, "txs", rep.Txs, "took", time.Since(start).Round(time.Millisecond))
	}
	return st, nil
}

// runOrderer drives the sequencer until ctx is done. The orderer
// returning an error, or the sequencer panicking, stops the node rather
// than going on (or restarting on the same input).
func (n *Node) runOrderer(ctx context.Context) {
	defer close(n.ordDone)
	defer func() {
		if r := recover(); r != nil {
			n.fail(fmt.Errorf("sequencer panicked: %v", r))
		}
	}()
	if err := n.orderer.Run(ctx, n.seq); err != nil {
		n.fail(err)
	}
}

// accept asks the orderer to close a ledger now (ledger_accept); the new
// open ledger's sequence goes to the session replyTo as *acceptedLedger.
func (n *Node) accept(replyTo *actor.PID, token uint64) {
	n.orderer.Accept(func(next uint32, err error) {
		n.system.Root.Send(replyTo, &acceptedLedger{token: token, current: next, err: err})
	})
}

// fail records a fatal error: the node can no longer make ledgers
// durable.
func (n *Node) fail(err error) {
	n.logger.Error("node stopping: the sequencer failed", "err", err)
	n.failed.Store(true)
	select {
	case n.fatal <- err:
	default:
	}
}

// Fatal delivers the error that stopped the sequencer, if any.
func (n *Node) Fatal() <-chan error { return n.fatal }

// Failed reports whether the sequencer has stopped for good (the error
// went to Fatal): the node makes no more ledgers.
func (n *Node) Failed() bool { return n.failed.Load() }

// OpenTxs is how many transactions wait for a ledger (the orderer's
// queue).
func (n *Node) OpenTxs() int { return n.orderer.Pending() }

// ProjectionLag is how many ledgers the SQL store is behind the last
// closed ledger; false without a store.
func (n *Node) ProjectionLag() (uint32, bool) {
	if n.cfg.Projection == nil {
		return 0, false
	}
	return n.projectionDiff(), true
}

// SetSessionCounter tells the node how to count open sessions (the
// gateway's count).
func (n *Node) SetSessionCounter(f func() int) { n.sessions = f }

// Conn is what a session actor needs of its connection;
// *gateway.Conn is one.
type Conn interface {
	ID() uint64
	SessionID() string
	IsAdmin() bool
	// Reply queues a response; Notify queues a notification. Neither
	// blocks.
	Reply(frame []byte)
	Notify(frame []byte)
}

// Open spawns a session actor for a new connection (gateway.Backend).
func (n *Node) Open(c *gateway.Conn) gateway.Handler { return n.OpenSession(c) }

// OpenSession spawns a session actor for any connection.
func (n *Node) OpenSession(c Conn) gateway.Handler {
	slots, done := make(chan struct{}, maxInFlight), make(chan struct{})
	pid := n.system.Root.Spawn(props(n.dispatch, func() actor.Actor {
		return &sessionActor{node: n, conn: c, slots: slots, done: done}
	}))
	return &sessionHandler{root: n.system.Root, pid: pid, slots: slots, done: done}
}

// View returns the committed state readers see.
func (n *Node) View() *View { return n.view }

// Stop stops the commands' background work (rpc.Node.Close), the actors
// and the projection's goroutine. The log and the projection stay open:
// their owner closes them.
func (n *Node) Stop() {
	n.rpc.Close()
	if n.projStop != nil {
		n.projStop()
		<-n.projDone
	}
	n.ordStop()
	<-n.ordDone
	n.system.Root.Stop(n.accounts)
	n.system.Root.Stop(n.tables)
	n.system.Root.Stop(n.hub)
	n.system.Shutdown()
	n.dispatch.pool.Release()
}
