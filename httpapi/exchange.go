package httpapi

// exchangeIDBase is the first Exchange ID: the top half of the ID
// space, which the gateway's session numbers (counting from 1) never
// reach, so that the node's per-session bookkeeping, keyed by ID, never
// confuses an HTTP request with a WebSocket session.
const exchangeIDBase = 1 << 63

// Exchange is one HTTP request as a session's connection: the session
// answers through Reply, once; the request waits for that answer. Its
// methods are safe for concurrent use and never block.
type Exchange struct {
	id    uint64
	admin bool
	reply chan []byte
}

func newExchange(id uint64, admin bool) *Exchange {
	return &Exchange{id: exchangeIDBase | id, admin: admin, reply: make(chan []byte, 1)}
}

// ID is the exchange's number, unique within the Server's lifetime and
// disjoint from the gateway's session numbers.
func (e *Exchange) ID() uint64 { return e.id }

// SessionID is empty: an HTTP request is no session (NKN's heartbeat
// names WebSocket sessions only).
func (e *Exchange) SessionID() string { return "" }

// IsAdmin reports whether the request came from Config.AdminNets.
func (e *Exchange) IsAdmin() bool { return e.admin }

// Reply delivers the answer; any frame after the first is dropped.
func (e *Exchange) Reply(frame []byte) {
	select {
	case e.reply <- frame:
	default:
	}
}

// Notify drops the frame: HTTP carries no notifications (subscriptions
// are WebSocket-only).
func (e *Exchange) Notify([]byte) {}
