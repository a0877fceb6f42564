package crosscase

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Every field an update may set is a change when it sets another value:
// Changed*Fields names it (update.go), so that a field added to an update
// and forgotten there is not taken for "nothing to change", left unwritten
// and unaudited.
func TestUpdateFieldsAreChanges(t *testing.T) {
	t.Run("case", func(t *testing.T) { checkUpdateFields(t, &Case{}, CaseUpdate.Apply, ChangedCaseFields) })
	t.Run("entity", func(t *testing.T) { checkUpdateFields(t, &Entity{}, EntityUpdate.Apply, ChangedEntityFields) })
	// A moment of an instrument is kept only with its date (Apply clears
	// it with the date): the dates are recorded.
	recorded := Date{2025, time.May, 2}
	in := &Instrument{ReceivedOn: recorded, DecisionOn: recorded, ExecutionOn: recorded}
	t.Run("instrument", func(t *testing.T) { checkUpdateFields(t, in, InstrumentUpdate.Apply, ChangedInstrumentFields) })
	t.Run("meeting", func(t *testing.T) { checkUpdateFields(t, &Meeting{}, MeetingUpdate.Apply, ChangedMeetingFields) })
	// The stores set these fields one by one, each on the field of the
	// same name.
	t.Run("user", func(t *testing.T) { checkUpdateFields[UserUpdate](t, &User{}, nil, ChangedUserFields) })
	t.Run("desk", func(t *testing.T) { checkUpdateFields[DeskUpdate](t, &Desk{}, nil, ChangedDeskFields) })
	t.Run("agreement", func(t *testing.T) { checkUpdateFields[AgreementUpdate](t, &Agreement{}, nil, ChangedAgreementFields) })
	t.Run("country", func(t *testing.T) { checkUpdateFields[CountryUpdate](t, &Country{}, nil, ChangedCountryFields) })
}

// checkUpdateFields sets each field of an update U in turn (its pointer
// fields: Version and a reason are no field of the object) to a value
// other than its zero value, applies it to a copy of base with apply
// (nil: sets the field of the same name), and checks that changed,
// comparing base with the copy, names the field by its JSON name.
func checkUpdateFields[U, T any](t *testing.T, base *T, apply func(U, *T), changed func(a, b *T) []string) {
	ut := reflect.TypeFor[U]()
	n := 0
	for i := range ut.NumField() {
		f := ut.Field(i)
		if f.Type.Kind() != reflect.Pointer {
			continue
		}
		n++
		v := otherValue(t, f.Type.Elem())
		before, after := *base, *base
		if apply != nil {
			var upd U
			p := reflect.New(f.Type.Elem())
			p.Elem().Set(v)
			reflect.ValueOf(&upd).Elem().Field(i).Set(p)
			apply(upd, &after)
		} else {
			dst := reflect.ValueOf(&after).Elem().FieldByName(f.Name)
			if !dst.IsValid() || !v.Type().AssignableTo(dst.Type()) {
				t.Errorf("%s.%s: %s has no field %s of its type", ut.Name(), f.Name, reflect.TypeFor[T]().Name(), f.Name)
				continue
			}
			dst.Set(v)
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if got := changed(&before, &after); !slices.Contains(got, name) {
			t.Errorf("%s.%s set: the changed fields are %q, without %q", ut.Name(), f.Name, got, name)
		}
	}
	if n == 0 {
		t.Fatalf("%s sets no field", ut.Name())
	}
}

// otherValue returns a value of type typ other than its zero value.
func otherValue(t *testing.T, typ reflect.Type) reflect.Value {
	t.Helper()
	v := reflect.New(typ).Elem()
	switch {
	case typ == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2025, 5, 13, 10, 0, 0, 0, time.UTC)))
	case typ == reflect.TypeFor[Date]():
		v.Set(reflect.ValueOf(Date{2025, time.May, 13}))
	case typ.Kind() == reflect.String:
		v.SetString("x")
	case typ.Kind() >= reflect.Int && typ.Kind() <= reflect.Int64:
		v.SetInt(7)
	case typ.Kind() == reflect.Bool:
		v.SetBool(true)
	case typ.Kind() == reflect.Slice:
		v.Set(reflect.Append(reflect.MakeSlice(typ, 0, 1), otherValue(t, typ.Elem())))
	default:
		t.Fatalf("no value other than zero for a field of type %s", typ)
	}
	return v
}
