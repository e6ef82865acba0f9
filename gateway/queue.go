package gateway

// ring is a growable FIFO of frames.
type ring struct {
	buf  []queued
	head int
	n    int
}

// queued is one outbound frame and its place in the session's send order.
type queued struct {
	frame []byte
	seq   uint64
}

func (r *ring) push(q queued) {
	if r.n == len(r.buf) {
		grown := make([]queued, max(2*len(r.buf), 8))
		for i := range r.n {
			grown[i] = r.buf[(r.head+i)%len(r.buf)]
		}
		r.buf, r.head = grown, 0
	}
	r.buf[(r.head+r.n)%len(r.buf)] = q
	r.n++
}

func (r *ring) front() (queued, bool) {
	if r.n == 0 {
		return queued{}, false
	}
	return r.buf[r.head], true
}

func (r *ring) pop() (queued, bool) {
	q, ok := r.front()
	if ok {
		r.buf[r.head] = queued{}
		r.head = (r.head + 1) % len(r.buf)
		r.n--
	}
	return q, ok
}

// outQueue is a session's bounded outbound queue: replies and notifications
// in one send order, capped together in frames and bytes. Frames taken by
// the writer count against the caps until the writer releases them, so the
// caps bound everything accepted and not yet written. When a frame does
// not fit, the oldest queued notifications are dropped to make room; a
// notification that still does not fit is dropped itself, a reply that
// still does not fit makes the session a slow consumer. Replies are never
// dropped. The caller synchronises.
type outQueue struct {
	replies, notes      ring
	seq                 uint64
	frames, bytes       int
	maxFrames, maxBytes int
}

func newOutQueue(maxFrames, maxBytes int) outQueue {
	return outQueue{maxFrames: maxFrames, maxBytes: maxBytes}
}

// fits reports whether n more bytes in one more frame stay within the caps.
func (q *outQueue) fits(n int) bool {
	return q.frames+1 <= q.maxFrames && q.bytes+n <= q.maxBytes
}

// makeRoom drops the oldest notifications until a frame of n bytes fits or
// none is left; it returns how many it dropped and whether the frame fits.
func (q *outQueue) makeRoom(n int) (dropped int, ok bool) {
	for !q.fits(n) {
		old, found := q.notes.pop()
		if !found {
			return dropped, false
		}
		q.frames--
		q.bytes -= len(old.frame)
		dropped++
	}
	return dropped, true
}

func (q *outQueue) add(r *ring, frame []byte) {
	q.seq++
	r.push(queued{frame: frame, seq: q.seq})
	q.frames++
	q.bytes += len(frame)
}

// pushReply queues a reply. ok is false if it cannot fit even with every
// notification dropped; the queue is then unchanged but for those drops.
func (q *outQueue) pushReply(frame []byte) (dropped int, ok bool) {
	if dropped, ok = q.makeRoom(len(frame)); ok {
		q.add(&q.replies, frame)
	}
	return dropped, ok
}

// pushNote queues a notification, dropping older ones (or, if replies fill
// the queue, this one) to respect the caps. It returns how many
// notifications were dropped, this one included.
func (q *outQueue) pushNote(frame []byte) (dropped int) {
	dropped, ok := q.makeRoom(len(frame))
	if !ok {
		return dropped + 1
	}
	q.add(&q.notes, frame)
	return dropped
}

// take appends every queued frame to dst in send order and empties the
// queue; the frames still count against the caps until released.
func (q *outQueue) take(dst [][]byte) [][]byte {
	for {
		r, rOK := q.replies.front()
		n, nOK := q.notes.front()
		switch {
		case rOK && (!nOK || r.seq < n.seq):
			q.replies.pop()
			dst = append(dst, r.frame)
		case nOK:
			q.notes.pop()
			dst = append(dst, n.frame)
		default:
			return dst
		}
	}
}

// pending reports whether frames wait to be taken.
func (q *outQueue) pending() bool { return q.replies.n > 0 || q.notes.n > 0 }

// release uncounts one taken frame of n bytes once it is written.
func (q *outQueue) release(n int) {
	q.frames--
	q.bytes -= n
}

// reset drops everything queued and forgets taken frames.
func (q *outQueue) reset() {
	*q = newOutQueue(q.maxFrames, q.maxBytes)
}
