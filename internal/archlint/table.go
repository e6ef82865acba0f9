package archlint

// Module is this module's path.
const Module = "github.com/sqledger/sqledger"

// Packages is the package table of ARCHITECTURE.md as the code has it:
// each package with the module packages and third-party modules it may
// import. Dependencies point down the table. The root README's layout
// table says where and why this differs from ARCHITECTURE.md.
var Packages = []Layer{
	{Pkg: "protocol/", Internal: []string{"protocol/"}, External: []string{
		"github.com/mr-tron/base58", "golang.org/x/crypto",
		"github.com/decred/dcrd/dcrec/secp256k1/v4", "github.com/ethereum/go-ethereum/crypto/secp256k1",
	}},
	{Pkg: "vmhost", Internal: []string{"protocol/"}, External: []string{"github.com/ethereum/go-ethereum", "github.com/holiman/uint256"}},
	{Pkg: "ledger", Internal: []string{"protocol/", "vmhost"}, External: []string{"github.com/benbjohnson/immutable"}},
	{Pkg: "eventlog", External: []string{"github.com/cockroachdb/pebble/v2"}},
	{Pkg: "ledgerlog", Internal: []string{"protocol/", "ledger", "eventlog"}},
	{Pkg: "projections", Internal: []string{"protocol/", "ledgerlog"}, External: []string{"modernc.org/sqlite", "github.com/jackc/pgx/v5"}},
	{Pkg: "projections/internal/", Internal: []string{"projections"}, External: []string{
		"modernc.org/sqlite", "github.com/mattn/go-sqlite3", "github.com/ncruces/go-sqlite3",
	}},
	{Pkg: "consensus", Internal: []string{"protocol/", "ledger"}},
	{Pkg: "consensus/comet", Internal: []string{"protocol/", "ledger", "consensus"},
		External: []string{"github.com/cometbft/cometbft", "github.com/spf13/viper"}},
	{Pkg: "gateway", Internal: []string{"protocol/rpcerr"}, External: []string{"github.com/lxzan/gws", "golang.org/x/time/rate", "github.com/goccy/go-json"}},
	{Pkg: "rpc", Internal: []string{"protocol/", "ledger", "ledgerlog", "eventlog", "vmhost", "gateway", "internal/gmdata"}, External: []string{"github.com/goccy/go-json"}},
	{Pkg: "actors", Internal: []string{"protocol/", "ledger", "eventlog", "ledgerlog", "projections", "consensus", "gateway", "rpc", "internal/workpool"},
		External: []string{"github.com/asynkron/protoactor-go"}},
	{Pkg: "httpapi", Internal: []string{"protocol/", "gateway", "rpc"}},
	{Pkg: "metrics", Internal: []string{"protocol/"}, External: []string{"github.com/prometheus/client_golang"}},
	{Pkg: "node", Internal: []string{"ledger", "eventlog", "ledgerlog", "projections", "consensus", "gateway", "actors", "httpapi", "metrics"}},
	{Pkg: "cmd/node", Internal: []string{"protocol/", "ledger", "eventlog", "ledgerlog", "projections", "consensus", "rpc", "node", "httpapi", "metrics", "internal/cpuprofile"},
		External: []string{"github.com/BurntSushi/toml", "github.com/schollz/progressbar/v3", "github.com/cometbft/cometbft"}},
	{Pkg: "bench", Internal: []string{"protocol/", "ledger", "eventlog", "ledgerlog", "gateway", "node", "rpc", "internal/wsclient", "internal/ports", "internal/cpuprofile", "internal/pgtest"},
		External: []string{"github.com/lxzan/gws", "github.com/schollz/progressbar/v3", "gonum.org/v1/plot", "modernc.org/sqlite", "github.com/goccy/go-json"}},
	{Pkg: "internal/archlint"},
	{Pkg: "internal/wsclient", External: []string{"github.com/lxzan/gws"}},
	{Pkg: "internal/ports"},
	{Pkg: "internal/cpuprofile"},
	{Pkg: "internal/workpool", External: []string{"github.com/panjf2000/ants/v2"}},
	{Pkg: "internal/gmdata", External: []string{"github.com/emmansun/gmsm"}},
	{Pkg: "internal/pgtest", External: []string{"github.com/jackc/pgx/v5"}},
	{Pkg: "compat"},
}
