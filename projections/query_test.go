package projections

import (
	"context"
	"errors"
	"testing"

	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/protocol/tx"
)

// peopleStore is a projection holding tableA with five people.
func peopleStore(t testing.TB, opts Options) *Projection {
	t.Helper()
	return people(t, openTest(t, opts))
}

// peopleStoreIn is peopleStore in store s.
func peopleStoreIn(t testing.TB, s testStore, opts Options) *Projection {
	t.Helper()
	return people(t, s.open(t, opts))
}

// people fills p with tableA's five people.
func people(t testing.TB, p *Projection) *Projection {
	t.Helper()
	c := newChain(t)
	wantResults(t, mustApply(t, p, c.ledger(
		c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar"},`+
			`{"field":"age","type":"int"},{"field":"score","type":"double"}]`),
		c.tableTx(tx.OpInsert, tableA, `[{"id":1,"name":"ann","age":30,"score":1.5},{"id":2,"name":"bob","age":40,"score":2},`+
			`{"id":3,"name":"cyd","age":null},{"id":4,"name":"dan","age":40,"score":-1},{"id":5,"name":"peter","age":25}]`),
	)), "", "")
	return p
}

func TestGet(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{})
		cases := []struct {
			name, raw, want string
		}{
			{"all columns", `[[],{"id":1}]`, "age=30 id=1 name=ann score=1.5\n"},
			{"some columns", `[["name","age"],{"id":2}]`, "age=40 name=bob\n"},
			{"null", `[["id","age","score"],{"id":3}]`, "age=<nil> id=3 score=<nil>\n"},
			{"equal null is IS NULL", `[["id"],{"age":null}]`, "id=3\n"},
			{"objects OR-ed", `[["id"],{"id":1},{"name":"dan"}]`, "id=1\nid=4\n"},
			{"keys AND-ed", `[["id"],{"age":40,"name":"dan"}]`, "id=4\n"},
			{"$eq", `[["id"],{"name":{"$eq":"bob"}}]`, "id=2\n"},
			{"$ne", `[["id"],{"age":{"$ne":40}}]`, "id=1\nid=5\n"},
			{"$lt", `[["id"],{"age":{"$lt":30}}]`, "id=5\n"},
			{"$le", `[["id"],{"age":{"$le":30}}]`, "id=1\nid=5\n"},
			{"$gt", `[["id"],{"score":{"$gt":1.5}}]`, "id=2\n"},
			{"$ge", `[["id"],{"score":{"$ge":1.5}}]`, "id=1\nid=2\n"},
			{"range AND-ed", `[["id"],{"age":{"$gt":25,"$lt":40}}]`, "id=1\n"},
			{"$in", `[["id"],{"id":{"$in":[2,4,9]}}]`, "id=2\nid=4\n"},
			{"$nin", `[["id"],{"id":{"$nin":[1,2,3]}}]`, "id=4\nid=5\n"},
			{"$is", `[["id"],{"score":{"$is":null}}]`, "id=3\nid=5\n"},
			{"$isnot", `[["id"],{"score":{"$isnot":null}}]`, "id=1\nid=2\nid=4\n"},
			{"$regex contains", `[["id"],{"name":{"$regex":"/e/"}}]`, "id=5\n"},
			{"$regex /^x/ is %x", `[["id"],{"name":{"$regex":"/^n/"}}]`, "id=1\nid=4\n"},
			{"$regex /x^/ is x%", `[["id"],{"name":{"$regex":"/pe^/"}}]`, "id=5\n"},
			{"$and", `[["id"],{"$and":[{"age":40},{"score":{"$gt":0}}]}]`, "id=2\n"},
			{"$or", `[["id"],{"$or":[{"id":1},{"id":5}]}]`, "id=1\nid=5\n"},
			{"nested", `[["id"],{"$or":[{"$and":[{"age":40},{"name":"dan"}]},{"age":{"$is":null}}]}]`, "id=3\nid=4\n"},
			{"$order", `[["id"],{"$order":[{"age":-1},{"id":"asc"}]}]`, "id=2\nid=4\nid=1\nid=5\nid=3\n"},
			{"$limit", `[["id"],{"$order":[{"id":1}]},{"$limit":{"index":1,"total":2}}]`, "id=2\nid=3\n"},
			{"count(*) as count", `[["count(*) as count"]]`, "count=5\n"},
			{"sum", `[["sum(age)"],{"age":{"$ge":30}}]`, "sum(age)=110\n"},
			{"avg alias", `[["AVG( score ) AS s"],{"id":{"$in":[1,2]}}]`, "s=1.75\n"},
			{"$group and $having", `[["age","count(*) as n"],{"$group":["age"],"$having":{"count(*)":{"$gt":1}}}]`, "age=40 n=2\n"},
			{"no match", `[[],{"id":99}]`, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				lines, err := p.Get(context.Background(), tableA, []byte(tc.raw), 0)
				if err != nil {
					t.Fatal(err)
				}
				if got := render(lines); got != tc.want {
					t.Errorf("Get %s:\n%s\nwant:\n%s", tc.raw, got, tc.want)
				}
			})
		}
	})
}

func TestGetValueTypes(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{})
		lines, err := p.Get(context.Background(), tableA, []byte(`[[],{"id":1}]`), 0)
		if err != nil || len(lines) != 1 {
			t.Fatalf("%v %v", lines, err)
		}
		if v, ok := lines[0]["age"].(int64); !ok || v != 30 {
			t.Errorf("age %T %v, want int64 30", lines[0]["age"], lines[0]["age"])
		}
		if v, ok := lines[0]["score"].(float64); !ok || v != 1.5 {
			t.Errorf("score %T %v, want float64 1.5", lines[0]["score"], lines[0]["score"])
		}
		if v, ok := lines[0]["name"].(string); !ok || v != "ann" {
			t.Errorf("name %T %v", lines[0]["name"], lines[0]["name"])
		}
	})
}

func TestGetSelectLimit(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{SelectLimit: 3})
		for _, tc := range []struct {
			raw   string
			limit int
			want  int
		}{
			{`[[]]`, 0, 3},
			{`[[]]`, 2, 2},
			{`[[]]`, 10, 3},
			{`[[],{"$limit":{"index":0,"total":100}}]`, 0, 3},
			{`[[],{"$limit":{"index":4,"total":100}}]`, 0, 1},
		} {
			lines, err := p.Get(context.Background(), tableA, []byte(tc.raw), tc.limit)
			if err != nil || len(lines) != tc.want {
				t.Errorf("Get %s limit %d: %d rows (%v), want %d", tc.raw, tc.limit, len(lines), err, tc.want)
			}
		}
	})
}

func TestGetErrors(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := peopleStoreIn(t, s, Options{})
		cases := []struct {
			name, raw string
			want      error
			code      rpcerr.Code
		}{
			{"not JSON", `[[]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"not an array", `{"id":1}`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"columns not an array", `["id"]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"condition not an object", `[[],1]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"unknown operator", `[[],{"id":{"$like":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"$in without array", `[[],{"id":{"$in":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"$is not null", `[[],{"id":{"$is":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"$lt null", `[[],{"id":{"$lt":null}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"bare limit", `[[],{"limit":{"index":0,"total":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"bad $limit", `[[],{"$limit":{"index":-1,"total":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"bad $order", `[[],{"$order":[{"id":2}]}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"$join", `[[],{"$join":{}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"$having without $group", `[[],{"$having":{"id":1}}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"mixed extra", `[[],{"$limit":{"index":0,"total":1},"id":1}]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"unknown function", `[["upper(name)"]]`, ErrBadQuery, rpcerr.JSONParsedErr},
			{"unknown column", `[["nick"]]`, ErrQueryFailed, rpcerr.SQLDisposeErr},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				_, err := p.Get(context.Background(), tableA, []byte(tc.raw), 0)
				if !errors.Is(err, tc.want) {
					t.Fatalf("Get %s: %v, want %v", tc.raw, err, tc.want)
				}
				if got := RPCError(err); got.Code != tc.code {
					t.Errorf("RPCError: %v, want code %d", got, tc.code)
				}
			})
		}
		_, err := p.Get(context.Background(), tableB, []byte(`[[]]`), 0)
		if !errors.Is(err, ErrNoTable) || RPCError(err).Code != rpcerr.General {
			t.Errorf("missing table: %v", err)
		}
	})
}
