package evals

import (
	"math/rand/v2"
	"slices"
)

// Split shares cases between a dev set (a devShare of each status, to tune
// on) and a test set (the rest, to report), by a seeded shuffle: the same
// cases and seed always give the same split.
func Split(cases []Case, devShare float64, seed uint64) (dev, test []Case) {
	byStatus := map[string][]int{}
	var statuses []string
	for i, c := range cases {
		if byStatus[c.Status] == nil {
			statuses = append(statuses, c.Status)
		}
		byStatus[c.Status] = append(byStatus[c.Status], i)
	}
	slices.Sort(statuses)
	rng := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	inDev := make([]bool, len(cases))
	for _, st := range statuses {
		idx := byStatus[st]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx[:int(float64(len(idx))*devShare+0.5)] {
			inDev[i] = true
		}
	}
	for i, c := range cases {
		if inDev[i] {
			dev = append(dev, c)
		} else {
			test = append(test, c)
		}
	}
	return dev, test
}
