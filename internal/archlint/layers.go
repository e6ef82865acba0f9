package archlint

import (
	"fmt"
	"slices"
	"strings"
)

// Layer is one row of the package table of ARCHITECTURE.md: a package
// (or, ending in "/", every package under a folder) and what it may
// import besides the standard library.
type Layer struct {
	Pkg string
	// Internal are the module's packages it may import; an entry ending
	// in "/" allows every package under that folder.
	Internal []string
	// External are the third-party module paths it may import (each
	// allows the packages under it too).
	External []string
}

// matches reports whether path is pattern or under it ("protocol/"
// and "protocol" both match protocol and protocol/codec).
func matches(pattern, path string) bool {
	pattern = strings.TrimSuffix(pattern, "/")
	return path == pattern || strings.HasPrefix(path, pattern+"/")
}

// CheckLayers checks the imports of each of the module's packages
// (import paths relative to module, e.g. "ledger") against layers. Every
// package must be covered by a row: the row of the package itself, or
// else of the nearest folder above it. It returns one line per
// violation, sorted.
func CheckLayers(module string, layers []Layer, imports map[string][]string) []string {
	var out []string
	for pkg, imps := range imports {
		row, ok := rowOf(layers, pkg)
		if !ok {
			out = append(out, fmt.Sprintf("%s: in no row of the package table", pkg))
			continue
		}
		for _, imp := range imps {
			if err := row.allows(module, imp); err != nil {
				out = append(out, fmt.Sprintf("%s: %v", pkg, err))
			}
		}
	}
	slices.Sort(out)
	return out
}

// rowOf is the row that covers pkg: its own, or else the nearest
// folder's above it.
func rowOf(layers []Layer, pkg string) (row Layer, ok bool) {
	for _, l := range layers {
		if matches(l.Pkg, pkg) && (!ok || len(strings.TrimSuffix(l.Pkg, "/")) > len(strings.TrimSuffix(row.Pkg, "/"))) {
			row, ok = l, true
		}
	}
	return row, ok
}

// Allowed reports whether the package table lets pkg (relative to the
// module) import imp: nil, or why not.
func Allowed(pkg, imp string) error {
	row, ok := rowOf(Packages, pkg)
	if !ok {
		return fmt.Errorf("%s is in no row of the package table", pkg)
	}
	return row.allows(Module, imp)
}

func (l Layer) allows(module, imp string) error {
	if rel, ok := strings.CutPrefix(imp, module+"/"); ok {
		if !slices.ContainsFunc(l.Internal, func(p string) bool { return matches(p, rel) }) {
			return fmt.Errorf("imports %s, which its row of the package table does not allow", rel)
		}
		return nil
	}
	if first, _, _ := strings.Cut(imp, "/"); !strings.Contains(first, ".") {
		return nil // the standard library
	}
	if !slices.ContainsFunc(l.External, func(p string) bool { return matches(p, imp) }) {
		return fmt.Errorf("imports third-party %s, which its row of the package table does not allow", imp)
	}
	return nil
}
