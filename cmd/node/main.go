// Command node runs a sqledger node.
//
//	node [run] [flags]          start the node (the default command)
//	node replay --data-dir DIR  rebuild the state from the event log and check it
//	node testnet [--validators N] [--dir D]
//	                            write a local CometBFT validator network
//	node wallet [--passphrase P] [--ed25519]
//	                            print a new key pair and account
//	node version                print the version, the commit and the Go version
//
// `go run ./cmd/node` starts a node with the embedded default
// configuration (default.toml): data in ./data, WebSocket listeners on
// 127.0.0.1:6006 and 127.0.0.1:30002, a ledger closed every second when
// transactions are waiting.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches a subcommand and returns the exit status.
func run(args []string) int {
	cmd := "run"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runNode(args)
	case "replay":
		err = runReplay(args, os.Stdout, os.Stderr)
	case "testnet":
		err = runTestnet(args, os.Stdout)
	case "wallet":
		err = runWallet(args, os.Stdout)
	case "version":
		err = runVersion(os.Stdout)
	case "help":
		usage()
	default:
		fmt.Fprintf(os.Stderr, "node: unknown command %q\n", cmd)
		usage()
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errMismatch):
		fmt.Fprintln(os.Stderr, "node:", err)
		return 1
	default:
		fmt.Fprintln(os.Stderr, "node:", err)
		return 1
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  node [run] [flags]            start the node (node run --help for flags)
  node replay --data-dir DIR    rebuild state from the event log and check every result and hash
  node testnet [--validators N] [--dir D] [--port-base P]
                                write a local CometBFT network of N validators (node run --config D/node<i>/config.toml)
  node wallet [--passphrase P] [--ed25519]
                                print a new key pair and account
  node version                  print the version, the commit it was built from and the Go version
`)
}
