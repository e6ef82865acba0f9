package rpc

import "github.com/sqledger/sqledger/protocol/rpcerr"

// refusal is a chainsqld or rippled command this node answers with
// notSupported and a reason: what it does belongs to a part of
// chainsqld this node does not have (its peer overlay, SHAMap node
// store, shards, amendments, subchains, file dumps), or to
// CometBFT, which carries the network here. admin is chainsqld's role
// for the command: a session that is not admin is told noPermission
// first, as chainsqld would.
type refusal struct {
	admin  bool
	reason string
}

const (
	byCometBFT    = " In a network, CometBFT carries the peers and the validator set: use its RPC (net_info, validators, consensus_state) and its config."
	noNodeStore   = " The ledger history is the event log (replay rebuilds all state from it); there is no SHAMap node store, shard store or online deletion."
	useMetrics    = " Use the admin listener's /metrics (Prometheus) and /health."
	noFileOutputs = " This node writes no table dumps or audit files; replay --projections rebuilds the SQL tables from the event log."
)

// refused are the commands answered notSupported with their reason.
var refused = map[string]refusal{
	"connect":                {true, "Connecting to a peer is not supported." + byCometBFT},
	"peers":                  {true, "Peer listing is not supported." + byCometBFT},
	"peer_reservations_add":  {true, "Peer reservations are not supported." + byCometBFT},
	"peer_reservations_del":  {true, "Peer reservations are not supported." + byCometBFT},
	"peer_reservations_list": {true, "Peer reservations are not supported." + byCometBFT},
	"consensus_info":         {true, "consensus_info is not supported." + byCometBFT},
	"validators":             {true, "validators is not supported." + byCometBFT},
	"validator_info":         {true, "validator_info is not supported: validator keys are CometBFT's priv_validator_key.json." + byCometBFT},
	"validator_list_sites":   {true, "Validator list sites are not supported: the validator set is in the genesis file." + byCometBFT},
	"validation_create":      {true, "validation_create is not supported: validator keys are made by `node testnet` (CometBFT keys)." + byCometBFT},
	"manifest":               {true, "Manifests are not supported: validators are CometBFT keys named in the genesis file." + byCometBFT},
	"fetch_info":             {true, "fetch_info is not supported." + noNodeStore},
	"ledger_request":         {true, "ledger_request is not supported: a node catches up through CometBFT block sync." + noNodeStore},
	"ledger_cleaner":         {true, "ledger_cleaner is not supported." + noNodeStore},
	"can_delete":             {true, "Online deletion is not supported." + noNodeStore},
	"download_shard":         {true, "History shards are not supported." + noNodeStore},
	"crawl_shards":           {true, "History shards are not supported." + noNodeStore},
	"node_size":              {true, "node_size is not supported: the node has no SHAMap node cache to size."},
	"shamap_dump":            {false, "shamap_dump is not supported: state is not kept in a SHAMap." + noNodeStore},
	"feature":                {true, "Amendments are not supported: the rules are those of the node's version, the same on every validator."},
	"log_level":              {true, "log_level is not supported: the log level is the config's log_level, read at start."},
	"logrotate":              {true, "logrotate is not supported: the node logs to standard error."},
	"print":                  {true, "print is not supported." + useMetrics},
	"get_counts":             {true, "get_counts is not supported." + useMetrics},
	"malloc_trim":            {true, "malloc_trim is not supported: the node's memory is Go's."},
	"monitor_statis":         {false, "monitor_statis is not supported." + useMetrics},
	"blacklist":              {true, "blacklist is not supported: the gateway bans abusive addresses by itself (ban_strikes, ban_time)." + useMetrics},
	"stop":                   {true, "stop is not supported: stop the node with SIGTERM or SIGINT (nothing acknowledged is lost either way)."},
	"gen_csr":                {true, "gen_csr is not supported: the node has no certificate authority module."},
	"schema_list":            {false, "Schemas (subchains) are not supported: a node carries one chain."},
	"schema_info":            {false, "Schemas (subchains) are not supported: a node carries one chain."},
	"schema_accept":          {true, "Schemas (subchains) are not supported: a node carries one chain."},
	"schema_start":           {true, "Schemas (subchains) are not supported: a node carries one chain."},
	"tx_crossget":            {false, "Cross-chain transactions are not supported."},
	"t_dump":                 {true, "Table dumps are not supported." + noFileOutputs},
	"t_dumpstop":             {true, "Table dumps are not supported." + noFileOutputs},
	"t_dumpposition":         {true, "Table dumps are not supported." + noFileOutputs},
	"t_audit":                {true, "Table audits are not supported." + noFileOutputs},
	"t_auditstop":            {true, "Table audits are not supported." + noFileOutputs},
	"t_auditposition":        {true, "Table audits are not supported." + noFileOutputs},
}

// refuse is the handler of a refused command.
func refuse(reason string) func(*call) (any, error) {
	return func(*call) (any, error) { return nil, rpcerr.Newf(rpcerr.NotSupported, "%s", reason) }
}
