package codec

// Encode returns the object's binary form: its fields in canonical order,
// without end marker. The result of decoding a blob encodes to the same
// bytes.
func (o *Object) Encode() []byte {
	return o.AppendEncode(make([]byte, 0, o.encodedLen(false)), false)
}

// EncodeSigning returns the data a transaction signature covers, without
// the "STX\0" hash prefix: the top-level fields that are signing fields,
// i.e. all but TxnSignature, Signature, MasterSignature and Signers.
// Objects and arrays below the top level are included whole, as rippled
// does.
func (o *Object) EncodeSigning() []byte {
	return o.AppendEncode(make([]byte, 0, o.encodedLen(true)), true)
}

// AppendEncode appends the object's binary form to dst and returns the
// extended slice; with signingOnly it leaves out the top-level fields that
// are not signing fields, as EncodeSigning does.
func (o *Object) AppendEncode(dst []byte, signingOnly bool) []byte {
	for i := range o.fields {
		f := &o.fields[i]
		if signingOnly && !f.def.signing {
			continue
		}
		dst = append(dst, f.def.header[:f.def.headerLen]...)
		dst = f.appendValue(dst)
	}
	return dst
}

// encodedLen returns the size of the object's binary form.
func (o *Object) encodedLen(signingOnly bool) int {
	n := 0
	for i := range o.fields {
		f := &o.fields[i]
		if signingOnly && !f.def.signing {
			continue
		}
		n += f.encodedLen()
	}
	return n
}
