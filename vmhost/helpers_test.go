package vmhost

import (
	"encoding/hex"
	"testing"

	"github.com/holiman/uint256"
)

// Addresses of the tests: a user who pays, and spare addresses.
var (
	alice = addr(0xa1)
	bob   = addr(0xb0)
	carol = addr(0xc0)
)

// addr is an address whose last byte is b.
func addr(b byte) [20]byte {
	var a [20]byte
	a[0], a[19] = 0x5e, b
	return a
}

// word is v as a 32-byte big-endian storage word.
func word(v uint64) [32]byte {
	return uint256.NewInt(v).Bytes32()
}

// addrWord is an address as a 32-byte word (left-padded).
func addrWord(a [20]byte) [32]byte {
	var w [32]byte
	copy(w[12:], a[:])
	return w
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// testBlock is the ledger every test runs in unless it says otherwise.
var testBlock = Block{Number: 100, Time: 1_700_000_000, GasLimit: 210000}

// mustExecute runs a message and fails the test on a host fault.
func mustExecute(t testing.TB, st State, msg Message) *Result {
	t.Helper()
	res, err := Execute(st, msg, testBlock, Config{ChainID: 1})
	if err != nil {
		t.Fatalf("Execute: %v", err)
	}
	return res
}

// call is a transaction message to a contract with a generous gas limit.
func call(from, to [20]byte, data []byte) Message {
	return Message{Caller: from, To: &to, Data: data, Gas: 1_000_000, GasPrice: 10}
}

// create is a deploy message.
func create(from, at [20]byte, code []byte) Message {
	return Message{Caller: from, Create: at, Data: code, Gas: 3_000_000, GasPrice: 10}
}

func mustStatus(t testing.TB, res *Result, want Status) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("status %v, want %v (err %v, reason %q)", res.Status, want, res.Err, res.RevertReason)
	}
}
