package rpc

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"reflect"

	gojson "github.com/goccy/go-json"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/tableop"
)

// ledgerIndexWindow is how far behind the current ledger a signed
// query's LedgerIndex may be (chainsqld: 5).
const ledgerIndexWindow = 5

// parseObject parses raw, a JSON object, as encoding/json.Unmarshal
// into a map[string]any does (FuzzParseObjectLikeStd), with
// github.com/goccy/go-json, in about half the time (BenchmarkParseObject):
// every signed query's tx_json is parsed here.
func parseObject(raw []byte) (map[string]any, bool) {
	var m map[string]any
	if err := gojson.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

// signedQuery checks a signed query as chainsqld's checkSig does:
// publicKey, signature and signingData present; signingData, parsed,
// equals tx_json; LedgerIndex within the last 5 ledgers; the key is
// tx_json.Account's; the signature (over SHA-512Half of signingData's
// bytes) verifies. It returns tx_json.
func (c *call) signedQuery() (map[string]any, address.AccountID, error) {
	var none address.AccountID
	pubHex, ok1, err := c.str("publicKey")
	if err != nil {
		return nil, none, err
	}
	sigHex, ok2, err := c.str("signature")
	if err != nil {
		return nil, none, err
	}
	signing, ok3, err := c.str("signingData")
	if err != nil {
		return nil, none, err
	}
	raw, ok4 := c.params["tx_json"]
	switch {
	case !ok1:
		return nil, none, rpcerr.MissingField("publicKey")
	case !ok2:
		return nil, none, rpcerr.MissingField("signature")
	case !ok3:
		return nil, none, rpcerr.MissingField("signingData")
	case !ok4:
		return nil, none, rpcerr.MissingField("tx_json")
	}
	txj, ok := parseObject(raw)
	if !ok {
		return nil, none, rpcerr.ObjectField("tx_json")
	}
	// The published client's signingData is JSON.stringify(tx_json), the
	// very text its frame carries as tx_json: the same text parses to the
	// same value, so only a different one is parsed, by the same parser,
	// and compared.
	if string(raw) != signing {
		if signed, ok := parseObject([]byte(signing)); !ok || !reflect.DeepEqual(signed, txj) {
			return nil, none, rpcerr.New(rpcerr.SignNotMatch)
		}
	}
	idx, ok := txj["LedgerIndex"].(float64)
	if !ok {
		return nil, none, rpcerr.MissingField("tx_json.LedgerIndex")
	}
	h, _ := c.view.Closed()
	current := float64(h.Seq + 1)
	if idx < current-ledgerIndexWindow || idx > current {
		return nil, none, rpcerr.Newf(rpcerr.InvalidParams, "LedgerIndex %v is not within the last %d ledgers (current %v).", idx, ledgerIndexWindow, current)
	}
	pub, err := hex.DecodeString(pubHex)
	if err != nil {
		pub, err = address.DecodeAccountPublic(pubHex)
	}
	if err != nil {
		return nil, none, rpcerr.New(rpcerr.PublicMalformed)
	}
	acctStr, _ := txj["Account"].(string)
	account, err := address.ParseAccountID(acctStr)
	if err != nil {
		return nil, none, rpcerr.MissingField("tx_json.Account")
	}
	if address.AccountIDFromPublicKey(pub) != account {
		return nil, none, rpcerr.New(rpcerr.ActNotMatchPubkey)
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil {
		return nil, none, rpcerr.New(rpcerr.SignNotInHex)
	}
	if keys.Verify(pub, []byte(signing), sig, false) != nil {
		return nil, none, rpcerr.New(rpcerr.SigningMalformed)
	}
	return txj, account, nil
}

// projection returns the SQL store, or NoDbConfig without one.
func (c *call) projection() (SQLStore, error) {
	p := c.s.node.sql
	if p == nil {
		return nil, rpcerr.New(rpcerr.NoDB)
	}
	return p, nil
}

// signedStoreQuery is what r_get and r_get_sql_user start with: the SQL
// store, then the signed query's tx_json and signer (signedQuery).
func (c *call) signedStoreQuery() (SQLStore, map[string]any, address.AccountID, error) {
	p, err := c.projection()
	if err != nil {
		return nil, nil, address.AccountID{}, err
	}
	txj, account, err := c.signedQuery()
	return p, txj, account, err
}

// queryAnswer is a query's answer: rows and how far behind the store is.
func (c *call) queryAnswer(lines []map[string]any, err error) (any, error) {
	if err != nil {
		if e, ok := err.(*rpcerr.Error); ok {
			return nil, e
		}
		c.s.node.logger.Error("query failed", "command", c.req.Method, "err", err)
		return nil, rpcerr.New(rpcerr.General)
	}
	if lines == nil {
		lines = []map[string]any{}
	}
	if c.asOf != 0 {
		// As of a past ledger: the rows are that ledger's exactly.
		return map[string]any{"lines": lines, "diff": 0, "ledger_index": c.asOf}, nil
	}
	return map[string]any{"lines": lines, "diff": c.s.node.sql.Lag()}, nil
}

// query runs a query of the SQL store off the session (Asker.Query),
// under the timeout of QueryLimits, and answers with its rows. A session
// that is not admin runs at most QueryLimits.Session queries at once,
// and all of them together at most QueryLimits.Node; past either, the
// query is answered tooBusy at once and nothing waits. Admin sessions
// are exempt, as rippled exempts admins from its resource limits.
func (c *call) query(run func(ctx context.Context) ([]map[string]any, error)) (any, error) {
	s, n := c.s, c.s.node
	bounded := !s.conn.IsAdmin()
	if bounded {
		if s.queries >= n.maxSessionQueries {
			return nil, rpcerr.Newf(rpcerr.TooBusy, "This session already runs %d SQL queries, its limit; wait for an answer first.", s.queries)
		}
		select {
		case n.queries <- struct{}{}:
		default:
			return nil, rpcerr.Newf(rpcerr.TooBusy, "The node already runs %d SQL queries, its limit; try again shortly.", cap(n.queries))
		}
		s.queries++
	}
	token := s.park(c.req, func(answer Answer) {
		if bounded {
			s.queries--
		}
		rows := answer.(Rows)
		result, err := c.queryAnswer(rows.Lines, rows.Err)
		if err != nil {
			s.fail(c.req, err)
			return
		}
		s.ok(c.req, result)
	})
	s.ask.Query(token, func() Answer {
		if bounded {
			defer func() { <-n.queries }()
		}
		ctx, cancel := context.WithTimeout(context.Background(), n.queryTimeout)
		defer cancel()
		lines, err := run(ctx)
		if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			n.logger.Warn("query timed out", "command", c.req.Method, "session", s.conn.SessionID(), "timeout", n.queryTimeout)
			err = rpcerr.Newf(rpcerr.SQLDisposeErr, "Query timed out: it ran longer than %s and was cancelled.", n.queryTimeout)
		}
		return Rows{Lines: lines, Err: err}
	})
	return deferred, nil
}

// rgetQuery is what r_get reads of its tx_json besides what signedQuery
// checks, parsed with go-json as encoding/json would parse it
// (FuzzParseObjectLikeStd checks both).
type rgetQuery struct {
	Tables []struct {
		Table struct {
			TableName string
			NameInDB  string
		}
	}
	Raw string
}

// cmdRGet answers a signed structured query (r_get) of an account in the
// ledger.
func cmdRGet(c *call) (any, error) {
	p, txj, account, err := c.signedStoreQuery()
	if err != nil {
		return nil, err
	}
	ownerStr, _ := txj["Owner"].(string)
	owner, err := address.ParseAccountID(ownerStr)
	if err != nil {
		return nil, rpcerr.MissingField("tx_json.Owner")
	}
	// tx_json parsed as an object in signedQuery: its text holds the same.
	var q rgetQuery
	if err := gojson.Unmarshal(c.params["tx_json"], &q); err != nil || len(q.Tables) != 1 || q.Tables[0].Table.TableName == "" {
		return nil, rpcerr.InvalidField("tx_json.Tables")
	}
	tbl, ok := c.view.Table(owner, []byte(q.Tables[0].Table.TableName))
	if !ok {
		return nil, rpcerr.New(rpcerr.TabNotExist)
	}
	if n := q.Tables[0].Table.NameInDB; n != "" && !equalHex(n, tbl.NameInDB[:]) {
		return nil, rpcerr.New(rpcerr.NameInDBNotMatch)
	}
	if tbl.Permissions(account)&ledger.PermSelect == 0 {
		return nil, rpcerr.New(rpcerr.TabUnauthorized)
	}
	// chainsqld's checkForSelect: "account not valid!".
	if _, ok := c.view.Account(account); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	rule := getRule(tbl, account.String())
	seq, past, err := c.queryLedger([]*ledger.Table{tbl})
	if err != nil {
		return nil, err
	}
	if past {
		return c.query(func(ctx context.Context) ([]map[string]any, error) {
			return p.GetAt(ctx, seq, tbl.NameInDB, []byte(q.Raw), rule, 0)
		})
	}
	return c.query(func(ctx context.Context) ([]map[string]any, error) {
		return p.Get(ctx, tbl.NameInDB, []byte(q.Raw), rule, 0)
	})
}

// queryLedger reads a query's optional ledger_index or ledger_hash
// (beside tx_json): past is true when the query must read the tables as
// they stood after closed ledger seq rather than the store's current
// rows (an older ledger, or the last one while the store is behind).
// Each table must have existed then, as the same table (tabNotExist).
// The answer then carries the ledger's index and a diff of 0.
func (c *call) queryLedger(tables []*ledger.Table) (seq uint32, past bool, err error) {
	if !c.has("ledger_index") && !c.has("ledger_hash") {
		return 0, false, nil
	}
	seq, current, err := c.ledgerSelector()
	if err != nil || current {
		return 0, false, err
	}
	if first, last := c.view.Complete(); seq < first || seq > last {
		return 0, false, rpcerr.New(rpcerr.LgrNotFound)
	}
	if hist := c.s.node.hist; hist != nil {
		for _, tbl := range tables {
			e, ok, err := hist.Entry(tbl.Key(), seq)
			if err != nil {
				return 0, false, historyErr(err)
			}
			if !ok || e.Table == nil || e.Table.NameInDB != tbl.NameInDB {
				return 0, false, rpcerr.New(rpcerr.TabNotExist)
			}
		}
	}
	c.asOf = seq
	h, _ := c.view.Closed()
	return seq, seq != h.Seq || c.s.node.sql.Lag() != 0, nil
}

func equalHex(s string, b []byte) bool {
	d, err := hex.DecodeString(s)
	return err == nil && bytes.Equal(d, b)
}

// cmdRGetSQLAdmin runs raw SQL for an admin: one SELECT, on a read-only
// connection, naming only tables that exist on the ledger.
func cmdRGetSQLAdmin(c *call) (any, error) {
	p, err := c.projection()
	if err != nil {
		return nil, err
	}
	sql, ok, err := c.str("sql")
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, rpcerr.MissingField("sql")
	}
	tables, err := c.sqlTables(sql, nil)
	if err != nil {
		return nil, err
	}
	// chainsqld does not replace "$account" in a raw query's rule: for
	// an admin there is no account to put there.
	rules, err := sqlRules(tables, tableop.RuleAccount)
	if err != nil {
		return nil, err
	}
	return c.rawSQL(p, sql, rules)
}

// cmdRGetSQLUser runs raw SQL signed by a user whose account is in the
// ledger, and who needs the select permission on every table it names;
// it must name at least one. chainsqld runs a query naming no table for
// any key (checkAuthForSql checks the tables it finds, and finds none),
// which makes the node a free SQL engine for anyone: here such a query
// is tabNotExist, and an account not in the ledger actNotFound, as
// chainsqld's r_get answers it.
func cmdRGetSQLUser(c *call) (any, error) {
	p, txj, account, err := c.signedStoreQuery()
	if err != nil {
		return nil, err
	}
	sql, _ := txj["Sql"].(string)
	if sql == "" {
		return nil, rpcerr.MissingField("tx_json.Sql")
	}
	if _, ok := c.view.Account(account); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	tables, err := c.sqlTables(sql, &account)
	if err != nil {
		return nil, err
	}
	if len(tables) == 0 {
		return nil, rpcerr.Newf(rpcerr.TabNotExist, "The query names no table: a user's query must read at least one table t_<NameInDB> it may select from.")
	}
	rules, err := sqlRules(tables, account.String())
	if err != nil {
		return nil, err
	}
	seq, past, err := c.queryLedger(tables)
	if err != nil {
		return nil, err
	}
	if past {
		return c.query(func(ctx context.Context) ([]map[string]any, error) {
			return p.QuerySQLAt(ctx, seq, sql, rules, 0)
		})
	}
	return c.rawSQL(p, sql, rules)
}

// rawSQL runs one SELECT for r_get_sql_admin or r_get_sql_user, reading
// the tables of rules through their conditions.
func (c *call) rawSQL(p SQLStore, sql string, rules []TableRule) (any, error) {
	return c.query(func(ctx context.Context) ([]map[string]any, error) {
		return p.QuerySQL(ctx, sql, rules, 0)
	})
}

// getRule returns a table's OperationRule Get condition for account
// (tableop.For), or the zero Value when it has none.
func getRule(tbl *ledger.Table, account string) tableop.Value {
	r := tbl.Rule()
	if r == nil || r.Get == nil {
		return tableop.Value{}
	}
	return tableop.For(r.Get.Condition, account)
}

// sqlRules returns the Get conditions, for account, of the tables a raw
// query names. A query naming several tables, one of which has a Get
// rule, is mulQueryNotSupport, as in chainsqld.
func sqlRules(tables []*ledger.Table, account string) ([]TableRule, error) {
	var rules []TableRule
	for _, tbl := range tables {
		if w := getRule(tbl, account); w.Kind() == tableop.Object {
			rules = append(rules, TableRule{NameInDB: tbl.NameInDB, Where: w})
		}
	}
	if len(rules) > 0 && len(tables) > 1 {
		return nil, rpcerr.New(rpcerr.SQLMulQueryNotSupport)
	}
	return rules, nil
}

// sqlTables finds the tables raw SQL names; each must exist on the
// ledger and, for a user, grant select.
func (c *call) sqlTables(sql string, user *address.AccountID) ([]*ledger.Table, error) {
	names, err := c.s.node.sql.SelectTables(sql)
	if err != nil {
		return nil, err
	}
	var out []*ledger.Table
	for _, n := range names {
		tbl, ok := c.view.TableByNameInDB(n)
		if !ok {
			return nil, rpcerr.New(rpcerr.TabNotExist)
		}
		if user != nil && tbl.Permissions(*user)&ledger.PermSelect == 0 {
			return nil, rpcerr.New(rpcerr.TabUnauthorized)
		}
		out = append(out, tbl)
	}
	return out, nil
}
