#include "ingest/pdf_record.h"

#include <cstdlib>

namespace omb {

namespace {

PdfOptions options_for(const PdfReading& how) {
  PdfOptions po;
  po.ocr = how.ocr;
  po.cancel = how.cancel;
  po.stop = how.stop;
  po.fail_ocr_page = how.fail_ocr_page;
  po.board = how.board;
  if (how.cache) {
    OcrCacheReader* cache = how.cache;
    po.cached = [cache](const std::string& hash) -> std::optional<OcrResult> {
      auto hit = cache->find(hash);
      if (!hit) return std::nullopt;
      return OcrResult{std::move(hit->text), hit->confidence};
    };
  }
  po.on_page = [&how](const PdfPage& p) {
    if (how.pages_live) ++*how.pages_live;
    if (how.ocr_live && p.method == PageMethod::ocr) ++*how.ocr_live;
  };
  return po;
}

}  // namespace

Result<PdfRecordCounts> read_pdf_record(std::string_view bytes, const PdfReading& how, DocumentRecord& rec,
                                        DocFacts& meta) {
  OMB_TRY_ASSIGN(pdf, read_pdf(bytes, options_for(how)));
  PdfRecordCounts n;
  rec.encoding = "pdf";
  std::size_t total = 0;
  for (const PdfPage& p : pdf.pages) total += p.text.size() + 1;
  rec.raw.clear();
  rec.raw.reserve(total);
  rec.page_sources.reserve(pdf.pages.size());
  for (std::size_t i = 0; i < pdf.pages.size(); ++i) {
    PdfPage& p = pdf.pages[i];
    if (i > 0) rec.raw += '\f';
    rec.raw += p.text;
    PageSource src;
    src.number = static_cast<int>(i + 1);
    src.method = page_method_name(p.method);
    src.confidence = p.confidence;
    if (p.method == PageMethod::ocr && !p.from_cache) {
      src.image_hash = std::move(p.image_hash);
      src.ocr_text = std::move(p.text);
    }
    if (p.method == PageMethod::ocr) ++n.ocr_pages;
    if (p.from_cache) ++n.ocr_cached;
    if (p.method == PageMethod::ocr_failed) n.warnings.push_back("page " + std::to_string(i + 1) + ": OCR failed: " + p.error);
    std::string().swap(p.text);
    rec.page_sources.push_back(std::move(src));
  }
  n.pages = pdf.pages.size();
  meta.title = std::move(pdf.title);
  meta.date = std::move(pdf.created);
  return n;
}

void apply_pdf_metadata(DocFacts& facts, DocFacts meta) {
  if (facts.title.empty()) facts.title = std::move(meta.title);
  if (facts.date.empty() && meta.date.size() >= 4) {
    facts.date = meta.date;
    if (!facts.year) facts.year = std::atoi(meta.date.substr(0, 4).c_str());
  }
}

}  // namespace omb
