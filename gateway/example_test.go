package gateway_test

import (
	"context"
	"fmt"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/gateway"
)

// heightBackend answers NKN getlatestblockheight; a real Backend forwards
// each request to a session actor instead of answering inline.
type heightBackend struct{}

func (heightBackend) Open(c *gateway.Conn) gateway.Handler { return heightHandler{c} }

type heightHandler struct{ c *gateway.Conn }

func (h heightHandler) Handle(req *gateway.Request) {
	if req.Dialect == gateway.NKN && req.Method == "getlatestblockheight" {
		h.c.Reply(gateway.NKNReply(req.Method, req.ID, 0, 660))
		return
	}
	h.c.Reply(gateway.NKNReply("", req.ID, 42001, ""))
}

func (heightHandler) Closed(gateway.CloseReason) {}

// printer is a WebSocket client that prints one frame.
type printer struct {
	gws.BuiltinEventHandler
	done chan struct{}
}

func (p printer) OnMessage(_ *gws.Conn, msg *gws.Message) {
	fmt.Println(msg.Data.String())
	close(p.done)
}

func Example() {
	srv := gateway.New(gateway.Config{Listen: []string{"127.0.0.1:0"}}, heightBackend{})
	if err := srv.Start(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Shutdown(context.Background())

	p := printer{done: make(chan struct{})}
	ws, _, err := gws.NewClient(p, &gws.ClientOption{Addr: "ws://" + srv.Addrs()[0].String()})
	if err != nil {
		fmt.Println(err)
		return
	}
	go ws.ReadLoop()
	_ = ws.WriteString(`{"Action":"getlatestblockheight"}`)
	<-p.done
	// Output: {"Action":"getlatestblockheight","Desc":"SUCCESS","Error":0,"Result":660,"Version":"1.0.0"}
}
