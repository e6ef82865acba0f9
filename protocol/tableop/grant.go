package tableop

import "github.com/sqledger/sqledger/protocol/tx"

// Table permission flags (ChainSQL's TableRoleFlags).
const (
	PermSelect  uint32 = 0x00010000
	PermInsert  uint32 = 0x00020000
	PermUpdate  uint32 = 0x00040000
	PermDelete  uint32 = 0x00080000
	PermExecute uint32 = 0x00100000
	// PermAll is what a table's owner holds.
	PermAll = PermSelect | PermInsert | PermUpdate | PermDelete | PermExecute
)

// RequiredPerm is the permission a statement's operation needs: insert,
// update or delete, and select for an assert.
func RequiredPerm(op tx.OpType) uint32 {
	switch op {
	case tx.OpInsert:
		return PermInsert
	case tx.OpUpdate:
		return PermUpdate
	case tx.OpDelete:
		return PermDelete
	}
	return PermSelect
}

// grantFlag is the flag a grant Raw's key names.
func grantFlag(key string) (uint32, bool) {
	switch key {
	case "select":
		return PermSelect, true
	case "insert":
		return PermInsert, true
	case "update":
		return PermUpdate, true
	case "delete":
		return PermDelete, true
	case "execute":
		return PermExecute, true
	}
	return 0, false
}

// parseGrant reads a grant Raw, [{"select":true,"insert":false,…}], into
// the flags it sets and clears: true sets, false (or null) clears, a
// later object overrides an earlier one. objs and err are the Raw read as
// an array of objects.
func parseGrant(objs []Value, err *Error) (set, clear uint32, _ *Error) {
	if err != nil || len(objs) == 0 {
		return 0, 0, errorf("grant Raw must be [{\"select\":true,…}]")
	}
	for _, obj := range objs {
		for _, m := range obj.obj {
			f, ok := grantFlag(m.Key)
			if !ok || m.Value.kind != Bool && m.Value.kind != Null {
				return 0, 0, errorf("grant key %s is not support", m.Key)
			}
			if m.Value.b {
				set |= f
				clear &^= f
			} else {
				clear |= f
				set &^= f
			}
		}
	}
	return set, clear, nil
}
