package demo

import (
	"context"
	"fmt"
	"strings"

	"crosscase"
	"crosscase/match"
)

// prisonInmates is the list the French prison administration sent of the
// inmates in whose cells the undetectable phones were found, two devices
// in some cells: a file as a desk imports one (README, "Import"). Its
// numbers are in the range France reserves for fiction.
const prisonInmates = `ref,inmate,born,nationality,phone,second phone
PB-1,Karim HADDAD,1991-06-04,FR,+33 6 39 98 01 12,+33 6 39 98 01 13
PB-2,Yanis BELKACEM,23.01.1996,FR,+33 6 39 98 02 21,
PB-3,Sofiane MEZIANI,09.11.1988,FR,+33 6 39 98 03 31,+33 6 39 98 03 32
`

// prisonInmatesMap maps the list's columns to fields, as the API's map
// and id_column would.
const prisonInmatesMap = "inmate=full_name,born=birth_date,nationality=nationality,phone=phone,second phone=phone"

// loadImport imports, as the French desk, the list of inmates into the
// Prison Break case through the import the API, the command line and the
// page use (match.ReadCSV, match.Entities, EntityService.ImportEntities),
// so that the demo opens with imported entities: each inmate uses the
// phones of their line, the second one under the reference PB-1#2, and
// each entity's creation is audited as an import.
func loadImport(sys context.Context, svc crosscase.Services, bundles []*crosscase.CaseBundle) error {
	var prison *crosscase.Case
	for _, b := range bundles {
		if strings.HasPrefix(b.Case.Title, "Operation Prison Break") {
			prison = b.Case
		}
	}
	if prison == nil {
		return fmt.Errorf("demo import: no Prison Break case")
	}
	u, err := svc.Users.FindUserByName(sys, deskUsers()["FR"])
	if err != nil {
		return fmt.Errorf("demo user of FR: %w", err)
	}
	fr := crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "local",
		Reason: "Inmates whose cells held the devices, listed by the prison administration"})
	m, err := match.ParseMapping(prisonInmatesMap, "ref")
	if err != nil {
		return fmt.Errorf("demo import mapping: %w", err)
	}
	rows, unreadable, err := match.ReadCSV(strings.NewReader(prisonInmates), m, 0)
	if err == nil && len(unreadable) > 0 {
		err = unreadable[0]
	}
	if err != nil {
		return fmt.Errorf("demo import: %w", err)
	}
	entities := match.Entities(rows, crosscase.RoleOther)
	if _, err := svc.Entities.ImportEntities(fr, prison.ID, entities, match.Lines(rows), nil); err != nil {
		return fmt.Errorf("demo import into %q: %w", prison.Title, match.ImportError(err, rows))
	}
	return nil
}
