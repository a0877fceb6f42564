package crosscase

// PartnerAgency is an EU agency or international organisation that may
// take part in a coordination meeting. The list is fixed: these are the
// agency's institutional partners named in its founding regulation
// (Regulation (EU) 2018/1727, Arts. 49–52) and its usual operational
// partners. Codes are stable and stored with meetings.
type PartnerAgency struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// PartnerAgencies returns the partner agencies in display order.
func PartnerAgencies() []PartnerAgency {
	return []PartnerAgency{
		{"europol", "Europol (European Union Agency for Law Enforcement Cooperation)"},
		{"olaf", "OLAF (European Anti-Fraud Office)"},
		{"eppo", "EPPO (European Public Prosecutor's Office)"},
		{"frontex", "Frontex (European Border and Coast Guard Agency)"},
		{"interpol", "Interpol (International Criminal Police Organization)"},
		{"ejn", "European Judicial Network (EJN)"},
		{"euda", "EUDA (European Union Drugs Agency)"},
		{"cepol", "CEPOL (European Union Agency for Law Enforcement Training)"},
		{"eu_lisa", "eu-LISA (European Union Agency for the Operational Management of Large-Scale IT Systems)"},
		{"icc", "International Criminal Court (ICC)"},
		{"unodc", "UNODC (United Nations Office on Drugs and Crime)"},
		{"maoc_n", "MAOC-N (Maritime Analysis and Operations Centre – Narcotics)"},
	}
}

// PartnerAgencyName returns the display name of code, or "" when unknown.
func PartnerAgencyName(code string) string {
	for _, p := range PartnerAgencies() {
		if p.Code == code {
			return p.Name
		}
	}
	return ""
}
