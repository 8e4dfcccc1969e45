// Package web serves triage's pages with gin: the collectors' review queue
// and reply pages behind a login, and the customers' web form reached
// through a signed link.
//
// Pages are server-rendered html/template files embedded in the binary and
// parsed once; every action is a plain HTML form (no JavaScript needed), and
// customer content is always auto-escaped. Sessions live in Postgres, forms
// carry CSRF tokens, and every response carries a strict Content-Security-Policy.
// It is the only package that imports gin.
package web
