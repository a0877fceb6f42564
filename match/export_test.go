package match

// SetBoundPersons turns the skipping of persons that cannot reach the
// threshold on or off, for a test that checks it changes no hit.
func SetBoundPersons(on bool) { boundPersons = on }
