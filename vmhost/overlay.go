package vmhost

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/stateless"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/types/bal"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
)

// overlay is go-ethereum's vm.StateDB over a State: every read falls
// through to State once and is cached, every write lands in the overlay and
// is journalled so that a snapshot can be reverted. Nothing reaches State;
// Execute turns what is left at the end into Changes.
type overlay struct {
	st       State
	accounts map[common.Address]*account

	journal      []entry
	revisions    []revision
	nextRevision int

	refund    uint64
	logs      []*types.Log
	warmAddrs map[common.Address]struct{} // the access list (EIP-2929)
	warmSlots map[slotKey]struct{}
	transient map[slotKey]common.Hash

	fault error // the first host fault; Execute reports it
}

var _ vm.StateDB = (*overlay)(nil)

// account is one account as the execution sees it, and as State had it.
type account struct {
	origExists  bool
	origBalance uint64
	origNonce   uint64

	exists         bool
	created        bool // came into being in this execution: State's storage does not show through
	newContract    bool // a contract deployed in this execution (EIP-6780)
	selfDestructed bool
	balance        uint256.Int
	nonce          uint64

	codeLoaded bool
	codeSet    bool // code written in this execution
	hashed     bool // codeHash is keccak256(code)
	code       []byte
	codeHash   common.Hash

	storage map[common.Hash]common.Hash // slots written: current value
	origin  map[common.Hash]common.Hash // slots read from State
}

type slotKey struct {
	addr common.Address
	key  common.Hash
}

func newOverlay(st State) *overlay {
	return &overlay{
		st:        st,
		accounts:  make(map[common.Address]*account),
		journal:   make([]entry, 0, 16),
		warmAddrs: make(map[common.Address]struct{}, 16),
		warmSlots: make(map[slotKey]struct{}),
		transient: make(map[slotKey]common.Hash),
	}
}

// fail records the first host fault.
func (s *overlay) fail(err error) {
	if s.fault == nil {
		s.fault = fmt.Errorf("%w: %w", ErrHostFault, err)
	}
}

// load returns the overlay's account for addr, reading State the first time.
func (s *overlay) load(addr common.Address) *account {
	if a, ok := s.accounts[addr]; ok {
		return a
	}
	bal, nonce, exists := s.st.Account(addr)
	a := &account{
		origExists:  exists,
		origBalance: bal,
		origNonce:   nonce,
		exists:      exists,
		nonce:       nonce,
		storage:     make(map[common.Hash]common.Hash),
		origin:      make(map[common.Hash]common.Hash),
	}
	a.balance.SetUint64(bal)
	if !exists {
		a.codeLoaded = true
	}
	s.accounts[addr] = a
	return a
}

// live returns the account for a write, creating it if it does not exist
// (as geth's getOrNewStateObject does).
func (s *overlay) live(addr common.Address) *account {
	a := s.load(addr)
	if !a.exists {
		s.create(addr, a)
	}
	return a
}

// create brings a fresh, empty account into being at addr.
func (s *overlay) create(addr common.Address, a *account) {
	prev := *a
	s.journal = append(s.journal, entry{kind: entryCreate, addr: addr, prev: &prev})
	*a = account{
		origExists:  a.origExists,
		origBalance: a.origBalance,
		origNonce:   a.origNonce,
		exists:      true,
		created:     true,
		codeLoaded:  true,
		storage:     make(map[common.Hash]common.Hash),
		origin:      a.origin,
	}
}

// getCode returns the account's code, reading State the first time.
func (s *overlay) getCode(addr common.Address, a *account) []byte {
	if !a.codeLoaded {
		a.code = s.st.Code(addr)
		a.codeLoaded = true
	}
	return a.code
}

// empty is EIP-161's emptiness: no balance, no nonce, no code.
func (s *overlay) empty(addr common.Address, a *account) bool {
	return a.nonce == 0 && a.balance.IsZero() && len(s.getCode(addr, a)) == 0
}

func (s *overlay) CreateAccount(addr common.Address) {
	s.create(addr, s.load(addr))
}

func (s *overlay) CreateContract(addr common.Address) {
	a := s.live(addr)
	if !a.newContract {
		s.journal = append(s.journal, entry{kind: entryNewContract, addr: addr})
		a.newContract = true
	}
}

func (s *overlay) Exist(addr common.Address) bool { return s.load(addr).exists }

func (s *overlay) Empty(addr common.Address) bool {
	a := s.load(addr)
	return !a.exists || s.empty(addr, a)
}

func (s *overlay) Touch(addr common.Address) { s.load(addr) }

func (s *overlay) IsNewContract(addr common.Address) bool { return s.load(addr).newContract }

func (s *overlay) GetBalance(addr common.Address) *uint256.Int {
	return new(uint256.Int).Set(&s.load(addr).balance)
}

func (s *overlay) setBalance(addr common.Address, a *account, v *uint256.Int) {
	s.journal = append(s.journal, entry{kind: entryBalance, addr: addr, prevHash: a.balance.Bytes32()})
	a.balance = *v
}

func (s *overlay) AddBalance(addr common.Address, amount *uint256.Int, _ tracing.BalanceChangeReason) uint256.Int {
	a := s.live(addr)
	prev := a.balance
	if amount.IsZero() {
		if s.empty(addr, a) {
			s.journal = append(s.journal, entry{kind: entryTouch, addr: addr})
		}
		return prev
	}
	s.setBalance(addr, a, new(uint256.Int).Add(&prev, amount))
	return prev
}

func (s *overlay) SubBalance(addr common.Address, amount *uint256.Int, _ tracing.BalanceChangeReason) uint256.Int {
	a := s.live(addr)
	prev := a.balance
	if amount.IsZero() {
		return prev
	}
	s.setBalance(addr, a, new(uint256.Int).Sub(&prev, amount))
	return prev
}

func (s *overlay) GetNonce(addr common.Address) uint64 { return s.load(addr).nonce }

func (s *overlay) SetNonce(addr common.Address, nonce uint64, _ tracing.NonceChangeReason) {
	a := s.live(addr)
	s.journal = append(s.journal, entry{kind: entryNonce, addr: addr, prevU64: a.nonce})
	a.nonce = nonce
}

func (s *overlay) GetCode(addr common.Address) []byte {
	return s.getCode(addr, s.load(addr))
}

func (s *overlay) GetCodeSize(addr common.Address) int { return len(s.GetCode(addr)) }

// GetCodeHash is keccak256 of the code (EXTCODEHASH), the empty-code hash
// for an account without code, and zero for one that does not exist.
func (s *overlay) GetCodeHash(addr common.Address) common.Hash {
	a := s.load(addr)
	if !a.exists {
		return common.Hash{}
	}
	if !a.hashed {
		code := s.getCode(addr, a)
		if len(code) == 0 {
			a.codeHash = types.EmptyCodeHash
		} else {
			a.codeHash = crypto.Keccak256Hash(code)
		}
		a.hashed = true
	}
	return a.codeHash
}

func (s *overlay) SetCode(addr common.Address, code []byte, _ tracing.CodeChangeReason) []byte {
	a := s.live(addr)
	prev := s.getCode(addr, a)
	before := *a
	s.journal = append(s.journal, entry{kind: entryCode, addr: addr, prev: &before})
	a.code, a.codeSet, a.hashed = code, true, false
	return prev
}

func (s *overlay) SelfDestruct(addr common.Address) {
	a := s.load(addr)
	if !a.exists || a.selfDestructed {
		return
	}
	s.journal = append(s.journal, entry{kind: entrySelfDestruct, addr: addr})
	a.selfDestructed = true
}

func (s *overlay) HasSelfDestructed(addr common.Address) bool {
	return s.load(addr).selfDestructed
}

func (s *overlay) AddRefund(gas uint64) {
	s.journal = append(s.journal, entry{kind: entryRefund, prevU64: s.refund})
	s.refund += gas
}

func (s *overlay) SubRefund(gas uint64) {
	if gas > s.refund {
		s.fail(fmt.Errorf("refund counter below zero (%d > %d)", gas, s.refund))
		return
	}
	s.journal = append(s.journal, entry{kind: entryRefund, prevU64: s.refund})
	s.refund -= gas
}

func (s *overlay) GetRefund() uint64 { return s.refund }

func (s *overlay) AddLog(l *types.Log) {
	s.journal = append(s.journal, entry{kind: entryLog})
	s.logs = append(s.logs, l)
}

// The rest of vm.StateDB serves features vmhost does not run: preimage
// recording, stateless witnesses, verkle access events and block-level
// access lists.

func (s *overlay) AddPreimage(common.Hash, []byte)                        {}
func (s *overlay) Witness() *stateless.Witness                            { return nil }
func (s *overlay) AccessEvents() *state.AccessEvents                      { return nil }
func (s *overlay) SetTxContext(common.Hash, int, uint32)                  {}
func (s *overlay) Finalise(params.Rules) *bal.ConstructionBlockAccessList { return nil }
