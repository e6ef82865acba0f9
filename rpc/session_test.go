package rpc_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
	"github.com/sqledger/sqledger/rpc"
)

var genesisAccount = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"

func fixedServer() *fakeServer {
	started := time.Unix(closeTime+ledger.RippleEpoch, 0).UTC()
	return &fakeServer{started: started, now: started.Add(90 * time.Second), openTxs: 3}
}

// TestAccountInfoValidated answers from the committed state alone.
func TestAccountInfoValidated(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	replies := h.send(gateway.ChainSQL, "account_info", map[string]any{"account": genesisAccount, "ledger_index": "validated"})
	want := `{"id":1,"result":{"account_data":{"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","Balance":"99999998999999990","Flags":0,"LedgerEntryType":"AccountRoot",` +
		`"OwnerCount":0,"PreviousTxnID":"` + fmt.Sprintf("%X", ch.payment.Hash[:]) + `","PreviousTxnLgrSeq":2,"Sequence":2,` +
		`"index":"2B6AC232AA4C4BE41BF49D2459FA4A0347E1B543A4C92FCEE0821C0201E2E9A8"},"ledger_index":2,"validated":true},"status":"success","type":"response"}`
	if len(replies) != 1 || string(replies[0]) != want {
		t.Fatalf("account_info:\n got %s\nwant %s", replies, want)
	}
	if len(h.ask.asks) != 0 || h.done != 1 {
		t.Fatalf("asks %v, done %d: a validated account_info asks nothing and is done once", h.ask.asks, h.done)
	}
	r := h.call("account_info", map[string]any{"account": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "ledger_index": "validated"})
	if r["error"] != "actNotFound" {
		t.Fatalf("missing account: %v", r)
	}
	r = h.call("account_info", map[string]any{"account": genesisAccount, "ledger_index": 7})
	if r["error"] != "lgrNotFound" || r["error_message"] != "Ledger not found." {
		t.Fatalf("a ledger not yet closed: %v", r)
	}
	// Without a History, an older ledger's state is not kept.
	r = h.call("account_info", map[string]any{"account": genesisAccount, "ledger_index": 1})
	if r["error"] != "lgrNotFound" || r["error_message"] != "ledgerNotFound: this node keeps the state of its last closed ledger (2) only" {
		t.Fatalf("older ledger: %v", r)
	}
}

// TestAccountInfoCurrent asks for the open ledger's account and answers
// when Resume brings it; until then the request holds its slot.
func TestAccountInfoCurrent(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	if replies := h.send(gateway.ChainSQL, "account_info", map[string]any{"account": genesisAccount}); len(replies) != 0 {
		t.Fatalf("answered before the ask was: %s", replies)
	}
	if len(h.ask.asks) != 1 || h.ask.asks[0].kind != "account" || h.ask.asks[0].arg.(address.AccountID).String() != genesisAccount || h.done != 0 {
		t.Fatalf("asks %v, done %d", h.ask.asks, h.done)
	}
	token := h.ask.asks[0].token
	h.s.Resume(token+1, rpc.OpenAccount{}) // no such token: ignored
	if len(h.conn.replies) != 0 || h.done != 0 {
		t.Fatalf("an unknown token answered: %s", h.conn.replies)
	}
	root, _ := ch.state.Account(h.ask.asks[0].arg.(address.AccountID))
	root.Sequence, root.Balance = 4, 77
	h.s.Resume(token, rpc.OpenAccount{Root: &root})
	if len(h.conn.replies) != 1 || h.done != 1 {
		t.Fatalf("replies %s, done %d", h.conn.replies, h.done)
	}
	r := decode(t, h.conn.replies[0])["result"].(map[string]any)
	data := r["account_data"].(map[string]any)
	if data["Sequence"].(float64) != 4 || data["Balance"] != "77" || r["ledger_current_index"].(float64) != 3 || r["validated"] != false {
		t.Fatalf("current account_info: %v", r)
	}
	h.s.Resume(token, rpc.OpenAccount{Root: &root}) // answered already
	if len(h.conn.replies) != 1 || h.done != 1 {
		t.Fatalf("a token answered twice: %s", h.conn.replies)
	}
	h.send(gateway.ChainSQL, "account_info", map[string]any{"account": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "ledger_index": "current"})
	h.s.Resume(h.ask.asks[1].token, rpc.OpenAccount{})
	if r := decode(t, h.conn.replies[1]); r["error"] != "actNotFound" || h.done != 2 {
		t.Fatalf("current account_info of no account: %v", r)
	}
}

// TestTx reads a transaction and its ledger's close time from the log.
func TestTx(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	hash := fmt.Sprintf("%X", ch.payment.Hash[:])
	r := h.call("tx", map[string]any{"transaction": hash})["result"].(map[string]any)
	meta, _ := r["meta"].(map[string]any)
	if r["hash"] != hash || r["ledger_index"].(float64) != 2 || r["inLedger"].(float64) != 2 || r["date"].(float64) != closeTime+1 ||
		r["validated"] != true || r["Destination"] != ch.dest.String() || meta["TransactionResult"] != "tesSUCCESS" {
		t.Fatalf("tx: %v", r)
	}
	bin := h.call("tx", map[string]any{"transaction": hash, "binary": true})["result"].(map[string]any)
	if bin["tx"] != strings.ToUpper(fmt.Sprintf("%x", ch.payment.Blob)) || bin["date"].(float64) != closeTime+1 {
		t.Fatalf("binary tx: %v", bin)
	}
	if r := h.call("tx", map[string]any{"transaction": strings.Repeat("00", 32)}); r["error"] != "txnNotFound" {
		t.Fatalf("unknown tx: %v", r)
	}
	// A fault of the log is "internal" on the wire and its detail is
	// logged.
	ch.log.fault = errors.New("disk on fire")
	if r := h.call("tx", map[string]any{"transaction": hash}); r["error"] != "internal" || strings.Contains(fmt.Sprint(r), "fire") {
		t.Fatalf("log fault: %v", r)
	}
	if !strings.Contains(h.logged.String(), "disk on fire") {
		t.Fatalf("the fault was not logged: %q", h.logged)
	}
}

// TestServerInfo reports the server's facts and the last closed ledger.
func TestServerInfo(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	replies := h.send(gateway.ChainSQL, "server_info", nil)
	want := `{"id":1,"result":{"info":{"build_version":"0.1.0","complete_ledgers":"1-2","io_latency_ms":1,"last_close":{"converge_time_s":0,"proposers":0},` +
		`"load_factor":1,"network_ledger":"running","peers":0,"pubkey_node":"n9FakeNodeKey","server_state":"full","state_accounting":{},` +
		`"time":"2026-Mar-04 05:07:37.000000 UTC","uptime":90,"validated_ledger":{"age":89,"base_fee_zxc":0.00001,` +
		`"drops_per_byte":976,"hash":"` + fmt.Sprintf("%X", ch.state.hash[:]) + `","reserve_base_zxc":5,"reserve_inc_zxc":1,"seq":2},"validation_quorum":1}},` +
		`"status":"success","type":"response"}`
	if len(replies) != 1 || string(replies[0]) != want {
		t.Fatalf("server_info:\n got %s\nwant %s", replies, want)
	}
	fee := h.call("fee", nil)["result"].(map[string]any)
	if fee["current_ledger_size"] != "3" || fee["expected_ledger_size"] != "500" || fee["max_queue_size"] != "500" || fee["ledger_current_index"].(float64) != 3 {
		t.Fatalf("fee: %v", fee)
	}
}

// TestSubmit asks admission for a verified blob and answers its
// verdict; the request is done only then.
func TestSubmit(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	blob := fmt.Sprintf("%X", ch.payment.Blob)
	h.send(gateway.ChainSQL, "submit", map[string]any{"tx_blob": blob})
	if len(h.ask.asks) != 1 || h.ask.asks[0].kind != "submit" || h.ask.asks[0].arg.(*tx.Tx).Hash != ch.payment.Hash || h.done != 0 {
		t.Fatalf("asks %v, done %d", h.ask.asks, h.done)
	}
	h.s.Resume(h.ask.asks[0].token, rpc.Verdict{Tx: ch.payment, Code: ter.TerPRE_SEQ})
	r := decode(t, h.conn.replies[0])["result"].(map[string]any)
	if r["engine_result"] != "terPRE_SEQ" || r["kept"] != true || r["accepted"] != false || r["tx_blob"] != blob || h.done != 1 {
		t.Fatalf("submit: %v", r)
	}
	if r := h.call("submit", map[string]any{"tx_blob": blob[:len(blob)-2] + "00"}); r["error"] != "invalidTransaction" || len(h.ask.asks) != 1 {
		t.Fatalf("a bad signature must be refused before admission: %v", r)
	}
}

// TestAdminOnly refuses admin commands to other sessions before they
// ask anything.
func TestAdminOnly(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	if r := h.call("ledger_accept", nil); r["error"] != "noPermission" || len(h.ask.asks) != 0 {
		t.Fatalf("ledger_accept by a guest: %v", r)
	}
	admin := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, true)
	admin.send(gateway.ChainSQL, "ledger_accept", nil)
	admin.s.Resume(admin.ask.asks[0].token, rpc.Accepted{Current: 3})
	if r := decode(t, admin.conn.replies[0])["result"].(map[string]any); r["ledger_current_index"].(float64) != 3 || admin.done != 1 {
		t.Fatalf("ledger_accept: %v", r)
	}
}

// TestQueries reads the SQL store: its lines and lag, its client errors
// as they are, its faults as "general" (logged), and noDbConfig without
// one.
func TestQueries(t *testing.T) {
	ch := newChain(t)
	sql := &fakeSQL{lines: []map[string]any{{"n": 1}}, lag: 2}
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), SQL: sql}, true)
	if r := h.call("r_get_sql_admin", map[string]any{"sql": "select 1 as n"})["result"].(map[string]any); fmt.Sprint(r) != "map[diff:2 lines:[map[n:1]]]" {
		t.Fatalf("r_get_sql_admin: %v", r)
	}
	sql.lines, sql.err = nil, rpcerr.New(rpcerr.SQLSelectOnly)
	if r := h.call("r_get_sql_admin", map[string]any{"sql": "select 1"}); r["error"] != "sqlSelectOnly" {
		t.Fatalf("a client's error: %v", r)
	}
	sql.err = errors.New("database is locked")
	if r := h.call("r_get_sql_admin", map[string]any{"sql": "select 1"}); r["error"] != "general" || strings.Contains(fmt.Sprint(r), "locked") {
		t.Fatalf("a store's fault: %v", r)
	}
	if !strings.Contains(h.logged.String(), "database is locked") {
		t.Fatalf("the fault was not logged: %q", h.logged)
	}
	none := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, true)
	if r := none.call("r_get_sql_admin", map[string]any{"sql": "select 1"}); r["error"] != "NoDbConfig" {
		t.Fatalf("without a SQL store: %v", r)
	}
}

// TestSubscribe asks for the subscriptions and answers the ledger
// stream's starting point.
func TestSubscribe(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	r := h.call("subscribe", map[string]any{"streams": []string{"ledger", "server"}, "accounts": []string{genesisAccount}})["result"].(map[string]any)
	if r["ledger_index"].(float64) != 2 || r["validated_ledgers"] != "1-2" || r["fee_base"].(float64) != 10 {
		t.Fatalf("subscribe: %v", r)
	}
	sub := h.ask.asks[0].arg.(*rpc.Subscription)
	if len(h.ask.asks) != 1 || !sub.Ledger || sub.Transactions || sub.Remove || len(sub.Accounts) != 1 || sub.Accounts[0].String() != genesisAccount {
		t.Fatalf("asks %v, subscription %+v", h.ask.asks, sub)
	}
	h.call("unsubscribe", map[string]any{"streams": []string{"transactions"}})
	if sub := h.ask.asks[1].arg.(*rpc.Subscription); !sub.Remove || !sub.Transactions {
		t.Fatalf("unsubscribe: %+v", sub)
	}
}

// TestNKN answers the NKN dialect from the log and joins the push on
// the session's first NKN request only; every request is done at once.
func TestNKN(t *testing.T) {
	ch := newChain(t)
	srv := fixedServer()
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: srv}, false)
	replies := h.send(gateway.NKN, "getblock", map[string]any{"height": 2})
	b := decode(t, replies[0])
	res := b["Result"].(map[string]any)
	txs := res["transactions"].([]any)
	if b["Error"].(float64) != 0 || res["hash"] != fmt.Sprintf("%x", ch.log.ledgers[1].Hash[:]) || len(txs) != 1 ||
		txs[0].(map[string]any)["hash"] != fmt.Sprintf("%x", ch.payment.Hash[:]) || txs[0].(map[string]any)["result"] != "tesSUCCESS" {
		t.Fatalf("getblock: %s", replies[0])
	}
	if string(h.send(gateway.NKN, "getsessioncount", nil)[0]) != `{"Action":"getsessioncount","Desc":"INTERNAL ERROR","Error":45001,"Id":2,"Result":null,"Version":"1.0.0"}` {
		t.Fatalf("getsessioncount without a counter: %s", h.conn.replies[1])
	}
	srv.sessions = 12
	if string(h.send(gateway.NKN, "getsessioncount", nil)[0]) != `{"Action":"getsessioncount","Desc":"SUCCESS","Error":0,"Id":3,"Result":12,"Version":"1.0.0"}` {
		t.Fatalf("getsessioncount: %s", h.conn.replies[2])
	}
	if string(h.send(gateway.NKN, "heartbeat", nil)[0]) != `{"Action":"heartbeat","Desc":"SUCCESS","Error":0,"Id":4,"Result":"session-1","Version":"1.0.0"}` {
		t.Fatalf("heartbeat: %s", h.conn.replies[3])
	}
	if len(h.ask.asks) != 1 || h.ask.asks[0].kind != "join" || h.done != 4 {
		t.Fatalf("asks %v, done %d", h.ask.asks, h.done)
	}
}

// signedSQL is an r_get_sql_user request signed by the genesis account
// for the chain's current ledger.
func signedSQL(t *testing.T, ch *chain, sql string) map[string]any {
	t.Helper()
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	txj := map[string]any{"Account": genesisAccount, "Sql": sql, "LedgerIndex": ch.state.header.Seq + 1}
	signing, err := json.Marshal(txj)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := kp.Sign(signing)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"tx_json": txj, "signingData": string(signing), "publicKey": hex.EncodeToString(kp.PublicKey()), "signature": hex.EncodeToString(sig)}
}

// TestQueryLimits: queries run through Asker.Query, at most
// Queries.Session at once on a session that is not admin and
// Queries.Node on all of them; the excess is tooBusy at once and asks
// nothing; an answer frees its slots; admin sessions are exempt.
func TestQueryLimits(t *testing.T) {
	ch := newChain(t)
	owner, _ := address.ParseAccountID(genesisAccount)
	table := &ledger.Table{Owner: owner, Name: []byte("t"), NameInDB: [20]byte{1}}
	ch.state.tables = append(ch.state.tables, table)
	sql := &fakeSQL{lines: []map[string]any{{"n": 1}}, tables: [][20]byte{table.NameInDB}}
	node := rpc.NewNode(rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), SQL: sql, Queries: rpc.QueryLimits{Node: 3, Session: 2}})
	open := func(admin bool) *harness {
		h := openSession(t, node, admin)
		h.ask.holdQueries = true
		return h
	}
	a, b, admin := open(false), open(false), open(true)
	query := func(h *harness) [][]byte {
		return h.send(gateway.ChainSQL, "r_get_sql_user", signedSQL(t, ch, "select n from t_01"))
	}
	for _, h := range []*harness{a, a, b} {
		if replies := query(h); len(replies) != 0 {
			t.Fatalf("a query within the bounds answered at once: %s", replies[0])
		}
	}
	if r := decode(t, query(a)[0]); r["error"] != "tooBusy" || len(a.ask.asks) != 2 {
		t.Fatalf("past the session's bound: %v, %d asks", r, len(a.ask.asks))
	}
	if r := decode(t, query(b)[0]); r["error"] != "tooBusy" || len(b.ask.asks) != 1 {
		t.Fatalf("past the node's bound: %v, %d asks", r, len(b.ask.asks))
	}
	for range 3 {
		if replies := admin.send(gateway.ChainSQL, "r_get_sql_admin", map[string]any{"sql": "select n from t_01"}); len(replies) != 0 {
			t.Fatalf("an admin's query while the node's bound is full: %s", replies[0])
		}
	}
	// a's first query answers: its slots are free, and b may query.
	q := a.ask.asks[0]
	a.s.Resume(q.token, q.arg.(func() rpc.Answer)())
	if r := decode(t, a.conn.replies[len(a.conn.replies)-1]); fmt.Sprint(r["result"]) != "map[diff:0 lines:[map[n:1]]]" {
		t.Fatalf("the held query's answer: %v", r)
	}
	if replies := query(b); len(replies) != 0 || len(b.ask.asks) != 2 {
		t.Fatalf("a query after a slot was freed: %d replies, %d asks", len(replies), len(b.ask.asks))
	}
}

// TestAdminForms: rippled's admin-only forms refuse a guest before
// anything is asked, and an admin gets notImpl for the webhook form the
// node does not have.
func TestAdminForms(t *testing.T) {
	ch := newChain(t)
	cfg := rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}
	hook := map[string]any{"url": "http://127.0.0.1:9/", "streams": []string{"ledger"}}
	for _, admin := range []bool{false, true} {
		h := newHarness(t, cfg, admin)
		want := map[bool]string{false: "noPermission", true: "notImpl"}[admin]
		for _, cmd := range []string{"subscribe", "unsubscribe"} {
			if r := h.call(cmd, hook); r["error"] != want || len(h.ask.asks) != 0 {
				t.Fatalf("%s with url, admin %v: %v, asks %v", cmd, admin, r, h.ask.asks)
			}
		}
		r := h.call("wallet_propose", nil)
		if got := r["status"] == "success"; got != admin {
			t.Fatalf("wallet_propose, admin %v: %v", admin, r)
		}
	}
}

// TestSecretForms: a seed with a typo, or an account ID, is badSeed; a
// passphrase or a good seed of another account is badSecret.
func TestSecretForms(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	const seed = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb" // the genesis account's
	for _, tt := range []struct{ secret, want string }{
		{"xnoPBzXtMeMyMHUVTgbuqAfg1SUTc", "badSeed"},
		{seed[:27], "badSeed"},
		{seed + "zz", "badSeed"},
		{genesisAccount, "badSeed"},
		{"xnoPBzXtMeMyMHUVTgbuqAfg1SUT0", "badSecret"}, // '0' is not base58: a passphrase
		{"correct horse battery staple", "badSecret"},
		{keys.SeedFromPassphrase("alice").String(), "badSecret"},
	} {
		r := h.call("sign", map[string]any{"secret": tt.secret, "offline": true,
			"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": ch.dest.String(), "Amount": "1", "Sequence": 1, "Fee": "10"}})
		if r["error"] != tt.want {
			t.Errorf("secret %q: %v, want %s", tt.secret, r["error"], tt.want)
		}
	}
	if r := h.call("sign", map[string]any{"secret": seed, "offline": true,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": ch.dest.String(), "Amount": "1", "Sequence": 1, "Fee": "10"}}); r["status"] != "success" {
		t.Fatalf("the right seed: %v", r)
	}
}

// TestSignedQuerySigningData: signingData whose text differs from
// tx_json's is parsed and compared: the same members in another order
// (and spacing) pass, another value is signDataNotMatch. Each is signed,
// so only the comparison can refuse it.
func TestSignedQuerySigningData(t *testing.T) {
	ch := newChain(t)
	owner, _ := address.ParseAccountID(genesisAccount)
	table := &ledger.Table{Owner: owner, Name: []byte("t"), NameInDB: [20]byte{1}}
	ch.state.tables = append(ch.state.tables, table)
	sql := &fakeSQL{lines: []map[string]any{{"n": 1}}, tables: [][20]byte{table.NameInDB}}
	node := rpc.NewNode(rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), SQL: sql})
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	seq := ch.state.header.Seq + 1
	for _, tc := range []struct {
		signing string
		want    string // the error, "" for an answer
	}{
		{fmt.Sprintf(`{"Sql": "select n from t_01", "LedgerIndex": %d, "Account": %q}`, seq, genesisAccount), ""},
		{fmt.Sprintf(`{"Account":%q,"LedgerIndex":%d,"Sql":"select n from t_02"}`, genesisAccount, seq), "signDataNotMatch"},
		{fmt.Sprintf(`{"Account":%q,"LedgerIndex":%d}`, genesisAccount, seq), "signDataNotMatch"},
		{`not json`, "signDataNotMatch"},
	} {
		sig, err := kp.Sign([]byte(tc.signing))
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]any{
			"tx_json":     map[string]any{"Account": genesisAccount, "Sql": "select n from t_01", "LedgerIndex": seq},
			"signingData": tc.signing, "publicKey": hex.EncodeToString(kp.PublicKey()), "signature": hex.EncodeToString(sig),
		}
		h := openSession(t, node, false)
		replies := h.send(gateway.ChainSQL, "r_get_sql_user", params)
		if len(replies) != 1 {
			t.Fatalf("%s: %d replies", tc.signing, len(replies))
		}
		r := decode(t, replies[0])
		if got, _ := r["error"].(string); got != tc.want {
			t.Errorf("signingData %s: error %q, want %q (%v)", tc.signing, got, tc.want, r)
		}
		if tc.want == "" && fmt.Sprint(r["result"]) != "map[diff:0 lines:[map[n:1]]]" {
			t.Errorf("signingData %s: result %v", tc.signing, r["result"])
		}
	}
}
