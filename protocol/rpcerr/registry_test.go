package rpcerr

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestConstantsMatchTable parses the package source and checks that every
// code constant's trailing comment names its token, and that the table
// holds that constant's number under that token.
func TestConstantsMatchTable(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" || vs.Names[0].Name == "Unknown" {
					continue
				}
				name := vs.Names[0].Name
				lit, ok := vs.Values[0].(*ast.BasicLit)
				if !ok || vs.Comment == nil {
					t.Errorf("%s: want a literal value and a token comment", name)
					continue
				}
				n, err := strconv.Atoi(lit.Value)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				tok := strings.TrimSpace(vs.Comment.Text())
				if got, ok := FromToken(tok); !ok || int(got) != n {
					t.Errorf("constant %s = %d // %s: table has %d, %v", name, n, tok, got, ok)
				}
				seen++
			}
		}
	}
	if seen != len(registry.byToken) {
		t.Errorf("%d constants, %d table rows", seen, len(registry.byToken))
	}
}

func TestBuildIndexRejects(t *testing.T) {
	ok := info{TabNotExist, "tabNotExist", "Table does not exist."}
	tests := []struct {
		name string
		rows []info
		want error
	}{
		{"zero", []info{{0, "success", "x"}}, errBadCode},
		{"past rpcLAST", []info{{maxCode + 1, "later", "x"}}, errBadCode},
		{"negative", []info{{Unknown, "unknown", "x"}}, errBadCode},
		{"duplicate code", []info{ok, {TabNotExist, "other", "x"}}, errDuplicateCode},
		{"duplicate token", []info{ok, {TabUnauthorized, "tabNotExist", "x"}}, errDuplicateToken},
		{"empty token", []info{{General, "", "x"}}, errEmpty},
		{"empty message", []info{{General, "general", ""}}, errEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := buildIndex(tt.rows); !errors.Is(err, tt.want) {
				t.Fatalf("buildIndex error = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := buildIndex([]info{ok}); err != nil {
		t.Fatalf("valid table rejected: %v", err)
	}
}
