package match

// SetBoundPersons turns the skipping of persons that cannot reach the
// threshold on or off in ix, for a test that checks it changes no hit.
func SetBoundPersons(ix *Index, on bool) { ix.tune.compareAll = !on }

// SetLazyWalk turns on or off the walk of large blocks as far as the
// comparisons go in ix, for a test that checks it changes no hit.
func SetLazyWalk(ix *Index, on bool) { ix.tune.eagerWalk = !on }

// SetSmallBlock sets the size up to which a check of ix reads a block
// whole.
func SetSmallBlock(ix *Index, n int) { ix.tune.smallBlock = n }

// SetPairWalk turns on or off, in ix, the walk of the query's pair keys
// for the entries only large blocks hold (off: the smallest large block
// is walked instead).
func SetPairWalk(ix *Index, on bool) { ix.tune.noPairWalk = !on }
