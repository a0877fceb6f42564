// Package refdata holds the reference facts crosscase starts with: every
// ISO 3166-1 country, each country's standing with the agency, and the
// agency's agreements with third countries and organisations.
//
// Where the facts come from:
//
//   - Country codes and English short names: ISO 3166-1 as published in the
//     iso-codes data set (249 entries), with the comma forms turned round for
//     display ("Democratic Republic of the Congo", "Republic of Korea") and
//     the common names iso-codes gives ("Bolivia", "Moldova", "Viet Nam" as
//     "Vietnam").
//   - Standings: the 27 EU member states; the twelve third countries with a
//     liaison prosecutor at the agency (Albania, Georgia, Iceland since March
//     2024, Moldova, Montenegro, North Macedonia, Norway, Serbia,
//     Switzerland, Ukraine, the United Kingdom, the United States), as the
//     Annual Report 2024 and the press releases in the design documents
//     count them. Contact points: the countries whose prosecution services
//     named agency contact points or signed a working arrangement
//     (Latin America, Republic of Korea, Armenia, the United Arab Emirates
//     since 2024, Bosnia and Herzegovina and Liechtenstein, which have
//     cooperation agreements but no liaison prosecutor yet, and the
//     neighbourhood countries named in the Council's negotiating mandates).
//     The contact-point list is indicative: administrators keep standings
//     current with CountryService.UpdateCountry.
//   - Agreements: the agency's published signing dates (press releases, the
//     Annual Reports and the Official Journal for the EU-level agreements).
//     Where only the month of signing is on record, the last day of that
//     month is recorded, so that the partner rule never treats an
//     agreement as in force before it surely was: the working arrangement
//     with Panama (January 2024). The memorandum of understanding with
//     eu-LISA (September 2017) is left out: it concerns no country.
package refdata

import (
	"time"

	"crosscase"
)

const (
	member  = crosscase.StandingMember
	liaison = crosscase.StandingLiaison
	contact = crosscase.StandingContactPoint
	none    = crosscase.StandingNone
)

// Countries returns every ISO 3166-1 alpha-2 country with its English
// short name and its standing with the agency, in code order.
func Countries() []crosscase.Country {
	return []crosscase.Country{
		{Code: "AD", Name: "Andorra", Standing: none},
		{Code: "AE", Name: "United Arab Emirates", Standing: contact},
		{Code: "AF", Name: "Afghanistan", Standing: none},
		{Code: "AG", Name: "Antigua and Barbuda", Standing: none},
		{Code: "AI", Name: "Anguilla", Standing: none},
		{Code: "AL", Name: "Albania", Standing: liaison},
		{Code: "AM", Name: "Armenia", Standing: contact},
		{Code: "AO", Name: "Angola", Standing: none},
		{Code: "AQ", Name: "Antarctica", Standing: none},
		{Code: "AR", Name: "Argentina", Standing: contact},
		{Code: "AS", Name: "American Samoa", Standing: none},
		{Code: "AT", Name: "Austria", Standing: member},
		{Code: "AU", Name: "Australia", Standing: none},
		{Code: "AW", Name: "Aruba", Standing: none},
		{Code: "AX", Name: "Åland Islands", Standing: none},
		{Code: "AZ", Name: "Azerbaijan", Standing: none},
		{Code: "BA", Name: "Bosnia and Herzegovina", Standing: contact},
		{Code: "BB", Name: "Barbados", Standing: none},
		{Code: "BD", Name: "Bangladesh", Standing: none},
		{Code: "BE", Name: "Belgium", Standing: member},
		{Code: "BF", Name: "Burkina Faso", Standing: none},
		{Code: "BG", Name: "Bulgaria", Standing: member},
		{Code: "BH", Name: "Bahrain", Standing: none},
		{Code: "BI", Name: "Burundi", Standing: none},
		{Code: "BJ", Name: "Benin", Standing: none},
		{Code: "BL", Name: "Saint Barthélemy", Standing: none},
		{Code: "BM", Name: "Bermuda", Standing: none},
		{Code: "BN", Name: "Brunei Darussalam", Standing: none},
		{Code: "BO", Name: "Bolivia", Standing: contact},
		{Code: "BQ", Name: "Bonaire, Sint Eustatius and Saba", Standing: none},
		{Code: "BR", Name: "Brazil", Standing: contact},
		{Code: "BS", Name: "Bahamas", Standing: none},
		{Code: "BT", Name: "Bhutan", Standing: none},
		{Code: "BV", Name: "Bouvet Island", Standing: none},
		{Code: "BW", Name: "Botswana", Standing: none},
		{Code: "BY", Name: "Belarus", Standing: none},
		{Code: "BZ", Name: "Belize", Standing: none},
		{Code: "CA", Name: "Canada", Standing: contact},
		{Code: "CC", Name: "Cocos (Keeling) Islands", Standing: none},
		{Code: "CD", Name: "Democratic Republic of the Congo", Standing: none},
		{Code: "CF", Name: "Central African Republic", Standing: none},
		{Code: "CG", Name: "Congo", Standing: none},
		{Code: "CH", Name: "Switzerland", Standing: liaison},
		{Code: "CI", Name: "Côte d'Ivoire", Standing: none},
		{Code: "CK", Name: "Cook Islands", Standing: none},
		{Code: "CL", Name: "Chile", Standing: contact},
		{Code: "CM", Name: "Cameroon", Standing: none},
		{Code: "CN", Name: "China", Standing: none},
		{Code: "CO", Name: "Colombia", Standing: contact},
		{Code: "CR", Name: "Costa Rica", Standing: contact},
		{Code: "CU", Name: "Cuba", Standing: none},
		{Code: "CV", Name: "Cabo Verde", Standing: none},
		{Code: "CW", Name: "Curaçao", Standing: none},
		{Code: "CX", Name: "Christmas Island", Standing: none},
		{Code: "CY", Name: "Cyprus", Standing: member},
		{Code: "CZ", Name: "Czechia", Standing: member},
		{Code: "DE", Name: "Germany", Standing: member},
		{Code: "DJ", Name: "Djibouti", Standing: none},
		{Code: "DK", Name: "Denmark", Standing: member},
		{Code: "DM", Name: "Dominica", Standing: none},
		{Code: "DO", Name: "Dominican Republic", Standing: contact},
		{Code: "DZ", Name: "Algeria", Standing: contact},
		{Code: "EC", Name: "Ecuador", Standing: contact},
		{Code: "EE", Name: "Estonia", Standing: member},
		{Code: "EG", Name: "Egypt", Standing: contact},
		{Code: "EH", Name: "Western Sahara", Standing: none},
		{Code: "ER", Name: "Eritrea", Standing: none},
		{Code: "ES", Name: "Spain", Standing: member},
		{Code: "ET", Name: "Ethiopia", Standing: none},
		{Code: "FI", Name: "Finland", Standing: member},
		{Code: "FJ", Name: "Fiji", Standing: none},
		{Code: "FK", Name: "Falkland Islands (Malvinas)", Standing: none},
		{Code: "FM", Name: "Micronesia", Standing: none},
		{Code: "FO", Name: "Faroe Islands", Standing: none},
		{Code: "FR", Name: "France", Standing: member},
		{Code: "GA", Name: "Gabon", Standing: none},
		{Code: "GB", Name: "United Kingdom", Standing: liaison},
		{Code: "GD", Name: "Grenada", Standing: none},
		{Code: "GE", Name: "Georgia", Standing: liaison},
		{Code: "GF", Name: "French Guiana", Standing: none},
		{Code: "GG", Name: "Guernsey", Standing: none},
		{Code: "GH", Name: "Ghana", Standing: none},
		{Code: "GI", Name: "Gibraltar", Standing: none},
		{Code: "GL", Name: "Greenland", Standing: none},
		{Code: "GM", Name: "Gambia", Standing: none},
		{Code: "GN", Name: "Guinea", Standing: none},
		{Code: "GP", Name: "Guadeloupe", Standing: none},
		{Code: "GQ", Name: "Equatorial Guinea", Standing: none},
		{Code: "GR", Name: "Greece", Standing: member},
		{Code: "GS", Name: "South Georgia and the South Sandwich Islands", Standing: none},
		{Code: "GT", Name: "Guatemala", Standing: contact},
		{Code: "GU", Name: "Guam", Standing: none},
		{Code: "GW", Name: "Guinea-Bissau", Standing: none},
		{Code: "GY", Name: "Guyana", Standing: none},
		{Code: "HK", Name: "Hong Kong", Standing: none},
		{Code: "HM", Name: "Heard Island and McDonald Islands", Standing: none},
		{Code: "HN", Name: "Honduras", Standing: contact},
		{Code: "HR", Name: "Croatia", Standing: member},
		{Code: "HT", Name: "Haiti", Standing: none},
		{Code: "HU", Name: "Hungary", Standing: member},
		{Code: "ID", Name: "Indonesia", Standing: none},
		{Code: "IE", Name: "Ireland", Standing: member},
		{Code: "IL", Name: "Israel", Standing: contact},
		{Code: "IM", Name: "Isle of Man", Standing: none},
		{Code: "IN", Name: "India", Standing: none},
		{Code: "IO", Name: "British Indian Ocean Territory", Standing: none},
		{Code: "IQ", Name: "Iraq", Standing: none},
		{Code: "IR", Name: "Iran", Standing: none},
		{Code: "IS", Name: "Iceland", Standing: liaison},
		{Code: "IT", Name: "Italy", Standing: member},
		{Code: "JE", Name: "Jersey", Standing: none},
		{Code: "JM", Name: "Jamaica", Standing: none},
		{Code: "JO", Name: "Jordan", Standing: contact},
		{Code: "JP", Name: "Japan", Standing: contact},
		{Code: "KE", Name: "Kenya", Standing: none},
		{Code: "KG", Name: "Kyrgyzstan", Standing: none},
		{Code: "KH", Name: "Cambodia", Standing: none},
		{Code: "KI", Name: "Kiribati", Standing: none},
		{Code: "KM", Name: "Comoros", Standing: none},
		{Code: "KN", Name: "Saint Kitts and Nevis", Standing: none},
		{Code: "KP", Name: "Democratic People's Republic of Korea", Standing: none},
		{Code: "KR", Name: "Republic of Korea", Standing: contact},
		{Code: "KW", Name: "Kuwait", Standing: none},
		{Code: "KY", Name: "Cayman Islands", Standing: none},
		{Code: "KZ", Name: "Kazakhstan", Standing: none},
		{Code: "LA", Name: "Laos", Standing: none},
		{Code: "LB", Name: "Lebanon", Standing: contact},
		{Code: "LC", Name: "Saint Lucia", Standing: none},
		{Code: "LI", Name: "Liechtenstein", Standing: contact},
		{Code: "LK", Name: "Sri Lanka", Standing: none},
		{Code: "LR", Name: "Liberia", Standing: none},
		{Code: "LS", Name: "Lesotho", Standing: none},
		{Code: "LT", Name: "Lithuania", Standing: member},
		{Code: "LU", Name: "Luxembourg", Standing: member},
		{Code: "LV", Name: "Latvia", Standing: member},
		{Code: "LY", Name: "Libya", Standing: none},
		{Code: "MA", Name: "Morocco", Standing: contact},
		{Code: "MC", Name: "Monaco", Standing: none},
		{Code: "MD", Name: "Moldova", Standing: liaison},
		{Code: "ME", Name: "Montenegro", Standing: liaison},
		{Code: "MF", Name: "Saint Martin (French part)", Standing: none},
		{Code: "MG", Name: "Madagascar", Standing: none},
		{Code: "MH", Name: "Marshall Islands", Standing: none},
		{Code: "MK", Name: "North Macedonia", Standing: liaison},
		{Code: "ML", Name: "Mali", Standing: none},
		{Code: "MM", Name: "Myanmar", Standing: none},
		{Code: "MN", Name: "Mongolia", Standing: none},
		{Code: "MO", Name: "Macao", Standing: none},
		{Code: "MP", Name: "Northern Mariana Islands", Standing: none},
		{Code: "MQ", Name: "Martinique", Standing: none},
		{Code: "MR", Name: "Mauritania", Standing: none},
		{Code: "MS", Name: "Montserrat", Standing: none},
		{Code: "MT", Name: "Malta", Standing: member},
		{Code: "MU", Name: "Mauritius", Standing: none},
		{Code: "MV", Name: "Maldives", Standing: none},
		{Code: "MW", Name: "Malawi", Standing: none},
		{Code: "MX", Name: "Mexico", Standing: contact},
		{Code: "MY", Name: "Malaysia", Standing: none},
		{Code: "MZ", Name: "Mozambique", Standing: none},
		{Code: "NA", Name: "Namibia", Standing: none},
		{Code: "NC", Name: "New Caledonia", Standing: none},
		{Code: "NE", Name: "Niger", Standing: none},
		{Code: "NF", Name: "Norfolk Island", Standing: none},
		{Code: "NG", Name: "Nigeria", Standing: none},
		{Code: "NI", Name: "Nicaragua", Standing: none},
		{Code: "NL", Name: "Netherlands", Standing: member},
		{Code: "NO", Name: "Norway", Standing: liaison},
		{Code: "NP", Name: "Nepal", Standing: none},
		{Code: "NR", Name: "Nauru", Standing: none},
		{Code: "NU", Name: "Niue", Standing: none},
		{Code: "NZ", Name: "New Zealand", Standing: none},
		{Code: "OM", Name: "Oman", Standing: none},
		{Code: "PA", Name: "Panama", Standing: contact},
		{Code: "PE", Name: "Peru", Standing: contact},
		{Code: "PF", Name: "French Polynesia", Standing: none},
		{Code: "PG", Name: "Papua New Guinea", Standing: none},
		{Code: "PH", Name: "Philippines", Standing: none},
		{Code: "PK", Name: "Pakistan", Standing: none},
		{Code: "PL", Name: "Poland", Standing: member},
		{Code: "PM", Name: "Saint Pierre and Miquelon", Standing: none},
		{Code: "PN", Name: "Pitcairn", Standing: none},
		{Code: "PR", Name: "Puerto Rico", Standing: none},
		{Code: "PS", Name: "Palestine", Standing: none},
		{Code: "PT", Name: "Portugal", Standing: member},
		{Code: "PW", Name: "Palau", Standing: none},
		{Code: "PY", Name: "Paraguay", Standing: contact},
		{Code: "QA", Name: "Qatar", Standing: none},
		{Code: "RE", Name: "Réunion", Standing: none},
		{Code: "RO", Name: "Romania", Standing: member},
		{Code: "RS", Name: "Serbia", Standing: liaison},
		{Code: "RU", Name: "Russian Federation", Standing: none},
		{Code: "RW", Name: "Rwanda", Standing: none},
		{Code: "SA", Name: "Saudi Arabia", Standing: none},
		{Code: "SB", Name: "Solomon Islands", Standing: none},
		{Code: "SC", Name: "Seychelles", Standing: none},
		{Code: "SD", Name: "Sudan", Standing: none},
		{Code: "SE", Name: "Sweden", Standing: member},
		{Code: "SG", Name: "Singapore", Standing: none},
		{Code: "SH", Name: "Saint Helena, Ascension and Tristan da Cunha", Standing: none},
		{Code: "SI", Name: "Slovenia", Standing: member},
		{Code: "SJ", Name: "Svalbard and Jan Mayen", Standing: none},
		{Code: "SK", Name: "Slovakia", Standing: member},
		{Code: "SL", Name: "Sierra Leone", Standing: none},
		{Code: "SM", Name: "San Marino", Standing: none},
		{Code: "SN", Name: "Senegal", Standing: none},
		{Code: "SO", Name: "Somalia", Standing: none},
		{Code: "SR", Name: "Suriname", Standing: none},
		{Code: "SS", Name: "South Sudan", Standing: none},
		{Code: "ST", Name: "Sao Tome and Principe", Standing: none},
		{Code: "SV", Name: "El Salvador", Standing: contact},
		{Code: "SX", Name: "Sint Maarten (Dutch part)", Standing: none},
		{Code: "SY", Name: "Syria", Standing: none},
		{Code: "SZ", Name: "Eswatini", Standing: none},
		{Code: "TC", Name: "Turks and Caicos Islands", Standing: none},
		{Code: "TD", Name: "Chad", Standing: none},
		{Code: "TF", Name: "French Southern Territories", Standing: none},
		{Code: "TG", Name: "Togo", Standing: none},
		{Code: "TH", Name: "Thailand", Standing: none},
		{Code: "TJ", Name: "Tajikistan", Standing: none},
		{Code: "TK", Name: "Tokelau", Standing: none},
		{Code: "TL", Name: "Timor-Leste", Standing: none},
		{Code: "TM", Name: "Turkmenistan", Standing: none},
		{Code: "TN", Name: "Tunisia", Standing: contact},
		{Code: "TO", Name: "Tonga", Standing: none},
		{Code: "TR", Name: "Türkiye", Standing: contact},
		{Code: "TT", Name: "Trinidad and Tobago", Standing: none},
		{Code: "TV", Name: "Tuvalu", Standing: none},
		{Code: "TW", Name: "Taiwan", Standing: none},
		{Code: "TZ", Name: "Tanzania", Standing: none},
		{Code: "UA", Name: "Ukraine", Standing: liaison},
		{Code: "UG", Name: "Uganda", Standing: none},
		{Code: "UM", Name: "United States Minor Outlying Islands", Standing: none},
		{Code: "US", Name: "United States", Standing: liaison},
		{Code: "UY", Name: "Uruguay", Standing: contact},
		{Code: "UZ", Name: "Uzbekistan", Standing: none},
		{Code: "VA", Name: "Holy See", Standing: none},
		{Code: "VC", Name: "Saint Vincent and the Grenadines", Standing: none},
		{Code: "VE", Name: "Venezuela", Standing: none},
		{Code: "VG", Name: "British Virgin Islands", Standing: none},
		{Code: "VI", Name: "United States Virgin Islands", Standing: none},
		{Code: "VN", Name: "Vietnam", Standing: none},
		{Code: "VU", Name: "Vanuatu", Standing: none},
		{Code: "WF", Name: "Wallis and Futuna", Standing: none},
		{Code: "WS", Name: "Samoa", Standing: none},
		{Code: "YE", Name: "Yemen", Standing: none},
		{Code: "YT", Name: "Mayotte", Standing: none},
		{Code: "ZA", Name: "South Africa", Standing: none},
		{Code: "ZM", Name: "Zambia", Standing: none},
		{Code: "ZW", Name: "Zimbabwe", Standing: none},
	}
}

func date(y int, m time.Month, d int) crosscase.Date {
	return crosscase.Date{Year: y, Month: m, Day: d}
}

// Agreements returns the agency's agreements with third countries and
// organisations: the agreements with countries, then the working
// arrangements with countries, then those with Union bodies, each group
// oldest first. The slice is new on every call.
func Agreements() []crosscase.Agreement {
	coop, wa := crosscase.AgreementCooperation, crosscase.AgreementWorkingArrangement
	country := func(code string, kind crosscase.AgreementKind, on crosscase.Date, title string) crosscase.Agreement {
		return crosscase.Agreement{CountryCode: code, Kind: kind, SignedOn: on, Title: title}
	}
	org := func(name string, kind crosscase.AgreementKind, on crosscase.Date, title string) crosscase.Agreement {
		return crosscase.Agreement{Organisation: name, Kind: kind, SignedOn: on, Title: title}
	}
	return []crosscase.Agreement{
		// Agreements concluded by the agency itself under Decision 2002/187/JHA;
		// they stay valid under Regulation (EU) 2018/1727, Art. 80(5).
		country("NO", coop, date(2005, time.April, 28), "Agreement between Eurojust and the Kingdom of Norway"),
		country("IS", coop, date(2005, time.December, 2), "Agreement between Eurojust and the Republic of Iceland"),
		country("US", coop, date(2006, time.November, 6), "Agreement between Eurojust and the United States of America"),
		country("CH", coop, date(2008, time.November, 27), "Agreement between Eurojust and the Swiss Confederation"),
		country("MK", coop, date(2008, time.November, 28), "Agreement on cooperation between Eurojust and North Macedonia (signed as the former Yugoslav Republic of Macedonia)"),
		country("LI", coop, date(2013, time.June, 7), "Agreement on cooperation between Eurojust and the Principality of Liechtenstein"),
		country("MD", coop, date(2014, time.July, 10), "Agreement on cooperation between Eurojust and the Republic of Moldova"),
		country("ME", coop, date(2016, time.May, 3), "Agreement on cooperation between Eurojust and Montenegro"),
		country("UA", coop, date(2016, time.June, 27), "Agreement on cooperation between Eurojust and Ukraine"),
		country("AL", coop, date(2018, time.October, 5), "Agreement on cooperation between Eurojust and Albania"),
		country("GE", coop, date(2019, time.March, 29), "Agreement on cooperation between Eurojust and Georgia"),
		country("RS", coop, date(2019, time.November, 12), "Agreement on cooperation between Eurojust and the Republic of Serbia"),
		// International agreements concluded by the Union (Art. 218 TFEU).
		country("GB", coop, date(2020, time.December, 30), "EU-UK Trade and Cooperation Agreement, Part Three, Title VI: cooperation with Eurojust"),
		country("AM", coop, date(2024, time.April, 5), "Agreement between the EU and the Republic of Armenia on cooperation between Eurojust and the competent Armenian authorities"),
		country("BA", coop, date(2024, time.October, 28), "Agreement between the EU and Bosnia and Herzegovina on cooperation between Eurojust and the competent authorities of Bosnia and Herzegovina"),
		// Working arrangements with third countries: no basis for exchanging
		// operational personal data.
		country("PA", wa, date(2024, time.January, 31), "Working Arrangement between Eurojust and the Public Ministry of Panama (signed January 2024; day not on record)"),
		country("BO", wa, date(2024, time.July, 10), "Working Arrangement between Eurojust and the Prosecution Service of Bolivia"),
		country("CL", wa, date(2024, time.July, 10), "Working Arrangement between Eurojust and the Prosecution Service of Chile"),
		country("CR", wa, date(2024, time.July, 10), "Working Arrangement between Eurojust and the Prosecution Service of Costa Rica"),
		country("EC", wa, date(2024, time.July, 10), "Working Arrangement between Eurojust and the Prosecution Service of Ecuador"),
		country("PE", wa, date(2024, time.July, 10), "Working Arrangement between Eurojust and the Prosecution Service of Peru"),
		country("AM", wa, date(2024, time.September, 23), "Working Arrangement with the Prosecutor's Office and the Ministry of Justice of Armenia implementing the cooperation agreement"),
		country("KR", wa, date(2025, time.April, 30), "Working Arrangement between Eurojust and the Ministry of Justice of the Republic of Korea"),
		// Union bodies and agencies.
		org("Europol", coop, date(2009, time.October, 1), "Agreement between Eurojust and Europol"),
		org("Frontex", wa, date(2013, time.December, 18), "Memorandum of Understanding between Eurojust and Frontex"),
		org("EPPO", wa, date(2021, time.February, 11), "Working Arrangement between Eurojust and the European Public Prosecutor's Office"),
		org("EUIPO", wa, date(2021, time.March, 15), "Service Level Agreement between Eurojust and the EUIPO on intellectual property crime"),
		org("OLAF", wa, date(2023, time.March, 29), "Working Arrangement between Eurojust and OLAF (replaces the Practical Agreement of 24 September 2008)"),
	}
}
