// Package gateway is the node's WebSocket transport, on github.com/lxzan/gws.
//
// It owns sockets, limits, framing, dialect recognition and the two wire
// envelopes. It knows nothing of ledgers, storage or actors: each accepted
// session is handed to a Backend, which returns the session's Handler; the
// Handler receives the session's requests and answers through the Conn.
//
// # Sessions
//
// Every listener (Config.Listen) accepts an upgrade on any path and serves
// both dialects. A connection from a banned address (Config.BanStrikes:
// its sessions were closed for abuse too often) is reset as it is
// accepted. An upgrade goes through, in order:
//
//  1. the per-address upgrade rate limit (Config.UpgradeRate and
//     UpgradeBurst, a token bucket per remote IP as NKN's; addresses in
//     Config.AdminNets are exempt); a refused upgrade gets HTTP 429;
//  2. the session ceiling (Config.MaxSessions): past it the upgrade
//     completes, the NKN 41002 SERVICE CEILING frame is sent and the socket
//     is closed with code 1013, without reaching the Backend;
//  3. Backend.Open, which returns the session's Handler (nil declines the
//     session, answered like the ceiling);
//  4. gws's read loop, on a goroutine of its own; the session's writer
//     runs on another only while frames wait (an idle session costs one
//     goroutine and a 1 KiB read buffer).
//
// # Inbound frames
//
// Before anything else, a frame from a non-admin session takes tokens from
// the session's bucket (Config.FrameRate, FrameBurst) and its address's
// (Config.AddrFrameRate, AddrFrameBurst): one plus one per
// Config.FrameCostBytes of its length. A frame over either is not decoded:
// it is answered with slowDown (NKN: 41002 SERVICE CEILING, Result
// "slowDown") and counted in Stats.Throttled; past Config.FrameStrikes such
// answers, refilled one a second, the session is closed (Flooding, 1008).
//
// Text and binary frames alike are JSON. The reader parses each frame's top
// level once:
//
//	{"command":"…"} or {"method":"…"}  ChainSQL (rippled) dialect; Request.ID is "id"
//	{"Action":"…"}                     NKN dialect; Request.ID is "Id"
//
// Names match exactly, as rippled's jsoncpp and NKN's map lookups do; a
// frame with both command and Action is ChainSQL. A well-formed request is
// handed to Handler.Handle, in frame order, on the read goroutine, which
// reads nothing more, not even a pong, until Handle returns. A Handler
// hands the request on and returns; it blocks only to push back on its own
// client: the session's next frames then wait in the socket and TCP slows
// that client alone, while its writer, the other sessions and the sweeper
// carry on. The node's Handler blocks when its session has 256 requests
// under way (actors' maxInFlight) until one of them is answered. Nothing is
// heard from a peer whose Handle is blocked: after two Config.PingInterval
// the session is dropped (PingTimeout). Frames that are not requests never
// reach the Handler; the
// gateway answers them itself, in the dialect the frame or the session
// speaks (NKN once the session sent an NKN request or if the bad frame
// contains "Action"; ChainSQL otherwise):
//
//	not a JSON object, ChainSQL  {"error":"jsonInvalid","type":"error","value":"<the frame>"}
//	not a JSON object, NKN       {"Action":"","Desc":"ILLEGAL DATAFORMAT","Error":41003,"Result":"","Version":"1.0.0"}
//	no usable method, ChainSQL   {"error":"missingCommand","id":…,"request":{…masked…},"status":"error","type":"response"}
//	no usable method, NKN        {"Action":"","Desc":"INVALID METHOD","Error":42001,"Id":…,"Result":"","Version":"1.0.0"}
//
// A ChainSQL method is unusable if command or method is not a string or the
// two disagree (rippled's rule). Unknown method names are the Handler's to
// answer. A message over Config.MaxFrameBytes closes the session with code
// 1009 (FrameTooLarge) before it is read into memory whole.
//
// # Outbound frames
//
// Conn.Reply and Conn.Notify never block: they append the frame to the
// session's queue, which is capped in frames and bytes (Config.QueueFrames,
// Config.QueueBytes, counting frames taken by the writer until written). A
// notification that does not fit drops the oldest queued notifications
// (Stats.Dropped). A reply may push notifications out but is never dropped:
// if it does not fit even then, the session is a slow consumer and is
// dropped at once (SlowConsumer). Server.Broadcast is Notify to every
// session, with the frame built once by the caller and shared.
//
// Each accepted socket's kernel send buffer is set to Config.SendBuffer, so
// that a peer that stops reading backs up into its queue, where it is
// counted. A session whose unsent bytes exceed Config.SlowBytes, whose
// queue is at Config.QueueFrames, or that drops notifications, and that
// stays so for Config.SlowGrace, is dropped (SlowConsumer).
//
// The session's writer is the only goroutine writing to its socket. It
// starts when a frame (or a ping, a pong, the close) is queued and none
// runs, and returns when the queue is empty, deciding under the
// session's lock so that nothing queued is left without a writer. It is
// one of the server's pool writers while nothing would wait (each batch
// of up to 32 KiB goes out in one write that does not wait), and a
// goroutine of the session's own from the first write that would. It
// drains the queue in order. A write blocked for Config.WriteTimeout is
// cut by the write watch, one goroutine that looks at every session's
// current write each quarter of the timeout (no socket deadline, which
// costs a runtime timer per frame): a peer that stops reading costs its
// own writer one timeout, and no actor, broadcaster or other session ever
// waits for it. gws's own
// asynchronous write queue is not used, because it is unbounded.
//
// # Time
//
// One sweeper goroutine visits every session each Config.IdleCheck:
//
//   - a peer heard from by no frame and no pong for two Config.PingInterval
//     is dropped (PingTimeout); otherwise a ping is sent each interval;
//   - a session that never sent a ChainSQL command and has sent no
//     well-formed request for Config.IdleTimeout gets the NKN 41001 SESSION
//     EXPIRED frame and is closed with code 1000 (IdleExpired). Garbage and
//     method-less frames do not count as requests, as in NKN.
//
// Sessions that sent a ChainSQL command are exempt from idle expiry: rippled
// has none, and the ChainSQL JavaScript client keeps quiet subscriptions
// open for hours. This mirrors NKN's exemption of registered (setClient)
// sessions; such sessions are still dropped if they stop answering pings.
//
// These policies and the rate limiters read Config.Clock, so tests drive
// them with a fake clock; the write watch and the slow-consumer grace use
// the real clock.
//
// # Closing
//
// Every session ends exactly once, with the first CloseReason recorded,
// after which Handler.Closed is called, once, on the read goroutine. Reasons
// a peer or the network cause (ClientClosed, ReadError), the hard policy
// reasons (WriteTimeout, WriteError, PingTimeout, SlowConsumer) that drop
// the socket at once, and the graceful ones (IdleExpired, ServiceCeiling,
// FrameTooLarge, PolicyViolation, Shutdown, Flooding) that flush the queue
// and send a close frame. Reply and Notify after close do nothing. Stats.Closed counts
// closes by reason; CloseReason.String gives metric labels.
//
// # Envelopes
//
// ChainSQLResult, ChainSQLError and NKNReply build the two dialects'
// response frames; they are pure, and rpc/ builds its answers and
// notifications with them.
// Member order is sorted, as rippled's jsoncpp and NKN's map marshalling
// write it. ChainSQL error envelopes echo the request through MaskSecrets.
// Every frame is valid UTF-8, and an error frame that echoes a request or
// a frame is at most Config.MaxEchoBytes long: a longer echo is cut on a
// rune boundary and marked ("request_truncated":true,
// "value_truncated":true).
//
// # Secrets
//
// Requests are never logged: only method names, sizes, session numbers and
// addresses are. Echoed requests have passphrase, private_key, privateKey,
// secret, secret_key, seed, seed_hex and url_password masked at any depth.
//
// # Wiring
//
// A Backend forwards each request into a session actor's mailbox and lets
// the actor answer; a session may have a bounded number of requests under
// way, and Handle waits for a free slot past it:
//
//	type sessions struct{ system *actor.ActorSystem }
//
//	func (b sessions) Open(c *gateway.Conn) gateway.Handler {
//		slots := make(chan struct{}, 256)                    // the actor takes one back per answer
//		pid := b.system.Root.Spawn(newSessionActor(c, slots)) // the actor calls c.Reply
//		return sessionHandler{b.system, pid, slots}
//	}
//
//	func (h sessionHandler) Handle(req *gateway.Request) {
//		h.slots <- struct{}{} // blocks at 256 under way: TCP pushes back on this client
//		h.system.Root.Send(h.pid, req)
//	}
//	func (h sessionHandler) Closed(reason gateway.CloseReason) { h.system.Root.Send(h.pid, closed{reason}) }
//
//	srv := gateway.New(gateway.Config{Logger: logger}, sessions{system})
//	if err := srv.Start(ctx); err != nil { … }
//	defer srv.Shutdown(ctx)
//	srv.Broadcast(gateway.NKNReply("updateSigChainBlockHash", nil, 0, prevHash), nil)
package gateway
