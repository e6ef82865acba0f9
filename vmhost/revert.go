package vmhost

import (
	"bytes"
	"encoding/hex"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/holiman/uint256"
)

// The selectors chainsqld's Executive::formatOutput recognises in revert
// data.
var (
	selectorError    = []byte{0x08, 0xc3, 0x79, 0xa0} // Error(string)
	selectorPanic    = []byte{0x4e, 0x48, 0x7b, 0x71} // Panic(uint256)
	selectorChainSQL = []byte{0, 0, 0, 0}             // chainsqld's own: the text follows
)

// panicTexts are chainsqld's texts for Solidity's panic codes
// (Executive::getRevertErr).
var panicTexts = map[uint64]string{
	0x00: "Generic compiler inserted panics.",
	0x01: "The assert with an argument that evaluates to false.",
	0x11: "An arithmetic operation results in underflow or overflow.",
	0x12: "Divide or modulo by zero.",
	0x21: "Convert a value that is too big or negative into an enum type.",
	0x22: "Access a storage byte array that is incorrectly encoded.",
	0x31: "Call .pop() on an empty array.",
	0x32: "An out-of-bounds or negative index for array.",
	0x41: "Allocate too much memory or create an array that is too large.",
	0x51: "Call a zero-initialized variable of internal function type.",
}

// DecodeRevert turns revert data into the text chainsqld reports in
// error_message, following its Executive::formatOutput:
//
//   - Error(string), what require(cond, "text") and revert("text")
//     produce: the text;
//   - Panic(uint256), what assert and checked arithmetic produce:
//     chainsqld's text for the code ("Unkown errCode for assert" for
//     others, its spelling kept);
//   - four zero bytes then text: the text;
//   - anything else: the bytes as text if they are UTF-8, and otherwise
//     (custom errors) "0x" and their hex, where chainsqld would put raw
//     bytes into JSON.
//
// Empty data gives "".
func DecodeRevert(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	if len(data) >= 4 {
		switch sel := data[:4]; {
		case bytes.Equal(sel, selectorError):
			if text, err := abi.UnpackRevert(data); err == nil {
				return text
			}
		case bytes.Equal(sel, selectorPanic):
			if len(data) == 4+32 {
				code := new(uint256.Int).SetBytes(data[4:])
				if text, ok := panicTexts[code.Uint64()]; ok && code.IsUint64() {
					return text
				}
				return "Unkown errCode for assert"
			}
		case bytes.Equal(sel, selectorChainSQL):
			return printable(data[4:])
		}
	}
	return printable(data)
}

// printable is data as text when it is UTF-8, and as 0x-hex otherwise.
func printable(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return "0x" + hex.EncodeToString(data)
}
