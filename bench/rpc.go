package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// rpc is a session for the untimed setup steps (account_info and the
// like), on internal/wsclient.
type rpc struct{ c *wsclient.Client }

// rpcError is a request the node answered with an error.
type rpcError struct {
	command, token, message string
}

func (e *rpcError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.command, e.token, e.message)
}

func dialRPC(url string) (*rpc, error) {
	c, err := wsclient.Dial(url, wsclient.Options{Events: 16})
	if err != nil {
		return nil, err
	}
	return &rpc{c: c}, nil
}

func (r *rpc) close() { _ = r.c.Close() }

// call sends a request and returns its result.
func (r *rpc) call(ctx context.Context, req map[string]any) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := r.c.Call(ctx, req)
	if err != nil {
		return nil, err
	}
	if resp["status"] != "success" {
		token, _ := resp["error"].(string)
		msg, _ := resp["error_message"].(string)
		cmd, _ := req["command"].(string)
		return nil, &rpcError{command: cmd, token: token, message: msg}
	}
	res, _ := resp["result"].(map[string]any)
	return res, nil
}

// nextSequence is the sequence of an account's next transaction in the
// open ledger; ok is false when the account does not exist.
func (r *rpc) nextSequence(ctx context.Context, addr string) (seq uint32, ok bool, err error) {
	res, err := r.call(ctx, map[string]any{"command": "account_info", "account": addr})
	if re := (*rpcError)(nil); errors.As(err, &re) && re.token == "actNotFound" {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("account_info %s: %w", addr, err)
	}
	data, _ := res["account_data"].(map[string]any)
	s, isNum := data["Sequence"].(float64)
	if !isNum {
		return 0, false, fmt.Errorf("account_info %s: no account_data.Sequence in %v", addr, res)
	}
	return uint32(s), true, nil
}
