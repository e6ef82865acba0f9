package main

import (
	"strconv"
)

// pushMode is how idle sessions keep alive and which frames carry the
// per-ledger push whose delivery the sessions workload times.
type pushMode struct {
	name string
	// setup is sent once after connecting, with id 1; nil sends nothing.
	setup []byte
	// heartbeat is the keep-alive request with a given id (ids from 2).
	heartbeat func(id int64) []byte
	// push returns a push frame's identity (the same on every session
	// for the same ledger).
	push func(in *inbound) (key string, ok bool)
	// answered reports whether a frame is a successful heartbeat reply;
	// setupDone whether it answers setup.
	answered  func(in *inbound) bool
	setupDone func(in *inbound) bool
}

// defaultPush is the push the sessions workload times: the NKN
// dialect's updateSigChainBlockHash, which the issue asks for ("ledger"
// times the ChainSQL ledgerClosed frame instead).
const defaultPush = "nkn"

// pushModes are the two ways of timing a per-ledger push.
var pushModes = map[string]pushMode{
	// ledger: ChainSQL sessions subscribed to the ledger stream, timing
	// its ledgerClosed frames, with ping as the heartbeat.
	"ledger": {
		name:      "ledger",
		setup:     subscribeLedgerFrame(1),
		heartbeat: func(id int64) []byte { return commandFrame("ping", id) },
		push: func(in *inbound) (string, bool) {
			if in.Type != "ledgerClosed" {
				return "", false
			}
			return strconv.FormatUint(uint64(in.LedgerIndex), 10), true
		},
		answered:  func(in *inbound) bool { return in.isResponse() && *in.ID >= 2 && in.Status == "success" },
		setupDone: func(in *inbound) bool { return in.isResponse() && *in.ID == 1 && in.Status == "success" },
	},
	// nkn: NKN sessions, which the node pushes updateSigChainBlockHash to
	// without subscribing, with {"Action":"heartbeat"} as the heartbeat. A
	// session becomes an NKN session with its first NKN frame, so each
	// sends a heartbeat (Id 1) at once, and the pushes are timed only
	// when all have been answered.
	"nkn": {
		name:      "nkn",
		setup:     []byte(`{"Action":"heartbeat","Id":1}`),
		heartbeat: func(int64) []byte { return nknFrame("heartbeat") },
		push: func(in *inbound) (string, bool) {
			if in.Action != "updateSigChainBlockHash" {
				return "", false
			}
			return string(in.NKNResult), true
		},
		answered: func(in *inbound) bool { return in.Action == "heartbeat" && in.NKNError == 0 },
		setupDone: func(in *inbound) bool {
			return in.Action == "heartbeat" && in.NKNError == 0 && in.ID != nil && *in.ID == 1
		},
	},
}
