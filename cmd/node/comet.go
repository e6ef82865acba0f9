package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"

	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/consensus/comet"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/rpc"
)

// The node finds the network's facts for server_info on its orderer.
var _ rpc.Network = (*comet.Orderer)(nil)

// cometOrderer builds the orderer of a CometBFT validator and the chain's
// genesis, read from the CometBFT genesis: its app_state is the sqledger
// genesis record, and its app_hash, when set, must be the hash of the
// genesis ledger that record derives.
func cometOrderer(cfg *config, logger *slog.Logger) (consensus.Orderer, *ledgerlog.Genesis, error) {
	home := cfg.Consensus.CometHome
	c, err := comet.LoadConfig(home)
	if err != nil {
		return nil, nil, err
	}
	doc, err := cmttypes.GenesisDocFromFile(c.GenesisFile())
	if err != nil {
		return nil, nil, fmt.Errorf("CometBFT genesis: %w", err)
	}
	g, err := chainGenesis(doc)
	if err != nil {
		return nil, nil, err
	}
	o, err := comet.New(comet.Config{Home: home, MaxTxs: cfg.MaxTxsPerLedger, Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	hooked, err := divergeHook(o)
	if err != nil {
		return nil, nil, err
	}
	return hooked, g, nil
}

// chainGenesis is the sqledger genesis of a CometBFT genesis.
func chainGenesis(doc *cmttypes.GenesisDoc) (*ledgerlog.Genesis, error) {
	var g ledgerlog.Genesis
	if err := json.Unmarshal(doc.AppState, &g); err != nil {
		return nil, fmt.Errorf("CometBFT genesis app_state is not a sqledger genesis: %w", err)
	}
	st, err := ledger.Genesis(g.Params, g.Account, g.CloseTime)
	if err != nil {
		return nil, fmt.Errorf("CometBFT genesis app_state: %w", err)
	}
	if h := st.Hash(); len(doc.AppHash) > 0 && !bytes.Equal(doc.AppHash, h[:]) {
		return nil, fmt.Errorf("CometBFT genesis app_hash %X is not the hash of the genesis ledger its app_state derives, %X", []byte(doc.AppHash), h)
	}
	return &g, nil
}
