package demo

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"math/rand"
	"strings"
)

// fill replaces, in pattern, '#' by a digit, '?' by a digit other than 0
// and '@' by a capital letter; other characters stay.
func fill(r *rand.Rand, pattern string) string {
	var b strings.Builder
	for _, c := range pattern {
		switch c {
		case '#':
			b.WriteByte(byte('0' + r.Intn(10)))
		case '?':
			b.WriteByte(byte('1' + r.Intn(9)))
		case '@':
			b.WriteByte(byte('A' + r.Intn(26)))
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.Intn(len(list))] }

// ibanFormats gives each country's BBAN structure from the SWIFT IBAN
// registry: groups of a count and a class (n digits, a capital letters,
// c letters or digits).
var ibanFormats = map[string]string{
	"AD": "4n4n12c", "AE": "3n16n", "AL": "8n16c", "AT": "5n11n", "BA": "3n3n8n2n", "BE": "3n7n2n", "BG": "4a4n2n8c",
	"CH": "5n12c", "CY": "3n5n16c", "CZ": "4n6n10n", "DE": "8n10n", "DK": "4n9n1n", "EE": "2n2n11n1n", "ES": "4n4n1n1n10n",
	"FI": "3n11n", "FR": "5n5n11c2n", "GB": "4a6n8n", "GE": "2a16n", "GR": "3n4n16c", "HR": "7n10n", "HU": "3n4n1n15n1n",
	"IE": "4a6n8n", "IL": "3n3n13n", "IS": "4n2n6n10n", "IT": "1a5n5n12c", "LI": "5n12c", "LT": "5n11n", "LU": "3n13c",
	"LV": "4a13c", "MC": "5n5n11c2n", "MD": "2c18c", "ME": "3n13n2n", "MK": "3n10c2n", "MT": "4a5n18c", "NL": "4a10n",
	"NO": "4n6n1n", "PL": "8n16n", "PT": "4n4n11n2n", "RO": "4a16c", "RS": "3n13n2n", "SE": "3n16n1n", "SI": "5n8n2n",
	"SK": "4n6n10n", "TR": "5n1n16c", "UA": "6n19c",
}

// bankCodes are real-looking letter bank codes for the countries whose
// BBAN starts with letters.
var bankCodes = map[string][]string{
	"NL": {"ABNA", "RABO", "INGB", "TRIO", "SNSB", "BUNQ"},
	"RO": {"BTRL", "RNCB", "BRDE", "INGB", "RZBR"},
	"GB": {"BARC", "LOYD", "HBUK", "NWBK", "MIDL"},
	"IE": {"AIBK", "BOFI", "IPBS"},
	"LV": {"HABA", "UNLA", "PARX", "RIKO"},
	"BG": {"UNCR", "STSA", "FINV", "BPBI"},
	"MT": {"VALL", "MALT", "APSB"},
	"GE": {"TB", "BG"},
}

// iban returns a random IBAN of country with a correct ISO 13616 checksum,
// written in groups of four, or "" when the country has no IBAN format
// here.
func iban(r *rand.Rand, country string) string {
	format, ok := ibanFormats[country]
	if !ok {
		return ""
	}
	var bban strings.Builder
	first := true
	for format != "" {
		i := 0
		for format[i] >= '0' && format[i] <= '9' {
			i++
		}
		var n int
		fmt.Sscanf(format[:i], "%d", &n)
		class := format[i]
		format = format[i+1:]
		if class == 'a' && first && len(bankCodes[country]) > 0 {
			code := pick(r, bankCodes[country])
			bban.WriteString(code)
			n -= len(code)
		}
		for ; n > 0; n-- {
			switch class {
			case 'a':
				bban.WriteByte(byte('A' + r.Intn(26)))
			default: // digits are valid for both n and c, and the usual case
				bban.WriteByte(byte('0' + r.Intn(10)))
			}
		}
		first = false
	}
	s := withIBANCheck(country, bban.String())
	var out strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(s[i:min(i+4, len(s))])
	}
	return out.String()
}

// withIBANCheck returns country, the two check digits and bban: the check
// digits make the number, read as ISO 13616 says, equal 1 modulo 97.
func withIBANCheck(country, bban string) string {
	mod := 0
	for _, c := range bban + country + "00" {
		switch {
		case c >= '0' && c <= '9':
			mod = (mod*10 + int(c-'0')) % 97
		default:
			mod = (mod*100 + int(c-'A') + 10) % 97
		}
	}
	return fmt.Sprintf("%s%02d%s", country, 98-mod, bban)
}

// phone returns a mobile number in the country's format.
func phone(r *rand.Rand, country string) string {
	if l := locales[country]; l != nil {
		return fill(r, pick(r, l.phones))
	}
	if o, ok := otherCountries[country]; ok {
		return fill(r, o.mobile)
	}
	return fill(r, "+44 7### ######")
}

// plate returns a number plate in the country's format.
func plate(r *rand.Rand, country string) string {
	if l := locales[country]; l != nil {
		return fill(r, pick(r, l.plates))
	}
	return fill(r, "@@ ####")
}

// vehicleModels are common makes on European roads, and the vans and
// lorries that smuggling and theft cases keep meeting.
var vehicleModels = []string{"Volkswagen Golf", "Volkswagen Passat", "BMW X5", "BMW 530d", "Mercedes-Benz Sprinter", "Mercedes-Benz E 220", "Audi A6", "Audi Q7",
	"Fiat Ducato", "Renault Master", "Ford Transit", "Toyota RAV4", "Škoda Octavia", "Dacia Logan", "Porsche Cayenne", "Range Rover Sport",
	"Iveco Daily", "Opel Vivaro", "Peugeot 308", "Alfa Romeo Stelvio", "Volvo XC90", "Citroën Jumper", "Scania R 450 tractor unit", "DAF XF tractor unit"}

var colours = []string{"black", "white", "silver", "dark grey", "dark blue", "red", "anthracite"}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Check encodes version and payload with the four-byte double
// SHA-256 checksum, as Bitcoin and Tron addresses do.
func base58Check(version byte, payload []byte) string {
	data := append([]byte{version}, payload...)
	h1 := sha256.Sum256(data)
	h2 := sha256.Sum256(h1[:])
	data = append(data, h2[:4]...)
	n := new(big.Int).SetBytes(data)
	var out []byte
	mod := new(big.Int)
	base := big.NewInt(58)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, b := range data {
		if b != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// wallet returns a well-formed crypto wallet address and its currency:
// Bitcoin (P2PKH, checksummed), Ethereum or Tron (checksummed).
func wallet(r *rand.Rand) (address, currency string) {
	payload := make([]byte, 20)
	for i := range payload {
		payload[i] = byte(r.Intn(256))
	}
	switch r.Intn(3) {
	case 0:
		return base58Check(0x00, payload), "Bitcoin"
	case 1:
		return fmt.Sprintf("0x%x", payload), "Ethereum (USDT ERC-20)"
	default:
		return base58Check(0x41, payload), "Tron (USDT TRC-20)"
	}
}

// asciiFold maps the letters with diacritics used in the name tables to
// plain ASCII, for e-mail addresses.
var asciiFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "ae", "ã", "a", "å", "a", "ā", "a", "ă", "a", "ą", "a",
	"À", "A", "Á", "A", "Â", "A", "Ä", "Ae", "Å", "A", "Ā", "A",
	"ç", "c", "ć", "c", "č", "c", "Ç", "C", "Ć", "C", "Č", "C",
	"ģ", "g", "ķ", "k", "ļ", "l", "ņ", "n", "Ģ", "G", "Ķ", "K", "Ļ", "L", "Ņ", "N",
	"ď", "d", "đ", "dj", "Đ", "Dj", "Ď", "D",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ė", "e", "ę", "e", "ě", "e", "ē", "e", "É", "E", "È", "E", "Ê", "E", "Ë", "E",
	"í", "i", "î", "i", "ï", "i", "ī", "i", "į", "i", "Í", "I", "Î", "I",
	"ł", "l", "Ł", "L", "ñ", "n", "ń", "n", "ň", "n", "Ñ", "N",
	"ó", "o", "ô", "o", "ö", "oe", "õ", "o", "ő", "o", "ø", "o", "Ó", "O", "Ö", "Oe", "Ő", "O",
	"ř", "r", "Ř", "R", "ś", "s", "š", "s", "ș", "s", "ş", "s", "ß", "ss", "Ś", "S", "Š", "S", "Ș", "S",
	"ť", "t", "ț", "t", "ţ", "t", "Ț", "T",
	"ú", "u", "ù", "u", "û", "u", "ü", "ue", "ů", "u", "ű", "u", "ū", "u", "ų", "u", "Ú", "U", "Ü", "Ue", "Ů", "U",
	"ý", "y", "Ý", "Y", "ź", "z", "ż", "z", "ž", "z", "Ź", "Z", "Ż", "Z", "Ž", "Z",
)

// mailLocal turns a name into the local part of an e-mail address:
// lower-case ASCII letters only.
func mailLocal(name string) string {
	name = strings.ToLower(asciiFold.Replace(name))
	var b strings.Builder
	for _, c := range name {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// email returns an address such as "giulia.rossi84@libero.it".
func email(r *rand.Rand, country, given, family string) string {
	domains := []string{"gmail.com", "outlook.com", "proton.me"}
	if l := locales[country]; l != nil {
		domains = l.mailDomains
	}
	g, f := mailLocal(given), mailLocal(family)
	if g == "" {
		g = "info"
	}
	if f == "" {
		f = "mail"
	}
	switch r.Intn(4) {
	case 0:
		return fmt.Sprintf("%s.%s@%s", g, f, pick(r, domains))
	case 1:
		return fmt.Sprintf("%s.%s%d@%s", g, f, 60+r.Intn(40), pick(r, domains))
	case 2:
		return fmt.Sprintf("%s%s%d@%s", g[:1], f, r.Intn(1000), pick(r, domains))
	default:
		return fmt.Sprintf("%s_%s@%s", f, g, pick(r, domains))
	}
}

// placesOf returns the places known for a country.
func placesOf(country string) []place {
	if l := locales[country]; l != nil {
		return l.places
	}
	return otherCountries[country].places
}

// address returns a postal address in the country's format.
func address(r *rand.Rand, country string) string {
	l := locales[country]
	if l == nil {
		p := pick(r, placesOf(country))
		return fmt.Sprintf("%d %s, %s", 1+r.Intn(120), fill(r, p.postcode), p.city)
	}
	p := pick(r, l.places)
	return fmt.Sprintf(l.address, pick(r, l.streets), 1+r.Intn(150), fill(r, p.postcode), p.city)
}

// addressIn returns an address in city, which must be one of the
// country's places.
func addressIn(r *rand.Rand, country, city string) string {
	l := locales[country]
	for _, p := range l.places {
		if p.city == city {
			return fmt.Sprintf(l.address, pick(r, l.streets), 1+r.Intn(150), fill(r, p.postcode), p.city)
		}
	}
	panic("demo: no place " + city + " in " + country)
}

// passport returns a passport number in the country's format.
func passport(r *rand.Rand, country string) string {
	if l := locales[country]; l != nil {
		return fill(r, l.passport)
	}
	return fill(r, "@@#######")
}
