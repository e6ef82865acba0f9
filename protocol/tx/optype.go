package tx

// OpType is the operation of a table transaction (ChainSQL's
// TableDefines.h), carried in the OpType field.
type OpType uint16

// ChainSQL's operation types.
const (
	OpCommon       OpType = 0
	OpCreate       OpType = 1
	OpDrop         OpType = 2
	OpRename       OpType = 3
	OpAssign       OpType = 4 // legacy
	OpCancelAssign OpType = 5 // legacy
	OpInsert       OpType = 6
	OpGet          OpType = 7 // queries only
	OpUpdate       OpType = 8
	OpDelete       OpType = 9
	OpAssert       OpType = 10
	OpGrant        OpType = 11
	OpRecreate     OpType = 12
	OpReport       OpType = 13 // cross-chain
	OpAddFields    OpType = 14
	OpDeleteFields OpType = 15
	OpModifyFields OpType = 16
	OpCreateIndex  OpType = 17
	OpDeleteIndex  OpType = 18
)

// IsTableListSet reports whether op belongs to TableListSet
// (isTableListSetOpType: 1–5 and 11–18).
func (op OpType) IsTableListSet() bool {
	return (op >= OpCreate && op <= OpCancelAssign) || (op >= OpGrant && op <= OpDeleteIndex)
}

// IsSQLStatement reports whether op belongs to SQLStatement (6, 8, 9, 10).
func (op OpType) IsSQLStatement() bool {
	return op == OpInsert || op == OpUpdate || op == OpDelete || op == OpAssert
}

// IsStrictMode reports whether strict mode (TxCheckHash) applies to op
// (isStrictModeOpType: 1, 6, 8, 9, 12).
func (op OpType) IsStrictMode() bool {
	switch op {
	case OpCreate, OpInsert, OpUpdate, OpDelete, OpRecreate:
		return true
	}
	return false
}

// Contract operation types (ContractOpType).
const (
	ContractCreate uint16 = 1
	ContractCall   uint16 = 2
	ContractQuery  uint16 = 3 // read-only calls; never in a transaction
)
