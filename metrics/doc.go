// Package metrics exports the node's Prometheus metrics at /metrics and
// answers load balancers at /health, on a listener of its own.
//
// Metrics is the node's actors.Observer: the sequencer, the sessions
// and the SQL store's follower tell it what they do, and it counts.
// What it reads at scrape time (sessions, queue depths, the SQL store's
// lag, the last ledger) comes from the Sources the node gives it. It
// uses a private registry, so that no other library's metrics (CometBFT
// registers its own on the default one) mix with the node's.
package metrics
