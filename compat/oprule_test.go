package compat

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// TestClientOperationRule: the published client's createTable with an
// operationRule makes a table whose rule the node enforces. The rows
// two accounts insert carry their account and their insert's hash; B's
// third row is refused (temBAD_INSERTLIMIT) and so is a row naming
// another account (tefTABLE_RULEDISSATISFIED); B may update only age
// (tefTABLE_RULEDISSATISFIED for name) and only its own rows; B's
// deletes touch only B's rows; r_get, r_get_sql_user and
// r_get_sql_admin hide the rows the Get rule excludes (id 1), and a raw
// query joining the rule table to another is mulQueryNotSupport.
func TestClientOperationRule(t *testing.T) {
	installClient(t)
	url := startNode(t)
	steps := runScript(t, "oprule.js", url)
	wantValidated(t, steps, "pay", "create", "grant", "rootInsert1", "bInsert2", "bInsert3", "rootInsert5",
		"bUpdateAge", "bDeleteRoot5", "bDelete3", "createPlain")
	var user, nameInDB string
	json.Unmarshal(steps["user"], &user)
	json.Unmarshal(steps["nameInDB"], &nameInDB)
	hashOf := func(name string) string {
		var r struct {
			TxHash string `json:"tx_hash"`
		}
		json.Unmarshal(steps[name], &r)
		return r.TxHash
	}
	for name, want := range map[string]string{
		"bInsert4": "temBAD_INSERTLIMIT", "bInsertAsRoot": "tefTABLE_RULEDISSATISFIED", "bUpdateName": "tefTABLE_RULEDISSATISFIED",
	} {
		var r struct {
			Refused struct {
				ResultCode string `json:"resultCode"`
				Message    struct {
					ResultCode string `json:"resultCode"`
				} `json:"message"`
			} `json:"refused"`
		}
		if err := json.Unmarshal(steps[name], &r); err != nil || (r.Refused.ResultCode != want && r.Refused.Message.ResultCode != want) {
			t.Fatalf("%s: %s, want refused with %s", name, steps[name], want)
		}
	}
	want := []any{
		map[string]any{"id": 2.0, "name": "b2", "account": user, "txid": hashOf("bInsert2"), "age": 99.0},
		map[string]any{"id": 5.0, "name": "root5", "account": rootAddress, "txid": hashOf("rootInsert5"), "age": 50.0},
	}
	for _, name := range []string{"bGet", "rootGet"} {
		var r struct {
			Lines []any `json:"lines"`
		}
		if err := json.Unmarshal(steps[name], &r); err != nil || !reflect.DeepEqual(r.Lines, want) {
			t.Fatalf("%s: %s\nwant %v", name, steps[name], want)
		}
	}
	var sqlUser struct {
		Lines []any `json:"lines"`
	}
	json.Unmarshal(steps["bSql"], &sqlUser)
	if !reflect.DeepEqual(sqlUser.Lines, []any{map[string]any{"id": 2.0, "account": user}, map[string]any{"id": 5.0, "account": rootAddress}}) {
		t.Fatalf("r_get_sql_user: %s", steps["bSql"])
	}

	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	admin := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select id from t_" + nameInDB + " where id < 3 or id = 5 order by id limit 10"})
	if lines := admin["result"].(map[string]any)["lines"]; !reflect.DeepEqual(lines, []any{map[string]any{"id": 2.0}, map[string]any{"id": 5.0}}) {
		t.Fatalf("r_get_sql_admin: %v", admin)
	}
	qualified := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select id from main.t_" + nameInDB})
	if qualified["error"] != "txJsonParsedErr" {
		t.Fatalf("a schema-qualified rule table: %v", qualified)
	}
	var plain string
	json.Unmarshal(steps["plainNameInDB"], &plain)
	join := call(t, c, map[string]any{"command": "r_get_sql_admin",
		"sql": "select a.id from t_" + nameInDB + " a join t_" + plain + " b on a.id = b.id"})
	if join["error"] != "mulQueryNotSupport" || join["error_code"] != 120.0 {
		t.Fatalf("a query joining the rule table: %v", join)
	}
	plainOnly := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select count(*) as n from t_" + plain})
	if lines := plainOnly["result"].(map[string]any)["lines"]; !reflect.DeepEqual(lines, []any{map[string]any{"n": 0.0}}) {
		t.Fatalf("a query of the plain table: %v", plainOnly)
	}
}
