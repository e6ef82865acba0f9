package ledger_test

import (
	"bytes"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// cipherRaw stands for a Raw encrypted with a table's password: bytes
// that are not JSON.
const cipherRaw = "\x8f\x01\xc3 not json \x00\xff"

func confidentialCreate(t testing.TB, c *tableChain, token string, extra map[string]any) *tx.Tx {
	f := map[string]any{"Token": token}
	for k, v := range extra {
		f[k] = v
	}
	return c.list(t, c.alice, tx.OpCreate, "c", cipherRaw, f)
}

// TestConfidentialTable walks a confidential table's life: the create
// keeps the owner's Token without parsing the Raw, grants need the
// grantee's Token and never go to everyone, statements carry ciphertext.
func TestConfidentialTable(t *testing.T) {
	c := newTableChain(t)
	grantRaw := `[{"insert":true,"select":true}]`
	steps := []struct {
		name    string
		build   func() *tx.Tx
		want    ter.Code
		claimed bool
	}{
		{"create with an OperationRule", func() *tx.Tx {
			return confidentialCreate(t, c, "AA11", map[string]any{"OperationRule": hexOf(`{"Insert":{"Condition":{"account":"$account"}}}`)})
		}, ter.TemBAD_RULEANDTOKEN, false},
		{"create with an empty Token", func() *tx.Tx { return confidentialCreate(t, c, "", nil) }, ter.TemINVALID, false},
		{"create", func() *tx.Tx { return confidentialCreate(t, c, "AA11", nil) }, ter.TesSUCCESS, true},
		{"grant without a Token", func() *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "c", grantRaw, map[string]any{"User": c.bob.id().String()})
		}, ter.TemINVALID, false},
		{"grant to everyone", func() *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "c", grantRaw, map[string]any{"User": address.NoAccount.String(), "Token": "CC33"})
		}, ter.TemINVALID, false},
		{"grant", func() *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "c", grantRaw, map[string]any{"User": c.bob.id().String(), "Token": "BB22"})
		}, ter.TesSUCCESS, true},
		{"encrypted insert by the grantee", func() *tx.Tx { return c.stmt(t, c.bob, tx.OpInsert, "c", cipherRaw, nil) }, ter.TesSUCCESS, true},
		{"encrypted insert into a plain table", func() *tx.Tx { return c.stmt(t, c.alice, tx.OpInsert, "t", cipherRaw, nil) }, ter.TemBAD_RAW, false},
		{"encrypted insert into no table", func() *tx.Tx { return c.stmt(t, c.alice, tx.OpInsert, "nope", cipherRaw, nil) }, ter.TemBAD_RAW, false},
		{"plain grant with a Token", func() *tx.Tx {
			return c.list(t, c.alice, tx.OpGrant, "t", grantRaw, map[string]any{"User": c.bob.id().String(), "Token": "DD44"})
		}, ter.TesSUCCESS, true},
	}
	for _, s := range steps {
		txn := s.build()
		code, claimed := outcome(c.close(t, txn), txn.Hash)
		if code != s.want || claimed != s.claimed {
			t.Fatalf("%s: %s (recorded %v), want %s (recorded %v)", s.name, code.Token(), claimed, s.want.Token(), s.claimed)
		}
		if err := c.st.CheckInvariants(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !claimed {
			for w := range c.seq {
				if w.id() == txn.Account {
					c.seq[w]-- // an unrecorded transaction used no sequence
				}
			}
		}
	}
	tbl := c.table("c")
	if tbl == nil || !tbl.Confidential() {
		t.Fatalf("table c %+v is not confidential", tbl)
	}
	for _, w := range []struct {
		who  *wallet
		want []byte
	}{{c.alice, []byte{0xAA, 0x11}}, {c.bob, []byte{0xBB, 0x22}}} {
		if got, ok := tbl.Token(w.who.id()); !ok || !bytes.Equal(got, w.want) {
			t.Fatalf("%s's token %X %v, want %X", w.who.name, got, ok, w.want)
		}
	}
	if _, ok := tbl.Token(c.g.id()); ok {
		t.Fatal("genesis has a token")
	}
	if !bytes.Equal(tbl.CreateRaw, []byte(cipherRaw)) || tbl.Permissions(c.bob.id())&ledger.PermInsert == 0 {
		t.Fatalf("create raw %q, bob's permissions %d", tbl.CreateRaw, tbl.Permissions(c.bob.id()))
	}
	plain := c.table("t")
	if plain.Confidential() {
		t.Fatal("a grant's Token made the plain table confidential")
	}
	if got, ok := plain.Token(c.bob.id()); !ok || !bytes.Equal(got, []byte{0xDD, 0x44}) {
		t.Fatalf("plain table's grant token %X %v", got, ok)
	}
}

// TestConfidentialTokenInStateHash: the Tokens are part of the state,
// so two ledgers that differ only in a Token differ in hash.
func TestConfidentialTokenInStateHash(t *testing.T) {
	var hashes [2]ledger.Header
	for i, tok := range []string{"AA11", "AA12"} {
		c := newTableChain(t)
		hashes[i] = c.close(t, confidentialCreate(t, c, tok, nil)).Header
	}
	if hashes[0].AccountHash == hashes[1].AccountHash {
		t.Fatal("the Token is not in the state hash")
	}
}
