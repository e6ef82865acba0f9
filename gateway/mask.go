package gateway

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// maskedValue replaces a secret in an echoed request, as rippled writes it.
const maskedValue = "<masked>"

// secretKeys are the member names whose values MaskSecrets hides, at any
// depth: rippled's four (passphrase, secret, seed, seed_hex), the key
// names ChainSQL and NKN tooling use for raw private keys, and the
// password of rippled's webhook subscription (url_password).
var secretKeys = []string{
	"passphrase",
	"private_key",
	"privateKey",
	"secret",
	"secret_key",
	"seed",
	"seed_hex",
	"url_password",
}

// quotedSecretKeys are secretKeys as they appear, quoted, in raw JSON.
var quotedSecretKeys = func() [][]byte {
	q := make([][]byte, len(secretKeys))
	for i, k := range secretKeys {
		q[i] = []byte(`"` + k + `"`)
	}
	return q
}()

func isSecretKey(k string) bool {
	for _, s := range secretKeys {
		if k == s {
			return true
		}
	}
	return false
}

// MaskSecrets returns the JSON document body with the value of every member
// named passphrase, private_key, privateKey, secret, secret_key, seed,
// seed_hex or url_password, at any depth (inside objects and arrays),
// replaced by the string "<masked>". A document in valid UTF-8 that holds
// none of them is returned unchanged; otherwise it is re-encoded compactly
// with sorted keys, numbers kept digit for digit and each invalid UTF-8 byte
// replaced by U+FFFD, so the result is always valid UTF-8. It returns nil if
// body is not valid JSON.
//
// ChainSQL error envelopes echo the request through MaskSecrets, and nothing
// else of a request may be logged.
func MaskSecrets(body []byte) json.RawMessage {
	if !json.Valid(body) {
		return nil
	}
	if !mayHoldSecret(body) && utf8.Valid(body) {
		return body
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil
	}
	out, err := Marshal(maskValue(doc))
	if err != nil {
		return nil
	}
	return out
}

// mayHoldSecret is a conservative pre-check: false only if no secret key can
// be in body, even written with \u escapes.
func mayHoldSecret(body []byte) bool {
	if bytes.IndexByte(body, '\\') >= 0 {
		return true
	}
	for _, k := range quotedSecretKeys {
		if bytes.Contains(body, k) {
			return true
		}
	}
	return false
}

// maskValue replaces secret members in a decoded document, in place.
func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if isSecretKey(k) {
				t[k] = maskedValue
			} else {
				t[k] = maskValue(child)
			}
		}
	case []any:
		for i, child := range t {
			t[i] = maskValue(child)
		}
	}
	return v
}
