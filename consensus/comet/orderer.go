package comet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/mempool"
	cmtnode "github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	"github.com/spf13/viper"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Config configures the CometBFT orderer.
type Config struct {
	// Home is CometBFT's home directory: config/config.toml,
	// config/genesis.json, the keys and data/.
	Home string
	// MaxTxs is the most transactions in one ledger.
	MaxTxs int
	Logger *slog.Logger
}

// Orderer is the consensus.Orderer of a validator: Run embeds a CometBFT
// node in the process; Submit hands transactions to its mempool.
type Orderer struct {
	cfg    Config
	cmtCfg *cmtcfg.Config
	mu     sync.Mutex
	// queue holds submitted transactions until Run hands them to the mempool
	// (Submit never blocks on the mempool, which CometBFT locks while it
	// commits a block).
	queue []*tx.Tx
	kick  chan struct{}
	// mempool is the running node's, nil outside Run.
	mempool atomic.Pointer[mempool.Mempool]
	// admit is CheckTx's admission after the signature (SetAdmitter);
	// nil admits every transaction that decodes and verifies.
	admit consensus.Admitter
	// net is what server_info reports of the network (network.go).
	net network
}

// New reads CometBFT's configuration from Home/config/config.toml.
func New(cfg Config) (*Orderer, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	c, err := LoadConfig(cfg.Home)
	if err != nil {
		return nil, err
	}
	return &Orderer{cfg: cfg, cmtCfg: c, kick: make(chan struct{}, 1)}, nil
}

// LoadConfig reads CometBFT's config.toml in home/config (CometBFT's
// defaults for missing keys), with home as its root.
func LoadConfig(home string) (*cmtcfg.Config, error) {
	c := cmtcfg.DefaultConfig()
	v := viper.New()
	v.SetConfigFile(filepath.Join(home, "config", "config.toml"))
	if err := v.ReadInConfig(); err != nil {
		return nil, fmt.Errorf("comet: read CometBFT config: %w", err)
	}
	if err := v.Unmarshal(c); err != nil {
		return nil, fmt.Errorf("comet: CometBFT config: %w", err)
	}
	c.SetRoot(home)
	if err := c.ValidateBasic(); err != nil {
		return nil, fmt.Errorf("comet: CometBFT config: %w", err)
	}
	return c, nil
}

var _ consensus.Admitting = (*Orderer)(nil)

// SetAdmitter gives CheckTx the node's admission (consensus.Admitting);
// call it before Run.
func (o *Orderer) SetAdmitter(a consensus.Admitter) { o.admit = a }

// ErrHalted is Run's error when CometBFT's consensus halted: most often
// because +2/3 of the validators committed a block whose app hash is not
// the ledger hash this node computed (its state diverged). The node
// stops rather than serve a ledger the network did not agree on.
var ErrHalted = errors.New("comet: CometBFT consensus halted")

// Submit queues t for the mempool.
func (o *Orderer) Submit(t *tx.Tx) {
	o.mu.Lock()
	o.queue = append(o.queue, t)
	o.mu.Unlock()
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// Pending is the number of transactions queued or in the mempool.
func (o *Orderer) Pending() int {
	o.mu.Lock()
	n := len(o.queue)
	o.mu.Unlock()
	if mp := o.mempool.Load(); mp != nil {
		n += (*mp).Size()
	}
	return n
}

// Accept answers consensus.ErrNotStandalone: the network closes ledgers.
func (o *Orderer) Accept(done func(uint32, error)) { done(0, consensus.ErrNotStandalone) }

// Run starts the CometBFT node driving app (its handshake replays the
// blocks app has not committed), feeds it submitted transactions, and
// stops it when ctx is done (nil), app fails (its error) or CometBFT's
// consensus halts (ErrHalted).
func (o *Orderer) Run(ctx context.Context, app consensus.Application) error {
	abciApp, err := NewApp(app, o.cfg.MaxTxs, o.admit)
	if err != nil {
		return err
	}
	c := o.cmtCfg
	pv := privval.LoadOrGenFilePV(c.PrivValidatorKeyFile(), c.PrivValidatorStateFile())
	key, err := p2p.LoadOrGenNodeKey(c.NodeKeyFile())
	if err != nil {
		return fmt.Errorf("comet: node key: %w", err)
	}
	logger := o.cfg.Logger.With("lib", "cometbft")
	halted := make(chan any, 1)
	onHalt := func(reason any) {
		select {
		case halted <- reason:
		default:
		}
	}
	n, err := cmtnode.NewNodeWithContext(ctx, c, pv, key, proxy.NewLocalClientCreator(abciApp),
		cmtnode.DefaultGenesisDocProviderFunc(c), cmtcfg.DefaultDBProvider,
		cmtnode.DefaultMetricsProvider(c.Instrumentation), slogger{logger, onHalt})
	if err != nil {
		return fmt.Errorf("comet: build the CometBFT node: %w", err)
	}
	if err := n.Start(); err != nil {
		return fmt.Errorf("comet: start the CometBFT node: %w", err)
	}
	mp := n.Mempool()
	o.mempool.Store(&mp)
	o.net.start(n)
	defer func() {
		o.mempool.Store(nil)
		o.net.stop()
		if err := n.Stop(); err != nil {
			logger.Warn("stop the CometBFT node", "err", err)
		}
		n.Wait()
	}()
	o.cfg.Logger.Info("CometBFT node started", "home", o.cfg.Home, "node_id", key.ID(), "p2p", c.P2P.ListenAddress)
	peers := time.NewTicker(peerPoll)
	defer peers.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-abciApp.Failed():
			return err
		case reason := <-halted:
			// The block that failed was not stored: it is the one after
			// the store's last.
			h := n.BlockStore().Height() + 1
			return fmt.Errorf("%w at height %d (ledger %d): %v", ErrHalted, h, h+HeightOffset, reason)
		case <-o.kick:
			o.feed(mp, abciApp, logger)
		case <-peers.C:
			o.net.logPeers(o.cfg.Logger)
		}
	}
}

// feed hands the queued transactions to the mempool, whose CheckTx
// decides (without verifying their signatures again: App.CheckLocal); a refusal is the transaction's end (the client sees
// validate_timeout), not the node's.
func (o *Orderer) feed(mp mempool.Mempool, app *App, logger *slog.Logger) {
	o.mu.Lock()
	q := o.queue
	o.queue = nil
	o.mu.Unlock()
	for _, t := range q {
		err := app.CheckLocal(t, func() error { return mp.CheckTx(t.Blob, nil, mempool.TxInfo{}) })
		if err != nil && !errors.Is(err, mempool.ErrTxInCache) {
			logger.Warn("mempool refused a transaction", "hash", fmt.Sprintf("%X", t.Hash[:]), "err", err)
			if o.admit != nil {
				o.admit.Forget(t)
			}
		}
	}
}
