package gateway

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// DefaultMaxEchoBytes is Config.MaxEchoBytes's default: 64 KiB.
const DefaultMaxEchoBytes = 64 << 10

// The members that mark an echo cut short, with the comma before them.
const (
	requestMember          = `,"request":`
	requestTruncatedMember = `,"request_truncated":true`
	valueTruncatedMember   = `,"value_truncated":true`
)

// echoLimit returns limit, or DefaultMaxEchoBytes for zero or less.
func echoLimit(limit int) int {
	if limit <= 0 {
		return DefaultMaxEchoBytes
	}
	return limit
}

// cleanJSON returns raw, which must be valid JSON, in valid UTF-8: raw
// itself when it is, else re-encoded with each invalid byte replaced by
// U+FFFD, as encoding/json decodes them. It returns nil if raw is not
// valid JSON.
func cleanJSON(raw []byte) json.RawMessage {
	if len(raw) == 0 || !json.Valid(raw) {
		return nil
	}
	if utf8.Valid(raw) {
		return raw
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	out, err := Marshal(v)
	if err != nil {
		return nil
	}
	return out
}

// echoID returns a request's id as replies echo it: valid JSON in valid
// UTF-8, or nil when it is not valid JSON or its JSON is longer than max
// bytes.
func echoID(id json.RawMessage, max int) json.RawMessage {
	out := cleanJSON(id)
	if len(out) > max {
		return nil
	}
	return out
}

// escapedLen is the number of bytes Marshal writes for the rune r,
// size bytes long in the input (HTML escaping off).
func escapedLen(r rune, size int) int {
	switch {
	case r == '"', r == '\\', r == '\b', r == '\f', r == '\n', r == '\r', r == '\t':
		return 2
	case r < 0x20, r == '\u2028', r == '\u2029', r == utf8.RuneError && size == 1:
		return len(`\u0000`)
	}
	return size
}

// fitString returns the longest prefix of s, cut on a rune boundary,
// whose JSON string encoding (quotes included) takes at most max bytes,
// and whether it is shorter than s.
func fitString(s string, max int) (string, bool) {
	n := len(`""`)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if n += escapedLen(r, size); n > max {
			return s[:i], true
		}
		i += size
	}
	return s, false
}

// AppendString appends s as Marshal encodes a string (HTML escaping
// off, each invalid byte as U+FFFD), in one pass and without the
// reflection and re-validation a json.Marshaler costs: the echoes of
// garbage frames are built on every refused frame.
func AppendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028', r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// boundedString returns s encoded as a JSON string of at most max bytes,
// cut as fitString cuts it, and whether it was cut; nil if max leaves no
// room for even an empty string.
func boundedString(s string, max int) (json.RawMessage, bool) {
	if max < len(`""`) {
		return nil, true
	}
	prefix, cut := fitString(s, max)
	return AppendString(make([]byte, 0, min(max, 6*len(prefix)+2)), prefix), cut
}

// echoRequest returns the request member of an error envelope whose
// other members take fixed bytes, so that the whole frame takes at most
// limit: body with its secrets masked, in valid UTF-8, as the JSON object
// it is when it fits, else a JSON string holding the longest prefix of
// that text that fits beside "request_truncated":true (truncated true).
// It returns nil, false for a body that is not JSON.
func echoRequest(body []byte, fixed, limit int) (echo json.RawMessage, truncated bool) {
	masked := MaskSecrets(body)
	if masked == nil {
		return nil, false
	}
	room := limit - fixed - len(requestMember)
	if len(masked) <= room {
		return masked, false
	}
	s, _ := boundedString(string(masked), room-len(requestTruncatedMember))
	return s, true
}
