// Package address reads and writes the base58 tokens of the ChainSQL
// protocol: account addresses ("z…"), family seeds ("x…" and "xEd…"),
// and account and node public keys ("c…" and "n…").
//
// # Tokens
//
// Every token is rippled's Base58Check: a version byte saying what the
// token holds, the payload, and a checksum, written in base58.
//
//	+---------+------------------------+----------------------------------+
//	| version |        payload         | first 4 bytes of                 |
//	| 1 byte  | 20, 16, 32 or 33 bytes | SHA256(SHA256(version‖payload))  |
//	+---------+------------------------+----------------------------------+
//
// The versions are rippled's TokenType (TokenAccountID 0, TokenNodePublic
// 28, TokenNodePrivate 32, TokenFamilySeed 33, TokenAccountSecret 34,
// TokenAccountPublic 35). The alphabet is not rippled's: ChainSQL swapped
// the pairs r↔z, s↔x and a↔c, so the same bytes that rippled writes as
// "rHb9CJAW…" are written here as "zHb9CJAW…", and a seed "snoPBrXt…" is
// "xnoPBzXt…". A leading zero byte is a leading 'z' (the alphabet's first
// character), which is why the all-zero account is "zzzz…hoLvTp".
//
// A seed meant for ed25519 keys is written the way ripple-lib and the
// ChainSQL JavaScript library write it: the three version bytes 01 E1 4B
// instead of 33, so the token reads "xEd…". rippled itself only reads this
// form (RPC::parseRippleLibSeed); EncodeSeed writes it when asked to, and
// DecodeSeed reports which form it read.
//
// # Decoding and errors
//
// Decoders check, in this order: the string is not empty and at most 128
// characters (ErrLength), every character is in the alphabet
// (ErrAlphabet), the checksum matches (ErrChecksum), the version is the
// one asked for (ErrVersion), and the payload has the expected length
// (ErrLength). Errors wrap one of these sentinels with context; match them
// with errors.Is. No input makes a decoder panic; FuzzDecode checks that,
// and that every string that decodes encodes back to itself.
//
// Decoders check lengths, not meaning: DecodeAccountPublic returns any 33
// bytes, and package keys decides whether they are a valid key.
//
// # Accounts
//
// AccountID is the 20-byte RIPEMD160(SHA256(public key)) of
// AccountIDFromPublicKey. Its String and MarshalText give the "z…"
// address, so it reads and writes as a JSON string. Two accounts are
// special: ZeroAccount (rippled's xrpAccount(), the native currency's
// issuer) and NoAccount (rippled's noAccount(), …0001, which no key signs
// for; ChainSQL grants a table to everyone by naming it).
package address
