package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"time"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// wsOnly are the commands that stay WebSocket-only, as in rippled:
// their answers are streams.
var wsOnly = map[string]bool{"subscribe": true, "unsubscribe": true}

// errTimeout: no answer within Config.RequestTimeout.
var errTimeout = errors.New("request timed out")

// ServeHTTP answers one JSON-RPC request. A body that is not a
// JSON-RPC request gets HTTP 400 with rippled's plain-text reason; a
// command's own errors are rippled's error answer with HTTP 200.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		plain(w, http.StatusMethodNotAllowed, "Method not allowed: JSON-RPC requests are sent with POST")
		return
	}
	admin := s.isAdmin(r.RemoteAddr)
	if !admin && !s.allow(r.RemoteAddr, time.Now()) {
		w.Header().Set("Retry-After", "1")
		plain(w, http.StatusTooManyRequests, fmt.Sprintf("Too many requests from this address: the limit is %g a second", s.cfg.AddrRate))
		return
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		plain(w, http.StatusServiceUnavailable, "Server is overloaded")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(s.cfg.MaxBodyBytes)))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			plain(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Request too large: the body exceeds %d bytes", s.cfg.MaxBodyBytes))
		} else {
			plain(w, http.StatusBadRequest, "Unable to read request")
		}
		return
	}
	req, err := parseRequest(body)
	if err != nil {
		if bad, ok := errors.AsType[*badRequest](err); ok {
			plain(w, http.StatusBadRequest, bad.reason)
		} else {
			s.log.Error("httpapi: request", "err", err)
			plain(w, http.StatusInternalServerError, "Internal error")
		}
		return
	}
	var frame []byte
	if wsOnly[req.Method] {
		frame = wsOnlyError(req, admin)
	} else if frame, err = s.run(r.Context(), req, admin); err != nil {
		switch {
		case errors.Is(err, errTimeout):
			plain(w, http.StatusGatewayTimeout, fmt.Sprintf("Request timed out after %s (a submitted transaction may still be applied)", s.cfg.RequestTimeout))
		case errors.Is(err, errDeclined):
			plain(w, http.StatusServiceUnavailable, "Server is overloaded")
		}
		return // else the client is gone
	}
	out, err := answer(frame)
	if err != nil {
		s.log.Error("httpapi: answer", "command", req.Method, "err", err)
		plain(w, http.StatusInternalServerError, "Internal error")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(out, '\n'))
}

// errDeclined: the Backend opened no session.
var errDeclined = errors.New("no session for the request")

// run hands req to a new session and waits for its answer, for at most
// Config.RequestTimeout and while the client waits.
func (s *Server) run(ctx context.Context, req *gateway.Request, admin bool) ([]byte, error) {
	ex := newExchange(s.nextID.Add(1), admin)
	h := s.backend(ex)
	if h == nil {
		return nil, errDeclined
	}
	defer h.Closed(gateway.ClientClosed)
	h.Handle(req)
	timer := time.NewTimer(s.cfg.RequestTimeout)
	defer timer.Stop()
	select {
	case frame := <-ex.reply:
		return frame, nil
	case <-timer.C:
		return nil, errTimeout
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// wsOnlyError is rippled's answer to subscribe or unsubscribe over
// HTTP: invalidParams without a "url" (rippled's JSON-RPC subscriptions
// post to a URL); with one, noPermission for a non-admin, and
// notSupported for an admin, since this node posts to no URL.
func wsOnlyError(req *gateway.Request, admin bool) []byte {
	code := rpcerr.InvalidParams
	if _, ok := req.Params["url"]; ok {
		code = rpcerr.NoPermission
		if admin {
			code = rpcerr.NotSupported
		}
	}
	token, c, msg := rpcerr.New(code).Fields()
	return gateway.ChainSQLError(req, token, c, msg)
}

// pruneEvery is how often the per-address buckets that have refilled
// are forgotten.
const pruneEvery = 10 * time.Second

// allow takes a token from the bucket of a remote address ("ip:port")
// at now; an address that does not parse shares the bucket of the zero
// address.
func (s *Server) allow(remote string, now time.Time) bool {
	var addr netip.Addr
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		addr = ap.Addr().Unmap()
	}
	if last := s.lastPrune.Load(); now.UnixNano()-last >= int64(pruneEvery) && s.lastPrune.CompareAndSwap(last, now.UnixNano()) {
		s.perAddr.Prune(now)
	}
	return s.perAddr.Allow(addr, now)
}

// isAdmin reports whether a remote address ("ip:port") is within
// Config.AdminNets; IPv4-mapped IPv6 addresses count as IPv4, as the
// gateway counts them.
func (s *Server) isAdmin(remote string) bool {
	ap, err := netip.ParseAddrPort(remote)
	if err != nil {
		return false
	}
	addr := ap.Addr().Unmap()
	for _, p := range s.cfg.AdminNets {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// plain writes a plain-text answer, as rippled's HTTPReply does.
func plain(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text+"\n")
}
