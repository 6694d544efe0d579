// Package storage keeps Claimdesk's articles, claims and labels
// in a BoltDB file (go.etcd.io/bbolt).
//
// Every change is committed in its own transaction before the call returns, so
// an acknowledged write survives a crash. Offsets count Unicode code points of
// the stored article text, end exclusive, the way Python's text[start:end],
// brat, Label Studio and spaCy count them. The package knows nothing of the GUI.
package storage
