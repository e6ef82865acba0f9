package gateway

import (
	"bytes"
	"encoding/json"
)

// Marshal encodes v as compact JSON without encoding/json's HTML escaping,
// so "<masked>" stays "<masked>" as rippled's jsoncpp writes it: the
// encoding of every envelope, here and in httpapi.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}
