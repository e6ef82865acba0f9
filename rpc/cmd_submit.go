package rpc

import (
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// maxBlobBytes is ChainSQL's limit on a submitted transaction (500 KB,
// txnBiggerThanMaxsize).
const maxBlobBytes = 500 * 1024

// lastLedgerOffset is how far past the open ledger a LastLedgerSequence
// filled in by the node lies (chainsqld's LAST_LEDGER_SEQ_OFFSET).
const lastLedgerOffset = 10

// cmdSubmit submits a signed tx_blob, or signs tx_json with secret first.
func cmdSubmit(c *call) (any, error) {
	if s, ok, err := c.str("tx_blob"); err != nil {
		return nil, err
	} else if ok {
		t, err := decodeBlob(s)
		if err != nil {
			return nil, err
		}
		c.submitTx(t)
		return deferred, nil
	}
	return c.signJSON(func(t *tx.Tx) { c.submitTx(t) })
}

// cmdSign signs tx_json with secret and answers tx_blob and tx_json.
func cmdSign(c *call) (any, error) {
	return c.signJSON(func(t *tx.Tx) {
		c.s.ok(c.req, map[string]any{"tx_blob": blobHex(t), "tx_json": t.JSON()})
	})
}

func blobHex(t *tx.Tx) string { return strings.ToUpper(hex.EncodeToString(t.Blob)) }

// decodeBlob decodes a submitted blob and checks its signature, as
// rippled's submit does before anything reaches the ledger.
func decodeBlob(s string) (*tx.Tx, error) {
	if len(s) > 2*maxBlobBytes {
		return nil, rpcerr.New(rpcerr.TxnBiggerThanMaxsize)
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, rpcerr.InvalidField("tx_blob")
	}
	t, err := tx.Decode(b)
	if err != nil {
		return nil, rpcerr.Newf(rpcerr.InvalidTransaction, "fails local checks: %v", err)
	}
	if err := t.Verify(); err != nil {
		return nil, rpcerr.Newf(rpcerr.InvalidTransaction, "fails local checks: Invalid signature.")
	}
	return t, nil
}

// submitTx hands a verified transaction to admission and answers when
// it has been admitted or refused.
func (c *call) submitTx(t *tx.Tx) {
	token := c.s.park(c.req, func(answer Answer) {
		c.s.okJSON(c.req, submitAnswer(answer.(Verdict)))
	})
	c.s.ask.Submit(token, t)
}

// rawShowSize is the longest Raw (in hex characters) that a table
// transaction's submit answer and notifications show (chainsqld's
// RAW_SHOW_SIZE).
const rawShowSize = 2048

// submitAnswer is rippled's submit result, as compact JSON with its
// members in sorted order (the bytes encoding/json writes for the map it
// used to be). For a table transaction, as chainsqld does, tx_blob is
// left out and so is a Raw longer than rawShowSize. tx_json is the
// transaction's JSON the notifications of it reuse. A detail (a
// contract's revert reason, why a Raw was refused) is
// engine_result_message_detail, as chainsqld writes it; a table
// transaction's also replaces engine_result_message.
func submitAnswer(r Verdict) []byte {
	table := r.Tx.Type.IsTable()
	txj := TxJSON(r.Tx)
	msg := r.Code.Message()
	if table && r.Detail != "" {
		msg = r.Detail
	}
	o := newObject(len(txj)+2*len(r.Tx.Blob)+320).
		boolean("accepted", r.Queued).
		boolean("applied", r.Queued).
		boolean("broadcast", r.Queued).
		str("engine_result", r.Code.Token()).
		integer("engine_result_code", int(r.Code)).
		str("engine_result_message", msg)
	if r.Detail != "" {
		o = o.str("engine_result_message_detail", r.Detail)
	}
	o = o.boolean("kept", r.Queued || r.Code == ter.TerPRE_SEQ).
		boolean("queued", false)
	if !table {
		o = o.str("tx_blob", blobHex(r.Tx))
	}
	return o.raw("tx_json", txj).end()
}

// signJSON builds a transaction from tx_json, fills Flags, Fee,
// Sequence and LastLedgerSequence as rippled does, signs it with the
// secret and hands it to then. The sequence comes from admission
// (Asker.OpenAccount: the open ledger's view), unless offline is set,
// which needs every field given.
func (c *call) signJSON(then func(t *tx.Tx)) (any, error) {
	txj, err := c.txJSON()
	if err != nil {
		return nil, err
	}
	kp, err := c.keyPair()
	if err != nil {
		return nil, err
	}
	offline, err := c.boolean("offline")
	if err != nil {
		return nil, err
	}
	if _, ok := txj["Account"]; !ok {
		return nil, rpcerr.MissingField("tx_json.Account")
	}
	if _, ok := txj["TransactionType"]; !ok {
		return nil, rpcerr.MissingField("tx_json.TransactionType")
	}
	if _, ok := txj["Flags"]; !ok {
		txj["Flags"] = json.Number("2147483648")
	}
	_, hasFee := txj["Fee"]
	if !hasFee && offline {
		return nil, rpcerr.MissingField("tx_json.Fee")
	}
	if _, ok := txj["LastLedgerSequence"]; !ok && !offline {
		h, _ := c.view.Closed()
		txj["LastLedgerSequence"] = json.Number(formatUint(uint64(h.Seq + 1 + lastLedgerOffset)))
	}
	finish := func() {
		o, unknown, err := codec.FromMapReport(txj)
		if err != nil {
			c.s.fail(c.req, rpcerr.Newf(rpcerr.InvalidParams, "tx_json: %v", err))
			return
		}
		if len(unknown) > 0 {
			c.s.fail(c.req, rpcerr.Newf(rpcerr.InvalidParams, "Field 'tx_json.%s' is unknown.", unknown[0]))
			return
		}
		if !hasFee {
			// The least fee the ledger takes: the base fee, or for a
			// table transaction the base fee, 1000 drops and the Raw's
			// bytes.
			code, _ := o.UInt16("TransactionType")
			fee := ledger.MinFee(&tx.Tx{Type: tx.Type(code), Fields: o}, c.view.Params())
			if err := o.Set("Fee", codec.NativeAmount(int64(fee))); err != nil {
				c.s.fail(c.req, err)
				return
			}
		}
		t, err := tx.Sign(o, kp)
		if err != nil {
			c.s.fail(c.req, rpcerr.Newf(rpcerr.InvalidTransaction, "%v", err))
			return
		}
		if len(t.Blob) > maxBlobBytes {
			// The limit of a submitted blob holds for one signed here.
			c.s.fail(c.req, rpcerr.New(rpcerr.TxnBiggerThanMaxsize))
			return
		}
		then(t)
	}
	acct, perr := parseAccountField(txj["Account"])
	if perr != nil {
		return nil, rpcerr.New(rpcerr.SrcActMalformed)
	}
	// rippled: the secret must be the account's master key.
	if acct != kp.AccountID() {
		return nil, rpcerr.New(rpcerr.BadSecret)
	}
	if _, ok := txj["Sequence"]; ok {
		finish()
		return deferred, nil
	}
	if offline {
		return nil, rpcerr.MissingField("tx_json.Sequence")
	}
	token := c.s.park(c.req, func(answer Answer) {
		a := answer.(OpenAccount)
		if a.Root == nil {
			c.s.fail(c.req, rpcerr.New(rpcerr.SrcActNotFound))
			return
		}
		txj["Sequence"] = json.Number(formatUint(uint64(a.Root.Sequence)))
		finish()
	})
	c.s.ask.OpenAccount(token, acct)
	return deferred, nil
}

// keyPair reads the signing secret: secret, seed, seed_hex or
// passphrase, with key_type, as rippled's sign does. A secret that is an
// account ID or a public key, or that has the form of a seed but does not
// decode as one (a mistyped seed), is badSeed; any other string is a
// passphrase, as in rippled, and one that is not the account's is
// badSecret (signJSON).
func (c *call) keyPair() (*keys.KeyPair, error) {
	alg, err := c.keyType()
	if err != nil {
		return nil, err
	}
	var seed keys.Seed
	if c.has("secret") {
		s, _, err := c.str("secret")
		if err != nil {
			return nil, err
		}
		if malformedSeed(s) {
			return nil, rpcerr.Newf(rpcerr.BadSeed, "Secret is malformed: it has the form of a seed, but its checksum does not match.")
		}
		if seed, err = keys.ParseSecret(s, alg); err != nil {
			return nil, rpcerr.New(rpcerr.BadSeed)
		}
	} else if !c.has("seed") && !c.has("seed_hex") && !c.has("passphrase") {
		return nil, rpcerr.MissingField("secret")
	} else if seed, err = c.keyPairSeed(alg); err != nil {
		return nil, err
	}
	kp, err := seed.KeyPair()
	if err != nil {
		return nil, rpcerr.New(rpcerr.BadSecret)
	}
	return kp, nil
}
