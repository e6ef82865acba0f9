package projections

import (
	"strconv"
	"strings"
)

// rebind returns query with every "?" placeholder written as PostgreSQL's
// "$1", "$2", … in order. A "?" inside a string literal (standard '…',
// escape E'…', dollar-quoted $tag$…$tag$), a quoted identifier or a
// comment (-- and nested /* */) is left alone, as PostgreSQL's lexer
// reads them; a query without "?" is returned as it is.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n, last := 0, 0
	for i := 0; i < len(query); {
		if query[i] == '?' {
			n++
			b.WriteString(query[last:i])
			b.WriteString("$" + strconv.Itoa(n))
			i++
			last = i
			continue
		}
		i = skipLexeme(query, i)
	}
	b.WriteString(query[last:])
	return b.String()
}

// skipLexeme returns where the literal, quoted identifier or comment
// starting at q[i] ends, or i+1 if none starts there.
func skipLexeme(q string, i int) int {
	switch c := q[i]; {
	case c == '\'':
		escapes := i > 0 && (q[i-1] == 'E' || q[i-1] == 'e') && (i < 2 || !isPGIdentByte(q[i-2]))
		return quotedEnd(q, i, '\'', escapes)
	case c == '"':
		return quotedEnd(q, i, '"', false)
	case c == '-' && strings.HasPrefix(q[i:], "--"):
		if j := strings.IndexByte(q[i:], '\n'); j >= 0 {
			return i + j + 1
		}
		return len(q)
	case c == '/' && strings.HasPrefix(q[i:], "/*"):
		return commentEnd(q, i)
	case c == '$':
		return dollarEnd(q, i)
	case isPGIdentByte(c):
		// A whole word, so that a "$" or "E'" inside it is read as
		// PostgreSQL reads it (part of the identifier).
		j := i + 1
		for j < len(q) && (isPGIdentByte(q[j]) || q[j] == '$') {
			j++
		}
		if j < len(q) && q[j] == '\'' && j == i+1 && (c == 'E' || c == 'e') {
			return j // the quote is an escape string's: read next
		}
		return j
	}
	return i + 1
}

// quotedEnd returns the end of a quoted run starting at q[i]: a doubled
// quote stands for itself, and with escapes a backslash escapes the next
// byte. An unterminated run ends the text.
func quotedEnd(q string, i int, quote byte, escapes bool) int {
	for j := i + 1; j < len(q); j++ {
		switch q[j] {
		case '\\':
			if escapes {
				j++
			}
		case quote:
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

// commentEnd returns the end of a /* */ comment starting at q[i];
// PostgreSQL's comments nest.
func commentEnd(q string, i int) int {
	depth := 0
	for j := i; j+1 < len(q); j++ {
		switch {
		case q[j] == '/' && q[j+1] == '*':
			depth++
			j++
		case q[j] == '*' && q[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(q)
}

// dollarEnd returns the end of a dollar-quoted string ($$…$$ or
// $tag$…$tag$) starting at q[i], or i+1 if the "$" starts none (a
// parameter such as $1).
func dollarEnd(q string, i int) int {
	j := i + 1
	if j < len(q) && q[j] >= '0' && q[j] <= '9' {
		return i + 1
	}
	for j < len(q) && isPGIdentByte(q[j]) {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	if k := strings.Index(q[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag)
	}
	return len(q)
}

// isPGIdentByte reports whether c can be part of an unquoted PostgreSQL
// identifier (letters, digits, "_" and any byte of a multibyte UTF-8
// character); "$" can too, but not first.
func isPGIdentByte(c byte) bool {
	return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
