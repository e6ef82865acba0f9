package keys

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// canonicality is what rippled's ecdsaCanonicality answers.
type canonicality int

const (
	notCanonical canonicality = iota
	canonical
	fullyCanonical
)

func TestParseDERRippledVectors(t *testing.T) {
	// rippled src/test/protocol/PublicKey_test.cpp, testCanonical, in order.
	tests := []struct {
		hex  string
		want canonicality
	}{
		{"3045" + "022100FF478110D1D4294471EC76E0157540C2181F47DEBD25D7F9E7DDCCCD47EE" + "E905" + "0220078F07CDAE6C240855D084AD91D1479609533C147C93B0AEF19BC9724D003F" + "28", fullyCanonical},
		{"3045" + "0221009218248292F1762D8A51BE80F8A7F2CD288D810CE781D5955700DA1684DF" + "1D2D" + "022041A1EE1746BFD72C9760CC93A7AAA8047D52C8833A03A20EAAE92EA19717B4" + "54", fullyCanonical},
		{"3044" + "02206A9E43775F73B6D1EC420E4DDD222A80D4C6DF5D1BEECC431A91B63C928B75" + "81" + "022023E9CC2D61DDA6F73EAA6BCB12688BEB0F434769276B3127E4044ED895C9D9" + "6B", fullyCanonical},
		{"3044" + "022056E720007221F3CD4EFBB6352741D8E5A0968D48D8D032C2FBC4F6304AD1D0" + "4E" + "02201F39EB392C20D7801C3E8D81D487E742FA84A1665E923225BD6323847C7187" + "9F", fullyCanonical},
		{"3045" + "022100FDFD5AD05518CEA0017A2DCB5C4DF61E7C73B6D3A38E7AE93210A1564E8C" + "2F12" + "0220214FF061CCC123C81D0BB9D0EDEA04CD40D96BF1425D311DA62A7096BB18EA" + "18", fullyCanonical},
		{"3046" + "022100F477B3FA6F31C7CB3A0D1AD94A231FDD24B8D78862EE334CEA7CD08F6CBC" + "0A1B" + "022100928E6BCF1ED2684679730C5414AEC48FD62282B090041C41453C1D064AF5" + "97A1", canonical},
		{"3045" + "022063E7C7CA93CB2400E413A342C027D00665F8BAB9C22EF0A7B8AE3AAF092230" + "B6" + "0221008F2E8BB7D09521ABBC277717B14B93170AE6465C5A1B36561099319C4BEB" + "254C", canonical},
		{"3046" + "02210099DCA1188663DDEA506A06A7B20C2B7D8C26AFF41DECE69D6C5F7C967D32" + "625F" + "022100897658A6B1F9EEE5D140D7A332DA0BD73BB98974EA53F6201B01C1B594F2" + "86EA", canonical},
		{"3045" + "02200855DE366E4E323AA2CE2A25674401A7D11F72EC432770D07F7B57DF7387AE" + "C0" + "022100DA4C6ADDEA14888858DE2AC5B91ED9050D6972BB388DEF582628CEE32869" + "AE35", canonical},
		{"3006" + "020101" + "020102", fullyCanonical},
		{"3044" + "02203932c892e2e550f3af8ee4ce9c215a87f9bb831dcac87b2838e2c2eaa891df" + "0c" + "022030b61dd36543125d56b9f9f3a1f53189e5af33cdda8d77a5209aec03978fa0" + "01", fullyCanonical},
		{"3045" + "0220076045be6f9eca28ff1ec606b833d0b87e70b2a630f5e3a496b110967a40f9" + "0a" + "0221008fffd599910eefe00bc803c688eca1d2ba7f6b180620eaa03488e6585db6" + "ba01", canonical},
		{"3046" + "022100876045be6f9eca28ff1ec606b833d0b87e70b2a630f5e3a496b110967a40" + "f90a" + "0221008fffd599910eefe00bc803c688c2eca1d2ba7f6b180620eaa03488e6585d" + "b6ba", canonical},
		{"3005" + "0201FF" + "0200", notCanonical},
		{"3006" + "020101" + "020202", notCanonical},
		{"3006" + "020701" + "020102", notCanonical},
		{"3006" + "020401" + "020102", notCanonical},
		{"3006" + "020501" + "020102", notCanonical},
		{"3006" + "020201" + "020102", notCanonical},
		{"3006" + "020301" + "020202", notCanonical},
		{"3006" + "020401" + "020202", notCanonical},
		{"3047" + "0221005990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba" + "6105" + "022200002d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e56" + "6695ed", notCanonical},
		{"3144" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3045" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"301F" + "01205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1", notCanonical},
		{"3045" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed00", notCanonical},
		{"3044" + "01205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3024" + "0200" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3044" + "02208990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3045" + "0221005990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba" + "6105" + "02202d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3044" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05012" + "02d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695e" + "d", notCanonical},
		{"3024" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "0200", notCanonical},
		{"3044" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "0220fd5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e566695" + "ed", notCanonical},
		{"3045" + "02205990e0584b2b238e1dfaad8d6ed69ecc1a4a13ac85fc0b31d0df395eb1ba61" + "05" + "0221002d5876262c288beb511d061691bf26777344b702b00f8fe28621fe4e5666" + "95ed", notCanonical},
		// Beyond rippled's list: R or S equal to the group order n.
		{"3026" + "022100" + strings.Repeat("FF", 15) + "FEBAAEDCE6AF48A03BBFD25E8CD0364141" + "020101", notCanonical},
		{"3026" + "020101" + "022100" + strings.Repeat("FF", 15) + "FEBAAEDCE6AF48A03BBFD25E8CD0364141", notCanonical},
		// S = n-1 is canonical; S = (n-1)/2 is the largest fully canonical S.
		{"3026" + "020101" + "022100" + strings.Repeat("FF", 15) + "FEBAAEDCE6AF48A03BBFD25E8CD0364140", canonical},
		{"3025" + "020101" + "02207FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", fullyCanonical},
		{"3025" + "020101" + "02207FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A1", canonical},
		{"", notCanonical},
	}
	for i, tc := range tests {
		sig := mustHex(t, tc.hex)
		r, s, high, err := parseDER(sig)
		var got canonicality
		switch {
		case err != nil:
			if !errors.Is(err, ErrNonCanonical) {
				t.Errorf("#%d: error %v is not ErrNonCanonical", i, err)
			}
			got = notCanonical
		case high:
			got = canonical
		default:
			got = fullyCanonical
		}
		if got != tc.want {
			t.Errorf("#%d %s: canonicality %d, want %d (err %v)", i, tc.hex, got, tc.want, err)
			continue
		}
		if err == nil {
			if back := encodeDER(&r, &s); !bytes.Equal(back, sig) {
				t.Errorf("#%d: encodeDER(parseDER(sig)) = %X, want %X", i, back, sig)
			}
		}
	}
}
