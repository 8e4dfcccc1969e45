package suggest

import (
	"math"
	"sort"

	"github.com/triage-ar/triage/triage"
)

// Vote is the outcome of a similarity-weighted vote of neighbours.
type Vote struct {
	Status     string
	Confidence float64 // share of the winning status in the total weight
}

// sharpness raises similarities to a power so that the closest neighbours
// weigh much more than the merely related ones.
const sharpness = 4

// VoteNeighbours picks the status with the largest similarity-weighted vote
// among neighbours whose status is still in the catalog. ok is false when no
// neighbour can vote.
func VoteNeighbours(ns []triage.Neighbour, cat triage.Catalog) (Vote, bool) {
	scores := make(map[string]float64)
	var total float64
	for _, n := range ns {
		if _, known := cat.Find(n.Status); !known || n.Similarity <= 0 {
			continue
		}
		w := math.Pow(n.Similarity, sharpness)
		scores[n.Status] += w
		total += w
	}
	if total == 0 {
		return Vote{}, false
	}
	codes := make([]string, 0, len(scores))
	for c := range scores {
		codes = append(codes, c)
	}
	sort.Strings(codes) // ties resolve the same way every run
	best := codes[0]
	for _, c := range codes[1:] {
		if scores[c] > scores[best] {
			best = c
		}
	}
	return Vote{Status: best, Confidence: scores[best] / total}, true
}
