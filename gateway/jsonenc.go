package gateway

import (
	"bytes"
	"encoding/json"
)

// marshal encodes v as compact JSON without encoding/json's HTML escaping,
// so "<masked>" stays "<masked>" as rippled's jsoncpp writes it.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}
