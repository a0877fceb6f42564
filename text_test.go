package crosscase_test

import (
	"testing"

	"crosscase"
)

// TestCheckTextBlank: a required field made only of characters that show
// nothing (spaces, zero-width and format characters, private-use code
// points) is blank; noncharacters are refused anywhere; a name with a
// zero-width joiner between letters is text.
func TestCheckTextBlank(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" for no error, else the start of the message
	}{
		{"Rossi", ""},
		{"\u00a0\u00a0", "This field is required."},
		{"\u200b\u200b", "This field is required."},
		{"\ufeff", "This field is required."},
		{"\ue000", "This field is required."},
		{"\u2060", "This field is required."},
		{"Ros\ufffesi", "Text contains U+FFFE"},
		{"\ufdd0", "This field is required."},
		{"می\u200cخواهم", ""},
	} {
		err := crosscase.CheckText("family_name", c.in, 100, true)
		got := crosscase.ErrorMessage(err)
		if c.want == "" && err != nil || c.want != "" && (len(got) < len(c.want) || got[:len(c.want)] != c.want) || err != nil && crosscase.ErrorField(err) != "family_name" {
			t.Errorf("CheckText(%q) = %v; want %q", c.in, err, c.want)
		}
		if err := crosscase.CheckMultiline("notes", c.in, 100, true); (err == nil) != (c.want == "") {
			t.Errorf("CheckMultiline(%q) = %v; want %q", c.in, err, c.want)
		}
	}
}
