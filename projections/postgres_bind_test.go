package projections

import (
	"strconv"
	"strings"
	"testing"
)

func TestRebind(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`INSERT INTO "t" ("a", "b") VALUES (?, ?)`, `INSERT INTO "t" ("a", "b") VALUES ($1, $2)`},
		{`SELECT '?', ? FROM t WHERE a = 'it''s ?' AND b = ?`, `SELECT '?', $1 FROM t WHERE a = 'it''s ?' AND b = $2`},
		{`SELECT E'\'?', ?`, `SELECT E'\'?', $1`},
		{`SELECT e'\\', ?, '\', ?`, `SELECT e'\\', $1, '\', $2`},
		{`SELECT "we?ird", ?`, `SELECT "we?ird", $1`},
		{`SELECT ? -- why?` + "\n" + `, ?`, `SELECT $1 -- why?` + "\n" + `, $2`},
		{`SELECT /* a /* nested? */ still? */ ?`, `SELECT /* a /* nested? */ still? */ $1`},
		{`SELECT $$it's?$$, $tag$ $$? $tag$, ?`, `SELECT $$it's?$$, $tag$ $$? $tag$, $1`},
		{`SELECT a$b, ?, $1`, `SELECT a$b, $1, $1`},
		{`SELECTE'?' ?`, `SELECTE'?' $1`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	}
	for _, tc := range cases {
		if got := rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// FuzzRebind holds rebind to its contract on any text: as many "$n" as
// "?" it replaced, numbered in order, and nothing else changed.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{`a = ? AND b = '?'`, `E'\'' ? "?" $x$?$x$ -- ?`, `/* ? */ ?`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if strings.Contains(q, "$") {
			return // a "$n" of its own could not be told from ours
		}
		out := rebind(q)
		n := strings.Count(q, "?") - strings.Count(out, "?")
		for i := 1; i <= n; i++ {
			if !strings.Contains(out, "$"+strconv.Itoa(i)) {
				t.Fatalf("rebind(%q) = %q: no $%d", q, out, i)
			}
		}
		if strings.Contains(out, "$"+strconv.Itoa(n+1)) {
			t.Fatalf("rebind(%q) = %q: more than %d placeholders", q, out, n)
		}
	})
}
