package http

import (
	"crosscase"
	"crosscase/match"
)

// Bulk input fields for a person's identity number and an address, as
// the CSV mapping names them (the address may be given to several
// columns, joined in column order).
const (
	checkFieldIDNumber = "id_number"
	checkFieldAddress  = "address"
)

// importedEntities turns mapped CSV rows into the entities of role to
// import into a case, with each person's identity number and each
// address the rows carry.
func importedEntities(rows []match.Row, role crosscase.EntityRole) []*crosscase.Entity {
	entities := match.Entities(rows, role)
	for i, e := range entities {
		e.IDNumber, e.Address = rows[i].Record.IDNumber, rows[i].Record.Address
	}
	return entities
}
