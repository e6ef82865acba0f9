package gateway

// CloseReason says why a session ended. Every session ends with exactly one
// reason, the first one recorded; the reasons double as metric labels
// (String) and index Stats.Closed.
type CloseReason uint8

// The close reasons. The WebSocket close code the server sends, if any, is
// given in brackets; "hard" reasons drop the socket at once without a close
// frame, because the peer is not reading or not answering.
const (
	// ClientClosed: the peer sent a close frame [its code, echoed].
	ClientClosed CloseReason = iota + 1
	// ReadError: the connection failed while reading (reset, EOF without a
	// close frame, a WebSocket protocol violation) [hard].
	ReadError
	// WriteError: a write failed for a reason other than its deadline [hard].
	WriteError
	// WriteTimeout: a frame could not be written within Config.WriteTimeout
	// [hard].
	WriteTimeout
	// PingTimeout: nothing, not even a pong, was heard from the peer for two
	// ping intervals [hard].
	PingTimeout
	// SlowConsumer: a reply did not fit in the session's outbound queue, or
	// the session stayed over Config.SlowBytes (or dropped notifications)
	// for longer than Config.SlowGrace [hard].
	SlowConsumer
	// IdleExpired: no well-formed request within Config.IdleTimeout; the NKN
	// 41001 SESSION EXPIRED frame is sent first [1000].
	IdleExpired
	// ServiceCeiling: the server already holds Config.MaxSessions sessions,
	// or the Backend declined the session; the NKN 41002 SERVICE CEILING
	// frame is sent first [1013].
	ServiceCeiling
	// FrameTooLarge: an inbound message exceeded Config.MaxFrameBytes [1009].
	FrameTooLarge
	// PolicyViolation: the Handler closed the session (abuse, resource
	// charges, an unrecoverable session error) [1008].
	PolicyViolation
	// Shutdown: the server is shutting down [1001].
	Shutdown
	// Flooding: the session went on sending frames past its inbound rate
	// limits (Config.FrameRate, Config.AddrFrameRate) after more than
	// Config.FrameStrikes slowDown errors; those errors are flushed
	// first [1008].
	Flooding

	closeReasonEnd
)

// NumCloseReasons is the length of Stats.Closed: one slot per reason, slot 0
// unused.
const NumCloseReasons = int(closeReasonEnd)

var reasonNames = [...]string{
	0:               "unknown",
	ClientClosed:    "client_closed",
	ReadError:       "read_error",
	WriteError:      "write_error",
	WriteTimeout:    "write_timeout",
	PingTimeout:     "ping_timeout",
	SlowConsumer:    "slow_consumer",
	IdleExpired:     "idle_expired",
	ServiceCeiling:  "service_ceiling",
	FrameTooLarge:   "frame_too_large",
	PolicyViolation: "policy_violation",
	Shutdown:        "shutdown",
	Flooding:        "flooding",
}

// String returns the reason as a snake_case metric label.
func (r CloseReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return reasonNames[0]
}

// WebSocket close codes (RFC 6455 §7.4.1) sent for server-initiated closes.
const (
	closeNormal        uint16 = 1000
	closeGoingAway     uint16 = 1001
	closePolicy        uint16 = 1008
	closeTooLarge      uint16 = 1009
	closeTryAgainLater uint16 = 1013
)

// hard reports whether the socket is dropped at once, without flushing the
// queue or sending a close frame.
func (r CloseReason) hard() bool {
	switch r {
	case ReadError, WriteError, WriteTimeout, PingTimeout, SlowConsumer:
		return true
	}
	return false
}

// closeCode is the WebSocket close code sent when the server closes a
// session gracefully for this reason.
func (r CloseReason) closeCode() uint16 {
	switch r {
	case IdleExpired:
		return closeNormal
	case ServiceCeiling:
		return closeTryAgainLater
	case FrameTooLarge:
		return closeTooLarge
	case Shutdown:
		return closeGoingAway
	default:
		return closePolicy
	}
}
