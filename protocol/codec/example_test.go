package codec_test

import (
	"encoding/hex"
	"fmt"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
)

// A signed Payment from the ChainSQL WebSocket document.
const paymentBlob = "12000022800000002400000003201B00001F40614000000005F5E10068400000000000000A73210330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD02074473045022100C57C4430FDC9F43CD0EC5BFACFCF09582399D0414F7484DEA8D5AEA1D315605502200A9C569863A4654D073EDC273E7321652887B6610CE0C20DB3E35A38639F62DD8114B5F762798A53D543A014CAF8B297CFF8F2F937E88314934CD4FACC490E3DC5152F7C1BAD57EEEE3F9C77"

func ExampleDecode() {
	blob, _ := hex.DecodeString(paymentBlob)
	tx, err := codec.Decode(blob)
	if err != nil {
		fmt.Println(err)
		return
	}
	seq, _ := tx.UInt32("Sequence")
	fee, _ := tx.Amount("Fee")
	dest, _ := tx.AccountID("Destination")
	fmt.Println(seq, fee.Drops(), dest)
	fmt.Printf("%X\n", hash.Prefixed(hash.TransactionID, blob))
	// Output:
	// 3 10 zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx
	// 8D1CC127661FD004B6700AB60CEC8C0EB0A733CF894A074C635914FAE49C928F
}

func ExampleFromJSON() {
	tx, dropped, err := codec.FromJSONReport([]byte(`{
		"TransactionType": "SQLStatement",
		"Account": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
		"Owner": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
		"OpType": 6,
		"Tables": [{"Table": {"TableName": "4F7264657273"}}],
		"Raw": "5B7B226964223A317D5D",
		"StrictMode": true
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dropped)
	fmt.Printf("%X\n", tx.Encode())
	text, _ := tx.MarshalJSON()
	fmt.Println(string(text))
	// Output:
	// [StrictMode]
	// 1200161032000670340A5B7B226964223A317D5D8114B5F762798A53D543A014CAF8B297CFF8F2F937E88214B5F762798A53D543A014CAF8B297CFF8F2F937E8F033E0327033064F7264657273E1F1
	// {"Account":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","OpType":6,"Owner":"zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh","Raw":"5B7B226964223A317D5D","Tables":[{"Table":{"TableName":"4F7264657273"}}],"TransactionType":"SQLStatement"}
}

func ExampleObject_Set() {
	var tx codec.Object
	_ = tx.Set("TransactionType", "Contract")
	_ = tx.Set("ContractOpType", uint16(2))
	_ = tx.Set("Gas", uint32(30000000))
	_ = tx.Set("ContractData", []byte{0xC4, 0x7F, 0x00, 0x27})
	_ = tx.Set("Fee", codec.NativeAmount(20000))
	table, _ := codec.NewInner("Table")
	_ = table.Set("TableName", []byte("Orders"))
	_ = tx.Set("Tables", []*codec.Object{table})
	_ = tx.Set("TxnSignature", []byte{0x30})
	fmt.Println(tx.Names())
	fmt.Printf("%X\n", tx.EncodeSigning())
	// Output:
	// [TransactionType ContractOpType Gas Fee TxnSignature ContractData Tables]
	// 12001810330002203701C9C380684000000000004E20704104C47F0027F033E0327033064F7264657273E1F1
}
