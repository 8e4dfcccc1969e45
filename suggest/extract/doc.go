// Package extract reads the facts a customer reply states, by rule, in
// French, English, German, Spanish and Italian: the dates it names (a
// payment promise, the return of an absent contact, a past payment), the
// amounts it quotes, the invoice and credit-note references it cites and the
// open items they designate, the bank-transfer references of a payment, and
// what it says of each item when it says different things of several.
//
// Every function takes any input without panicking and reads at most its
// first MaxScan bytes: replies longer than that are quoted histories or
// attachments pasted inline, whose facts are older than the reply.
//
// Dates are calendar days at midnight UTC; a date written without a year
// takes the year that makes sense relative to the day the reply was
// received (see Dates).
package extract

// MaxScan is how many bytes of a text the functions of this package read.
const MaxScan = 64 << 10
