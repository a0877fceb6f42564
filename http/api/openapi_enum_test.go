package api

import (
	"encoding/json"
	"slices"
	"testing"

	"crosscase"
)

// TestOpenAPIInstrumentEnums: every enum of instrument types in the
// OpenAPI document lists the types of the system, in display order, and
// every enum of clocks lists every clock (the extension request only the
// clocks the law lets extend).
func TestOpenAPIInstrumentEnums(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var types, clocks []string
	for _, typ := range crosscase.InstrumentTypes() {
		types = append(types, string(typ))
	}
	var extendable []string
	for _, k := range crosscase.ClockKinds() {
		clocks = append(clocks, string(k))
		if crosscase.MaxExtension(k) > 0 {
			extendable = append(extendable, string(k))
		}
	}
	seen := map[string]int{}
	var walk func(x any)
	walk = func(x any) {
		switch v := x.(type) {
		case map[string]any:
			if e, ok := v["enum"].([]any); ok {
				var got []string
				for _, s := range e {
					got = append(got, s.(string))
				}
				switch {
				case slices.Contains(got, "eaw") && slices.Contains(got, "mla"):
					seen["types"]++
					if !slices.Equal(got, types) {
						t.Errorf("type enum %v, want %v", got, types)
					}
				case slices.Contains(got, "eaw_decision") && slices.Contains(got, "eio_acknowledge"):
					seen["clocks"]++
					if !slices.Equal(got, clocks) {
						t.Errorf("clock enum %v, want %v", got, clocks)
					}
				case slices.Contains(got, "eaw_decision"):
					seen["extendable"]++
					if !slices.Equal(got, extendable) {
						t.Errorf("extendable clocks %v, want %v", got, extendable)
					}
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
	if seen["types"] < 3 || seen["clocks"] < 3 || seen["extendable"] != 1 {
		t.Errorf("enums found %v", seen)
	}
}
