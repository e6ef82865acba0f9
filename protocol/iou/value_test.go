package iou

import (
	"errors"
	"math"
	"testing"
)

func mustNew(t *testing.T, m int64, e int) Value {
	t.Helper()
	v, err := New(m, e)
	if err != nil {
		t.Fatalf("New(%d, %d): %v", m, e, err)
	}
	return v
}

func mustParse(t *testing.T, s string) Value {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

// TestZeroSignCompare has IOUAmount_test's zero, signum and comparison
// cases.
func TestZeroSignCompare(t *testing.T) {
	z := mustNew(t, 0, 0)
	if z.Mantissa() != 0 || z.Exponent() != -100 || z != Zero || z.Sign() != 0 || z.Neg() != z {
		t.Fatalf("zero = %+v", z)
	}
	if s, _ := z.Add(z); s != z {
		t.Fatalf("0+0 = %v", s)
	}
	n, p := mustNew(t, -2, 0), mustNew(t, 2, 0)
	for _, c := range []struct {
		a, b Value
		want int
	}{
		{n, z, -1}, {z, n, 1}, {p, z, 1}, {n, p, -1}, {p, n, 1}, {z, z, 0}, {p, p.Neg().Neg(), 0},
		{p, p.Neg(), 1}, {n, n.Neg(), -1}, {Value{}, Zero, 0},
		{mustParse(t, "0.5"), mustParse(t, "5e-1"), 0},
		{mustParse(t, "-1"), mustParse(t, "-0.5"), -1},
		{mustParse(t, "10"), mustParse(t, "9.999999999999999"), 1},
	} {
		if got := c.a.Cmp(c.b); got != c.want {
			t.Errorf("Cmp(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if n.Sign() != -1 || p.Sign() != 1 {
		t.Fatal("sign")
	}
}

// TestString has IOUAmount_test's and STAmount_test's texts.
func TestString(t *testing.T) {
	for _, c := range []struct {
		m    int64
		e    int
		want string
	}{
		{-2, 0, "-2"}, {0, 0, "0"}, {2, 0, "2"}, {25, -3, "0.025"}, {-25, -3, "-0.025"},
		{25, 1, "250"}, {-25, 1, "-250"}, {2, 20, "2000000000000000e5"}, {-2, -20, "-2000000000000000e-35"},
		{31, 0, "31"}, {31, 1, "310"}, {31, -1, "3.1"}, {31, -2, "0.31"},
	} {
		if got := mustNew(t, c.m, c.e).String(); got != c.want {
			t.Errorf("(%d, %d) = %q, want %q", c.m, c.e, got, c.want)
		}
	}
}

// TestParse has STAmount_test's "set value (iou)": each text reads and
// writes back the same, and the texts amountFromString refuses.
func TestParse(t *testing.T) {
	for _, s := range []string{"1", "10", "100", "1000", "10000", "100000", "1000000", "10000000", "100000000",
		"1000000000", "10000000000", "1234567.1", "1234567.12", "1234567.123", "1234567.1234", "1234567.12345",
		"1234567.123456", "1234567.1234567", "1234567.12345678", "1234567.123456789", "-0.5", "0"} {
		if got := mustParse(t, s).String(); got != s {
			t.Errorf("Parse(%q) = %q", s, got)
		}
	}
	for s, want := range map[string]string{
		"1234567.1234567891": "1234567.123456789", // truncated to 16 digits
		"5e-1":               "0.5",
		"+3":                 "3",
		"1E2":                "100",
		"0.00":               "0",
		"1e-82":              "0", // below the smallest value
	} {
		if got := mustParse(t, s).String(); got != want {
			t.Errorf("Parse(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"", ".5", "5.", "00.5", "01", "1e", "1.2.3", "abc", "1 ", "123456789012345678901234567890123",
		"99999999999999999999"} {
		if _, err := Parse(s); !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) = %v, want ErrSyntax", s, err)
		}
	}
	if _, err := Parse("1e97"); !errors.Is(err, ErrOverflow) {
		t.Errorf("Parse(1e97) = %v", err)
	}
}

// TestAdd checks rippled's addition: the smaller exponent's digits are
// truncated away, and a sum within ±10 of the last place is zero.
func TestAdd(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"1", "2", "3"},
		{"1", "-1", "0"},
		{"1", "1e-16", "1"},
		{"9999999999999999", "1", "1000000000000000e1"},
		{"1.000000000000001", "-1", "0"}, // sum 1: flushed
		{"1.00000000000001", "-1", "0"},  // sum 10: flushed
		{"1.000000000000011", "-1", "1100000000000000e-29"},
		{"100", "-30.3", "69.7"},
		{"0.1", "0.2", "0.3"},
		{"-5", "2", "-3"},
		{"0", "-7", "-7"},
		{"1234567.123456789", "0.0000000001", "1234567.123456789"},
	} {
		got, err := mustParse(t, c.a).Add(mustParse(t, c.b))
		if err != nil || got.String() != c.want {
			t.Errorf("%s + %s = %v (%v), want %s", c.a, c.b, got, err, c.want)
		}
	}
	big := mustNew(t, maxMantissa, maxExponent)
	if _, err := big.Add(big); !errors.Is(err, ErrOverflow) {
		t.Errorf("max+max: %v", err)
	}
	if d, _ := mustParse(t, "100").Sub(mustParse(t, "30")); d.String() != "70" {
		t.Errorf("100-30 = %v", d)
	}
}

// TestMulRatio has IOUAmount_test's mulRatio cases and the transfer
// rates the payment engine applies.
func TestMulRatio(t *testing.T) {
	const maxUInt = math.MaxUint32
	mul := func(v Value, num, den uint32, up bool) Value {
		t.Helper()
		r, err := v.MulRatio(num, den, up)
		if err != nil {
			t.Fatalf("MulRatio(%v, %d, %d, %v): %v", v, num, den, up, err)
		}
		return r
	}
	for _, m := range []int64{maxMantissa, -maxMantissa} {
		big := mustNew(t, m, 0)
		if mul(big, maxUInt, maxUInt, true) != big || mul(big, maxUInt, maxUInt, false) != big {
			t.Errorf("%v × max/max changed", big)
		}
	}
	tiny := mustNew(t, minMantissa, minExponent)
	tinyNeg := tiny.Neg()
	for _, c := range []struct {
		v        Value
		num      uint32
		up       bool
		want     Value
		describe string
	}{
		{tiny, 1, true, tiny, "tiny up"}, {tiny, maxUInt - 1, true, tiny, "tiny up"},
		{tiny, 1, false, Zero, "tiny down"}, {tiny, maxUInt - 1, false, Zero, "tiny down"},
		{tinyNeg, 1, true, Zero, "-tiny up"}, {tinyNeg, maxUInt - 1, true, Zero, "-tiny up"},
		{tinyNeg, 1, false, tinyNeg, "-tiny down"}, {tinyNeg, maxUInt - 1, false, tinyNeg, "-tiny down"},
	} {
		if got := mul(c.v, c.num, maxUInt, c.up); got != c.want {
			t.Errorf("%s: %v × %d/max = %v, want %v", c.describe, c.v, c.num, got, c.want)
		}
	}
	for _, v := range []Value{mustNew(t, 1, 0), mustNew(t, maxMantissa, maxExponent), mustNew(t, -1, 0)} {
		up, down := mul(v, maxUInt-1, maxUInt, true), mul(v, maxUInt-1, maxUInt, false)
		if up.Mantissa()-down.Mantissa() != 1 {
			t.Errorf("%v: up %v, down %v", v, up, down)
		}
	}
	for _, c := range []struct {
		v        string
		num, den uint32
		up       bool
		want     string
	}{
		{"1", 1, 3, true, "0.3333333333333334"},
		{"1", 1, 3, false, "0.3333333333333333"},
		{"30", 1_005_000_000, QualityOne, true, "30.15"},
		{"30", 1_002_000_000, QualityOne, true, "30.06"},
		{"30.15", QualityOne, 1_005_000_000, false, "30"},
		{"10", 2, 3, true, "6.666666666666667"},
		{"-10", 2, 3, true, "-6.666666666666666"},
		{"-10", 2, 3, false, "-6.666666666666667"},
		{"0", 5, 7, true, "0"},
	} {
		if got := mul(mustParse(t, c.v), c.num, c.den, c.up); got.String() != c.want {
			t.Errorf("%s × %d/%d (up %v) = %v, want %s", c.v, c.num, c.den, c.up, got, c.want)
		}
	}
	if _, err := mustNew(t, 1, 0).MulRatio(1, 0, true); !errors.Is(err, ErrDivideByZero) {
		t.Errorf("divide by zero: %v", err)
	}
	if _, err := mustNew(t, maxMantissa, maxExponent).MulRatio(2, 1, true); !errors.Is(err, ErrOverflow) {
		t.Errorf("overflow: %v", err)
	}
}

func TestMinMaxAbs(t *testing.T) {
	a, b := mustParse(t, "-1"), mustParse(t, "2")
	if Min(a, b) != a || Max(a, b) != b || a.Abs() != mustParse(t, "1") {
		t.Fatal("min/max/abs")
	}
}
