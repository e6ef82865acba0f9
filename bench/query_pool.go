package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sqledger/sqledger/protocol/keys"
)

// queryPoolSize is how many different queries of each kind bench signs:
// sessions cycle through them.
const queryPoolSize = 256

// refreshAfter is how many ledgers may close after the one a pool's
// queries name before bench signs a new pool: the node takes a
// LedgerIndex at most 5 ledgers behind the current one (chainsqld's
// window), so this leaves two ledgers for the signing.
const refreshAfter = 2

// queryPool is a set of requests ready to send, without their ids:
// pool.bodies[k][i] is query i of kind k, and wants[k][i] its answer.
type queryPool struct {
	// ledger is the LedgerIndex the signed queries carry.
	ledger uint32
	bodies [][][]byte
	wants  [][]expectation
}

// queryTxJSON is an r_get's tx_json, with the published client's key
// order: Account, Owner, Tables, Raw, LedgerIndex. The client signs
// exactly this text (signingData) and sends the same object as tx_json.
type queryTxJSON struct {
	Account     string       `json:"Account"`
	Owner       string       `json:"Owner"`
	Tables      []queryTable `json:"Tables"`
	Raw         string       `json:"Raw"`
	LedgerIndex uint32       `json:"LedgerIndex"`
}

// queryTable names a table by its plain name, as r_get does.
type queryTable struct {
	Table struct {
		TableName string `json:"TableName"`
	} `json:"Table"`
}

// rGetBody is a signed r_get request without its id: tx_json, its text
// as signingData, the signer's public key and the signature of the
// text, all in hex.
func rGetBody(kp *keys.KeyPair, txj queryTxJSON) ([]byte, error) {
	signing, err := json.Marshal(txj)
	if err != nil {
		return nil, err
	}
	sig, err := kp.Sign(signing)
	if err != nil {
		return nil, fmt.Errorf("sign query: %w", err)
	}
	return json.Marshal(struct {
		Command     string          `json:"command"`
		PublicKey   string          `json:"publicKey"`
		Signature   string          `json:"signature"`
		SigningData string          `json:"signingData"`
		TxJSON      json.RawMessage `json:"tx_json"`
	}{"r_get", hexUpper(kp.PublicKey()), hexUpper(sig), string(signing), signing})
}

// adminBody is an r_get_sql_admin request without its id.
func adminBody(sql string) ([]byte, error) {
	return json.Marshal(struct {
		Command string `json:"command"`
		SQL     string `json:"sql"`
	}{"r_get_sql_admin", sql})
}

// withID is a request body with its id, written first.
func withID(id int64, body []byte) []byte {
	b := make([]byte, 0, len(body)+24)
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, ',')
	return append(b, body[1:]...)
}

// signPool writes queryPoolSize queries of each kind over tbl, which
// holds rows rows, signed by the table's owner for ledger, on every core.
func signPool(ctx context.Context, kinds []queryKind, tbl *benchTable, rows int, ledger uint32) (*queryPool, error) {
	p := &queryPool{ledger: ledger, bodies: make([][][]byte, len(kinds)), wants: make([][]expectation, len(kinds))}
	for k := range kinds {
		p.bodies[k] = make([][]byte, queryPoolSize)
		p.wants[k] = make([]expectation, queryPoolSize)
	}
	owner := tbl.owner.kp
	sqlTable := "t_" + hexUpper(tbl.nameInDB[:])
	err := parallel(ctx, len(kinds)*queryPoolSize, func(n int) error {
		k, i := n/queryPoolSize, n%queryPoolSize
		q, want := kinds[k].build(i, rows, sqlTable)
		var body []byte
		var err error
		if kinds[k].admin {
			body, err = adminBody(q)
		} else {
			txj := queryTxJSON{Account: owner.AccountID().String(), Owner: owner.AccountID().String(), Raw: q, LedgerIndex: ledger}
			txj.Tables = make([]queryTable, 1)
			txj.Tables[0].Table.TableName = tbl.name
			body, err = rGetBody(owner, txj)
		}
		if err != nil {
			return fmt.Errorf("%s query %d: %w", kinds[k].name, i, err)
		}
		p.bodies[k][i], p.wants[k][i] = body, want
		return nil
	})
	return p, err
}

// poolKeeper holds the current pool and signs a new one when ledgers
// close, so that the queries' LedgerIndex stays within the node's
// window however long the run: a session on the ledger stream sees each
// close, and refreshAfter ledgers after the pool's a new pool replaces
// it. A node that closes no ledger (no transactions) never needs one.
type poolKeeper struct {
	cur       atomic.Pointer[queryPool]
	refreshes atomic.Int64
	c         *conn
	closed    chan uint32
	wg        sync.WaitGroup
	err       atomic.Pointer[error]
}

// startPoolKeeper signs the first pool for ledger and follows the
// ledger stream until stop.
func startPoolKeeper(ctx context.Context, url string, kinds []queryKind, tbl *benchTable, rows int, ledger uint32) (*poolKeeper, error) {
	first, err := signPool(ctx, kinds, tbl, rows, ledger)
	if err != nil {
		return nil, err
	}
	k := &poolKeeper{closed: make(chan uint32, 1)}
	k.cur.Store(first)
	c, err := dialConn(ctx, url, "", k.onFrame)
	if err != nil {
		return nil, fmt.Errorf("query signer's ledger stream: %w", err)
	}
	k.c = c
	if err := c.send(subscribeLedgerFrame(1)); err != nil {
		c.close()
		return nil, fmt.Errorf("query signer's ledger stream: %w", err)
	}
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		for seq := range k.closed {
			if seq < k.cur.Load().ledger+refreshAfter {
				continue
			}
			p, err := signPool(ctx, kinds, tbl, rows, seq)
			if err != nil {
				k.err.CompareAndSwap(nil, &err)
				continue
			}
			k.cur.Store(p)
			k.refreshes.Add(1)
		}
	}()
	return k, nil
}

// onFrame passes each ledger close to the signer, keeping only the
// latest when it is busy.
func (k *poolKeeper) onFrame(frame []byte, _ time.Time) {
	in, err := parseInbound(frame)
	if err != nil || in.Type != "ledgerClosed" {
		return
	}
	for {
		select {
		case k.closed <- in.LedgerIndex:
			return
		default:
		}
		select {
		case <-k.closed:
		default:
		}
	}
}

// stop closes the ledger stream and waits for a signing under way; it
// returns the first signing error, if any.
func (k *poolKeeper) stop() error {
	k.c.close()
	close(k.closed)
	k.wg.Wait()
	if e := k.err.Load(); e != nil {
		return *e
	}
	return nil
}
