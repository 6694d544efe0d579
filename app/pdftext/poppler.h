// A C face on poppler's C++ library, for cgo: documents are opaque
// handles and strings come back as UTF-8 the caller frees with free().
#ifndef CLAIMDESK_POPPLER_H
#define CLAIMDESK_POPPLER_H

#ifdef __cplusplus
extern "C" {
#endif

enum { PDF_OK = 0, PDF_DAMAGED = 1, PDF_ENCRYPTED = 2 };

typedef struct pdf_doc pdf_doc;

// pdf_open reads a PDF held in data, which must outlive the handle. On
// failure it returns NULL, sets *status and, when poppler said why,
// *reason (to free).
pdf_doc *pdf_open(const char *data, int len, int *status, char **reason);
void pdf_close(pdf_doc *doc);
int pdf_pages(pdf_doc *doc);
char *pdf_title(pdf_doc *doc);
// pdf_page_text is a page's text as pdftotext writes it: in reading
// order, hyphenation at line ends undone, a blank line between blocks.
char *pdf_page_text(pdf_doc *doc, int page);
// pdf_first_heading is the first run of words on the first page set
// clearly larger than most of its text, "" when there is none.
char *pdf_first_heading(pdf_doc *doc);

#ifdef __cplusplus
}
#endif

#endif
