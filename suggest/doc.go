// Package suggest proposes a qualification for a customer reply: a status
// with a calibrated confidence, a comment in the customer's words, the
// concerned items and a follow-up.
//
// The offline default (strategy knn) needs no network and no model files.
// Two views of the tenant's history decide the status together:
//
//   - the nearest past qualifications, found with a hashed word and
//     character n-gram embedding (pgvector in production, MemIndex in evals
//     and tests), vote with their similarities;
//   - a softmax Classifier over sparse TF-IDF word 1–2-grams and character
//     2–5-grams, trained per tenant on its qualifications in force (Models
//     keeps it fresh as collectors qualify).
//
// A Blend mixes both and calibrates the result with a temperature; its two
// parameters are fitted on a held-out fifth of the history (TrainModel).
// With one status in the history, or none, the vote decides alone.
package suggest
