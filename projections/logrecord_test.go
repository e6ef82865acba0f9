package projections

import (
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/ter"
)

// TestLogRecords checks the projection's reading of headers and metadata
// against ledger/'s encoders.
func TestLogRecords(t *testing.T) {
	if headerSize != ledger.HeaderSize || rippleEpoch != ledger.RippleEpoch {
		t.Fatalf("header size %d / epoch %d, ledger/ says %d / %d", headerSize, rippleEpoch, ledger.HeaderSize, ledger.RippleEpoch)
	}
	h := ledger.Header{Seq: 77, TotalDrops: 1 << 60, ParentCloseTime: 799999990, CloseTime: 800000000, CloseTimeResolution: 1}
	seq, ct, err := headerInfo(h.Encode())
	if err != nil || seq != 77 || ct != 800000000 {
		t.Errorf("headerInfo = %d %d %v", seq, ct, err)
	}
	if got := closeTimeText(ct); got != "2025-05-08 06:13:20" {
		t.Errorf("close time %q", got)
	}
	for _, code := range []ter.Code{ter.TesSUCCESS, ter.TefTABLE_NOTEXIST, ter.TecUNFUNDED_PAYMENT} {
		meta := (&ledger.Meta{Index: 3, Result: code, DeliveredDrops: -1}).Encode()
		got, err := metaResult(meta)
		want, _ := ledger.MetaResult(meta)
		if err != nil || got != code || got != want {
			t.Errorf("metaResult(%v) = %v, %v; ledger says %v", code, got, err, want)
		}
	}
	if _, _, err := headerInfo(make([]byte, 10)); err == nil {
		t.Error("a short header decoded")
	}
	if _, err := metaResult([]byte{0x20}); err == nil {
		t.Error("a broken meta decoded")
	}
}
