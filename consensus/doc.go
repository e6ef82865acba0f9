// Package consensus is the ordering port of the node and its engines.
//
// The sequencer does not decide when a ledger closes or what is in it:
// an [Orderer] does. The orderer takes the transactions the node has
// admitted, orders them into blocks, and drives an [Application] (the
// sequencer) through the steps of CometBFT's ABCI 2.0, so that a timer
// on one node and a BFT network of validators are two engines behind one
// port:
//
//	port step  Solo (standalone, the default)        a validator network
//	admit      the account actors' admission          CheckTx on every node
//	propose    every interval, when full, or on       PrepareProposal on the
//	           ledger_accept: what is queued, in      proposer, ProcessProposal
//	           the order it was admitted              on every validator
//	finalize   Application.FinalizeBlock: close time  FinalizeBlock: close time
//	           from the clock                         = block time; app hash =
//	                                                  ledger hash
//	commit     Application.Commit: one synced         Commit
//	           append, then publish
//	restart    Application.Info: the log's head       Info; the engine replays
//	                                                  what the app missed
//
// A [Block] is what an orderer hands over: the height it becomes (the
// ledger sequence), the close time, and the ordered transactions.
// FinalizeBlock applies it and returns the closed ledger (its results and
// its hash, ABCI's app hash); Commit makes it durable and publishes it.
// The two are separate because an engine may learn that a block is
// committed only after it has seen its results (CometBFT does). An
// Application is driven by one goroutine at a time: the orderer's.
//
// [Solo] is the standalone engine: a queue of admitted transactions and
// a timer. Nothing is reported validated before Commit returns.
package consensus
