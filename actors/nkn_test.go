package actors_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
)

// nknClient is a session that speaks the NKN dialect.
type nknClient struct {
	*client
	nextID int
}

func (n *testNode) nknClient() *nknClient { return &nknClient{client: n.client()} }

// send writes a raw frame.
func (c *nknClient) send(frame string) {
	c.t.Helper()
	if err := c.c.Send([]byte(frame)); err != nil {
		c.t.Fatalf("send %s: %v", frame, err)
	}
}

// frame waits for the next frame that match accepts and returns it raw
// and decoded, dropping others.
func (c *nknClient) frame(match func(map[string]any) bool) (string, map[string]any) {
	c.t.Helper()
	ctx, cancel := wsclient.Timeout(10 * time.Second)
	defer cancel()
	for {
		b, err := c.c.Next(ctx)
		if err != nil {
			c.t.Fatalf("waiting for an NKN frame: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			c.t.Fatalf("frame %s is not JSON: %v", b, err)
		}
		if match(m) {
			return string(b), m
		}
	}
}

// do sends req with a fresh Id and returns the reply with that Id, raw
// and decoded, and the Id.
func (c *nknClient) do(req map[string]any) (string, map[string]any, int) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	msg := map[string]any{"Id": id}
	for k, v := range req {
		msg[k] = v
	}
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(string(b))
	raw, m := c.frame(func(m map[string]any) bool { return m["Id"] == float64(id) })
	return raw, m, id
}

// result sends a request that must succeed and returns its Result raw.
func (c *nknClient) result(req map[string]any) json.RawMessage {
	c.t.Helper()
	raw, m, _ := c.do(req)
	if m["Error"] != float64(0) || m["Desc"] != "SUCCESS" || m["Action"] != req["Action"] || m["Version"] != "1.0.0" {
		c.t.Fatalf("%v: %s", req, raw)
	}
	var env struct{ Result json.RawMessage }
	if err := json.Unmarshal([]byte(raw), &env); err != nil {
		c.t.Fatal(err)
	}
	return env.Result
}

// nknFrame is the exact NKN frame for an error reply.
func nknFrame(action string, id, code int, desc, result string) string {
	return fmt.Sprintf(`{"Action":%q,"Desc":%q,"Error":%d,"Id":%d,"Result":%s,"Version":"1.0.0"}`, action, desc, code, id, result)
}

type nknBlock struct {
	Hash   string `json:"hash"`
	Header struct {
		Hash             string `json:"hash"`
		Height           uint32 `json:"height"`
		PrevBlockHash    string `json:"prevBlockHash"`
		StateRoot        string `json:"stateRoot"`
		Timestamp        int64  `json:"timestamp"`
		TransactionsRoot string `json:"transactionsRoot"`
	} `json:"header"`
	Transactions []json.RawMessage `json:"transactions"`
}

type nknTx struct {
	Hash    string         `json:"hash"`
	Height  uint32         `json:"height"`
	Index   uint32         `json:"index"`
	Payload map[string]any `json:"payload"`
	Result  string         `json:"result"`
	Size    int            `json:"size"`
	TxType  string         `json:"txType"`
}

func decode[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

// TestNKNBlocks checks getlatestblockheight, getblock and gettransaction
// against the ChainSQL dialect's ledger and tx for the same ledgers.
func TestNKNBlocks(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	k := n.nknClient()

	if h := string(k.result(map[string]any{"Action": "getlatestblockheight"})); h != "1" {
		t.Fatalf("height of a new chain: %s, want 1 (the genesis ledger)", h)
	}
	dest, _ := c.wallet("nkn")
	pay1 := hashOf(c.pay(genesisSecret, genesisAccount, dest, 1_000_000_000))
	pay2 := hashOf(c.pay(genesisSecret, genesisAccount, dest, 2_000_000))
	c.accept()
	c.accept()
	if h := string(k.result(map[string]any{"Action": "getlatestblockheight"})); h != "3" {
		t.Fatalf("height after two ledgers: %s, want 3", h)
	}

	for seq := 1; seq <= 3; seq++ {
		lg := c.ok(map[string]any{"command": "ledger", "ledger_index": seq, "transactions": true})
		hdr := lg["ledger"].(map[string]any)
		hash := lg["ledger_hash"].(string)
		byHeight := k.result(map[string]any{"Action": "getblock", "height": seq})
		byHash := k.result(map[string]any{"Action": "getblock", "hash": strings.ToLower(hash)})
		byUpper := k.result(map[string]any{"Action": "getblock", "hash": hash})
		if string(byHeight) != string(byHash) || string(byHash) != string(byUpper) {
			t.Fatalf("ledger %d: by height %s\nby hash %s\nby uppercase hash %s", seq, byHeight, byHash, byUpper)
		}
		b := decode[nknBlock](t, byHeight)
		closeTime := int64(hdr["close_time"].(float64)) + 946684800
		if b.Hash != strings.ToLower(hash) || b.Header.Hash != b.Hash || b.Header.Height != uint32(seq) ||
			b.Header.PrevBlockHash != strings.ToLower(hdr["parent_hash"].(string)) ||
			b.Header.TransactionsRoot != strings.ToLower(hdr["transaction_hash"].(string)) ||
			b.Header.StateRoot != strings.ToLower(hdr["account_hash"].(string)) ||
			b.Header.Timestamp != closeTime {
			t.Fatalf("block %d: %s\nledger: %v", seq, byHeight, lg)
		}
		txs := hdr["transactions"].([]any)
		if len(b.Transactions) != len(txs) {
			t.Fatalf("block %d has %d transactions, the ledger %d", seq, len(b.Transactions), len(txs))
		}
		for i, th := range txs {
			bt := decode[nknTx](t, b.Transactions[i])
			if bt.Hash != strings.ToLower(th.(string)) || bt.Index != uint32(i) || bt.Height != uint32(seq) {
				t.Fatalf("block %d transaction %d: %s, ledger has %s", seq, i, b.Transactions[i], th)
			}
			// gettransaction returns the same object as the block holds.
			if got := k.result(map[string]any{"Action": "gettransaction", "hash": bt.Hash}); string(got) != string(b.Transactions[i]) {
				t.Fatalf("gettransaction %s:\n%s\nblock holds\n%s", bt.Hash, got, b.Transactions[i])
			}
		}
	}
	if genesis := k.result(map[string]any{"Action": "getblock", "height": 1}); !strings.HasSuffix(string(genesis), `"transactions":[]}`) {
		t.Fatalf("the genesis block's transactions must be an empty array: %s", genesis)
	}

	// The two payments, as ChainSQL's tx reports them.
	for _, tc := range []struct {
		hash, amount string
		seq          float64
	}{{pay1, "1000000000", 1}, {pay2, "2000000", 2}} {
		want := c.ok(map[string]any{"command": "tx", "transaction": tc.hash})
		got := decode[nknTx](t, k.result(map[string]any{"Action": "gettransaction", "hash": strings.ToLower(tc.hash)}))
		if got.Hash != strings.ToLower(tc.hash) || got.TxType != "Payment" || got.Result != "tesSUCCESS" || got.Height != 2 ||
			got.Payload["Amount"] != tc.amount || got.Payload["Sequence"] != tc.seq || got.Payload["Destination"] != dest ||
			got.Payload["TxnSignature"] != want["TxnSignature"] || got.Payload["hash"] != nil ||
			got.Size == 0 || got.Index > 1 {
			t.Fatalf("gettransaction %s: %+v\ntx: %v", tc.hash, got, want)
		}
	}
}

// TestNKNErrors checks each error code and its exact frame.
func TestNKNErrors(t *testing.T) {
	n := startNode(t, "", 0)
	k := n.nknClient()
	unknownHash := strings.Repeat("ab", 32)
	cases := []struct {
		name   string
		req    map[string]any
		action string // "" for errors raised before dispatch, but an unknown Action's name
		code   int
		desc   string
	}{
		{"unknown action: its name echoed", map[string]any{"Action": "getblockcount"}, "getblockcount", 42001, "INVALID METHOD"},
		{"action is case-sensitive", map[string]any{"Action": "GetBlock", "height": 1}, "GetBlock", 42001, "INVALID METHOD"},
		{"Hash not a string", map[string]any{"Action": "getblock", "height": 1, "Hash": 5}, "", 42002, "INVALID PARAMS"},
		{"Addr not a string", map[string]any{"Action": "getsessioncount", "Addr": []int{1}}, "", 42002, "INVALID PARAMS"},
		{"Assetid not a string", map[string]any{"Action": "heartbeat", "Assetid": true}, "", 42002, "INVALID PARAMS"},
		{"negative height", map[string]any{"Action": "getblock", "height": -1}, "getblock", 44004, "UNKNOWN HASH"},
		{"height 0", map[string]any{"Action": "getblock", "height": 0}, "getblock", 44004, "UNKNOWN HASH"},
		{"height above the last ledger", map[string]any{"Action": "getblock", "height": 2}, "getblock", 44004, "UNKNOWN HASH"},
		{"height past uint32", map[string]any{"Action": "getblock", "height": 1 << 33}, "getblock", 44004, "UNKNOWN HASH"},
		{"fractional height", map[string]any{"Action": "getblock", "height": 1.5}, "getblock", 42002, "INVALID PARAMS"},
		{"height as a string", map[string]any{"Action": "getblock", "height": "1"}, "getblock", 42002, "INVALID PARAMS"},
		{"neither height nor hash", map[string]any{"Action": "getblock"}, "getblock", 42002, "INVALID PARAMS"},
		{"block hash not a string", map[string]any{"Action": "getblock", "hash": 7}, "getblock", 42002, "INVALID PARAMS"},
		{"block hash not hex", map[string]any{"Action": "getblock", "hash": "0x" + unknownHash[2:]}, "getblock", 42002, "INVALID PARAMS"},
		{"block hash of 31 bytes", map[string]any{"Action": "getblock", "hash": unknownHash[2:]}, "getblock", 44004, "UNKNOWN HASH"},
		{"unknown block hash", map[string]any{"Action": "getblock", "hash": unknownHash}, "getblock", 44003, "UNKNOWN BLOCK"},
		{"no transaction hash", map[string]any{"Action": "gettransaction"}, "gettransaction", 42002, "INVALID PARAMS"},
		{"transaction hash not hex", map[string]any{"Action": "gettransaction", "hash": "xyz"}, "gettransaction", 42002, "INVALID PARAMS"},
		{"transaction hash of 33 bytes", map[string]any{"Action": "gettransaction", "hash": unknownHash + "00"}, "gettransaction", 42002, "INVALID PARAMS"},
		{"unknown transaction", map[string]any{"Action": "gettransaction", "hash": unknownHash}, "gettransaction", 44001, "UNKNOWN TRANSACTION"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw, _, id := k.do(tc.req)
			result := "null"
			if tc.action == "" || tc.code == 42001 {
				result = `""`
			}
			if want := nknFrame(tc.action, id, tc.code, tc.desc, result); raw != want {
				t.Fatalf("got  %s\nwant %s", raw, want)
			}
		})
	}

	// Frames the gateway answers, in an NKN session.
	for _, tc := range []struct{ frame, want string }{
		{`{"Action":"getblock",`, `{"Action":"","Desc":"ILLEGAL DATAFORMAT","Error":41003,"Result":"","Version":"1.0.0"}`},
		{`{"Action":5,"Id":"x"}`, `{"Action":"","Desc":"INVALID METHOD","Error":42001,"Id":"x","Result":"","Version":"1.0.0"}`},
		{`{"height":1,"Id":9}`, `{"Action":"","Desc":"INVALID METHOD","Error":42001,"Id":9,"Result":"","Version":"1.0.0"}`},
	} {
		k.send(tc.frame)
		if raw, _ := k.frame(func(map[string]any) bool { return true }); raw != tc.want {
			t.Fatalf("%s: got %s, want %s", tc.frame, raw, tc.want)
		}
	}

	// Without an Id, none is echoed; a null Hash is no Hash at all.
	k.send(`{"Action":"getlatestblockheight","Hash":null}`)
	if raw, _ := k.frame(func(map[string]any) bool { return true }); raw != `{"Action":"getlatestblockheight","Desc":"SUCCESS","Error":0,"Result":1,"Version":"1.0.0"}` {
		t.Fatalf("getlatestblockheight without Id: %s", raw)
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// TestNKNSessions checks heartbeat, getsessioncount and
// getconnectioncount.
func TestNKNSessions(t *testing.T) {
	n := startNode(t, "", 0)
	a, b := n.nknClient(), n.nknClient()
	c := n.client()

	idA := decode[string](t, a.result(map[string]any{"Action": "heartbeat"}))
	idB := decode[string](t, b.result(map[string]any{"Action": "heartbeat"}))
	if !uuidPattern.MatchString(idA) || !uuidPattern.MatchString(idB) || idA == idB {
		t.Fatalf("session ids %q and %q: want two distinct UUIDs", idA, idB)
	}
	if again := decode[string](t, a.result(map[string]any{"Action": "heartbeat"})); again != idA {
		t.Fatalf("heartbeat changed the session id: %q then %q", idA, again)
	}

	// Every open session counts, whatever its dialect; Addr is ignored.
	// The server may register the last one a moment after its client's
	// handshake returns.
	for wait := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		got := string(a.result(map[string]any{"Action": "getsessioncount", "Addr": "127.0.0.1:30002"}))
		if got == "3" {
			break
		}
		if time.Now().After(wait) {
			t.Fatalf("getsessioncount: %s, want 3", got)
		}
	}
	c.c.Close()
	deadline := time.Now().Add(2 * time.Second)
	for string(b.result(map[string]any{"Action": "getsessioncount"})) != "2" {
		if time.Now().After(deadline) {
			t.Fatalf("getsessioncount still counts a closed session (gateway: %d)", n.gw.Sessions())
		}
		time.Sleep(10 * time.Millisecond)
	}

	if got := string(a.result(map[string]any{"Action": "getconnectioncount"})); got != "0" {
		t.Fatalf("getconnectioncount of a node running alone: %s, want 0", got)
	}
}

// TestNKNMixedDialects checks that one session may speak both dialects,
// each reply in the dialect of its request.
func TestNKNMixedDialects(t *testing.T) {
	n := startNode(t, "", 0)
	k := n.nknClient()
	if h := string(k.result(map[string]any{"Action": "getlatestblockheight"})); h != "1" {
		t.Fatalf("getlatestblockheight: %s", h)
	}
	closed := k.ok(map[string]any{"command": "ledger_closed"})
	if closed["ledger_index"] != float64(1) {
		t.Fatalf("ledger_closed after an NKN request: %v", closed)
	}
	k.accept()
	if h := string(k.result(map[string]any{"Action": "getlatestblockheight"})); h != "2" {
		t.Fatalf("getlatestblockheight after a ChainSQL request: %s", h)
	}
	// A ChainSQL-dialect error stays ChainSQL.
	k.fails(map[string]any{"command": "no_such_command"}, "unknownCmd")
}

// TestNKNIdleExpiry checks that a session that sends no valid request
// for the idle timeout gets 41001 and is closed, that heartbeats keep a
// session alive, and that garbage does not.
func TestNKNIdleExpiry(t *testing.T) {
	const idle = 300 * time.Millisecond
	n := startNodeWith(t, "", 0, func(_ *actors.Config, g *gateway.Config) {
		g.IdleTimeout = idle
		g.IdleCheck = 20 * time.Millisecond
	})
	silent, garbage, beating := n.nknClient(), n.nknClient(), n.nknClient()
	beating.result(map[string]any{"Action": "heartbeat"})

	stop := time.Now().Add(3 * idle)
	for time.Now().Before(stop) {
		// Truncated JSON: 41003, not a request. Sending fails once the
		// session has expired.
		if err := garbage.c.Send([]byte(`{"Action":"heartbeat",`)); err != nil {
			select {
			case <-garbage.c.Done():
			case <-time.After(2 * time.Second):
				t.Fatalf("send failed on an open session: %v", err)
			}
		}
		beating.result(map[string]any{"Action": "heartbeat"})
		time.Sleep(idle / 5)
	}
	const expired = `{"Action":"","Desc":"SESSION EXPIRED","Error":41001,"Result":"","Version":"1.0.0"}`
	for name, c := range map[string]*nknClient{"silent": silent, "garbage": garbage} {
		raw, _ := c.frame(func(m map[string]any) bool { return m["Error"] != float64(41003) })
		if raw != expired {
			t.Fatalf("%s session: %s, want %s", name, raw, expired)
		}
		select {
		case <-c.c.Done():
		case <-time.After(2 * time.Second):
			t.Fatalf("%s session still open after 41001", name)
		}
	}
	select {
	case <-beating.c.Done():
		t.Fatal("a session sending heartbeats expired")
	default:
	}
	if got := n.gw.Stats().Closed[gateway.IdleExpired]; got != 2 {
		t.Fatalf("idle expiries: %d, want 2", got)
	}
}

// TestNKNServiceCeiling checks that a connection past the maximum
// number of sessions gets 41002 and is closed.
func TestNKNServiceCeiling(t *testing.T) {
	n := startNodeWith(t, "", 0, func(_ *actors.Config, g *gateway.Config) { g.MaxSessions = 2 })
	a := n.nknClient()
	// A round trip on each: the gateway has registered both sessions
	// (a dial can return before the server's side of it is counted).
	a.result(map[string]any{"Action": "heartbeat"})
	n.nknClient().result(map[string]any{"Action": "heartbeat"})
	over, err := wsclient.Dial(n.url, wsclient.Options{})
	if err != nil {
		t.Fatalf("dial past the ceiling: %v", err)
	}
	defer over.Close()
	ctx, cancel := wsclient.Timeout(5 * time.Second)
	defer cancel()
	b, err := over.Next(ctx)
	if err != nil {
		t.Fatalf("past the ceiling: %v", err)
	}
	if want := `{"Action":"","Desc":"SERVICE CEILING","Error":41002,"Result":"","Version":"1.0.0"}`; string(b) != want {
		t.Fatalf("past the ceiling: %s, want %s", b, want)
	}
	select {
	case <-over.Done():
	case <-ctx.Done():
		t.Fatal("the session past the ceiling was not closed")
	}
	if got := string(a.result(map[string]any{"Action": "getsessioncount"})); got != "2" {
		t.Fatalf("getsessioncount: %s, want 2 (the refused one never counts)", got)
	}
}

// TestNKNInternalError checks that a node fault (here the event log
// closed under the node) is 45001 with the Action echoed and a null
// Result.
func TestNKNInternalError(t *testing.T) {
	n := startNode(t, "", 0)
	k := n.nknClient()
	if err := n.log.Close(); err != nil {
		t.Fatal(err)
	}
	for _, req := range []map[string]any{
		{"Action": "getblock", "height": 1},
		{"Action": "gettransaction", "hash": strings.Repeat("00", 32)},
	} {
		raw, _, id := k.do(req)
		if want := nknFrame(req["Action"].(string), id, 45001, "INTERNAL ERROR", "null"); raw != want {
			t.Fatalf("got  %s\nwant %s", raw, want)
		}
	}
	// The log is closed: stop the rest of the node here.
	ctx, cancel := contextTimeout(5 * time.Second)
	defer cancel()
	if err := n.gw.Shutdown(ctx); err != nil {
		t.Fatalf("gateway shutdown: %v", err)
	}
	n.node.Stop()
	n.gw = nil
}
