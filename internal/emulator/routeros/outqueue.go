package routeros

import (
	"container/heap"
	"net"
	"sync"
	"time"
)

// outQueue holds a session's encoded replies until they are due, and one
// writer goroutine sends them in due order (ties in arrival order). It is
// bounded: the session's reader waits for room (so a client that does not
// read its replies stops being read, and its commands stay in the socket
// buffers), while listeners, which push under the state lock and must never
// wait, drop the connection of a client that lets their output pile up.
type outQueue struct {
	c            net.Conn
	writeTimeout time.Duration
	trace        *tracer // nil: no trace
	conn         int     // the trace's connection number
	maxBytes     int     // <= 0: unbounded
	maxItems     int     // <= 0: unbounded

	mu    sync.Mutex
	items outHeap
	bytes int
	seq   uint64
	dead  bool // the connection failed or was closed: nothing more is sent

	kick     chan struct{} // cap 1: a new item was pushed
	space    chan struct{} // cap 1: an item left the queue
	stop     chan struct{} // closed by finish
	deadCh   chan struct{} // closed when dead becomes true
	done     chan struct{} // closed when the writer goroutine has returned
	drainDue bool          // set by finish: send what is due, then stop
	stopOnce sync.Once
}

type outItem struct {
	at   time.Time
	seq  uint64
	b    []byte
	sent chan struct{} // optional: closed once written (or dropped)
}

type outHeap []*outItem

func (h outHeap) Len() int { return len(h) }
func (h outHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].seq < h[j].seq
}
func (h outHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *outHeap) Push(x any)   { *h = append(*h, x.(*outItem)) }
func (h *outHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return it
}

func newOutQueue(c net.Conn, writeTimeout time.Duration, maxBytes, maxItems int) *outQueue {
	q := &outQueue{
		c: c, writeTimeout: writeTimeout, maxBytes: maxBytes, maxItems: maxItems,
		kick: make(chan struct{}, 1), space: make(chan struct{}, 1),
		stop: make(chan struct{}), deadCh: make(chan struct{}), done: make(chan struct{}),
	}
	go q.run()
	return q
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// full reports whether adding n bytes goes beyond factor times the bounds.
// An empty queue always takes one item, however large. The caller holds mu.
func (q *outQueue) full(n, factor int) bool {
	if len(q.items) == 0 {
		return false
	}
	return (q.maxBytes > 0 && q.bytes+n > factor*q.maxBytes) || (q.maxItems > 0 && len(q.items) >= factor*q.maxItems)
}

// push queues b to be sent at at. The session's reader waits while the
// queue is full (backpressure); pushes under the state lock (listeners,
// cancel) never wait, and drop the connection when the queue holds more
// than twice its bounds. It reports false when b will not be sent.
func (q *outQueue) push(b []byte, at time.Time, wait bool, sent chan struct{}) bool {
	q.mu.Lock()
	for wait && !q.dead && q.full(len(b), 1) {
		q.mu.Unlock()
		select {
		case <-q.space:
		case <-q.deadCh:
		}
		q.mu.Lock()
	}
	if !q.dead && !wait && q.full(len(b), 2) {
		q.killLocked() // a listener's client is not reading: RouterOS's reaction is unknown
	}
	if q.dead {
		q.mu.Unlock()
		if sent != nil {
			close(sent)
		}
		return false
	}
	q.seq++
	heap.Push(&q.items, &outItem{at: at, seq: q.seq, b: b, sent: sent})
	q.bytes += len(b)
	q.mu.Unlock()
	signal(q.kick)
	return true
}

// killLocked closes the connection and drops everything queued. The caller
// holds mu.
func (q *outQueue) killLocked() {
	if q.dead {
		return
	}
	q.dead = true
	close(q.deadCh)
	q.c.Close() // the session's reader then ends
	for _, it := range q.items {
		if it.sent != nil {
			close(it.sent)
		}
	}
	q.items, q.bytes = nil, 0
}

func (q *outQueue) kill() {
	q.mu.Lock()
	q.killLocked()
	q.mu.Unlock()
}

// finish stops the writer. With drainDue it first sends the replies that
// are already due (a knob drop keeps the replies a real router would have
// sent before it); later ones are dropped, as by a real connection drop.
// It waits for the writer goroutine to return.
func (q *outQueue) finish(drainDue bool) {
	q.stopOnce.Do(func() {
		q.mu.Lock()
		q.drainDue = drainDue
		q.mu.Unlock()
		close(q.stop)
	})
	<-q.done
}

func (q *outQueue) run() {
	defer close(q.done)
	defer q.kill() // nothing more is sent once the writer is gone
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		q.mu.Lock()
		if q.dead {
			q.mu.Unlock()
			return
		}
		select {
		case <-q.stop:
			if !q.drainDue || len(q.items) == 0 || time.Now().Before(q.items[0].at) {
				q.mu.Unlock()
				return
			}
		default:
			if len(q.items) == 0 {
				q.mu.Unlock()
				select {
				case <-q.kick:
				case <-q.stop:
				}
				continue
			}
			if wait := time.Until(q.items[0].at); wait > 0 {
				q.mu.Unlock()
				timer.Reset(wait)
				select {
				case <-q.kick:
				case <-timer.C:
				case <-q.stop:
				}
				if !timer.Stop() {
					select {
					case <-timer.C:
					default:
					}
				}
				continue
			}
		}
		head := heap.Pop(&q.items).(*outItem)
		q.mu.Unlock()

		if q.writeTimeout > 0 {
			_ = q.c.SetWriteDeadline(time.Now().Add(q.writeTimeout))
		}
		// traced before the write, so the trace never shows a reply after
		// a sentence the client could only send having read it
		q.trace.sent(q.conn, head.b)
		_, err := q.c.Write(head.b)
		if err != nil {
			q.trace.failed(q.conn, err)
		}
		if head.sent != nil {
			close(head.sent)
		}
		q.mu.Lock()
		if !q.dead {
			q.bytes -= len(head.b)
		}
		if err != nil {
			q.killLocked()
		}
		q.mu.Unlock()
		signal(q.space)
	}
}
