package rpc

import (
	"encoding/json"
	"strconv"

	"github.com/sqledger/sqledger/gateway"
)

// object builds a notification's JSON object by appending its members in
// the order given. Callers give them in sorted key order, as
// encoding/json writes a map, so that the bytes are those of the map the
// frame used to be built from. A raw value is JSON that is already valid
// (a transaction's TxJSON, built once) and is appended as it is, where
// encoding/json would scan it again for every frame that carries it.
type object []byte

func newObject(size int) object { return append(make(object, 0, size), '{') }

func (o object) key(k string) object {
	if len(o) > 1 {
		o = append(o, ',')
	}
	o = gateway.AppendString(o, k)
	return append(o, ':')
}

// str appends a string member.
func (o object) str(k, v string) object { return gateway.AppendString(o.key(k), v) }

// boolean appends a true or false member.
func (o object) boolean(k string, v bool) object { return strconv.AppendBool(o.key(k), v) }

// integer appends a number member.
func (o object) integer(k string, v int) object { return strconv.AppendInt(o.key(k), int64(v), 10) }

// raw appends a member whose value is valid JSON.
func (o object) raw(k string, v json.RawMessage) object { return append(o.key(k), v...) }

// end closes the object and returns its bytes.
func (o object) end() []byte { return append(o, '}') }
