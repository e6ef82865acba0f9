package codec

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
)

// noAccount is rippled's noAccount(), AccountID 1: the issuer of
// ripple-binary-codec's amount vectors (rrrrrrrrrrrrrrrrrrrrBZbvji there).
const noAccount = "zzzzzzzzzzzzzzzzzzzzBZbvji"

// noAccountID is the bytes of noAccount.
var noAccountID = address.AccountID{19: 1}

// usd builds the JSON of an issued USD amount from noAccount.
func usd(value string) string {
	return `{"currency":"USD","issuer":"` + noAccount + `","value":"` + value + `"}`
}

// usdTail is the currency and issuer bytes of every usd amount.
const usdTail = "0000000000000000000000005553440000000000" + "0000000000000000000000000000000000000001"

// TestAmountVectors runs the Amount values_tests of ripple-binary-codec's
// data-driven-tests.json (issuer translated to ChainSQL's alphabet), plus
// rippled's text form of each value.
func TestAmountVectors(t *testing.T) {
	tests := []struct {
		json  string
		hex   string // "" when the input must be refused
		value string // Value() of the decoded amount
	}{
		{`"0"`, "4000000000000000", "0"},
		{`"1"`, "4000000000000001", "1"},
		{`"-1"`, "0000000000000001", "-1"},
		{`"100000000000000000"`, "416345785D8A0000", "100000000000000000"},
		{usd("-1"), "94838D7EA4C68000" + usdTail, "-1"},
		{usd("1"), "D4838D7EA4C68000" + usdTail, "1"},
		{usd("0"), "8000000000000000" + usdTail, "0"},
		{usd("-1.0"), "94838D7EA4C68000" + usdTail, "-1"},
		{usd("1.0"), "D4838D7EA4C68000" + usdTail, "1"},
		{usd("0.0"), "8000000000000000" + usdTail, "0"},
		{usd("0." + strings.Repeat("0", 74) + "1"), "C1C38D7EA4C68000" + usdTail, "1000000000000000e-90"},
		{usd("1" + strings.Repeat("0", 77)), "E7C38D7EA4C68000" + usdTail, "1000000000000000e62"},
		{usd("1.111111111111111"), "D483F28CB71571C7" + usdTail, "1.111111111111111"},
		{usd("11.11111111111111"), "D4C3F28CB71571C7" + usdTail, "11.11111111111111"},
		{usd("111.1111111111111"), "D503F28CB71571C7" + usdTail, "111.1111111111111"},
		{usd("1111.111111111111"), "D543F28CB71571C7" + usdTail, "1111.111111111111"},
		{usd("11111.11111111111"), "D583F28CB71571C7" + usdTail, "11111.11111111111"},
		{usd("111111.1111111111"), "D5C3F28CB71571C7" + usdTail, "111111.1111111111"},
		{usd("1111111.111111111"), "D603F28CB71571C7" + usdTail, "1111111.111111111"},
		{usd("11111111.11111111"), "D643F28CB71571C7" + usdTail, "11111111.11111111"},
		{usd("111111111.1111111"), "D683F28CB71571C7" + usdTail, "111111111.1111111"},
		{usd("1111111111.111111"), "D6C3F28CB71571C7" + usdTail, "1111111111.111111"},
		{usd("11111111111.11111"), "D703F28CB71571C7" + usdTail, "11111111111.11111"},
		{usd("111111111111.1111"), "D743F28CB71571C7" + usdTail, "1111111111111111e-4"}, // rippled writes exponents above -5 this way
		{usd("1111111111111.111"), "D783F28CB71571C7" + usdTail, "1111111111111111e-3"},
		{usd("11111111111111.11"), "D7C3F28CB71571C7" + usdTail, "1111111111111111e-2"},
		{usd("111111111111111.1"), "D803F28CB71571C7" + usdTail, "1111111111111111e-1"},
		{usd("1111111111111111.0"), "D843F28CB71571C7" + usdTail, "1111111111111111"},
		{usd("11111000.00000001"), "D643F28A20CF5801" + usdTail, "11111000.00000001"},
		{usd("1111111111111111.1"), "", ""},
		{usd("9999999999999999" + strings.Repeat("0", 81)), "", ""},
		{`"1000000000000000000"`, "", ""},
		{`"-10000000000000000000000000"`, "", ""},
		// rippled's text forms around the -25..-5 window of getText.
		{usd("0.00001"), "D3438D7EA4C68000" + usdTail, "0.00001"},
		{usd("1e-26"), "CE038D7EA4C68000" + usdTail, "1000000000000000e-41"},
		{usd("1e-10"), "D2038D7EA4C68000" + usdTail, "0.0000000001"},
		{usd("12345e2"), "D60462C56DF9A800" + usdTail, "1234500"},
		{usd("1e-82"), "8000000000000000" + usdTail, "0"}, // below 10^-81: zero, as in rippled
	}
	for _, tc := range tests {
		var a Amount
		err := json.Unmarshal([]byte(tc.json), &a)
		if tc.hex == "" {
			if !errors.Is(err, ErrBadValue) {
				t.Errorf("%s: error %v, want ErrBadValue", tc.json, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		enc := strings.ToUpper(hex.EncodeToString(a.appendBinary(nil)))
		if enc != tc.hex {
			t.Errorf("%s: encoded %s, want %s", tc.json, enc, tc.hex)
		}
		raw, _ := hex.DecodeString(tc.hex)
		back, n, err := parseAmount(raw)
		if err != nil || n != len(raw) {
			t.Errorf("%s: parseAmount: %v (%d bytes)", tc.hex, err, n)
			continue
		}
		if back != a {
			t.Errorf("%s: decoded %+v, want %+v", tc.hex, back, a)
		}
		if got := back.Value(); got != tc.value {
			t.Errorf("%s: Value() = %q, want %q", tc.hex, got, tc.value)
		}
		out, _ := back.MarshalJSON()
		var again Amount
		if err := json.Unmarshal(out, &again); err != nil || again != back {
			t.Errorf("%s: JSON %s does not read back: %v", tc.hex, out, err)
		}
	}
}

func TestAmountJSONForms(t *testing.T) {
	tests := []struct {
		json string
		want string // String() of the result, "" for an error
	}{
		{`"1000"`, "1000"},
		{`1000`, "1000"},
		{`-1000`, "-1000"},
		{`"-0"`, "0"},
		{`"1e3"`, "1000"},
		{`"1.5/USD/` + noAccount + `"`, "1.5/USD/" + noAccount},
		{`"1.5 USD ` + noAccount + `"`, "1.5/USD/" + noAccount},
		{`["2","EUR","` + noAccount + `"]`, "2/EUR/" + noAccount},
		{`{"currency":"usd","issuer":"` + noAccount + `","value":7}`, "7/USD/" + noAccount},
		{`{"currency":"0158415500000000C1F76FF6ECB0BAC600000000","issuer":"0000000000000000000000000000000000000001","value":"1"}`,
			"1/0158415500000000C1F76FF6ECB0BAC600000000/" + noAccount},
		{`"1.5"`, ""},                          // ZXC in fractions
		{`"01"`, ""},                           // leading zero
		{`"1e-1"`, ""},                         // fractional drops
		{`"abc"`, ""},                          // not a number
		{`1.5`, ""},                            // not an integer
		{`true`, ""},                           // wrong type
		{`{"currency":"ZXC","value":"1"}`, ""}, // ZXC as an object
		{`{"currency":"USD","value":"1"}`, ""}, // no issuer
		{`{"currency":"US","issuer":"` + noAccount + `","value":"1"}`, ""},
		{`{"currency":"USD","issuer":"zzzzzzzzzzzzzzzzzzzzzhoLvTp","value":"1"}`, ""}, // zero issuer
		{`{"currency":"0000000000000000000000000000000000000000","issuer":"` + noAccount + `","value":"1"}`, ""},
		{`"1/USD/2/3"`, ""},
	}
	for _, tc := range tests {
		var a Amount
		err := json.Unmarshal([]byte(tc.json), &a)
		if tc.want == "" {
			if !errors.Is(err, ErrBadValue) {
				t.Errorf("%s: error %v, want ErrBadValue", tc.json, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		if got := a.String(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.json, got, tc.want)
		}
	}
}

func TestAmountBinaryErrors(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want error
	}{
		{"short native", "40000000000000", ErrTruncated},
		{"short issued", "D4838D7EA4C68000" + usdTail[:60], ErrTruncated},
		{"negative native zero", "0000000000000000", ErrNonCanonical},
		{"native above 10^17", "416345785D8A0001", ErrBadValue},
		{"issued in ZXC", "D4838D7EA4C68000" + strings.Repeat("00", 20) + usdTail[40:], ErrBadValue},
		{"zero issuer", "D4838D7EA4C68000" + usdTail[:40] + strings.Repeat("00", 20), ErrBadValue},
		{"small mantissa", "D4800000000003E8" + usdTail, ErrBadValue},
		{"exponent above 80", "EC838D7EA4C68000" + usdTail, ErrBadValue},
		{"zero with sign bit", "C000000000000000" + usdTail, ErrBadValue},
	}
	for _, tc := range tests {
		raw, err := hex.DecodeString(tc.hex)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if _, _, err := parseAmount(raw); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestNativeAmount(t *testing.T) {
	for _, drops := range []int64{0, 1, -1, 10, MaxNativeDrops, -MaxNativeDrops} {
		a := NativeAmount(drops)
		if !a.IsNative() || a.Drops() != drops || a.IsNegative() != (drops < 0) || a.IsZero() != (drops == 0) {
			t.Errorf("NativeAmount(%d) = %+v", drops, a)
		}
		back, _, err := parseAmount(a.appendBinary(nil))
		if err != nil || back != a {
			t.Errorf("NativeAmount(%d) round trip: %+v, %v", drops, back, err)
		}
	}
	var o Object
	if err := o.Set("Fee", NativeAmount(MaxNativeDrops+1)); !errors.Is(err, ErrBadValue) {
		t.Errorf("Set of an amount above 10^17 drops: %v", err)
	}
}

func TestIssuedAmount(t *testing.T) {
	issuer := noAccountID
	c, err := ParseCurrency("USD")
	if err != nil {
		t.Fatal(err)
	}
	a, err := IssuedAmount("-12.5", c, issuer)
	if err != nil {
		t.Fatal(err)
	}
	if a.IsNative() || !a.IsNegative() || a.Mantissa() != 1250000000000000 || a.Exponent() != -14 || a.Drops() != 0 ||
		a.Currency() != c || a.Issuer() != issuer {
		t.Errorf("IssuedAmount(-12.5) = %+v", a)
	}
	if _, err := IssuedAmount("1", Currency{}, issuer); !errors.Is(err, ErrBadValue) {
		t.Errorf("issued ZXC: %v", err)
	}
	if _, err := IssuedAmount("1", c, address.AccountID{}); !errors.Is(err, ErrBadValue) {
		t.Errorf("zero issuer: %v", err)
	}
}

func TestCurrency(t *testing.T) {
	tests := []struct {
		in, out string
		ok      bool
	}{
		{"", "ZXC", true},
		{"ZXC", "ZXC", true},
		{"USD", "USD", true},
		{"usd", "USD", true},
		{"<&>", "<&>", true},
		{"0000000000000000000000005553440000000000", "USD", true},
		{"0000000000000000000000005A58430000000000", "0000000000000000000000005A58430000000000", true}, // "ZXC" bits
		{"0000000000000000000000007573640000000000", "0000000000000000000000007573640000000000", true}, // "usd" bits
		{"0000000000000000000000000000000000000001", "0000000000000000000000000000000000000001", true},
		{"US", "", false},
		{"U D", "", false},
		{"XYZW", "", false},
	}
	for _, tc := range tests {
		c, err := ParseCurrency(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseCurrency(%q): error %v", tc.in, err)
			continue
		}
		if tc.ok && c.String() != tc.out {
			t.Errorf("ParseCurrency(%q).String() = %q, want %q", tc.in, c.String(), tc.out)
		}
	}
}
