// Package dataset reads the files analysts collect: plain text, Markdown,
// saved web pages, PDF (through package pdftext), Word and OpenDocument
// text, and annotated corpora in the forms NLP tools write —
// JSONL in doccano or Prodigy/spaCy form, Label Studio JSON task exports and
// brat standoff pairs. ParseFile, ParseBytes and ParseBrat turn one file into
// Documents whose text is already normalised the way the store keeps it and
// whose spans count code points of that text; what could not be read is
// returned as Problems naming the file and line.
//
// A doccano line keeps the speaker, target, note and annotator of its
// [start, end, "label"] triples in meta.claims, as Claimdesk's export writes
// them; each triple takes the first unused entry with the same start, end
// and label, and an entry no triple takes is reported and ignored.
//
// The package only reads: it holds no store and knows nothing of the GUI.
// Storing what it reads is package importer's job.
package dataset
