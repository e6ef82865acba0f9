package actors_test

import (
	"reflect"
	"testing"
)

// TestStateHistory closes ledgers of payments and an escrow, recording
// after each what account_info and account_objects said of the ledger
// just validated; afterwards every past ledger answers the same, by
// ledger_index and by ledger_hash, and ledger_entry and ledger_data read
// the same entries, over a real node's WebSocket.
func TestStateHistory(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("history-alice")
	bob, bobSecret := c.wallet("history-bob")
	accounts := []string{genesisAccount, alice, bob}
	type seen struct {
		hash    string
		info    map[string]any // account → account_data, or nil: not found
		objects map[string]any // account → account_objects
	}
	ledgers := map[float64]seen{}
	record := func() {
		t.Helper()
		closed := c.ok(map[string]any{"command": "ledger_closed"})
		s := seen{hash: closed["ledger_hash"].(string), info: map[string]any{}, objects: map[string]any{}}
		for _, a := range accounts {
			r := c.call(map[string]any{"command": "account_info", "account": a, "ledger_index": "validated"})
			if r["status"] == "error" {
				if r["error"] != "actNotFound" {
					t.Fatalf("account_info %s: %v", a, r)
				}
				continue
			}
			s.info[a] = r["result"].(map[string]any)["account_data"]
			s.objects[a] = c.ok(map[string]any{"command": "account_objects", "account": a, "ledger_index": "validated"})["account_objects"]
		}
		ledgers[closed["ledger_index"].(float64)] = s
	}
	record()
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.accept()
	record()
	c.pay(genesisSecret, genesisAccount, bob, 500_000_000)
	c.pay(aliceSecret, alice, bob, 10_000_000)
	c.accept()
	record()
	ct := c.ok(map[string]any{"command": "ledger", "ledger_index": "validated"})["ledger"].(map[string]any)["close_time"].(float64)
	esc := c.submitJSON(aliceSecret, map[string]any{"TransactionType": "EscrowCreate", "Account": alice, "Destination": bob, "Amount": "7000000", "FinishAfter": ct + 100_000})
	escSeq := esc["tx_json"].(map[string]any)["Sequence"]
	c.accept()
	record()
	c.pay(bobSecret, bob, alice, 1_000_000)
	c.accept()
	record()
	if len(ledgers) != 5 {
		t.Fatalf("%d ledgers recorded", len(ledgers))
	}
	if got := ledgers[4].objects[alice].([]any); len(got) != 1 {
		t.Fatalf("the escrow is not alice's object at ledger 4: %v", got)
	}

	for seq, s := range ledgers {
		for _, sel := range []map[string]any{{"ledger_index": seq}, {"ledger_hash": s.hash}} {
			for _, a := range accounts {
				req := map[string]any{"command": "account_info", "account": a}
				for k, v := range sel {
					req[k] = v
				}
				want, existed := s.info[a]
				if !existed {
					c.fails(req, "actNotFound")
					continue
				}
				r := c.ok(req)
				if !reflect.DeepEqual(r["account_data"], want) || r["ledger_index"].(float64) != seq || r["validated"] != true {
					t.Fatalf("ledger %v %v: account_info %s = %v, was %v", seq, sel, a, r, want)
				}
				req["command"] = "account_objects"
				if r := c.ok(req); !reflect.DeepEqual(r["account_objects"], s.objects[a]) || r["ledger_hash"] != s.hash {
					t.Fatalf("ledger %v: account_objects %s = %v, was %v", seq, a, r, s.objects[a])
				}
				e := c.ok(map[string]any{"command": "ledger_entry", "account_root": a, "ledger_index": seq})
				if !reflect.DeepEqual(e["node"], want) || e["index"] != want.(map[string]any)["index"] || e["ledger_hash"] != s.hash {
					t.Fatalf("ledger %v: ledger_entry %s = %v, was %v", seq, a, e, want)
				}
			}
		}
		// ledger_data, one entry a page: every account and object once.
		var got []any
		req := map[string]any{"command": "ledger_data", "ledger_index": seq, "limit": 1}
		for page := 0; ; page++ {
			r := c.ok(req)
			if (page == 0) != (r["ledger"] != nil) {
				t.Fatalf("ledger %v page %d: header %v", seq, page, r["ledger"])
			}
			got = append(got, r["state"].([]any)...)
			m, more := r["marker"]
			if !more {
				break
			}
			req["marker"] = m
			if page > 20 {
				t.Fatalf("ledger %v: ledger_data does not end", seq)
			}
		}
		want := 0
		for _, a := range accounts {
			if info, ok := s.info[a]; ok {
				want++
				found := false
				for _, g := range got {
					found = found || reflect.DeepEqual(g, info)
				}
				if !found {
					t.Fatalf("ledger %v: ledger_data lacks %v", seq, info)
				}
			}
		}
		if objs, ok := s.objects[alice].([]any); ok {
			want += len(objs)
		}
		if len(got) != want {
			t.Fatalf("ledger %v: ledger_data has %d entries, want %d: %v", seq, len(got), want, got)
		}
	}

	escrow := ledgers[4].objects[alice].([]any)[0]
	for seq := range ledgers {
		req := map[string]any{"command": "ledger_entry", "escrow": map[string]any{"owner": alice, "seq": escSeq}, "ledger_index": seq}
		if seq < 4 {
			c.fails(req, "entryNotFound")
			continue
		}
		if e := c.ok(req); !reflect.DeepEqual(e["node"], escrow) {
			t.Fatalf("ledger %v: escrow %v, was %v", seq, e["node"], escrow)
		}
	}
	index := escrow.(map[string]any)["index"]
	if e := c.ok(map[string]any{"command": "ledger_entry", "index": index}); !reflect.DeepEqual(e["node"], escrow) || e["ledger_index"].(float64) != 5 {
		t.Fatalf("ledger_entry by index: %v", e)
	}
	if e := c.ok(map[string]any{"command": "ledger_data", "ledger_index": 5, "type": "escrow"}); len(e["state"].([]any)) != 1 {
		t.Fatalf("ledger_data type escrow: %v", e)
	}
	c.fails(map[string]any{"command": "ledger_entry", "escrow": index, "ledger_index": 3}, "entryNotFound")
	c.fails(map[string]any{"command": "ledger_entry", "account_root": alice, "ledger_index": 99}, "lgrNotFound")
	c.fails(map[string]any{"command": "account_info", "account": alice, "ledger_index": 99}, "lgrNotFound")
	c.fails(map[string]any{"command": "ledger_entry", "escrow": map[string]any{"owner": alice}}, "malformedRequest")
	c.fails(map[string]any{"command": "ledger_entry", "escrow": map[string]any{"owner": "zzz", "seq": 1}}, "malformedOwner")
	c.fails(map[string]any{"command": "ledger_entry", "account_root": "nope"}, "malformedAddress")
	c.fails(map[string]any{"command": "ledger_entry", "escrow": ledgers[4].info[alice].(map[string]any)["index"]}, "malformedRequest")
	c.fails(map[string]any{"command": "ledger_entry"}, "unknownOption")
	c.fails(map[string]any{"command": "ledger_data", "marker": "XYZ"}, "invalidParams")
	c.fails(map[string]any{"command": "ledger_data", "type": "offer"}, "invalidParams")
	c.fails(map[string]any{"command": "ledger_data", "binary": true}, "notSupported")
}
