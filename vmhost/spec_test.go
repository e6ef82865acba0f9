package vmhost

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
)

// The contract of the ChainSQL WebSocket API document's contract examples
// (shared/spec/chainsql-websocket-api.zh.md, "部署合约", line 1198): a
// solc 0.4-era build of
//
//	contract Name { string public name; function getName() view returns (string) { return name; }
//	                function setName(string n) { name = n; } }
//
// with name() 06fdde03, getName() 17d7de7c and setName(string) c47f0027,
// none of them payable. Its init code copies 0x3af bytes of runtime from
// offset 0x13 and returns them.
func nameContract(t testing.TB) (initcode, runtime []byte) {
	t.Helper()
	text, err := os.ReadFile("testdata/name_contract.hex")
	if err != nil {
		t.Fatal(err)
	}
	initcode = unhex(t, strings.TrimSpace(string(text)))
	return initcode, initcode[0x13 : 0x13+0x3af]
}

// setNameWawa is the document's call example (line 1213, "调用合约"):
// setName("wawa").
const setNameWawa = "c47f0027" +
	"0000000000000000000000000000000000000000000000000000000000000020" +
	"0000000000000000000000000000000000000000000000000000000000000004" +
	"7761776100000000000000000000000000000000000000000000000000000000"

// The document's query example (line 1640): getName().
const getNameSelector = "17d7de7c"

func TestSpecNameContract(t *testing.T) {
	initcode, runtime := nameContract(t)
	contract := addr(0xcc)
	st := newMemState().put(alice, 1_000_000_000, 5, nil)

	// Deploy with ContractValue 1 and Gas 3000000, as the document does.
	msg := create(alice, contract, initcode)
	msg.Value = 1
	res := mustExecute(t, st, msg)
	mustStatus(t, res, Success)
	if !bytes.Equal(res.Return, runtime) {
		t.Fatalf("deployed code is %d bytes, want the %d-byte runtime", len(res.Return), len(runtime))
	}
	wantDeploy := Changes{Accounts: []AccountChange{
		{Address: alice, Balance: 1_000_000_000 - 1, Nonce: 5},
		{Address: contract, Created: true, Balance: 1, Nonce: 1, Code: runtime},
	}}
	checkChanges(t, res.Changes, wantDeploy)
	if res.Logs != nil {
		t.Fatalf("deploy logged %v", res.Logs)
	}
	st.applyChanges(t, res.Changes)

	// setName("wawa") with the document's call data and Gas 30000000.
	setMsg := call(alice, contract, unhex(t, setNameWawa))
	setMsg.Gas = 30_000_000
	res = mustExecute(t, st, setMsg)
	mustStatus(t, res, Success)
	// Solidity keeps a short string in its slot: the bytes, left-aligned,
	// and twice the length in the last byte.
	var wawaSlot [32]byte
	copy(wawaSlot[:], "wawa")
	wawaSlot[31] = 2 * 4
	checkChanges(t, res.Changes, Changes{Storage: []StorageChange{{Address: contract, Key: word(0), Value: wawaSlot}}})
	st.applyChanges(t, res.Changes)

	// getName() and name() as contract_call runs them.
	stringType, err := abi.NewType("string", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantReturn, err := abi.Arguments{{Type: stringType}}.Pack("wawa")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wantReturn, unhex(t, setNameWawa[8:])) {
		t.Fatal("abi encoding of \"wawa\" differs from the document's call data")
	}
	for _, selector := range []string{getNameSelector, "06fdde03"} {
		q := call(bob, contract, unhex(t, selector))
		q.ReadOnly, q.GasPrice = true, 0
		res = mustExecute(t, st, q)
		mustStatus(t, res, Success)
		if !bytes.Equal(res.Return, wantReturn) {
			t.Fatalf("%s returned %x, want %x", selector, res.Return, wantReturn)
		}
		if !res.Changes.Empty() || res.Logs != nil {
			t.Fatalf("read-only call has changes %+v, logs %v", res.Changes, res.Logs)
		}
	}

	// The functions are not payable: value makes them revert, without a
	// reason, returning the unused gas.
	setMsg.Value = 5
	res = mustExecute(t, st, setMsg)
	mustStatus(t, res, Revert)
	if res.RevertReason != "" || len(res.Return) != 0 || !res.Changes.Empty() {
		t.Fatalf("non-payable revert: reason %q, return %x, changes %+v", res.RevertReason, res.Return, res.Changes)
	}
	if res.GasUsed >= setMsg.Gas/100 {
		t.Fatalf("revert used %d of %d gas", res.GasUsed, setMsg.Gas)
	}
}

// The deploy that the published JavaScript library signed in
// shared/vectors/chainsql-lib-signed.json ("Contract deploy"): a 31-byte
// fragment of a solc 0.5 constructor, which rejects value
// (CALLVALUE ISZERO JUMPI … REVERT) and otherwise returns 0xC7 bytes
// copied from beyond its own end, that is zeros.
func TestLibrarySignedDeployFragment(t *testing.T) {
	fragment := unhex(t, "608060405234801561001057600080FD5B5060C78061001F6000396000F3FE")
	tests := []struct {
		name   string
		value  uint64
		status Status
		ret    []byte
	}{
		{"ContractValue 1000000 as signed", 1_000_000, Revert, nil},
		{"no value", 0, Success, make([]byte, 0xC7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemState().put(alice, 10_000_000, 19, nil)
			msg := create(alice, addr(0xdd), fragment)
			msg.Value = tt.value
			res := mustExecute(t, st, msg)
			mustStatus(t, res, tt.status)
			if !bytes.Equal(res.Return, tt.ret) {
				t.Fatalf("return %x, want %x", res.Return, tt.ret)
			}
		})
	}
}
