// Package storage is Claimdesk's store: the articles, the claims labeled
// in them and the labels, kept in one BoltDB file (go.etcd.io/bbolt), with
// the rules every record obeys and a Check that proves it.
//
// Every change is committed in its own transaction before the call returns, so
// an acknowledged write survives a crash, and listeners (OnChange) hear of it
// only after the commit. Offsets count Unicode code points of the stored
// article text, end exclusive, the way Python's text[start:end], brat, Label
// Studio and spaCy count them; text.go holds the conversions. A damaged file
// gives errors, never a crash: storage/boltfile refuses a file bbolt would
// crash on before bbolt opens it.
//
// Articles, labels and statuses are JSON records; claims, the bulk of a
// store, are compact binary ones (claimrecord.go), and every article has a
// summary (summary.go) kept in the same transactions, so lists and counts
// read neither texts nor claims. Compact rewrites a file that shrank.
//
// The package knows nothing of the formats data arrives or leaves in, of
// search, or of the GUI: those are built on it and hear of changes through
// OnChange.
package storage
