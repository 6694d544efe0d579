#include "poppler.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

struct pdf_doc {
	std::unique_ptr<poppler::document> doc;
};

// Poppler writes what it finds wrong in a file to stderr; the last
// message is kept instead to say why a file could not be read. Callers
// hold a lock, so one static buffer serves.
static std::string last_error;

static void keep_error(const std::string &msg, void *) { last_error = msg; }

static char *copy(const std::string &s) {
	char *out = static_cast<char *>(std::malloc(s.size() + 1));
	if (out) {
		std::memcpy(out, s.data(), s.size());
		out[s.size()] = 0;
	}
	return out;
}

static std::string utf8(const poppler::ustring &s) {
	poppler::byte_array b = s.to_utf8();
	return std::string(b.begin(), b.end());
}

pdf_doc *pdf_open(const char *data, int len, int *status, char **reason) {
	poppler::set_debug_error_function(keep_error, nullptr);
	last_error.clear();
	*reason = nullptr;
	poppler::document *d = poppler::document::load_from_raw_data(data, len);
	if (!d) {
		*status = PDF_DAMAGED;
		if (!last_error.empty()) {
			*reason = copy(last_error);
		}
		return nullptr;
	}
	if (d->is_locked()) {
		delete d;
		*status = PDF_ENCRYPTED;
		return nullptr;
	}
	*status = PDF_OK;
	pdf_doc *out = new pdf_doc;
	out->doc.reset(d);
	return out;
}

void pdf_close(pdf_doc *doc) { delete doc; }

int pdf_pages(pdf_doc *doc) { return doc->doc->pages(); }

char *pdf_title(pdf_doc *doc) { return copy(utf8(doc->doc->info_key("Title"))); }

char *pdf_page_text(pdf_doc *doc, int page) {
	std::unique_ptr<poppler::page> p(doc->doc->create_page(page));
	if (!p) {
		return nullptr;
	}
	return copy(utf8(p->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
}

char *pdf_first_heading(pdf_doc *doc) {
	if (doc->doc->pages() < 1) {
		return copy("");
	}
	std::unique_ptr<poppler::page> p(doc->doc->create_page(0));
	if (!p) {
		return copy("");
	}
	std::vector<poppler::text_box> words = p->text_list(poppler::page::text_list_include_font);
	// The body's size is the one most characters are set in.
	std::map<long, size_t> chars;
	for (const auto &w : words) {
		chars[std::lround(w.get_font_size() * 10)] += w.text().size();
	}
	long body = 0;
	size_t most = 0;
	for (const auto &c : chars) {
		if (c.second > most) {
			body = c.first, most = c.second;
		}
	}
	std::string heading;
	for (size_t i = 0; i < words.size(); i++) {
		if (std::lround(words[i].get_font_size() * 10) < body * 1.15) {
			if (!heading.empty()) {
				break;
			}
			continue;
		}
		heading += utf8(words[i].text());
		bool next_line = i + 1 < words.size() &&
			std::fabs(words[i + 1].bbox().top() - words[i].bbox().top()) > words[i].bbox().height() / 2;
		if (words[i].has_space_after() || next_line) {
			heading += ' ';
		}
	}
	return copy(heading);
}
