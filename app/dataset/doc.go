// Package dataset brings the files analysts collect into Claimdesk: plain
// text, Markdown and saved web pages, and annotated corpora in the forms NLP
// tools write — JSONL in doccano or Prodigy/spaCy form, Label Studio JSON task
// exports and brat standoff pairs. A doccano line keeps the speaker, target,
// note and annotator of its [start, end, "label"] triples in meta.claims, as
// Claimdesk's export writes them; each triple takes the first unused entry
// with the same start, end and label, and an entry no triple takes is
// reported and ignored.
//
// Parsing (ParseFile, ParseBytes, ParseBrat) turns one file into Documents
// whose text is already normalised the way the store keeps it and whose spans
// count code points of that text; Import stores whole files and folders and
// reports, per file and line, what landed, what was skipped and what failed.
// The package knows nothing of the GUI.
package dataset
