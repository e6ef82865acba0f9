package rpcerr_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

func TestFields(t *testing.T) {
	tests := []struct {
		name    string
		err     *rpcerr.Error
		token   string
		code    int
		message string
	}{
		{"default text", rpcerr.New(rpcerr.TabNotExist), "tabNotExist", 106, "Table does not exist."},
		{"own text", &rpcerr.Error{Code: rpcerr.ActNotFound, Message: "Account not found: zHb9."}, "actNotFound", 19, "Account not found: zHb9."},
		{"formatted", rpcerr.Newf(rpcerr.TxnBiggerThanMaxsize, "tx_blob is %d bytes", 600000), "txnBiggerThanMaxsize", 127, "tx_blob is 600000 bytes"},
		{"undefined code", rpcerr.New(rpcerr.Code(4)), "unknown", -1, "An unknown error code."},
		{"zero value", &rpcerr.Error{}, "unknown", -1, "An unknown error code."},
		{"undefined code, own text", &rpcerr.Error{Code: 500, Message: "x"}, "unknown", -1, "x"},
		{"missing field", rpcerr.MissingField("tx_json"), "invalidParams", 31, "Missing field 'tx_json'."},
		{"invalid field", rpcerr.InvalidField("ledger_index"), "invalidParams", 31, "Invalid field 'ledger_index'."},
		{"object field", rpcerr.ObjectField("tx_json"), "invalidParams", 31, "Invalid field 'tx_json', not object."},
		{"expected field", rpcerr.ExpectedField("limit", "unsigned integer"), "invalidParams", 31, "Invalid field 'limit', not unsigned integer."},
		{"bare token", rpcerr.Bare("entryNotFound", "Entry not found."), "entryNotFound", -1, "Entry not found."},
		{"percent in name", rpcerr.MissingField("a%sb"), "invalidParams", 31, "Missing field 'a%sb'."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token, code, message := tt.err.Fields()
			if token != tt.token || code != tt.code || message != tt.message {
				t.Fatalf("Fields() = %q, %d, %q; want %q, %d, %q", token, code, message, tt.token, tt.code, tt.message)
			}
			if want := tt.token + ": " + tt.message; tt.err.Error() != want {
				t.Fatalf("Error() = %q, want %q", tt.err.Error(), want)
			}
		})
	}
}

func TestIsAndAs(t *testing.T) {
	base := rpcerr.Newf(rpcerr.TabNotExist, "Table %q does not exist.", "users")
	wrapped := fmt.Errorf("r_get: %w", base)

	if !errors.Is(wrapped, rpcerr.New(rpcerr.TabNotExist)) {
		t.Error("errors.Is does not match on the code")
	}
	if errors.Is(wrapped, rpcerr.New(rpcerr.TabUnauthorized)) {
		t.Error("errors.Is matches a different code")
	}
	if errors.Is(wrapped, (*rpcerr.Error)(nil)) {
		t.Error("errors.Is matches a nil *Error")
	}
	got, ok := errors.AsType[*rpcerr.Error](wrapped)
	if !ok || got != base {
		t.Fatalf("errors.AsType = %v, %v", got, ok)
	}
	if errors.Is(base, io.EOF) || base.Unwrap() != nil {
		t.Error("Newf without %w wraps something")
	}
}

func TestNewfWraps(t *testing.T) {
	e := rpcerr.Newf(rpcerr.Internal, "read ledger 7: %w", io.ErrUnexpectedEOF)
	if !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Error("Newf does not keep the %w error")
	}
	if e.Message != "read ledger 7: unexpected EOF" {
		t.Errorf("Message = %q", e.Message)
	}
	two := rpcerr.Newf(rpcerr.General, "%w and %w", io.EOF, io.ErrClosedPipe)
	if !errors.Is(two, io.EOF) || !errors.Is(two, io.ErrClosedPipe) {
		t.Error("Newf does not keep both %w errors")
	}
}

func TestFrom(t *testing.T) {
	if rpcerr.From(nil) != nil {
		t.Error("From(nil) is not nil")
	}
	base := rpcerr.MissingField("secret")
	if got := rpcerr.From(fmt.Errorf("sign: %w", base)); got != base {
		t.Errorf("From(wrapped) = %v, want %v", got, base)
	}
	token, code, message := rpcerr.From(fmt.Errorf("pebble: %w", io.ErrShortWrite)).Fields()
	if token != "internal" || code != 73 || message != "Internal error." {
		t.Errorf("From(foreign) = %q, %d, %q; want internal, 73, Internal error.", token, code, message)
	}
}
