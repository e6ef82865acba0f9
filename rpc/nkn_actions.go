package rpc

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
)

// nknGetLatestBlockHeight is the last closed ledger's sequence, the
// ledger_index of ChainSQL's ledger_closed.
func nknGetLatestBlockHeight(c *nknCall) (any, error) {
	h, _ := c.view.Closed()
	return h.Seq, nil
}

// nknGetBlock returns a block by height or by hash. As in NKN, a numeric
// height wins over hash; a height that is not a number falls back to
// hash:
//
//	height a whole number, no such ledger (negative, 0, too high)  44004
//	height a number with a fraction                                42002
//	no numeric height, hash missing or not a string                42002
//	hash not hexadecimal                                           42002
//	hash hexadecimal but not 32 bytes                              44004
//	hash of no ledger                                              44003
func nknGetBlock(c *nknCall) (any, error) {
	log := c.s.node.log
	var (
		led *eventlog.Ledger
		err error
	)
	if seq, ok, herr := c.height(); herr != nil {
		return nil, herr
	} else if ok {
		led, err = log.Ledger(seq)
		if errors.Is(err, eventlog.ErrNotFound) {
			return nil, nknErr(gateway.NKNUnknownHash, "no ledger %d", seq)
		}
	} else {
		h, herr := c.hash(gateway.NKNUnknownHash)
		if herr != nil {
			return nil, herr
		}
		led, err = log.LedgerByHash(h)
		if errors.Is(err, eventlog.ErrNotFound) {
			return nil, nknErr(gateway.NKNUnknownBlock, "no ledger %x", h)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("getblock: %w", err)
	}
	b, err := nknBlockOf(led)
	if err != nil {
		return nil, fmt.Errorf("getblock: %w", err)
	}
	return b, nil
}

// nknGetTransaction returns a transaction by hash: 42002 for a hash that
// is missing, not a string, not hexadecimal or not 32 bytes; 44001 for
// one the log does not hold.
func nknGetTransaction(c *nknCall) (any, error) {
	h, err := c.hash(gateway.NKNInvalidParams)
	if err != nil {
		return nil, err
	}
	rec, err := c.s.node.log.Tx(h)
	if errors.Is(err, eventlog.ErrNotFound) {
		return nil, nknErr(gateway.NKNUnknownTransaction, "no transaction %x", h)
	} else if err != nil {
		return nil, fmt.Errorf("gettransaction: %w", err)
	}
	t, err := nknTxOf(&rec.Tx, rec.LedgerSeq, rec.Index)
	if err != nil {
		return nil, fmt.Errorf("gettransaction: %w", err)
	}
	return t, nil
}

// nknGetConnectionCount is the number of connected peer nodes, as in
// NKN (not WebSocket sessions: that is getsessioncount): a validator
// network's peers (Network.Peers), 0 for a standalone node.
func nknGetConnectionCount(c *nknCall) (any, error) {
	if nw := c.s.node.net; nw != nil {
		return nw.Peers(), nil
	}
	return 0, nil
}

// nknHeartbeat returns the session's id. The gateway counts it as
// activity, which keeps the session from idle expiry.
func nknHeartbeat(c *nknCall) (any, error) { return c.s.conn.SessionID(), nil }

// nknGetSessionCount is the number of open WebSocket sessions on the
// node, in both dialects. Addr is accepted and ignored, as NKN did.
func nknGetSessionCount(c *nknCall) (any, error) {
	count, ok := c.s.node.server.Sessions()
	if !ok {
		return nil, errors.New("getsessioncount: the node has no session counter (Node.SetSessionCounter)")
	}
	return count, nil
}

// height reads a numeric height: ok is false when height is absent or
// not a JSON number.
func (c *nknCall) height() (seq uint32, ok bool, err error) {
	raw, present := c.params["height"]
	if !present || len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, false, nil
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil {
		// Out of float64 range: no ledger has that height.
		return 0, false, nknErr(gateway.NKNUnknownHash, "height %s", raw)
	}
	switch {
	case v != math.Trunc(v):
		return 0, false, nknErr(gateway.NKNInvalidParams, "height %s is not a whole number", raw)
	case v < 0 || v > math.MaxUint32:
		return 0, false, nknErr(gateway.NKNUnknownHash, "no ledger %s", raw)
	}
	return uint32(v), true, nil
}

// hash reads the hash member: 42002 when it is missing, not a string or
// not hexadecimal; badLength when it is hexadecimal of other than 32
// bytes. Either case of hex digits is accepted.
func (c *nknCall) hash(badLength int) ([32]byte, error) {
	raw, ok := c.params["hash"]
	if !ok || !isJSONString(raw) {
		return [32]byte{}, nknErr(gateway.NKNInvalidParams, "no string hash")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return [32]byte{}, nknErr(gateway.NKNInvalidParams, "hash: %v", err)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return [32]byte{}, nknErr(gateway.NKNInvalidParams, "hash %q is not hex", s)
	}
	if len(b) != 32 {
		return [32]byte{}, nknErr(badLength, "hash of %d bytes", len(b))
	}
	return [32]byte(b), nil
}
