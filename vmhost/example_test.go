package vmhost_test

import (
	"encoding/hex"
	"fmt"

	"github.com/sqledger/sqledger/vmhost"
)

// ledger is the smallest State: accounts and storage in maps, with the
// Changes of each execution written back.
type ledger struct {
	accounts map[[20]byte]*account
	storage  map[[20]byte]map[[32]byte][32]byte
}

type account struct {
	balance, nonce uint64
	code           []byte
}

func (l *ledger) Account(a [20]byte) (uint64, uint64, bool) {
	if acct, ok := l.accounts[a]; ok {
		return acct.balance, acct.nonce, true
	}
	return 0, 0, false
}

func (l *ledger) Code(a [20]byte) []byte {
	if acct, ok := l.accounts[a]; ok {
		return acct.code
	}
	return nil
}

func (l *ledger) Storage(a [20]byte, k [32]byte) [32]byte { return l.storage[a][k] }

func (l *ledger) apply(c vmhost.Changes) {
	for _, a := range c.Accounts {
		if a.Deleted {
			delete(l.accounts, a.Address)
			delete(l.storage, a.Address)
			continue
		}
		acct := l.accounts[a.Address]
		if acct == nil {
			acct = &account{}
			l.accounts[a.Address] = acct
		}
		acct.balance, acct.nonce = a.Balance, a.Nonce
		if a.Code != nil {
			acct.code = a.Code
		}
	}
	for _, s := range c.Storage {
		if l.storage[s.Address] == nil {
			l.storage[s.Address] = make(map[[32]byte][32]byte)
		}
		l.storage[s.Address][s.Key] = s.Value
	}
}

// Deploy a counter, then call it: each call adds one to slot 0.
func Example() {
	owner := [20]byte{0: 0xa1}
	counter := [20]byte{0: 0xc0} // the ledger derives it from owner and the Sequence
	l := &ledger{
		accounts: map[[20]byte]*account{owner: {balance: 1_000_000_000, nonce: 7}},
		storage:  map[[20]byte]map[[32]byte][32]byte{},
	}
	blk := vmhost.Block{Number: 2, Time: 1_700_000_000, GasLimit: 210000}
	cfg := vmhost.Config{ChainID: 1}

	// Init code that returns the runtime
	// PUSH0 SLOAD PUSH1 1 ADD PUSH0 SSTORE STOP.
	initcode, _ := hex.DecodeString("60088061000a5f395ff3" + "5f546001015f5500")
	res, err := vmhost.Execute(l, vmhost.Message{
		Caller: owner, Create: counter, Data: initcode, Gas: 100_000, GasPrice: 10,
	}, blk, cfg)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.GasUsed, hex.EncodeToString(res.Return))
	l.apply(res.Changes)

	for range 2 {
		res, err = vmhost.Execute(l, vmhost.Message{
			Caller: owner, To: &counter, Gas: 100_000, GasPrice: 10,
		}, blk, cfg)
		if err != nil {
			panic(err)
		}
		s := res.Changes.Storage[0]
		fmt.Println(res.Status, res.GasUsed, s.Key[31], s.Value[31])
		l.apply(res.Changes)
	}
	// Output:
	// Success 54888 5f546001015f5500
	// Success 43110 0 1
	// Success 26010 0 2
}

func ExampleDecodeRevert() {
	// What require(false, "no") leaves: Error("no").
	data, _ := hex.DecodeString("08c379a0" +
		"0000000000000000000000000000000000000000000000000000000000000020" +
		"0000000000000000000000000000000000000000000000000000000000000002" +
		"6e6f000000000000000000000000000000000000000000000000000000000000")
	fmt.Println(vmhost.DecodeRevert(data))
	// Output: no
}
