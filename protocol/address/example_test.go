package address_test

import (
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
)

func ExampleParseAccountID() {
	id, err := address.ParseAccountID("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%X\n", id[:])
	fmt.Println(id)
	// Output:
	// B5F762798A53D543A014CAF8B297CFF8F2F937E8
	// zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh
}

func ExampleDecodeSeed() {
	for _, s := range []string{"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", "xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE"} {
		entropy, ed25519, err := address.DecodeSeed(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%X ed25519=%v\n", entropy, ed25519)
	}
	// Output:
	// DEDCE9CE67B451D852FD4E846FCDE31C ed25519=false
	// 00000000000000000000000000000000 ed25519=true
}
