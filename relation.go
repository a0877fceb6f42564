package crosscase

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// Relations between the entities of a case (README, "Link chart"): a
// person is a member of a group, directs a company, uses a phone, holds
// an account, lives at an address. They are case content, read and
// written as the case's entities are.

// RelationKind is what ties two entities.
type RelationKind string

// The kinds of relation.
const (
	RelationMemberOf   RelationKind = "member_of"
	RelationDirectorOf RelationKind = "director_of"
	RelationUsesPhone  RelationKind = "uses_phone"
	RelationHolds      RelationKind = "holds_account"
	RelationLivesAt    RelationKind = "lives_at"
	RelationOwns       RelationKind = "owns"
	RelationAssociate  RelationKind = "associate_of"
)

// RelationKinds lists the kinds in display order.
func RelationKinds() []RelationKind {
	return []RelationKind{RelationMemberOf, RelationDirectorOf, RelationUsesPhone, RelationHolds, RelationLivesAt, RelationOwns, RelationAssociate}
}

// Label says the kind in words, as read from the first entity to the
// second.
func (k RelationKind) Label() string {
	switch k {
	case RelationMemberOf:
		return "member of"
	case RelationDirectorOf:
		return "director of"
	case RelationUsesPhone:
		return "uses phone"
	case RelationHolds:
		return "holds account"
	case RelationLivesAt:
		return "lives at"
	case RelationOwns:
		return "owns"
	case RelationAssociate:
		return "associate of"
	}
	return ""
}

// Symmetric reports whether a relation of kind k reads the same both
// ways (README, "Link chart"): A an associate of B is B an associate of
// A, one relation whichever way it is given.
func (k RelationKind) Symmetric() bool { return k == RelationAssociate }

// Same returns the ends (from, to) of the relations of r's kind that are
// r itself: its own, and the reverse for a symmetric kind. The store
// refuses r when the case holds one of them (409), as it refuses the same
// relation twice.
func (r *Relation) Same() [][2]int64 {
	out := [][2]int64{{r.FromID, r.ToID}}
	if r.Kind.Symmetric() {
		out = append(out, [2]int64{r.ToID, r.FromID})
	}
	return out
}

// Ends returns the kinds of entity a relation of kind k may start from
// and go to (README, "Link chart"): a person or a company is a member of
// a group or company, a person or company directs a company, uses a
// phone, holds an account or a wallet, lives (or has its seat) at an
// address; people, companies and groups own anything that is not a
// person or a group, and are associates of one another.
func (k RelationKind) Ends() (from, to []EntityKind) {
	actors := []EntityKind{KindPerson, KindCompany, KindOCG}
	switch k {
	case RelationMemberOf:
		return []EntityKind{KindPerson, KindCompany}, []EntityKind{KindOCG, KindCompany}
	case RelationDirectorOf:
		return []EntityKind{KindPerson, KindCompany}, []EntityKind{KindCompany}
	case RelationUsesPhone:
		return actors, []EntityKind{KindPhone}
	case RelationHolds:
		return actors, []EntityKind{KindIBAN, KindCryptoWallet}
	case RelationLivesAt:
		return []EntityKind{KindPerson, KindCompany}, []EntityKind{KindAddress}
	case RelationOwns:
		return actors, []EntityKind{KindCompany, KindPhone, KindEmail, KindIBAN, KindVehicle, KindCryptoWallet, KindAddress, KindDocument}
	case RelationAssociate:
		return actors, actors
	}
	return nil, nil
}

// CheckRelationEnds refuses a relation of kind k from an entity of kind
// from to one of kind to that the kind cannot tie (Ends), naming the end
// that does not fit: a phone does not use a person.
func CheckRelationEnds(k RelationKind, from, to EntityKind) error {
	starts, ends := k.Ends()
	if !slices.Contains(starts, from) {
		return FieldErrorf("from_id", "This kind of relation does not start from an entity of this kind (a phone does not use a person).")
	}
	if !slices.Contains(ends, to) {
		return FieldErrorf("to_id", "This kind of relation does not go to an entity of this kind (a person uses a phone, holds an account, lives at an address).")
	}
	return nil
}

// isActor reports whether entities of kind k act (a person, a company,
// a group) rather than identify one.
func isActor(k EntityKind) bool {
	return k == KindPerson || k == KindCompany || k == KindOCG
}

// LineRelation is the relation an import of a list draws from an entity
// of kind from to one of kind to named on the same line of the file
// (README, "Import"): a person, a company or a group uses the phone,
// holds the account or the wallet, lives (a company: has its seat) at the
// address, and owns the other identifiers (e-mail address, vehicle,
// document) of its line. Two persons, companies or groups are not
// related (the line does not say how), nor are two identifiers. ok is
// false when no relation is drawn; a relation drawn always passes
// CheckRelationEnds (a group lives at no address).
func LineRelation(from, to EntityKind) (kind RelationKind, ok bool) {
	if !isActor(from) || isActor(to) || !to.Valid() {
		return "", false
	}
	switch to {
	case KindPhone:
		kind = RelationUsesPhone
	case KindIBAN, KindCryptoWallet:
		kind = RelationHolds
	case KindAddress:
		kind = RelationLivesAt
	default:
		kind = RelationOwns
	}
	if CheckRelationEnds(kind, from, to) != nil {
		return "", false
	}
	return kind, true
}

// LineTie is a relation an import draws between two entities of one line
// of a file: their places among the line's entities, and its kind.
type LineTie struct {
	From, To int
	Kind     RelationKind
}

// LineRelations returns the relations an import draws between the
// entities of one line of a file, of kinds in the line's order (README,
// "Import"). A line that names exactly one person, company or group
// relates it to each other entity of the line by LineRelation; a line
// that names none draws none, and neither does one that names two or
// more (two people, a person and a company): the line does not say how
// they are tied, nor whose its identifiers are.
func LineRelations(kinds []EntityKind) []LineTie {
	actor := -1
	for i, k := range kinds {
		if isActor(k) {
			if actor >= 0 {
				return nil
			}
			actor = i
		}
	}
	if actor < 0 {
		return nil
	}
	var out []LineTie
	for i, k := range kinds {
		if kind, ok := LineRelation(kinds[actor], k); ok && i != actor {
			out = append(out, LineTie{From: actor, To: i, Kind: kind})
		}
	}
	return out
}

// LineRefs returns the external references of the entities of one line
// of an imported file (README, "Import"), given their kinds and the
// references the line gives them (the row's id), in the line's order.
// The reference names the line's person, company or group, which keeps
// it; so does the first identifier of each kind (the first phone, in the
// file's column order). A second identifier of the same kind under the
// same reference becomes "<ref>#2", a third "<ref>#3", so that a
// reference stays one entity's per kind in a case and a relations file
// can name each phone of a suspect who has two. Persons, companies and
// groups are never renumbered: two people of one line under one
// reference are the store's refusal.
func LineRefs(kinds []EntityKind, refs []string) []string {
	out := slices.Clone(refs)
	seen := map[string]int{} // kind, NUL, reference → how many so far
	for i, k := range kinds {
		if i >= len(out) || out[i] == "" || isActor(k) {
			continue
		}
		key := string(k) + "\x00" + refs[i]
		seen[key]++
		if n := seen[key]; n > 1 {
			out[i] = refs[i] + "#" + strconv.Itoa(n)
		}
	}
	return out
}

// Relation ties entity FromID to entity ToID, both of case CaseID.
type Relation struct {
	ID        int64        `json:"id"`
	CaseID    int64        `json:"case_id"`
	FromID    int64        `json:"from_id"`
	ToID      int64        `json:"to_id"`
	Kind      RelationKind `json:"kind"`
	CreatedAt time.Time    `json:"created_at"`
}

// Validate checks r's own fields; that both entities belong to the case
// is the store's question.
func (r *Relation) Validate() error {
	if r.Kind.Label() == "" {
		return FieldErrorf("kind", "%q is not a kind of relation: member_of, director_of, uses_phone, holds_account, lives_at, owns or associate_of.", Clip(string(r.Kind)))
	}
	if r.FromID <= 0 {
		return FieldErrorf("from_id", "Give the entity the relation starts from.")
	}
	if r.ToID <= 0 {
		return FieldErrorf("to_id", "Give the entity the relation goes to.")
	}
	if r.FromID == r.ToID {
		return FieldErrorf("to_id", "An entity is not related to itself.")
	}
	return nil
}

// RelationService records the relations between a case's entities.
// Whoever reads the case reads them; whoever may write the case
// (CanWriteCase) records and removes them.
type RelationService interface {
	FindRelations(ctx context.Context, caseID int64) ([]*Relation, error)
	CreateRelation(ctx context.Context, r *Relation) error
	// DeleteRelation removes relation id of case caseID (0: of any
	// case): ENOTFOUND, as a relation the caller cannot see, when it is
	// of another case.
	DeleteRelation(ctx context.Context, caseID, id int64) error
}
