package gateway

import "testing"

func TestCloseReasons(t *testing.T) {
	tests := []struct {
		reason CloseReason
		label  string
		hard   bool
		code   uint16
	}{
		{ClientClosed, "client_closed", false, closePolicy},
		{ReadError, "read_error", true, closePolicy},
		{WriteError, "write_error", true, closePolicy},
		{WriteTimeout, "write_timeout", true, closePolicy},
		{PingTimeout, "ping_timeout", true, closePolicy},
		{SlowConsumer, "slow_consumer", true, closePolicy},
		{IdleExpired, "idle_expired", false, closeNormal},
		{ServiceCeiling, "service_ceiling", false, closeTryAgainLater},
		{FrameTooLarge, "frame_too_large", false, closeTooLarge},
		{PolicyViolation, "policy_violation", false, closePolicy},
		{Shutdown, "shutdown", false, closeGoingAway},
		{Flooding, "flooding", false, closePolicy},
		{0, "unknown", false, closePolicy},
		{closeReasonEnd, "unknown", false, closePolicy},
	}
	if len(tests) != NumCloseReasons+1 {
		t.Fatalf("table covers %d reasons, the package defines %d", len(tests)-2, NumCloseReasons-1)
	}
	for _, tt := range tests {
		if got := tt.reason.String(); got != tt.label {
			t.Errorf("%d.String() = %q, want %q", tt.reason, got, tt.label)
		}
		if got := tt.reason.hard(); got != tt.hard {
			t.Errorf("%s.hard() = %v", tt.label, got)
		}
		if got := tt.reason.closeCode(); got != tt.code {
			t.Errorf("%s.closeCode() = %d, want %d", tt.label, got, tt.code)
		}
	}
}
