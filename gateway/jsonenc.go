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

// validOrNil drops an id that is not valid JSON. Ids the gateway takes from
// parsed frames are always valid; this guards callers of the envelope
// functions.
func validOrNil(id json.RawMessage) json.RawMessage {
	if len(id) == 0 || !json.Valid(id) {
		return nil
	}
	return id
}
