// Package strictjson decodes a JSON request body into a Go value strictly:
// exactly one value of the target's shape, no unknown, repeated or
// case-folded keys, no value of the wrong type, valid UTF-8 without lone
// surrogates, nothing after it. Its errors name the offending field by its
// JSON path ("parties[1].country_code"), so that a client can fix it; the
// HTTP adapter answers them 400 (README, "JSON API").
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"crosscase"
)

// Error is a body that is not the JSON its target describes: Field names
// where (a JSON path, or "body"), Message says what, for the client.
type Error struct {
	Field   string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return "strictjson: " + e.Field + ": " + e.Message }

// fieldError returns an *Error naming field.
func fieldError(field, format string, args ...any) error {
	return &Error{Field: field, Message: fmt.Sprintf(format, args...)}
}

// MaxDepth is how deeply objects and arrays may nest in a request.
const MaxDepth = 32

// Decode decodes body into v (a pointer to a struct), refusing what
// encoding/json lets through: duplicate keys (which json would resolve by
// keeping the last), keys that differ from a field only in case (which
// json would match), invalid UTF-8 and lone UTF-16 surrogates (which json
// would replace with U+FFFD), and trailing data. A token walk checks all
// of that, and every value's type against v's, before the decoding.
func Decode(body []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decodeStrict: want a non-nil pointer, got %T", v)
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return fieldError("body", "The request body is empty; send a JSON object.")
	}
	if trimmed[0] != '{' {
		return fieldError("body", "The request body must be a JSON object {…}.")
	}
	wk := &walker{body: body, badUTF8: firstInvalidUTF8(body)}
	wk.dec = json.NewDecoder(bytes.NewReader(body))
	wk.dec.UseNumber()
	if err := wk.value("", rv.Type().Elem()); err != nil {
		return err
	}
	if tok, err := wk.dec.Token(); err != io.EOF {
		if err == nil {
			return fieldError("body", "Unexpected data after the JSON object (starting with %s).", describeToken(tok))
		}
		return fieldError("body", "Unexpected data after the JSON object.")
	}
	if wk.badUTF8 >= 0 {
		return fieldError("body", "The request body is not valid UTF-8.")
	}

	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// decodeError turns an encoding/json error into a 400 naming the field.
// The walk catches these first; this is the second line.
func decodeError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return fieldError(fieldOr(te.Field), "Expected %s, got %s.", describeType(te.Type), te.Value)
	case errors.As(err, &se):
		return fieldError("body", "Malformed JSON at byte %d: %s.", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return fieldError(fieldOr(name), "Unknown field %q.", name)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fieldError("body", "The JSON ends too early.")
	}
	return fieldError("body", "The request body could not be decoded: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

func fieldOr(f string) string {
	if f == "" {
		return "body"
	}
	return f
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	dateType        = reflect.TypeFor[crosscase.Date]()
)

// walker checks a JSON document token by token against a Go type.
type walker struct {
	dec     *json.Decoder
	body    []byte
	badUTF8 int // offset of the first invalid UTF-8 byte, or -1
	depth   int
}

// token reads the next token, turning syntax errors into 400s at path.
func (wk *walker) token(path string) (json.Token, int64, int64, error) {
	start := wk.dec.InputOffset()
	tok, err := wk.dec.Token()
	end := wk.dec.InputOffset()
	if err != nil {
		return nil, start, end, wk.syntaxError(path, err)
	}
	return tok, start, end, nil
}

func (wk *walker) syntaxError(path string, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || endsEarly(err):
		return fieldError("body", "The JSON ends too early: the body is cut off.")
	case errors.As(err, &se):
		return fieldError(fieldOr(path), "Malformed JSON at byte %d: %s.", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	return fieldError(fieldOr(path), "Malformed JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

// endsEarly reports whether err is encoding/json's syntax error for input
// that stops inside a value. Since Go 1.27 (encoding/json on top of
// encoding/json/v2) Decoder.Token returns it where it returned io.EOF
// before, e.g. for an object without its closing brace; the message is
// the one Unmarshal has always given for that.
func endsEarly(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) && se.Error() == "unexpected end of JSON input"
}

// checkString refuses a string token (between start and end in the body)
// that holds invalid UTF-8 or a lone surrogate escape.
func (wk *walker) checkString(path string, start, end int64, what string) error {
	if wk.badUTF8 >= 0 && int64(wk.badUTF8) >= start && int64(wk.badUTF8) < end {
		return fieldError(fieldOr(path), "%s is not valid UTF-8.", what)
	}
	raw := wk.body[start:end]
	if i := bytes.IndexByte(raw, '"'); i >= 0 && hasLoneSurrogate(raw[i:]) {
		return fieldError(fieldOr(path), "%s contains an unpaired UTF-16 surrogate escape.", what)
	}
	return nil
}

// value checks the next JSON value against type t at path.
func (wk *walker) value(path string, t reflect.Type) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && reflect.PointerTo(t).Implements(unmarshalerType) {
		return wk.custom(path, t)
	}
	tok, start, end, err := wk.token(path)
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null leaves the field unset
	}
	if d, ok := tok.(json.Delim); ok {
		wk.depth++
		defer func() { wk.depth-- }()
		if wk.depth > MaxDepth {
			return fieldError(fieldOr(path), "The JSON nests deeper than %d levels.", MaxDepth)
		}
		switch {
		case d == '{' && (t == nil || t.Kind() == reflect.Interface):
			return wk.object(path, func(string) (reflect.Type, bool) { return nil, true }, nil)
		case d == '{' && t.Kind() == reflect.Struct:
			fields := Fields(t)
			return wk.object(path, func(k string) (reflect.Type, bool) {
				ft, ok := fields[k]
				return ft, ok
			}, fields)
		case d == '{' && t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
			return wk.object(path, func(string) (reflect.Type, bool) { return t.Elem(), true }, nil)
		case d == '[' && (t == nil || t.Kind() == reflect.Interface):
			return wk.array(path, nil)
		case d == '[' && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t.Elem().Kind() != reflect.Uint8:
			return wk.array(path, t.Elem())
		}
		return fieldError(fieldOr(path), "Expected %s, got %s.", describeType(t), describeToken(tok))
	}
	if t == nil || t.Kind() == reflect.Interface {
		if _, ok := tok.(string); ok {
			return wk.checkString(path, start, end, "Text")
		}
		return nil
	}
	switch tv := tok.(type) {
	case string:
		if t.Kind() == reflect.String || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8) {
			return wk.checkString(path, start, end, "Text")
		}
	case bool:
		if t.Kind() == reflect.Bool {
			return nil
		}
	case json.Number:
		return checkNumber(path, t, string(tv))
	}
	return fieldError(fieldOr(path), "Expected %s, got %s.", describeType(t), describeToken(tok))
}

// custom checks a value of a type with its own UnmarshalJSON (a Date) by
// running that method on the raw value, so that its error names the field.
func (wk *walker) custom(path string, t reflect.Type) error {
	start := wk.dec.InputOffset()
	var raw json.RawMessage
	if err := wk.dec.Decode(&raw); err != nil {
		return wk.syntaxError(path, err)
	}
	if err := wk.checkString(path, start, wk.dec.InputOffset(), "The value"); err != nil {
		return err
	}
	if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		if t == dateType {
			return fieldError(fieldOr(path), "Expected a real calendar date \"YYYY-MM-DD\" between the years 1900 and 2200: %v.", err)
		}
		return fieldError(fieldOr(path), "Invalid value: %v.", err)
	}
	return nil
}

// object walks the members of an object whose '{' was read. fieldType
// returns the type of a member, or false for an unknown one; known, when
// set, is the struct's field set, used to suggest the right spelling.
func (wk *walker) object(path string, fieldType func(string) (reflect.Type, bool), known map[string]reflect.Type) error {
	seen := map[string]string{} // folded key -> key as given
	at := path                  // where a syntax error is: after the last member
	for wk.dec.More() {
		tok, start, end, err := wk.token(at)
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return fieldError(fieldOr(path), "Malformed JSON: expected a field name.")
		}
		if err := wk.checkString(path, start, end, "A field name"); err != nil {
			return err
		}
		kpath := key
		switch {
		case key == "":
			kpath = fieldOr(path) // a field without a name is named by where it is
		case path != "":
			kpath = path + "." + key
		}
		folded := strings.ToLower(key)
		if prev, dup := seen[folded]; dup {
			if prev == key {
				return fieldError(kpath, "Field %q is given twice.", key)
			}
			return fieldError(kpath, "Fields %q and %q are the same field; give it once.", prev, key)
		}
		seen[folded] = key
		ft, ok := fieldType(key)
		if !ok {
			for name := range known {
				if strings.EqualFold(name, key) {
					return fieldError(kpath, "Unknown field %q (field names are case-sensitive: did you mean %q?).", key, name)
				}
			}
			return fieldError(kpath, "Unknown field %q.", key)
		}
		if err := wk.value(kpath, ft); err != nil {
			return err
		}
		at = kpath
	}
	_, _, _, err := wk.token(at) // '}'
	return err
}

// array walks the elements of an array whose '[' was read.
func (wk *walker) array(path string, elem reflect.Type) error {
	at := path // where a syntax error is: after the last element
	for i := 0; wk.dec.More(); i++ {
		at = path + "[" + strconv.Itoa(i) + "]"
		if err := wk.value(at, elem); err != nil {
			return err
		}
	}
	_, _, _, err := wk.token(at) // ']'
	return err
}

// structFields returns the JSON names of t's fields and their types, as
// encoding/json sees them (tags, embedded structs, unexported fields).
func Fields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					add(ft)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, dup := out[name]; !dup {
				out[name] = f.Type
			}
		}
	}
	add(t)
	return out
}

// checkNumber checks that number s fits type t.
func checkNumber(path string, t reflect.Type, s string) error {
	var err error
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err = strconv.ParseInt(s, 10, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(s, 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(s, t.Bits())
	default:
		return fieldError(fieldOr(path), "Expected %s, got a number.", describeType(t))
	}
	if errors.Is(err, strconv.ErrRange) {
		return fieldError(fieldOr(path), "The number %s is out of range.", crosscase.Clip(s))
	} else if err != nil {
		return fieldError(fieldOr(path), "Expected %s, got %s.", describeType(t), crosscase.Clip(s))
	}
	return nil
}

// describeType names the JSON form of t for error messages.
func describeType(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a value"
	}
	if t == dateType {
		return "a date \"YYYY-MM-DD\""
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a base64 string"
		}
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a value"
}

// describeToken names what a JSON token is, for error messages.
func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		if v == '[' {
			return "an array"
		}
		return "'" + v.String() + "'"
	case string:
		return "a string"
	case bool:
		return "true or false"
	case json.Number:
		return "the number " + crosscase.Clip(string(v))
	case float64:
		return "a number"
	case nil:
		return "null"
	}
	return "a value"
}

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// valid UTF-8, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// hasLoneSurrogate reports whether the raw JSON string s (starting at its
// opening quote) has a \uD800–\uDFFF escape that is not a valid pair.
func hasLoneSurrogate(s []byte) bool {
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(s) || s[i] != '\\' || s[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 32)
		return rune(n), err == nil
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return false
		case '\\':
			r, ok := hex4(i)
			if !ok {
				i++ // a two-character escape
				continue
			}
			switch {
			case r >= 0xD800 && r <= 0xDBFF:
				lo, ok := hex4(i + 6)
				if !ok || lo < 0xDC00 || lo > 0xDFFF {
					return true
				}
				i += 11
			case r >= 0xDC00 && r <= 0xDFFF:
				return true
			default:
				i += 5
			}
		}
	}
	return false
}
