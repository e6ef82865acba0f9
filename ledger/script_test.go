package ledger_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestScripts runs the scripts in testdata/. Each drives one chain:
//
//	genesis [time=T] [base-fee=N] [reserve=N] [reserve-inc=N] [drops=N]
//	wallet name=alice                      derive alice from passphrase "alice"
//	pay from=A to=B drops=N [fee=N] [seq=N] [lls=N] [flags=N] [dsttag=N]
//	    [sendmax=N] [paths] [delivermin=N] [issued=USD] [txnid=HEX]
//	accountset name=A [set=N] [clear=N] [flags=N] [domain=HEX|empty]
//	    [domain-len=N] [fee=N] [seq=N] [lls=N] [txnid=HEX]
//	close [time=T]                         apply the queued transactions and
//	                                       print each one's result, in queue
//	                                       order, with its index in the ledger
//	account name=A                         one account root
//	dump                                   every account, by account ID
//	header                                 the last header with full hashes
//	meta index=N                           the N-th recorded tx's metadata
//
// pay and accountset queue a signed transaction for the next close (to=zero
// pays the zero account, domain-len=N sets a domain of N bytes); seq
// defaults to the sender's next sequence counting what is queued. Amounts
// and fees are passed to the codec as written, so drops=-5 is a negative
// amount. The expected outputs were checked by hand against rippled's
// rules; see the comments in each file.
func TestScripts(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		if strings.HasPrefix(filepath.ToSlash(path), "testdata/fuzz/") {
			return // the fuzz targets' corpora, not scripts
		}
		s := &script{}
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			return s.run(t, d)
		})
	})
}

// script is the chain one test file drives.
type script struct {
	st      *ledger.State
	wallets map[string]*wallet
	names   map[address.AccountID]string
	queued  []*tx.Tx
	autoSeq map[string]uint32 // queued transactions per sender with a default seq
	desc    map[*tx.Tx]string
	last    *ledger.Closed
}

func (s *script) run(t *testing.T, d *datadriven.TestData) string {
	if s.st == nil && d.Cmd != "genesis" {
		d.Fatalf(t, "%s before genesis", d.Cmd)
	}
	switch d.Cmd {
	case "genesis":
		return s.genesis(t, d)
	case "wallet":
		w := s.wallet(t, d, "name")
		return fmt.Sprintf("%s %s", w.name, w.id())
	case "pay":
		return s.pay(t, d)
	case "accountset":
		return s.accountSet(t, d)
	case "close":
		return s.close(t, d)
	case "account":
		w := s.wallet(t, d, "name")
		a, ok := s.st.Account(w.id())
		if !ok {
			return w.name + ": no account"
		}
		return s.formatAccount(a)
	case "dump":
		var b strings.Builder
		for _, a := range s.st.AccountList() {
			b.WriteString(s.formatAccount(a))
			b.WriteByte('\n')
		}
		return b.String()
	case "header":
		return formatHeader(s.st.Header(), s.st.Hash())
	case "meta":
		return s.meta(t, d)
	}
	d.Fatalf(t, "unknown command %s", d.Cmd)
	return ""
}

func (s *script) genesis(t *testing.T, d *datadriven.TestData) string {
	p := ledger.DefaultParams()
	closeTime := uint32(genesisTime)
	d.MaybeScanArgs(t, "time", &closeTime)
	d.MaybeScanArgs(t, "base-fee", &p.BaseFee)
	d.MaybeScanArgs(t, "reserve", &p.ReserveBase)
	d.MaybeScanArgs(t, "reserve-inc", &p.ReserveInc)
	d.MaybeScanArgs(t, "drops", &p.GenesisDrops)
	*s = script{
		wallets: map[string]*wallet{},
		names:   map[address.AccountID]string{},
		autoSeq: map[string]uint32{},
		desc:    map[*tx.Tx]string{},
	}
	g := s.named(t, "genesis")
	st, err := ledger.Genesis(p, g.id(), closeTime)
	if err != nil {
		return "error: " + err.Error()
	}
	s.st = st
	return formatHeader(st.Header(), st.Hash())
}

// named returns the wallet called name, deriving it on first use.
func (s *script) named(t *testing.T, name string) *wallet {
	if w, ok := s.wallets[name]; ok {
		return w
	}
	w := newWallet(t, name)
	s.wallets[name] = w
	s.names[w.id()] = name
	return w
}

func (s *script) wallet(t *testing.T, d *datadriven.TestData, arg string) *wallet {
	var name string
	d.ScanArgs(t, arg, &name)
	return s.named(t, name)
}

// queue signs a transaction from w and queues it for the next close.
func (s *script) queue(t *testing.T, d *datadriven.TestData, w *wallet, typ string, fields map[string]any, what string) string {
	var seq uint32
	if !d.MaybeScanArgs(t, "seq", &seq) {
		seq = 1
		if a, ok := s.st.Account(w.id()); ok {
			seq = a.Sequence
		}
		seq += s.autoSeq[w.name]
		s.autoSeq[w.name]++
	}
	scanString(t, d, "fee", "Fee", fields)
	scanUint32(t, d, "lls", "LastLedgerSequence", fields)
	scanUint32(t, d, "flags", "Flags", fields)
	scanString(t, d, "txnid", "AccountTxnID", fields)
	tr := signTx(t, w, typ, seq, fields)
	s.queued = append(s.queued, tr)
	s.desc[tr] = fmt.Sprintf("#%d %s seq=%d %s", len(s.queued), w.name, seq, what)
	return fmt.Sprintf("queued %s", s.desc[tr])
}

func (s *script) pay(t *testing.T, d *datadriven.TestData) string {
	from := s.wallet(t, d, "from")
	var to string
	d.ScanArgs(t, "to", &to)
	dst := address.AccountID{} // to=zero: the zero account
	if to != "zero" {
		dst = s.named(t, to).id()
	}
	var drops string
	d.ScanArgs(t, "drops", &drops)
	fields := map[string]any{"Destination": dst.String(), "Amount": drops}
	if d.HasArg("issued") {
		var currency string
		d.ScanArgs(t, "issued", &currency)
		fields["Amount"] = map[string]any{"value": drops, "currency": currency, "issuer": from.id().String()}
	}
	scanString(t, d, "sendmax", "SendMax", fields)
	scanString(t, d, "delivermin", "DeliverMin", fields)
	scanUint32(t, d, "dsttag", "DestinationTag", fields)
	if d.HasArg("paths") {
		fields["Paths"] = []any{[]any{map[string]any{"account": dst.String()}}}
	}
	return s.queue(t, d, from, "Payment", fields, fmt.Sprintf("Payment %s -> %s", drops, to))
}

func (s *script) accountSet(t *testing.T, d *datadriven.TestData) string {
	w := s.wallet(t, d, "name")
	fields := map[string]any{}
	scanUint32(t, d, "set", "SetFlag", fields)
	scanUint32(t, d, "clear", "ClearFlag", fields)
	if d.HasArg("domain") {
		var domain string
		d.ScanArgs(t, "domain", &domain)
		if domain == "empty" {
			domain = ""
		}
		fields["Domain"] = domain
	}
	var n int
	if d.MaybeScanArgs(t, "domain-len", &n) {
		fields["Domain"] = strings.Repeat("61", n)
	}
	return s.queue(t, d, w, "AccountSet", fields, "AccountSet")
}

func (s *script) close(t *testing.T, d *datadriven.TestData) string {
	closeTime := s.st.Header().CloseTime + 10
	d.MaybeScanArgs(t, "time", &closeTime)
	c := s.st.Close(s.queued, closeTime)
	outcome := make(map[*tx.Tx]string, len(s.queued))
	for _, a := range c.Txs {
		outcome[a.Tx] = fmt.Sprintf("%s (index %d)", a.Meta.Result.Token(), a.Meta.Index)
	}
	for _, r := range c.Rejected {
		outcome[r.Tx] = fmt.Sprintf("%s (rejected)", r.Code.Token())
	}
	var b strings.Builder
	for _, q := range s.queued {
		o, ok := outcome[q]
		if !ok {
			d.Fatalf(t, "%s neither applied nor rejected", s.desc[q])
		}
		fmt.Fprintf(&b, "%s: %s\n", s.desc[q], o)
	}
	if len(outcome) != len(s.queued) {
		d.Fatalf(t, "%d outcomes for %d transactions", len(outcome), len(s.queued))
	}
	s.queued, s.last = nil, c
	clear(s.autoSeq)
	if len(c.Changed) > 0 {
		b.WriteString("changed ")
		for i, a := range c.Changed {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s.name(a.Account))
		}
		b.WriteByte('\n')
	}
	h := c.Header
	fmt.Fprintf(&b, "ledger %d closed at %d (parent %d), %d drops, hash %s",
		h.Seq, h.CloseTime, h.ParentCloseTime, h.TotalDrops, hex16(c.Hash[:]))
	return b.String()
}

func (s *script) meta(t *testing.T, d *datadriven.TestData) string {
	var i int
	d.ScanArgs(t, "index", &i)
	if s.last == nil || i >= len(s.last.Txs) {
		d.Fatalf(t, "no recorded transaction %d", i)
	}
	m, err := ledger.DecodeMeta(s.last.Txs[i].MetaBlob)
	if err != nil {
		return "error: " + err.Error()
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		d.Fatalf(t, "%v", err)
	}
	return string(out)
}

func (s *script) name(id address.AccountID) string {
	if n, ok := s.names[id]; ok {
		return n
	}
	return id.String()
}

func (s *script) formatAccount(a ledger.AccountRoot) string {
	out := fmt.Sprintf("%s: balance=%d seq=%d owners=%d flags=%#x", s.name(a.Account), a.Balance, a.Sequence, a.OwnerCount, a.Flags)
	if len(a.Domain) > 0 {
		out += fmt.Sprintf(" domain=%X", a.Domain)
	}
	if a.PreviousTxnLgrSeq != 0 {
		out += fmt.Sprintf(" prev=%s@%d", hex16(a.PreviousTxnID[:]), a.PreviousTxnLgrSeq)
	}
	return out
}

func formatHeader(h ledger.Header, hash [32]byte) string {
	return fmt.Sprintf(`seq           %d
total drops   %d
parent hash   %X
tx hash       %X
account hash  %X
close time    %d (parent %d, resolution %d, flags %d)
hash          %X`, h.Seq, h.TotalDrops, h.ParentHash, h.TxHash, h.AccountHash,
		h.CloseTime, h.ParentCloseTime, h.CloseTimeResolution, h.CloseFlags, hash)
}

func scanString(t *testing.T, d *datadriven.TestData, arg, field string, fields map[string]any) {
	var v string
	if d.MaybeScanArgs(t, arg, &v) {
		fields[field] = v
	}
}

// scanUint32 reads a decimal or 0x-prefixed hex argument.
func scanUint32(t *testing.T, d *datadriven.TestData, arg, field string, fields map[string]any) {
	var v string
	if !d.MaybeScanArgs(t, arg, &v) {
		return
	}
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		d.Fatalf(t, "%s: %v", arg, err)
	}
	fields[field] = uint32(n)
}
