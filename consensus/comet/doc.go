// Package comet is the CometBFT engine of the ordering port: a validator
// network orders the node's transactions, and every validator's sequencer
// closes the same ledgers.
//
// [App] is an ABCI 2.0 application (CometBFT v0.38) that drives a
// consensus.Application, the sequencer:
//
//	ABCI             what App does
//	Info             the sequencer's last durable ledger: height and hash
//	InitChain        checks the chain starts at height 1 on a log holding
//	                 only its genesis ledger; returns the genesis ledger
//	                 hash as the app hash
//	CheckTx          decodes the blob, verifies the signature, then asks
//	                 the node's Admitter, if any (new and rechecked
//	                 transactions); never fails
//	PrepareProposal  CometBFT's order with each account's transactions in
//	                 sequence order, undecodable ones dropped, at most MaxTxs
//	ProcessProposal  rejects a block over MaxTxs or with a transaction that
//	                 does not decode or verify
//	FinalizeBlock    consensus.Application.FinalizeBlock with the block time
//	                 as close time; per-transaction results; app hash =
//	                 ledger hash
//	Commit           consensus.Application.Commit: the synced append, then
//	                 publish; RetainHeight 0 (CometBFT keeps every block)
//
// # Heights
//
// sqledger's genesis ledger is sequence 1 and a CometBFT chain's first
// block is height 1 (the genesis initial_height must be 1), so
//
//	ledger sequence = CometBFT height + HeightOffset (1)
//
// Block 1 closes ledger 2. Info reports LastBlockHeight = last ledger
// sequence - 1: a log holding only its genesis ledger is height 0, so
// CometBFT calls InitChain, and a log ahead of CometBFT's block store
// makes CometBFT's handshake refuse to start, while one behind it is
// caught up by replaying the stored blocks through FinalizeBlock and
// Commit: a ledger is never appended twice.
//
// [Orderer] is the consensus.Orderer of a validator: it embeds a CometBFT
// node, built from a CometBFT home directory (config/config.toml,
// config/genesis.json, the keys, data/), and hands submitted
// transactions to that node's mempool.
package comet
