package rpc

import (
	"fmt"
	"time"

	"github.com/sqledger/sqledger/ledger"
)

// Version is the node's build version, reported by server_info.
var Version = "0.1.0"

func cmdPing(*call) (any, error) { return map[string]any{}, nil }

// cmdVersion is chainsqld's version: its build version as a string
// (rippled answers an object of API versions; chainsqld replaced it).
func cmdVersion(*call) (any, error) { return map[string]any{"version": Version}, nil }

// validatedLedgers is rippled's complete_ledgers string.
func (c *call) validatedLedgers() string { return completeLedgers(c.view.Complete()) }

// completeLedgers is rippled's complete_ledgers string of a range.
func completeLedgers(first, last uint32) string {
	if first == last {
		return fmt.Sprint(last)
	}
	return fmt.Sprintf("%d-%d", first, last)
}

func zxc(drops uint64) float64 { return float64(drops) / ledger.DropsPerZXC }

// serverCommon are the fields server_info and server_state share.
func (c *call) serverCommon() map[string]any {
	n := c.s.node
	h, _ := c.view.Closed()
	info := map[string]any{
		"build_version":       Version,
		"complete_ledgers":    c.validatedLedgers(),
		"io_latency_ms":       1,
		"load_factor":         1,
		"peers":               0,
		"server_state":        "full",
		"uptime":              int64(n.server.Now().Sub(n.server.Started()) / time.Second),
		"validation_quorum":   1,
		"time":                n.server.Now().UTC().Format("2006-Jan-02 15:04:05.000000 UTC"),
		"pubkey_node":         n.server.NodePublic(),
		"network_ledger":      "running",
		"state_accounting":    map[string]any{},
		"last_close":          map[string]any{"converge_time_s": 0, "proposers": 0},
		"ledger_close_time_s": h.CloseTime,
	}
	if nw := n.net; nw != nil {
		info["peers"] = nw.Peers()
		info["server_state"] = nw.ServerState()
		info["validation_quorum"] = nw.Quorum()
		info["pubkey_validator"] = validatorKey(nw)
	}
	return info
}

// validatorKey is rippled's pubkey_validator: "none" for a node that is
// not a validator.
func validatorKey(nw Network) string {
	if k := nw.ValidatorKey(); k != "" {
		return k
	}
	return "none"
}

// cmdUNLList is rippled's unl_list (chainsql's getUnlList): the
// validators this node trusts, each {"pubkey_validator","trusted"}. A
// standalone node trusts no validator list (rippled's standalone has
// none configured): the list is empty.
func cmdUNLList(c *call) (any, error) {
	unl := []any{}
	if nw := c.s.node.net; nw != nil {
		for _, k := range nw.Validators() {
			unl = append(unl, map[string]any{"pubkey_validator": k, "trusted": true})
		}
	}
	return map[string]any{"unl": unl}, nil
}

func cmdServerInfo(c *call) (any, error) {
	n := c.s.node
	h, hash := c.view.Closed()
	p := c.view.Params()
	info := c.serverCommon()
	delete(info, "ledger_close_time_s")
	info["validated_ledger"] = map[string]any{
		"age":              n.ledgerAge(h),
		"base_fee_zxc":     zxc(p.BaseFee),
		"hash":             hex256(hash),
		"reserve_base_zxc": zxc(p.ReserveBase),
		"reserve_inc_zxc":  zxc(p.ReserveInc),
		"seq":              h.Seq,
		"drops_per_byte":   p.DropsPerByte,
	}
	return map[string]any{"info": info}, nil
}

func cmdServerState(c *call) (any, error) {
	h, hash := c.view.Closed()
	p := c.view.Params()
	state := c.serverCommon()
	delete(state, "ledger_close_time_s")
	state["load_base"] = 256
	state["load_factor"] = 256
	state["validated_ledger"] = map[string]any{
		"base_fee":       p.BaseFee,
		"close_time":     h.CloseTime,
		"hash":           hex256(hash),
		"reserve_base":   p.ReserveBase,
		"reserve_inc":    p.ReserveInc,
		"seq":            h.Seq,
		"drops_per_byte": p.DropsPerByte,
	}
	return map[string]any{"state": state}, nil
}

// ledgerAge is the number of seconds since the last ledger closed.
func (n *Node) ledgerAge(h ledger.Header) int64 {
	age := n.server.Now().Unix() - ledger.RippleEpoch - int64(h.CloseTime)
	return max(age, 0)
}

func cmdFee(c *call) (any, error) {
	n := c.s.node
	h, _ := c.view.Closed()
	base := fmt.Sprint(c.view.Params().BaseFee)
	return map[string]any{
		"current_ledger_size":  fmt.Sprint(n.server.OpenTxs()),
		"current_queue_size":   "0",
		"expected_ledger_size": fmt.Sprint(n.server.MaxTxsPerLedger()),
		"ledger_current_index": h.Seq + 1,
		"max_queue_size":       fmt.Sprint(n.server.MaxTxsPerLedger()),
		"drops": map[string]any{
			"base_fee":        base,
			"median_fee":      base,
			"minimum_fee":     base,
			"open_ledger_fee": base,
		},
		"levels": map[string]any{
			"median_level":      "256",
			"minimum_level":     "256",
			"open_ledger_level": "256",
			"reference_level":   "256",
		},
	}, nil
}
