package ter_test

import (
	"fmt"

	"github.com/sqledger/sqledger/protocol/ter"
)

// A validate_error notification carries the token and the text.
func Example() {
	res := ter.TefTABLE_EXISTANDNOTDEL
	fmt.Println(res.Token(), int(res), res.Message())
	fmt.Println(res.Class(), res.IsTec())
	// Output:
	// tefTABLE_EXISTANDNOTDEL 333 Table exist and not deleted.
	// tef false
}

// Results read back from the wire: a token from JSON, a number from
// metadata.
func ExampleFromToken() {
	byToken, ok := ter.FromToken("tecNO_DST_INSUF_ZXC")
	fmt.Println(int(byToken), ok)
	byNumber, ok := ter.FromNumber(405)
	fmt.Println(byNumber, ok)
	_, ok = ter.FromToken("tecNO_DST_INSUF_XRP")
	fmt.Println(ok)
	// Output:
	// 125 true
	// telINSUF_FEE_P true
	// false
}

// Only claimed (tec) and successful results are recorded with their
// effects; the others leave the ledger untouched.
func ExampleCode_IsTec() {
	for _, c := range []ter.Code{ter.TesSUCCESS, ter.TecUNFUNDED_PAYMENT, ter.TemBAD_RAW, ter.TerPRE_SEQ} {
		fmt.Println(c, c.IsTesSuccess() || c.IsTec())
	}
	// Output:
	// tesSUCCESS true
	// tecUNFUNDED_PAYMENT true
	// temBAD_RAW false
	// terPRE_SEQ false
}
