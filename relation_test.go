package crosscase

import "testing"

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
