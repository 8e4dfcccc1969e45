package suggest

import (
	"math"
	"slices"
	"strings"

	"github.com/triage-ar/triage/triage"
)

// Vote is the outcome of a similarity-weighted vote of neighbours.
type Vote struct {
	Status     string
	Confidence float64 // share of the winning status in the total weight
}

// Share is one status's probability in a distribution over statuses.
type Share struct {
	Status string
	P      float64
}

// sharpness raises similarities to a power so that the closest neighbours
// weigh much more than the merely related ones.
const sharpness = 4

// VoteShares returns each status's share of the similarity-weighted vote of
// neighbours whose status allow accepts, most voted first (ties by code, so
// every run resolves them alike); nil when no neighbour can vote. A nil
// allow accepts every status.
func VoteShares(ns []triage.Neighbour, allow func(status string) bool) []Share {
	var out []Share
	var total float64
	for _, n := range ns {
		if n.Similarity <= 0 || (allow != nil && !allow(n.Status)) {
			continue
		}
		w := math.Pow(n.Similarity, sharpness)
		total += w
		if i := slices.IndexFunc(out, func(s Share) bool { return s.Status == n.Status }); i >= 0 {
			out[i].P += w
		} else {
			out = append(out, Share{Status: n.Status, P: w})
		}
	}
	if total == 0 {
		return nil
	}
	for i := range out {
		out[i].P /= total
	}
	sortShares(out)
	return out
}

// VoteNeighbours picks the status with the largest similarity-weighted vote
// among neighbours whose status is still in the catalog. ok is false when no
// neighbour can vote.
func VoteNeighbours(ns []triage.Neighbour, cat triage.Catalog) (Vote, bool) {
	shares := VoteShares(ns, inCatalog(cat))
	if len(shares) == 0 {
		return Vote{}, false
	}
	return Vote{Status: shares[0].Status, Confidence: shares[0].P}, true
}

// inCatalog accepts the statuses of cat.
func inCatalog(cat triage.Catalog) func(string) bool {
	codes := make(map[string]bool, len(cat))
	for _, s := range cat {
		codes[s.Code] = true
	}
	return func(code string) bool { return codes[code] }
}

// sortShares orders shares by decreasing probability, then by status.
func sortShares(s []Share) {
	slices.SortFunc(s, func(a, b Share) int {
		switch {
		case a.P > b.P:
			return -1
		case a.P < b.P:
			return 1
		}
		return strings.Compare(a.Status, b.Status)
	})
}
