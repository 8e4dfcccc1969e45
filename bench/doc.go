// Package bench measures triage end to end and reports machine-independent
// ratios beside the raw figures: the MIME parser against a bare go-message
// read, the IMAP poller emptying a Dovecot backlog against a raw UID FETCH
// of it, the pgvector HNSW index against an exact scan, the suggestion path
// at several history sizes, the review pages under a large queue, and the
// offline evaluation. Every runner is bounded in count and time, works on a
// scratch database it creates and drops, and returns a result struct; Run
// gathers them in a Report, printed as one table and saved as JSON for
// comparison between commits (`triage bench`, `make bench`).
package bench
