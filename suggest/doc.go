// Package suggest proposes a qualification for a customer reply: a status,
// a comment in the customer's words, the concerned items and a follow-up.
//
// The offline default needs no network and no model files: replies are
// embedded with hashed word and character n-grams, and the status is voted
// by the nearest past qualifications of the tenant (pgvector in production,
// an exact in-memory index in tests and evals).
package suggest
