package crosscase

// CheckLimit applies the page size of a list to *limit: 0 asks for def,
// and a size outside 1 to max is refused naming the field "limit".
func CheckLimit(limit *int, def, max int) error {
	if *limit == 0 {
		*limit = def
	}
	if *limit < 1 || *limit > max {
		return FieldErrorf("limit", "Limit must be between 1 and %d.", max)
	}
	return nil
}
