// Package export writes Claimdesk's labeled claims as datasets in the
// formats NLP people train and evaluate with: doccano JSONL, spans JSONL
// (Prodigy, spaCy, Hugging Face datasets), Label Studio JSON tasks, brat
// standoff, CoNLL BIO, CSV and a claims JSONL for classifiers.
//
// Offsets everywhere are Unicode code points of the stored article text,
// end exclusive: for every span in every format Python's text[start:end]
// equals the quote. Collect gathers what to export from a store (filters by
// label, status and annotator); Write writes it, optionally split into
// train/dev/test by article, with progress reports and cancellation.
//
// Write never leaves a half-written file where a good one was: every file
// is written in a staging folder inside the destination folder, flushed to
// disk, and only renamed into place once the whole export has succeeded.
//
// The package knows nothing of Fyne: the window and the command line both
// drive it.
package export
