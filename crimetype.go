package crosscase

// CrimeType is one entry of the agency's crime-type taxonomy.
type CrimeType struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// CrimeTypes is the agency's crime-type taxonomy, in the order the annual
// report lists them. Codes are stable and stored with cases.
func CrimeTypes() []CrimeType {
	return []CrimeType{
		{"swindling_fraud", "Swindling and fraud"},
		{"drug_trafficking", "Drug trafficking"},
		{"money_laundering", "Money laundering"},
		{"organised_property_crime", "Organised property crime"},
		{"migrant_smuggling", "Migrant smuggling"},
		{"trafficking_human_beings", "Trafficking in human beings"},
		{"cybercrime", "Cybercrime"},
		{"corruption", "Corruption"},
		{"core_international_crimes", "Core international crimes"},
		{"terrorism", "Terrorism"},
		{"intellectual_property_crime", "Intellectual property crime"},
		{"vat_fraud", "Missing trader intra-community (VAT) fraud"},
		{"environmental_crime", "Environmental crime"},
		{"weapons_trafficking", "Illicit trafficking in weapons and explosives"},
		{"crimes_against_life", "Crimes against life, limb or personal freedom"},
		{"child_sexual_abuse", "Sexual exploitation of children"},
		{"counterfeiting_currency", "Counterfeiting of currency"},
		{"other", "Other"},
	}
}

// CrimeTypeName returns the display name of code, or "" when unknown.
func CrimeTypeName(code string) string {
	for _, t := range CrimeTypes() {
		if t.Code == code {
			return t.Name
		}
	}
	return ""
}
