// Package triage holds the domain of customer replies to dunning and the review
// workflow collectors run on them: ingest a reply, suggest a qualification,
// then validate, delete, qualify or requalify it.
//
// The package depends on small interfaces (Store, Suggester, Embedder) and
// never on the web framework or the database driver, so the workflow can be
// tested and reused by the server, the CLI and the eval runner alike.
package triage
