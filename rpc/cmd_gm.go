package rpc

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/sqledger/sqledger/internal/gmdata"
	"github.com/sqledger/sqledger/protocol/rpcerr"
)

// gmFiles is the state of g_createrandom and g_cryptdata, shared by the
// node's sessions: at most one random generation and one g_cryptdata
// run at a time, each on a goroutine of its own, cancelled and waited
// for by close.
type gmFiles struct {
	dir    string
	random io.Reader
	logger *slog.Logger
	// randomFiles is how many files g_createrandom writes (chainsqld's
	// 1000).
	randomFiles int

	ctx    context.Context
	cancel context.CancelFunc
	jobs   sync.WaitGroup

	mu       sync.Mutex
	closed   bool
	randomOn bool
	cryptOn  bool
	// randomDone counts the files of the running generation.
	randomDone atomic.Int64
}

func newGMFiles(dir string, random io.Reader, logger *slog.Logger) *gmFiles {
	if random == nil {
		random = rand.Reader
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &gmFiles{dir: dir, random: random, logger: logger, randomFiles: gmdata.RandomFiles, ctx: ctx, cancel: cancel}
}

// errGMStopping answers a GM command on a node that is stopping.
var errGMStopping = rpcerr.Newf(rpcerr.TooBusy, "The node is stopping: it writes no more GM test data.")

// begin marks a job running (*on) unless one is, or the node is
// stopping; busy is the error for a job already running.
func (g *gmFiles) begin(on *bool, busy func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.closed:
		return errGMStopping
	case *on:
		return busy()
	}
	*on = true
	g.jobs.Add(1)
	return nil
}

// end marks the job of begin(on) finished.
func (g *gmFiles) end(on *bool) {
	g.mu.Lock()
	*on = false
	g.mu.Unlock()
	g.jobs.Done()
}

func (g *gmFiles) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	g.cancel()
	g.jobs.Wait()
}

// noGMDir answers a GM command on a node without a data directory.
func (g *gmFiles) noGMDir() error {
	if g.dir == "" {
		return rpcerr.Newf(rpcerr.NotSupported, "GM test data is written in the node's data directory, and this node has none.")
	}
	return nil
}

// cmdGCreateRandom is chainsqld's g_createrandom: it answers {} at once
// and writes gmdata.RandomFiles files of 128 KiB from crypto/rand,
// gm/random/random0 … random999, in the background. A second one while
// the first runs is tooBusy (chainsqld logs "Last random generate
// thread is not finished!" and answers {}).
func cmdGCreateRandom(c *call) (any, error) {
	g := c.s.node.gm
	if err := g.noGMDir(); err != nil {
		return nil, err
	}
	err := g.begin(&g.randomOn, func() error {
		return rpcerr.Newf(rpcerr.TooBusy, "The last random generation is not finished: %d of %d files written in gm/%s; try again when it is.",
			g.randomDone.Load(), g.randomFiles, gmdata.RandomDir)
	})
	if err != nil {
		return nil, err
	}
	g.randomDone.Store(0)
	go func() {
		defer g.end(&g.randomOn)
		err := gmdata.WriteRandom(g.ctx, g.dir, g.randomFiles, g.random, func(n int) { g.randomDone.Store(int64(n)) })
		switch {
		case err == nil:
			g.logger.Info("g_createrandom: random files written", "files", g.randomFiles, "dir", filepath.Join(g.dir, gmdata.RandomDir))
		case errors.Is(err, context.Canceled):
			g.logger.Info("g_createrandom: stopped with the node", "files", g.randomDone.Load())
		default:
			g.logger.Error("g_createrandom failed", "files", g.randomDone.Load(), "err", err)
		}
	}()
	return map[string]any{}, nil
}

// cmdGCryptData is chainsqld's g_cryptdata: it writes the test data
// files of gm_alg_type (gmdata) with data_set_count records of
// plain_data_len bytes of plaintext into gm/, away from the session,
// and answers {} once they are written. The parameter errors are
// chainsqld's, in its order; the bounds, checked before anything is
// written, are this node's.
func cmdGCryptData(c *call) (any, error) {
	g := c.s.node.gm
	alg, count, plainLen, err := c.gmParams()
	if err != nil {
		return nil, err
	}
	if err := g.noGMDir(); err != nil {
		return nil, err
	}
	err = g.begin(&g.cryptOn, func() error {
		return rpcerr.Newf(rpcerr.TooBusy, "Another g_cryptdata is writing GM test data; try again when it has answered.")
	})
	if err != nil {
		return nil, err
	}
	s := c.s
	token := s.park(c.req, func(answer Answer) {
		w := answer.(Written)
		switch {
		case errors.Is(w.Err, context.Canceled):
			s.fail(c.req, errGMStopping)
		case w.Err != nil:
			s.fail(c.req, rpcerr.Newf(rpcerr.Internal, "Writing the GM test data failed, and no file of it was kept: %w", w.Err))
		default:
			s.ok(c.req, map[string]any{})
		}
	})
	s.ask.Query(token, func() Answer {
		defer g.end(&g.cryptOn)
		files, err := gmdata.Write(g.ctx, g.dir, alg, count, plainLen, g.random)
		if err == nil {
			g.logger.Info("g_cryptdata: GM test data written", "gm_alg_type", int(alg), "data_set_count", count, "files", files)
		}
		return Written{Err: err}
	})
	return deferred, nil
}

// gmParams reads g_cryptdata's gm_alg_type, data_set_count and
// plain_data_len (not needed for SM2KEY) as chainsqld does, then checks
// the type and the bounds.
func (c *call) gmParams() (alg gmdata.Alg, count, plainLen int, err error) {
	a, err := c.requiredInt("gm_alg_type")
	if err != nil {
		return 0, 0, 0, err
	}
	n, err := c.requiredInt("data_set_count")
	if err != nil {
		return 0, 0, 0, err
	}
	var p int64
	if alg = gmdata.Alg(a); alg != gmdata.SM2Key {
		if p, err = c.requiredInt("plain_data_len"); err != nil {
			return 0, 0, 0, err
		}
	}
	switch {
	case alg == gmdata.SM4CBCEnc || alg == gmdata.SM4CBCDec:
		return 0, 0, 0, rpcerr.Newf(rpcerr.InvalidParams, "Don't support sm4 cbc mode")
	case a < int64(gmdata.SM2Key) || a > int64(gmdata.All):
		return 0, 0, 0, rpcerr.Newf(rpcerr.InvalidParams, "gm_alg_type invalid")
	case n < 1 || n > gmdata.MaxCount:
		return 0, 0, 0, rpcerr.Newf(rpcerr.InvalidParams, "data_set_count must be from 1 to %d.", gmdata.MaxCount)
	case alg != gmdata.SM2Key && (p < 1 || p > gmdata.MaxPlainLen):
		return 0, 0, 0, rpcerr.Newf(rpcerr.InvalidParams, "plain_data_len must be from 1 to %d (bytes).", gmdata.MaxPlainLen)
	}
	return alg, int(n), int(p), nil
}

// requiredInt reads a required integer parameter; a missing one is
// chainsqld's "field NAME".
func (c *call) requiredInt(name string) (int64, error) {
	raw, ok := c.params[name]
	if !ok {
		return 0, rpcerr.Newf(rpcerr.InvalidParams, "field %s", name)
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, rpcerr.ExpectedField(name, "integer")
	}
	return n, nil
}
