package rpc

import "sort"

// CommandNames lists the command table, sorted, for the coverage test.
func CommandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
