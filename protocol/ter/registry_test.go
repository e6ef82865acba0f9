package ter

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestConstantsMatchTable parses the package source and checks that every
// exported constant of type Code is in the table under its own name (first
// letter lower-cased) and number, and that the table holds nothing else.
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
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
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
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
					continue
				}
				for i, name := range vs.Names {
					if !name.IsExported() {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						t.Errorf("%s: value is not a literal", name.Name)
						continue
					}
					n, err := strconv.Atoi(lit.Value)
					if err != nil {
						t.Errorf("%s: %v", name.Name, err)
						continue
					}
					r, size := utf8.DecodeRuneInString(name.Name)
					tok := string(unicode.ToLower(r)) + name.Name[size:]
					got, ok := FromToken(tok)
					if !ok || int(got) != n {
						t.Errorf("constant %s = %d: table has %q -> %d, %v", name.Name, n, tok, got, ok)
					}
					seen++
				}
			}
		}
	}
	if seen != len(All()) {
		t.Errorf("%d constants, %d table rows", seen, len(All()))
	}
}

func TestBuildIndexRejects(t *testing.T) {
	ok := result{TefFAILURE, "tefFAILURE", "Failed to apply."}
	tests := []struct {
		name string
		rows []result
		want error
	}{
		{"negative", []result{{-1, "terRETRY", "x"}}, errNegativeCode},
		{"duplicate number", []result{ok, {TefFAILURE, "tefOTHER", "x"}}, errDuplicateCode},
		{"duplicate token", []result{ok, {TefALREADY, "tefFAILURE", "x"}}, errDuplicateToken},
		{"wrong class", []result{{TecCLAIM, "tefCLAIM", "x"}}, errClassMismatch},
		{"undefined range", []result{{50, "terFIFTY", "x"}}, errClassMismatch},
		{"prefix only", []result{{TefALREADY, "tef", "x"}}, errBadToken},
		{"lower-case tail", []result{{TefALREADY, "tefAlready", "x"}}, errBadToken},
		{"no message", []result{{TefALREADY, "tefALREADY", ""}}, errNoMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := buildIndex(tt.rows); !errors.Is(err, tt.want) {
				t.Fatalf("buildIndex error = %v, want %v", err, tt.want)
			}
		})
	}
	idx, err := buildIndex([]result{ok}, []result{{TerRETRY, "terRETRY", "Retry transaction."}})
	if err != nil {
		t.Fatalf("valid table rejected: %v", err)
	}
	if len(idx.ordered) != 2 || idx.ordered[0] != TerRETRY || idx.ordered[1] != TefFAILURE {
		t.Fatalf("ordered = %v", idx.ordered)
	}
}

func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0] = TelLOCAL_ERROR
	if All()[0] != TesSUCCESS {
		t.Fatal("All() shares its backing array")
	}
}
