package crosscase

// setIfGiven sets *dst to *src when the update gives src (not nil): how
// the Apply of an update (CaseUpdate, EntityUpdate, InstrumentUpdate,
// MeetingUpdate) copies each field it may set.
func setIfGiven[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}
