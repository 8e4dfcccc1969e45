// Package evals measures suggestion strategies offline: it reads eval sets
// (JSONL, one case a line, DESIGN.md §6), replays them against a strategy
// that learnt from a history file (Run, the same code as the server with an
// in-memory index), and computes the metrics that say whether it is any
// good: accuracy, macro-F1, per-status precision and recall, confusion,
// calibration (ECE) and latency. `triage eval` and the admin pages print
// its Report.
package evals
