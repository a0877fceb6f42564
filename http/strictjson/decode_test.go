package strictjson_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/strictjson"
)

// party and target are shapes like the API's request bodies: nested
// objects and arrays, numbers, booleans, pointers and dates.
type party struct {
	CountryCode  string  `json:"country_code"`
	AuthorityIDs []int64 `json:"authority_ids"`
}

type target struct {
	Name     string          `json:"name"`
	Months   int             `json:"months"`
	Urgent   bool            `json:"urgent"`
	Amount   *int64          `json:"amount"`
	SignedOn crosscase.Date  `json:"signed_on"`
	Parties  []party         `json:"parties"`
	Labels   map[string]bool `json:"labels"`
}

func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct {
		body, field string
	}{
		{`{"name":"a","name":"b"}`, "name"},
		{`{"Name":"a"}`, "Name"},
		{`{"nme":"a"}`, "nme"},
		{`{"months":"3"}`, "months"},
		{`{"months":1.5}`, "months"},
		{`{"months":99999999999999999999}`, "months"},
		{`{"parties":[{"country_code":"IT","authority_ids":["x"]}]}`, "parties[0].authority_ids[0]"},
		{`{"signed_on":"2025-02-30"}`, "signed_on"},
		{`{"name":"a"} {}`, "body"},
		{`{"name":"\ud800"}`, "name"},
		{"{\"name\":\"\xff\"}", "name"},
		{`[]`, "body"},
		{``, "body"},
		{strings.Repeat(`{"labels":`, 40) + `{}` + strings.Repeat(`}`, 40), ""},
	} {
		var v target
		err := strictjson.Decode([]byte(tc.body), &v)
		var e *strictjson.Error
		if !errors.As(err, &e) {
			t.Errorf("%.40q: %v, want a *strictjson.Error", tc.body, err)
			continue
		}
		if tc.field != "" && e.Field != tc.field {
			t.Errorf("%.40q: names %q (%s), want %q", tc.body, e.Field, e.Message, tc.field)
		}
		if e.Message == "" {
			t.Errorf("%.40q: no message", tc.body)
		}
	}
}

func TestDecodeAccepts(t *testing.T) {
	var v target
	body := `{"name":"JIT Adriatic","months":24,"urgent":true,"amount":null,"signed_on":"2025-05-13",
		"parties":[{"country_code":"IT","authority_ids":[1,2]},{"country_code":"AL","authority_ids":[]}],"labels":{"x":true}}`
	if err := strictjson.Decode([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "JIT Adriatic" || v.Months != 24 || !v.Urgent || v.Amount != nil || v.SignedOn.String() != "2025-05-13" ||
		len(v.Parties) != 2 || v.Parties[0].AuthorityIDs[1] != 2 || !v.Labels["x"] {
		t.Fatalf("decoded %+v", v)
	}
	if f := strictjson.Fields(reflect.TypeOf(v)); len(f) != 7 || f["signed_on"] == nil {
		t.Fatalf("fields %v", f)
	}
}

// FuzzDecode checks that Decode never panics, and that what it accepts
// encoding/json accepts too and reads alike: the strict walk only ever
// refuses more.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"name":"a","months":3}`, `{"parties":[{"country_code":"IT","authority_ids":[1]}]}`,
		`{"signed_on":"2025-05-13","amount":7}`, `{"labels":{"a":true,"b":false}}`, `{"name":"\u00e9\ud83d\ude00"}`,
		`{"name":"a","name":"a"}`, `{"months":1e3}`, `{"urgent":"true"}`, `null`, `{"name":"a"}x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var strict, loose target
		if err := strictjson.Decode(body, &strict); err != nil {
			var e *strictjson.Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("%q: error %v is not a *strictjson.Error with a message", body, err)
			}
			return
		}
		if err := json.Unmarshal(body, &loose); err != nil {
			t.Fatalf("%q: accepted strictly, refused by encoding/json: %v", body, err)
		}
		if !reflect.DeepEqual(strict, loose) {
			t.Fatalf("%q: strictly %+v, by encoding/json %+v", body, strict, loose)
		}
	})
}
