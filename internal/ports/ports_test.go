package ports_test

import (
	"net"
	"strconv"
	"testing"

	"github.com/sqledger/sqledger/internal/ports"
)

func TestFreeRange(t *testing.T) {
	base, err := ports.FreeRange(40, 10)
	if err != nil {
		t.Fatal(err)
	}
	if base < 20000 || base%10 != 0 || base+40 > 65536 {
		t.Fatalf("base %d", base)
	}
	for p := base; p < base+40; p++ {
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			t.Fatalf("port %d of the range is taken: %v", p, err)
		}
		l.Close()
	}
}
