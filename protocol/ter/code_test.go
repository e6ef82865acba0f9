package ter_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/ter"
)

// Vectors read from chainsqld v3.4.5 TER.h (numbers) and TER.cpp (texts),
// and from the protocol reference, written out independently of the tables.
var vectors = []struct {
	code    ter.Code
	number  int
	token   string
	message string
}{
	{ter.TesSUCCESS, 0, "tesSUCCESS", "The transaction was applied. Only final in a validated ledger."},
	{ter.TerRETRY, 1, "terRETRY", "Retry transaction."},
	{ter.TerPRE_SEQ, 8, "terPRE_SEQ", "Missing/inapplicable prior transaction."},
	{ter.TerQUEUED, 11, "terQUEUED", "Held until escalated fee drops."},
	{ter.TecCLAIM, 100, "tecCLAIM", "Fee claimed. Sequence used. No action."},
	{ter.TecUNFUNDED_PAYMENT, 104, "tecUNFUNDED_PAYMENT", "Insufficient ZXC balance to send."},
	{ter.TecNO_DST, 124, "tecNO_DST", "Destination does not exist. Send ZXC to create it."},
	{ter.TecNO_DST_INSUF_ZXC, 125, "tecNO_DST_INSUF_ZXC", "Destination does not exist. Too little ZXC sent to create it."},
	{ter.TecINSUFF_FEE, 136, "tecINSUFF_FEE", "Insufficient balance to pay fee."},
	{ter.TecNO_TARGET, 138, "tecNO_TARGET", "Target account does not exist."},
	{ter.TecNO_PERMISSION, 139, "tecNO_PERMISSION", "No permission to perform requested operation."},
	{ter.TecINSUFFICIENT_RESERVE, 141, "tecINSUFFICIENT_RESERVE", "Insufficient reserve to complete requested operation."},
	{ter.TecTOO_SOON, 152, "tecTOO_SOON", "It is too early to attempt the requested operation. Please wait."},
	{ter.TemMALFORMED, 200, "temMALFORMED", "Malformed transaction."},
	{ter.TemBAD_SEND_ZXC_MAX, 212, "temBAD_SEND_ZXC_MAX", "Malformed: Send max is not allowed for ZXC to ZXC."},
	{ter.TemINVALID, 222, "temINVALID", "The transaction is ill-formed."},
	{ter.TemCANNOT_PREAUTH_SELF, 231, "temCANNOT_PREAUTH_SELF", "Malformed: An account may not preauthorize itself."},
	{ter.TemBAD_OWNER, 236, "temBAD_OWNER", "Malformed: Bad table owner."},
	{ter.TemBAD_RAW, 239, "temBAD_RAW", "Malformed: Bad raw sql."},
	{ter.TemBAD_NEEDVERIFY_OPERRULE, 255, "temBAD_NEEDVERIFY_OPERRULE", "Malformed: NeedVerify must be 1 if there is table has OperatinRule."},
	{ter.TemBAD_SCHEMAADMIN, 260, "temBAD_SCHEMAADMIN", "Malformed: schema admin does not exist. "},
	{ter.TemUNKNOWN, 262, "temUNKNOWN", "The transaction requires logic that is not implemented yet."},
	{ter.TefFAILURE, 300, "tefFAILURE", "Failed to apply."},
	{ter.TefALREADY, 301, "tefALREADY", "The exact transaction was already in this ledger."},
	{ter.TefPAST_SEQ, 309, "tefPAST_SEQ", "This sequence number has already passed."},
	{ter.TefTOO_BIG, 318, "tefTOO_BIG", "Transaction affects too many items."},
	{ter.TefTABLE_GRANTFULL, 321, "tefTABLE_GRANTFULL", "A table can only grant 256 users."},
	{ter.TefTABLE_COUNTFULL, 322, "tefTABLE_COUNTFULL", "One account can own at most 100 tables,now you are creating the 101 one."},
	{ter.TefCONTRACT_REVERT_INSTRUCTION, 325, "tefCONTRACT_REVERT_INSTRUCTION", "Contract reverted,maybe 'require' condition not satisfied."},
	{ter.TefINVALID_CURRENY, 328, "tefINVALID_CURRENY", "Invalid currency"},
	{ter.TefTABLE_NOTEXIST, 330, "tefTABLE_NOTEXIST", "Table is not exist."},
	{ter.TefTABLE_EXISTANDNOTDEL, 333, "tefTABLE_EXISTANDNOTDEL", "Table exist and not deleted."},
	{ter.TefDBNOTCONFIGURED, 340, "tefDBNOTCONFIGURED", "DB is not connected,please checkout 'sync_db'in config file."},
	{ter.TefBAD_DBNAME, 341, "tefBAD_DBNAME", "NameInDB does not match tableName."},
	{ter.TefSCEMA_NO_PATH, 351, "tefSCEMA_NO_PATH", "No schema_path configured."},
	{ter.TefSCHEMA_MAX_SCHEMAS, 354, "tefSCHEMA_MAX_SCHEMAS", "A validator can only participate in 5 schemas."},
	{ter.TefACCOUNT_ALREADY_DELETE, 365, "tefACCOUNT_ALREADY_DELETE", "The account has been deleted."},
	{ter.TelLOCAL_ERROR, 400, "telLOCAL_ERROR", "Local failure."},
	{ter.TelINSUF_FEE_P, 405, "telINSUF_FEE_P", "Fee insufficient."},
	{ter.TelTX_POOL_FULL, 413, "telTX_POOL_FULL", "Can not queue at this time: tx pool is full."},
	{ter.TelSEQ_TOOLARGE, 415, "telSEQ_TOOLARGE", "Account sequence too large."},
}

func TestVectors(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.token, func(t *testing.T) {
			if int(v.code) != v.number {
				t.Errorf("number = %d, want %d", int(v.code), v.number)
			}
			if got := v.code.Token(); got != v.token {
				t.Errorf("Token() = %q, want %q", got, v.token)
			}
			if got := v.code.Message(); got != v.message {
				t.Errorf("Message() = %q, want %q", got, v.message)
			}
			if got, ok := ter.FromToken(v.token); !ok || got != v.code {
				t.Errorf("FromToken(%q) = %d, %v", v.token, got, ok)
			}
			if got, ok := ter.FromNumber(v.number); !ok || got != v.code {
				t.Errorf("FromNumber(%d) = %d, %v", v.number, got, ok)
			}
		})
	}
}

// TestCounts checks how many codes each class defines, counted by hand
// from chainsqld's TER.h enums.
func TestCounts(t *testing.T) {
	want := map[ter.Class]int{
		ter.ClassTes: 1,
		ter.ClassTer: 11,
		ter.ClassTec: 39,
		ter.ClassTem: 63,
		ter.ClassTef: 66,
		ter.ClassTel: 16,
	}
	got := map[ter.Class]int{}
	for _, c := range ter.All() {
		got[c.Class()]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("class %s: %d codes, want %d", k, got[k], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("classes present: %v, want %v", got, want)
	}
}

func TestRoundTripEveryCode(t *testing.T) {
	all := ter.All()
	for i, c := range all {
		if i > 0 && all[i-1] >= c {
			t.Fatalf("All() not ascending at %d: %d then %d", i, all[i-1], c)
		}
		tok, msg := c.Token(), c.Message()
		if tok == "-" || msg == "-" || msg == "" {
			t.Errorf("%d: token %q message %q", c, tok, msg)
		}
		if !strings.HasPrefix(tok, c.Class().String()) {
			t.Errorf("%s: class %s does not match token", tok, c.Class())
		}
		if c.String() != tok {
			t.Errorf("%d: String() = %q, want %q", c, c.String(), tok)
		}
		if got, ok := ter.FromToken(tok); !ok || got != c {
			t.Errorf("FromToken(%q) = %d, %v; want %d", tok, got, ok, c)
		}
		if got, ok := ter.FromNumber(int(c)); !ok || got != c {
			t.Errorf("FromNumber(%d) = %d, %v", c, got, ok)
		}
		text, err := c.MarshalText()
		if err != nil || string(text) != tok {
			t.Errorf("MarshalText(%d) = %q, %v", c, text, err)
		}
		var back ter.Code
		if err := back.UnmarshalText(text); err != nil || back != c {
			t.Errorf("UnmarshalText(%q) = %d, %v", text, back, err)
		}
	}
}

func TestClassBounds(t *testing.T) {
	tests := []struct {
		n    int32
		want ter.Class
	}{
		{-300, ter.ClassUnknown}, {-1, ter.ClassUnknown},
		{0, ter.ClassTes},
		{1, ter.ClassTer}, {11, ter.ClassTer},
		{12, ter.ClassUnknown}, {99, ter.ClassUnknown},
		{100, ter.ClassTec}, {199, ter.ClassTec},
		{200, ter.ClassTem}, {299, ter.ClassTem},
		{300, ter.ClassTef}, {399, ter.ClassTef},
		{400, ter.ClassTel}, {65534, ter.ClassTel},
		{65535, ter.ClassUnknown},
	}
	for _, tt := range tests {
		c := ter.Code(tt.n)
		if got := c.Class(); got != tt.want {
			t.Errorf("Code(%d).Class() = %s, want %s", tt.n, got, tt.want)
		}
		preds := map[ter.Class]bool{
			ter.ClassTes: c.IsTesSuccess(),
			ter.ClassTer: c.IsTer(),
			ter.ClassTec: c.IsTec(),
			ter.ClassTem: c.IsTem(),
			ter.ClassTef: c.IsTef(),
			ter.ClassTel: c.IsTel(),
		}
		for k, got := range preds {
			if got != (k == tt.want) {
				t.Errorf("Code(%d): predicate for %s = %v, class is %s", tt.n, k, got, tt.want)
			}
		}
	}
}

func TestUndefined(t *testing.T) {
	for _, n := range []int{-1, 12, 107, 263, 366, 416, 1 << 40} {
		if c, ok := ter.FromNumber(n); ok {
			t.Errorf("FromNumber(%d) = %d, true; want false", n, c)
		}
	}
	c := ter.Code(12)
	if c.Token() != "-" || c.Message() != "-" {
		t.Errorf("Code(12): token %q message %q, want \"-\"", c.Token(), c.Message())
	}
	if c.String() != "Code(12)" {
		t.Errorf("Code(12).String() = %q", c.String())
	}
	if _, err := c.MarshalText(); !errors.Is(err, ter.ErrUnknownCode) {
		t.Errorf("MarshalText(12) error = %v, want ErrUnknownCode", err)
	}
	for _, tok := range []string{"", "-", "TESSUCCESS", "tessuccess", "tefTABLE_NOTEXIST ", "tefNOPE"} {
		if c, ok := ter.FromToken(tok); ok {
			t.Errorf("FromToken(%q) = %d, true; want false", tok, c)
		}
	}
	var back ter.Code = ter.TefFAILURE
	if err := back.UnmarshalText([]byte("tefNOPE")); !errors.Is(err, ter.ErrUnknownToken) {
		t.Errorf("UnmarshalText error = %v, want ErrUnknownToken", err)
	}
	if back != ter.TefFAILURE {
		t.Errorf("failed UnmarshalText changed the code to %d", back)
	}
}

func TestJSON(t *testing.T) {
	type reply struct {
		Result ter.Code `json:"engine_result"`
	}
	b, err := json.Marshal(reply{ter.TefTABLE_NOTEXIST})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"engine_result":"tefTABLE_NOTEXIST"}`; string(b) != want {
		t.Fatalf("Marshal = %s, want %s", b, want)
	}
	var got reply
	if err := json.Unmarshal([]byte(`{"engine_result":"tecNO_DST_INSUF_ZXC"}`), &got); err != nil {
		t.Fatal(err)
	}
	if got.Result != ter.TecNO_DST_INSUF_ZXC {
		t.Fatalf("Unmarshal = %d, want %d", got.Result, ter.TecNO_DST_INSUF_ZXC)
	}
	if _, err := json.Marshal(reply{ter.Code(12)}); !errors.Is(err, ter.ErrUnknownCode) {
		t.Fatalf("Marshal(Code(12)) error = %v, want ErrUnknownCode", err)
	}
	if err := json.Unmarshal([]byte(`{"engine_result":"tecNO_DST_INSUF_XRP"}`), &got); !errors.Is(err, ter.ErrUnknownToken) {
		t.Fatalf("Unmarshal(rippled token) error = %v, want ErrUnknownToken", err)
	}
}
