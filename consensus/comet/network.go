package comet

import (
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	"github.com/cometbft/cometbft/crypto"
	cmtnode "github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"

	"github.com/sqledger/sqledger/protocol/address"
)

// peerPoll is how often Run compares the connected peers with the last
// poll's, to log who joined and who left: a walk of the peer list, O(peers)
// a second.
const peerPoll = time.Second

// Server states, as rippled names them.
const (
	StateProposing = "proposing" // a validator in consensus
	StateFull      = "full"      // synced, not a validator
	StateSyncing   = "syncing"   // block-syncing from its peers
	StateConnected = "connected" // not running, or a validator of a network with no peer
)

// network is what the running CometBFT node tells of the network
// (server_info, unl_list, NKN getconnectioncount).
type network struct {
	cur atomic.Pointer[running]
	// peers is the last poll's peers, address by ID: Run's goroutine only.
	peers map[p2p.ID]string
}

// running is the CometBFT node of a Run and the facts fixed for it. The
// validator set is the genesis's: the app makes no validator updates.
type running struct {
	node       *cmtnode.Node
	validators []string
	quorum     int
	key        string
	validator  bool
}

func (nw *network) start(n *cmtnode.Node) {
	r := &running{node: n}
	vals := n.GenesisDoc().Validators
	powers := make([]int64, len(vals))
	pk, err := n.PrivValidator().GetPubKey()
	for i, v := range vals {
		r.validators = append(r.validators, validatorKey(v.PubKey))
		powers[i] = v.Power
		if err == nil && v.PubKey.Equals(pk) {
			r.validator = true
		}
	}
	if r.validator {
		r.key = validatorKey(pk)
	}
	r.quorum = quorum(powers)
	nw.peers = make(map[p2p.ID]string)
	nw.cur.Store(r)
}

func (nw *network) stop() { nw.cur.Store(nil) }

// quorum is the fewest validators whose votes make more than 2/3 of the
// voting power.
func quorum(powers []int64) int {
	var total int64
	for _, p := range powers {
		total += p
	}
	sorted := slices.Clone(powers)
	slices.SortFunc(sorted, func(a, b int64) int { return int(b - a) })
	var sum int64
	for i, p := range sorted {
		if sum += p; 3*sum > 2*total {
			return i + 1
		}
	}
	return len(sorted)
}

// validatorKey is a CometBFT validator key in rippled's node public key
// encoding (n…, as rippled's pubkey_validator): an ed25519 key takes
// rippled's 0xED prefix, a 33-byte secp256k1 key is encoded as it is.
func validatorKey(pk crypto.PubKey) string {
	b := pk.Bytes()
	if pk.Type() == "ed25519" {
		b = append([]byte{0xED}, b...)
	}
	return address.EncodeNodePublic(b)
}

// logPeers logs the peers that joined and left since the last poll.
func (nw *network) logPeers(logger *slog.Logger) {
	r := nw.cur.Load()
	if r == nil {
		return
	}
	now := make(map[p2p.ID]string, len(nw.peers))
	for _, p := range r.node.Switch().Peers().List() {
		now[p.ID()] = p.SocketAddr().String()
		if _, ok := nw.peers[p.ID()]; !ok {
			logger.Info("peer joined", "peer", p.ID(), "addr", now[p.ID()], "outbound", p.IsOutbound(), "peers", len(now))
		}
	}
	for id, addr := range nw.peers {
		if _, ok := now[id]; !ok {
			logger.Info("peer left", "peer", id, "addr", addr, "peers", len(now))
		}
	}
	nw.peers = now
}

// Peers is the number of connected CometBFT peers.
func (o *Orderer) Peers() int {
	if r := o.net.cur.Load(); r != nil {
		return r.node.Switch().Peers().Size()
	}
	return 0
}

// ServerState is rippled's server_state of this node: StateSyncing while
// CometBFT block-syncs, StateProposing for a validator in consensus,
// StateFull for a synced non-validator, StateConnected before Run starts
// the node or while a validator of a network of several has no peer.
func (o *Orderer) ServerState() string {
	r := o.net.cur.Load()
	switch {
	case r == nil:
		return StateConnected
	case r.node.ConsensusReactor().WaitSync():
		return StateSyncing
	case !r.validator:
		return StateFull
	case len(r.validators) > 1 && r.node.Switch().Peers().Size() == 0:
		return StateConnected
	default:
		return StateProposing
	}
}

// Quorum is the number of validators whose votes make more than 2/3 of
// the voting power (3 of 4 equal validators); 0 before Run.
func (o *Orderer) Quorum() int {
	if r := o.net.cur.Load(); r != nil {
		return r.quorum
	}
	return 0
}

// Validators are the validators' keys (validatorKey), in the genesis's
// order; nil before Run.
func (o *Orderer) Validators() []string {
	if r := o.net.cur.Load(); r != nil {
		return slices.Clone(r.validators)
	}
	return nil
}

// ValidatorKey is this node's validator key (validatorKey); "" before Run
// and on a node that is not in the validator set (a full node).
func (o *Orderer) ValidatorKey() string {
	if r := o.net.cur.Load(); r != nil {
		return r.key
	}
	return ""
}
