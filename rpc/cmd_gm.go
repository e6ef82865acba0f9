package rpc

import "github.com/sqledger/sqledger/protocol/rpcerr"

// gmUnsupported is the answer to chainsqld's GM test-data commands,
// g_createrandom (the client's createRandom) and g_cryptdata
// (generatCryptData). In chainsqld they drive its GM (SM2/SM3/SM4)
// module for a certification lab: they write random data and SM2 key
// pairs, ciphertexts and hashes to files in the server's data
// directory and answer {}. This node has no GM module and writes no
// files at a client's request, so both are refused with notSupported
// and say why.
func gmUnsupported(*call) (any, error) {
	return nil, rpcerr.Newf(rpcerr.NotSupported, "GM (SM2/SM3/SM4) test data is not supported: this node has no GM crypto module.")
}
