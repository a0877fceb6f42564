package crosscase

import (
	"slices"
	"testing"
)

// TestCheckRelationEnds: each kind of relation ties only the kinds of
// entity it can (README, "Link chart"), and a refusal names the end that
// does not fit.
func TestCheckRelationEnds(t *testing.T) {
	for _, tc := range []struct {
		kind     RelationKind
		from, to EntityKind
		field    string // "" when allowed
	}{
		{RelationUsesPhone, KindPerson, KindPhone, ""},
		{RelationUsesPhone, KindPhone, KindPerson, "from_id"},
		{RelationUsesPhone, KindPerson, KindPerson, "to_id"},
		{RelationHolds, KindCompany, KindIBAN, ""},
		{RelationHolds, KindPerson, KindCryptoWallet, ""},
		{RelationHolds, KindPerson, KindPerson, "to_id"},
		{RelationMemberOf, KindPerson, KindOCG, ""},
		{RelationMemberOf, KindOCG, KindPerson, "from_id"},
		{RelationDirectorOf, KindPerson, KindCompany, ""},
		{RelationDirectorOf, KindPerson, KindOCG, "to_id"},
		{RelationLivesAt, KindPerson, KindAddress, ""},
		{RelationLivesAt, KindVehicle, KindAddress, "from_id"},
		{RelationOwns, KindPerson, KindVehicle, ""},
		{RelationOwns, KindPerson, KindPerson, "to_id"},
		{RelationAssociate, KindPerson, KindOCG, ""},
		{RelationAssociate, KindIBAN, KindPerson, "from_id"},
	} {
		err := CheckRelationEnds(tc.kind, tc.from, tc.to)
		if got := ErrorField(err); got != tc.field || (tc.field != "" && ErrorCode(err) != EINVALID) {
			t.Errorf("%s from %s to %s: field %q (%v), want %q", tc.kind, tc.from, tc.to, got, err, tc.field)
		}
	}
	// Every kind ties some kinds.
	for _, k := range RelationKinds() {
		if from, to := k.Ends(); len(from) == 0 || len(to) == 0 {
			t.Errorf("%s ties nothing", k)
		}
	}
}

// TestLineRelation: an import relates a person, a company or a group to
// the identifiers of its line by the kind that fits each (README,
// "Import"), never by one the rules refuse, and relates no two persons,
// companies or groups, nor two identifiers.
func TestLineRelation(t *testing.T) {
	for _, tc := range []struct {
		from, to EntityKind
		want     RelationKind // "" when none is drawn
	}{
		{KindPerson, KindPhone, RelationUsesPhone},
		{KindPerson, KindIBAN, RelationHolds},
		{KindPerson, KindCryptoWallet, RelationHolds},
		{KindPerson, KindAddress, RelationLivesAt},
		{KindCompany, KindAddress, RelationLivesAt},
		{KindPerson, KindEmail, RelationOwns},
		{KindPerson, KindVehicle, RelationOwns},
		{KindPerson, KindDocument, RelationOwns},
		{KindCompany, KindIBAN, RelationHolds},
		{KindOCG, KindPhone, RelationUsesPhone},
		{KindOCG, KindAddress, ""}, // a group lives at no address
		{KindPerson, KindPerson, ""},
		{KindPerson, KindCompany, ""},
		{KindCompany, KindOCG, ""},
		{KindPhone, KindPerson, ""},
		{KindPhone, KindEmail, ""},
		{KindPerson, "spaceship", ""},
	} {
		got, ok := LineRelation(tc.from, tc.to)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s to %s: %q %v, want %q", tc.from, tc.to, got, ok, tc.want)
		}
	}
	// Whatever pair it is given, a relation drawn is one the rules allow.
	for _, from := range EntityKinds() {
		for _, to := range EntityKinds() {
			if k, ok := LineRelation(from, to); ok {
				if err := CheckRelationEnds(k, from, to); err != nil {
					t.Errorf("%s from %s to %s drawn but refused: %v", k, from, to, err)
				}
			}
		}
	}

	for _, tc := range []struct {
		name  string
		kinds []EntityKind
		want  []LineTie
	}{
		{"a person and their phone and account", []EntityKind{KindPerson, KindPhone, KindIBAN},
			[]LineTie{{0, 1, RelationUsesPhone}, {0, 2, RelationHolds}}},
		{"a company with its e-mail", []EntityKind{KindCompany, KindEmail}, []LineTie{{0, 1, RelationOwns}}},
		{"the person after the phone", []EntityKind{KindPhone, KindPerson}, []LineTie{{1, 0, RelationUsesPhone}}},
		{"a person alone", []EntityKind{KindPerson}, nil},
		{"a vehicle and a phone", []EntityKind{KindVehicle, KindPhone}, nil},
		{"two people and a phone", []EntityKind{KindPerson, KindPerson, KindPhone}, nil},
		{"a person, a company and a phone", []EntityKind{KindPerson, KindCompany, KindPhone}, nil},
		{"a group and an address", []EntityKind{KindOCG, KindAddress}, nil},
	} {
		got := LineRelations(tc.kinds)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}

// TestLineRefs: the entities of an imported line keep the row's id as
// their reference, but the second and later identifiers of one kind get
// "<ref>#2", "<ref>#3" (README, "Import"), so that a suspect's two phones
// are two references the relations file can name.
func TestLineRefs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kinds []EntityKind
		refs  []string
		want  []string
	}{
		{"a person and their phone", []EntityKind{KindPerson, KindPhone}, []string{"S1", "S1"}, []string{"S1", "S1"}},
		{"a person and two phones", []EntityKind{KindPerson, KindPhone, KindPhone}, []string{"S1", "S1", "S1"}, []string{"S1", "S1", "S1#2"}},
		{"two phones, two accounts, an e-mail", []EntityKind{KindPerson, KindPhone, KindPhone, KindEmail, KindIBAN, KindIBAN},
			[]string{"S1", "S1", "S1", "S1", "S1", "S1"}, []string{"S1", "S1", "S1#2", "S1", "S1", "S1#2"}},
		{"three phones without a person", []EntityKind{KindPhone, KindPhone, KindPhone}, []string{"P", "P", "P"}, []string{"P", "P#2", "P#3"}},
		{"a person and a company", []EntityKind{KindPerson, KindCompany, KindPhone}, []string{"S1", "S1", "S1"}, []string{"S1", "S1", "S1"}},
		{"two people are not renumbered", []EntityKind{KindPerson, KindPerson}, []string{"S1", "S1"}, []string{"S1", "S1"}},
		{"no reference", []EntityKind{KindPerson, KindPhone, KindPhone}, []string{"", "", ""}, []string{"", "", ""}},
		{"different references", []EntityKind{KindPhone, KindPhone}, []string{"A", "B"}, []string{"A", "B"}},
	} {
		given := slices.Clone(tc.refs)
		got := LineRefs(tc.kinds, tc.refs)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		if !slices.Equal(tc.refs, given) {
			t.Errorf("%s: the references given were changed to %q", tc.name, tc.refs)
		}
	}
}

// TestRelationSame: a relation of a symmetric kind is the same as its
// reverse; one of a kind that reads one way is not.
func TestRelationSame(t *testing.T) {
	for _, k := range RelationKinds() {
		r := &Relation{FromID: 1, ToID: 2, Kind: k}
		same := r.Same()
		want := [][2]int64{{1, 2}}
		if k == RelationAssociate {
			want = append(want, [2]int64{2, 1})
		}
		if !slices.Equal(same, want) {
			t.Errorf("%s: Same() = %v, want %v", k, same, want)
		}
	}
}
