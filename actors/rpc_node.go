package actors

import (
	"context"
	"errors"
	"time"

	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/rpc"
)

// newRPC is the node as its sessions' commands see it: the View, the
// event log, the SQL projection, the facts of this node, and the
// network when its orderer is a network's (rpc.Network: comet.Orderer).
func (n *Node) newRPC() *rpc.Node {
	cfg := rpc.Config{States: n.view, Log: n.log, History: n.hist, Server: serverFacts{n}, Logger: n.logger, Queries: n.cfg.Queries, GMDir: n.cfg.GMDir}
	if n.cfg.Projection != nil {
		cfg.SQL = sqlStore{n}
	}
	if nw, ok := n.orderer.(rpc.Network); ok {
		cfg.Network = nw
	}
	return rpc.NewNode(cfg)
}

// serverFacts are the node's answers to rpc.Server.
type serverFacts struct{ n *Node }

func (f serverFacts) NodePublic() string   { return f.n.nodePublic }
func (f serverFacts) Started() time.Time   { return f.n.started }
func (f serverFacts) Now() time.Time       { return f.n.clock() }
func (f serverFacts) OpenTxs() int         { return f.n.orderer.Pending() }
func (f serverFacts) MaxTxsPerLedger() int { return f.n.cfg.MaxTxsPerLedger }

func (f serverFacts) Sessions() (int, bool) {
	if f.n.sessions == nil {
		return 0, false
	}
	return f.n.sessions(), true
}

// sqlStore is the SQL projection as the queries read it (rpc.SQLStore):
// the projection's errors a client caused become the RPC errors
// chainsqld answers with; the others are the store's faults.
type sqlStore struct{ n *Node }

func (s sqlStore) Get(ctx context.Context, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error) {
	lines, err := s.n.cfg.Projection.GetWhere(ctx, nameInDB, raw, rule, limit)
	return lines, queryError(err)
}

func (s sqlStore) GetAt(ctx context.Context, seq uint32, nameInDB [20]byte, raw []byte, rule tableop.Value, limit int) ([]map[string]any, error) {
	if s.n.cfg.AsOf == nil {
		return nil, rpcerr.Newf(rpcerr.NotSupported, "Queries as of a past ledger are not enabled on this node.")
	}
	lines, err := s.n.cfg.AsOf.Get(ctx, seq, nameInDB, raw, rule, limit)
	return lines, queryError(err)
}

func (s sqlStore) QuerySQL(ctx context.Context, sql string, rules []rpc.TableRule, limit int) ([]map[string]any, error) {
	lines, err := s.n.cfg.Projection.QuerySQLWhere(ctx, sql, filtersOf(rules), limit)
	return lines, queryError(err)
}

func (s sqlStore) QuerySQLAt(ctx context.Context, seq uint32, sql string, rules []rpc.TableRule, limit int) ([]map[string]any, error) {
	if s.n.cfg.AsOf == nil {
		return nil, rpcerr.Newf(rpcerr.NotSupported, "Queries as of a past ledger are not enabled on this node.")
	}
	lines, err := s.n.cfg.AsOf.QuerySQL(ctx, seq, sql, filtersOf(rules), limit)
	return lines, queryError(err)
}

// filtersOf turns the rules of a raw query into the store's filters.
func filtersOf(rules []rpc.TableRule) []projections.Filter {
	filters := make([]projections.Filter, len(rules))
	for i, r := range rules {
		filters[i] = projections.Filter{NameInDB: r.NameInDB, Where: r.Where}
	}
	return filters
}

func (s sqlStore) SelectTables(sql string) ([][20]byte, error) {
	names, err := projections.SelectTables(sql)
	if err != nil {
		return nil, projections.RPCError(err)
	}
	return names, nil
}

func (s sqlStore) Lag() uint32 { return s.n.projectionDiff() }

// queryError is the error of a query as rpc.SQLStore reports it: the RPC
// error for one the client caused, err itself for a fault.
func queryError(err error) error {
	if err == nil {
		return nil
	}
	if e := projections.RPCError(err); e.Code != rpcerr.General || errors.Is(err, projections.ErrNoTable) {
		return e
	}
	return err
}
