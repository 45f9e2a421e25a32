// output/provenance.h — how a page's text was obtained, as people read it.
//
// "p. 12" for a page of a text file or a PDF's text layer; for OCR'd text
// "p. 12 (OCR, confidence 0.83)", and "p. 12 (OCR failed)" for a page
// Tesseract could not read. `method` is page_sources.method (ingest/pdf.h:
// text, ocr, ocr-failed, empty; "" for a document not read from a PDF),
// `confidence` Tesseract's mean word confidence (0..1; -1 when none).
// show, search's table and the web pages all print this one label.
#pragma once

#include <string>
#include <string_view>

namespace omb {

std::string page_label(int page, std::string_view method, double confidence);

}  // namespace omb
