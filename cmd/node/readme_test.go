package main

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// The README's example account and payment hash, which its reader is
// told to replace with their own.
const (
	readmeAccount = "zp6USDM6WWoosBuJCJkC24iFgNMxwqe1Kg"
	readmeHash    = "0F882C37CC7A80E42ACD2C5494E7914A7A55FA508F8094DFCB649095E72A15B9"
)

// readmeStep is one frame of the README's first session and the answer
// printed under it.
type readmeStep struct {
	frame  string
	answer string
}

// readmeSession reads the frames ("    > ", one line each) and answers
// ("    < " and the lines indented under it) of the root README's "A
// first session".
func readmeSession(t *testing.T) []readmeStep {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "## A first session")
	if i < 0 {
		t.Fatal("README.md has no \"A first session\"")
	}
	text = text[i+len("## A first session"):]
	if j := strings.Index(text, "\n## "); j >= 0 {
		text = text[:j]
	}
	var steps []readmeStep
	inAnswer := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "    > "):
			steps = append(steps, readmeStep{frame: strings.TrimPrefix(line, "    > ")})
			inAnswer = false
		case strings.HasPrefix(line, "    < ") && len(steps) > 0:
			steps[len(steps)-1].answer = strings.TrimPrefix(line, "    < ")
			inAnswer = true
		case inAnswer && strings.HasPrefix(line, "       "):
			steps[len(steps)-1].answer += strings.TrimSpace(line)
		default:
			inAnswer = false
		}
	}
	return steps
}

var readmeKey = regexp.MustCompile(`"([A-Za-z_]+)":`)

// TestReadmeFirstSession follows the root README's first session word
// by word against the built binary: it sends each frame as printed, with
// the account wallet_propose gave in place of the example account and
// the hash submit gave in place of the example hash, as the README says;
// every answer succeeds, has every member the README shows, and the
// payment validates with the new account holding 1,000 ZXC.
func TestReadmeFirstSession(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	steps := readmeSession(t)
	if len(steps) != 4 {
		t.Fatalf("README's first session has %d frames, want 4: %q", len(steps), steps)
	}
	bin := buildNode(t)
	addr := freePort(t)
	// The README's node: the default ledger interval.
	p := spawn(t, bin, addr, "--data-dir", t.TempDir(), "--ws", addr, "--rpc-http", "")
	c, err := wsclient.Dial("ws://"+p.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	var account, hash string
	for i, st := range steps {
		frame := st.frame
		if account != "" {
			frame = strings.ReplaceAll(frame, readmeAccount, account)
		}
		if hash != "" {
			frame = strings.ReplaceAll(frame, readmeHash, hash)
		}
		var req map[string]any
		if err := json.Unmarshal([]byte(frame), &req); err != nil {
			t.Fatalf("frame %d is not JSON: %v\n%s", i+1, err, frame)
		}
		resp := readmeCall(t, c, frame, req)
		raw, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		keys := readmeKey.FindAllStringSubmatch(st.answer, -1)
		if len(keys) < 5 {
			t.Fatalf("frame %d: the README shows no answer: %q", i+1, st.answer)
		}
		for _, m := range keys {
			if !strings.Contains(string(raw), `"`+m[1]+`":`) {
				t.Errorf("frame %d: the README's answer shows %q, the node's has none:\n%s", i+1, m[1], raw)
			}
		}
		res := resp["result"].(map[string]any)
		switch req["command"] {
		case "wallet_propose":
			account, _ = res["account_id"].(string)
			if account == "" || account == readmeAccount {
				t.Fatalf("wallet_propose: %v", res)
			}
		case "submit":
			if !strings.Contains(st.frame, readmeAccount) {
				t.Fatalf("the README's payment does not pay the example account: %s", st.frame)
			}
			if res["engine_result"] != "tesSUCCESS" {
				t.Fatalf("submit: %v", res)
			}
			hash, _ = res["tx_json"].(map[string]any)["hash"].(string)
		case "tx":
			if !strings.Contains(st.frame, readmeHash) {
				t.Fatalf("the README's tx does not name the example hash: %s", st.frame)
			}
			meta, _ := res["meta"].(map[string]any)
			if res["validated"] != true || res["hash"] != hash || res["Destination"] != account || meta["TransactionResult"] != "tesSUCCESS" {
				t.Fatalf("tx: %v", res)
			}
		case "account_info":
			data := res["account_data"].(map[string]any)
			if data["Account"] != account || data["Balance"] != "1000000000" || res["validated"] != true {
				t.Fatalf("account_info: %v", res)
			}
		default:
			t.Fatalf("frame %d: unexpected command %v", i+1, req["command"])
		}
	}
}

// readmeCall sends frame as it is (req is it decoded) and returns the
// answer with its id, which must succeed. A tx answered txnNotFound is
// sent again while the ledger closes, as the README says, for at most
// 20 s.
func readmeCall(t *testing.T, c *wsclient.Client, frame string, req map[string]any) map[string]any {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if err := c.Send([]byte(frame)); err != nil {
			t.Fatalf("%v: %v", req["command"], err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		resp, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "response" && m["id"] == req["id"] })
		cancel()
		if err != nil {
			t.Fatalf("%v: %v", req["command"], err)
		}
		if req["command"] == "tx" && resp["error"] == "txnNotFound" && time.Now().Before(deadline) {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		if resp["status"] != "success" {
			t.Fatalf("%v: %v", req["command"], resp)
		}
		return resp
	}
}
