package tableop

// MaxIdentLen is the longest column, index or alias name.
const MaxIdentLen = 64

// IsIdent reports whether name is what a column, index or alias name
// must look like: ^[A-Za-z_][A-Za-z0-9_]{0,63}$, an ASCII letter or
// underscore, then letters, digits and underscores. chainsqld rejects
// names with "special characters"; this is the strict form of that rule.
func IsIdent(name string) bool {
	if name == "" || len(name) > MaxIdentLen || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !IsIdentByte(name[i]) {
			return false
		}
	}
	return true
}

// IsIdentByte reports whether c may appear in an identifier.
func IsIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
