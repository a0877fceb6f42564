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

// TestCheckTextOptionalBlank: an optional field is empty or shows
// something: spaces or zero-width characters alone are refused naming the
// field, as a required field refuses them, and never stored.
func TestCheckTextOptionalBlank(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"", true},
		{"laptop", true},
		{"\u200b", false},
		{"\u200b\u200d\ufeff", false},
		{"   ", false},
		{"\u00a0", false},
	} {
		if err := crosscase.CheckText("label", c.in, 100, false); (err == nil) != c.ok || err != nil && crosscase.ErrorField(err) != "label" {
			t.Errorf("CheckText(%q) = %v; want ok %v", c.in, err, c.ok)
		}
		if err := crosscase.CheckMultiline("notes", c.in+"\n", 100, false); (err == nil) != (c.ok && c.in != "") {
			t.Errorf("CheckMultiline(%q) = %v", c.in+"\n", err)
		}
	}
}
