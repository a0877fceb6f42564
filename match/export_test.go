package match

// SetBoundPersons turns the skipping of persons that cannot reach the
// threshold on or off, for a test that checks it changes no hit.
func SetBoundPersons(on bool) { boundPersons = on }

// SetLazyWalk turns on or off the walk of large blocks as far as the
// comparisons go, for a test that checks it changes no hit.
func SetLazyWalk(on bool) { lazyWalk = on }

// SetSmallBlock sets the size up to which a check reads a block whole,
// and returns the previous one.
func SetSmallBlock(n int) int {
	old := smallBlock
	smallBlock = n
	return old
}
