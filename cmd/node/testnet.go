package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
)

// testnetMempoolTxs is the mempool size of a testnet node: two full
// ledgers at the default limit of transactions per ledger.
const testnetMempoolTxs = 20000

// Ports of node i in a testnet: base + portStride*i + one of these.
const (
	portStride = 10
	portP2P    = 0
	portRPC    = 1
	portWS     = 2 // ChainSQL dialect, by convention
	portWSNKN  = 3
	portHTTP   = 4 // JSON-RPC
)

// runTestnet writes a local validator network: per node, a CometBFT home
// (config, keys) and a sqledger config.toml, with one shared genesis. Full
// nodes are peers of every node but not in the genesis's validator set:
// they block-sync from genesis, follow consensus and serve, as a new node
// joining an existing network does.
func runTestnet(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("testnet", flag.ContinueOnError)
	n := fs.Int("validators", 4, "number of validators")
	full := fs.Int("full-nodes", 0, "number of non-validating nodes besides (node<validators>…): they follow the ledger and serve, without voting")
	dir := fs.String("dir", "./testnet", "output directory (must not hold a node0 yet)")
	base := fs.Int("port-base", 26600, "first port; node i uses port-base+10i (p2p), +1 (CometBFT RPC), +2 and +3 (WebSocket), +4 (JSON-RPC)")
	interval := fs.Duration("ledger-interval", time.Second, "CometBFT's timeout_commit: the pause after each ledger")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *n < 1 {
		return fmt.Errorf("--validators must be at least 1, got %d", *n)
	}
	if *full < 0 {
		return fmt.Errorf("--full-nodes must not be negative, got %d", *full)
	}
	if *interval <= 0 {
		return fmt.Errorf("--ledger-interval must be positive, got %s", *interval)
	}
	total := *n + *full
	if *base < 1024 || *base+portStride*total > 65535 {
		return fmt.Errorf("--port-base %d does not fit %d nodes", *base, total)
	}
	root, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "node0")); err == nil {
		return fmt.Errorf("%s already holds a testnet", root)
	}
	nodes := make([]testnetNode, total)
	for i := range nodes {
		if nodes[i], err = newTestnetNode(root, i, *base+portStride*i); err != nil {
			return err
		}
	}
	doc, err := testnetGenesis(nodes[:*n])
	if err != nil {
		return err
	}
	for i := range nodes {
		if err := nodes[i].write(doc, nodes, *interval); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "wrote a %d-validator network (chain %s) in %s", *n, doc.ChainID, root)
	if *full > 0 {
		fmt.Fprintf(out, " with %d full nodes", *full)
	}
	fmt.Fprintf(out, "; start each node with:\n")
	for i, nd := range nodes {
		role := ""
		if i >= *n {
			role = ", full node"
		}
		fmt.Fprintf(out, "  node run --config %s    # ws://127.0.0.1:%d/%s\n", nd.configFile(), nd.port+portWS, role)
	}
	return nil
}

// testnetNode is one node of a testnet: its directory, keys and ports.
type testnetNode struct {
	name, dir string
	port      int
	cmt       *cmtcfg.Config
	pv        *privval.FilePV
	key       *p2p.NodeKey
}

func newTestnetNode(root string, i, port int) (testnetNode, error) {
	nd := testnetNode{name: fmt.Sprintf("node%d", i), port: port}
	nd.dir = filepath.Join(root, nd.name)
	nd.cmt = cmtcfg.DefaultConfig()
	nd.cmt.SetRoot(filepath.Join(nd.dir, "comet"))
	for _, d := range []string{filepath.Dir(nd.cmt.GenesisFile()), filepath.Dir(nd.cmt.PrivValidatorStateFile())} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nd, err
		}
	}
	// CometBFT writes both key files with mode 0600.
	nd.pv = privval.GenFilePV(nd.cmt.PrivValidatorKeyFile(), nd.cmt.PrivValidatorStateFile())
	nd.pv.Save()
	var err error
	if nd.key, err = p2p.LoadOrGenNodeKey(nd.cmt.NodeKeyFile()); err != nil {
		return nd, fmt.Errorf("%s node key: %w", nd.name, err)
	}
	return nd, nil
}

func (nd *testnetNode) configFile() string { return filepath.Join(nd.dir, "config.toml") }

func (nd *testnetNode) peer() string {
	return p2p.IDAddressString(nd.key.ID(), fmt.Sprintf("127.0.0.1:%d", nd.port+portP2P))
}

// testnetGenesis is the CometBFT genesis of the network: every node a
// validator of power 1, and as app_state the sqledger genesis (the
// masterpassphrase account, the default fee schedule, the genesis time
// as close time), whose genesis ledger hash is the app_hash.
func testnetGenesis(nodes []testnetNode) (*cmttypes.GenesisDoc, error) {
	now := time.Now().UTC().Truncate(time.Second)
	g := ledgerlog.NewGenesis(ledger.DefaultParams(), consensus.RippleTime(now))
	st, err := ledger.Genesis(g.Params, g.Account, g.CloseTime)
	if err != nil {
		return nil, err
	}
	state, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	h := st.Hash()
	id := make([]byte, 4)
	if _, err := rand.Read(id); err != nil {
		return nil, err
	}
	doc := &cmttypes.GenesisDoc{
		ChainID:         "sqledger-" + hex.EncodeToString(id),
		GenesisTime:     now,
		InitialHeight:   1,
		ConsensusParams: cmttypes.DefaultConsensusParams(),
		AppHash:         h[:],
		AppState:        state,
	}
	for _, nd := range nodes {
		pub, err := nd.pv.GetPubKey()
		if err != nil {
			return nil, err
		}
		doc.Validators = append(doc.Validators, cmttypes.GenesisValidator{Address: pub.Address(), PubKey: pub, Power: 1, Name: nd.name})
	}
	return doc, doc.ValidateAndComplete()
}

// write writes the node's CometBFT config and genesis and its sqledger
// config.
func (nd *testnetNode) write(doc *cmttypes.GenesisDoc, all []testnetNode, interval time.Duration) error {
	if err := doc.SaveAs(nd.cmt.GenesisFile()); err != nil {
		return err
	}
	var peers []string
	for _, o := range all {
		if o.name != nd.name {
			peers = append(peers, o.peer())
		}
	}
	c := nd.cmt
	c.Moniker = nd.name
	c.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", nd.port+portP2P)
	c.P2P.PersistentPeers = strings.Join(peers, ",")
	c.P2P.AddrBookStrict = false
	c.P2P.AllowDuplicateIP = true
	c.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", nd.port+portRPC)
	c.TxIndex.Indexer = "null"
	// The app hash (the ledger hash) changes with every ledger, so
	// CometBFT never waits for transactions (consensus/comet/README.md):
	// timeout_commit paces the ledgers.
	c.Consensus.TimeoutCommit = interval
	c.Consensus.TimeoutPropose = interval
	c.Consensus.CreateEmptyBlocks = true
	c.Consensus.CreateEmptyBlocksInterval = 0
	// Every step of a round (proposal, block parts, prevotes, precommits)
	// crosses the peers' connections; CometBFT's defaults of a 100 ms
	// flush throttle and gossip sleep each add up to 100 ms per step, and
	// its 5 MB/s per connection makes a 3,000-payment block's parts take
	// about 100 ms. On loopback those bounds only add latency.
	c.P2P.FlushThrottleTimeout = 10 * time.Millisecond
	c.P2P.SendRate = 50 << 20
	c.P2P.RecvRate = 50 << 20
	c.Consensus.PeerGossipSleepDuration = 10 * time.Millisecond
	// The account actors bound what each account queues; CometBFT's
	// default of 5,000 mempool transactions would refuse a load the node
	// admits (a refused one is let go: consensus.Admitter.Forget).
	c.Mempool.Size = testnetMempoolTxs
	c.Mempool.CacheSize = 2 * testnetMempoolTxs
	if err := c.ValidateBasic(); err != nil {
		return fmt.Errorf("%s CometBFT config: %w", nd.name, err)
	}
	cmtcfg.WriteConfigFile(filepath.Join(c.RootDir, "config", "config.toml"), c)
	text := fmt.Sprintf(`# sqledger node %s of a local CometBFT network (written by node testnet).
data_dir = %q
ws = ["127.0.0.1:%d", "127.0.0.1:%d"]
rpc_http = ["127.0.0.1:%d"]

[consensus]
engine = "comet"
comet_home = %q
`, nd.name, filepath.Join(nd.dir, "data"), nd.port+portWS, nd.port+portWSNKN, nd.port+portHTTP, c.RootDir)
	return os.WriteFile(nd.configFile(), []byte(text), 0o644)
}
