#include "ingest/analyze.h"

#include <malloc.h>

#include <algorithm>
#include <filesystem>

#include "base/fs.h"
#include "base/hash.h"
#include "normalize/passages.h"
#include "store/writer.h"

namespace omb {

Result<std::string> analysis_fingerprint(const std::string& dictionaries_dir) {
  namespace fs = std::filesystem;
  StreamHash h;
  h.update("pipeline " + std::to_string(kPipelineVersion) + "\n");
  auto add = [&](const std::string& name, const std::string& path) -> Status {
    OMB_TRY_ASSIGN(bytes, read_file(path));
    h.update(name + " " + std::to_string(bytes.size()) + "\n");
    h.update(bytes);
    return {};
  };
  if (!dictionaries_dir.empty()) {
    for (const char* folder : {"extract", "normalize", "words"}) {
      std::error_code ec;
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(fs::path(dictionaries_dir) / folder, ec))
        if (e.is_regular_file(ec)) files.push_back(e.path().filename().string());
      std::sort(files.begin(), files.end());
      for (const std::string& f : files)
        OMB_TRY(add(std::string(folder) + "/" + f, (fs::path(dictionaries_dir) / folder / f).string()));
    }
  }
  const LexiconPaths base;
  for (const std::string* p : {&base.wordlist, &base.hunspell_aff, &base.hunspell_dic}) {
    std::error_code ec;
    if (!p->empty() && fs::exists(*p, ec)) OMB_TRY(add(*p, *p));
  }
  return h.hex();
}

Result<std::shared_ptr<const Analyzer>> Analyzer::create(const std::string& dictionaries_dir, Parts parts) {
  auto norm = Normalizer::create(dictionaries_dir);
  if (!norm.ok()) return norm.error();
  std::shared_ptr<Analyzer> a(new Analyzer());
  a->parts_ = parts;
  a->normalizer_ = *norm;
  OMB_TRY_ASSIGN(fp, analysis_fingerprint(dictionaries_dir));
  a->fingerprint_ = std::move(fp);
  if (!dictionaries_dir.empty()) {
    auto ex = Extractor::load(dictionaries_dir);
    if (!ex.ok()) return ex.error();
    a->extractor_ = *ex;
  }
  return std::shared_ptr<const Analyzer>(a);
}


namespace {

// Where to cut a large text: at a blank line after a full stop, near `target`
// (no paragraph, list or page debris spans such a cut), else at any blank
// line, else at a line end.
std::size_t cut_point(std::string_view t, std::size_t target) {
  if (target >= t.size()) return t.size();
  std::size_t limit = std::min(t.size(), target + (1u << 20));
  for (std::size_t p = t.find("\n\n", target); p != std::string_view::npos && p < limit; p = t.find("\n\n", p + 1)) {
    std::size_t q = p;
    while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\r')) --q;
    if (q > 0 && (t[q - 1] == '.' || t[q - 1] == '!' || t[q - 1] == '?') && p + 2 < t.size() && t[p + 2] != '\f')
      return p + 2;
  }
  std::size_t p = t.find("\n\n", target);
  if (p != std::string_view::npos && p < limit) return p + 2;
  p = t.find('\n', target);
  return p == std::string_view::npos ? t.size() : p + 1;
}

// Builds a record from its text in consecutive parts, each ending at a
// cut_point: each part is normalised, packed into passages and extracted on
// its own, and its findings are shifted to their place in the whole.
class Chunked {
 public:
  Chunked(const Normalizer& norm, const Extractor* ex, DocumentRecord& rec, std::size_t expected)
      : norm_(norm), ex_(ex), rec_(rec), expected_(expected) {
    text_.reserve(expected + expected / 16);
  }

  void add(std::string_view part) {
    Normalized n = norm_.normalize(part);
    changed_ |= n.text != part;
    PassagePack ps = pack_passages(n.text, n.blocks, n.map);
    const std::size_t base = text_.size();
    text_ += n.text;
    if (ex_) {
      Extraction x = ex_->extract(n.text, n.blocks, &n.map);
      if (first_) {
        rec_.facts = std::move(x.facts);
        // Room for the whole text's findings at the first part's density
        // (and a quarter more), so that the lists are not copied as they
        // grow: capacity never written to is never resident.
        const double scale = 1.25 * static_cast<double>(expected_) / static_cast<double>(std::max<std::size_t>(part.size(), 1));
        rec_.tags.reserve(static_cast<std::size_t>(static_cast<double>(x.tags.size()) * scale));
        rec_.cases.reserve(static_cast<std::size_t>(static_cast<double>(x.cases.size()) * scale));
      }
      const int case_base = static_cast<int>(rec_.cases.size());
      for (Case& c : x.cases) {
        c.start += base;
        c.end += base;
        rec_.cases.push_back(std::move(c));
      }
      for (Tag& t : x.tags) {
        t.start += base;
        t.end += base;
        if (auto src = source_span(t)) set_source_span(t, src->first + src_base_, src->second + src_base_);
        if (t.case_index >= 0) t.case_index += case_base;
        rec_.tags.push_back(std::move(t));
      }
    }
    for (Passage& p : ps.passages) {
      p.start += base;
      p.end += base;
      p.src_start += src_base_;
      p.src_end += src_base_;
      p.line += line_base_;
      p.page += page_base_;
      rec_.passages.push_back(std::move(p));
    }
    for (Page& pg : ps.pages) {
      pg.start += base;
      pg.end += base;
      pg.number += page_base_;
      if (!rec_.pages.empty() && rec_.pages.back().number == pg.number) rec_.pages.back().end = pg.end;
      else rec_.pages.push_back(pg);
    }
    line_base_ += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
    page_base_ += static_cast<int>(std::count(part.begin(), part.end(), '\f'));
    src_base_ += part.size();
    first_ = false;
    // A part's working memory (offset map, fold, hits) lies between what is
    // kept (tags, cases, passages): give its pages back, else the heap keeps
    // them and a large file costs each part's peak again.
    malloc_trim(0);
  }

  // Closes the gaps between parts and hands the text over: as rec.norm if
  // `keep_same` or normalising changed it, else (it is rec.raw) not at all.
  void finish(bool keep_same) {
    std::vector<Passage>& ps = rec_.passages;
    for (std::size_t i = 0; i + 1 < ps.size(); ++i) ps[i].end = ps[i + 1].start;
    if (!ps.empty()) {
      ps.front().start = 0;
      ps.back().end = text_.size();
    }
    if (changed_ || keep_same) rec_.norm = std::move(text_);
  }

 private:
  const Normalizer& norm_;
  const Extractor* ex_;
  DocumentRecord& rec_;
  std::size_t expected_;
  std::string text_;
  bool changed_ = false, first_ = true;
  int line_base_ = 0, page_base_ = 0;
  std::size_t src_base_ = 0;
};

// A passage belongs to the case it overlaps most. Cases are in text order and
// do not overlap, and so are passages: walk both once.
void assign_cases(DocumentRecord& rec) {
  std::size_t first = 0;
  for (Passage& p : rec.passages) {
    while (first < rec.cases.size() && rec.cases[first].end <= p.start) ++first;
    std::size_t best = 0;
    for (std::size_t i = first; i < rec.cases.size() && rec.cases[i].start < p.end; ++i) {
      const Case& c = rec.cases[i];
      std::size_t a = std::max(p.start, c.start), b = std::min(p.end, c.end);
      if (b > a && b - a > best) {
        best = b - a;
        p.case_index = static_cast<int>(i);
      }
    }
  }
}

// Large texts are normalised and extracted in parts (Analyzer::Parts), so that
// memory is the texts and their findings, not a whole-file offset map, fold
// and hit list. Parts end at a blank line (cut_point); a case that runs across
// a cut is two cases, and the document's facts are those of its first part.

}  // namespace

void Analyzer::analyze(DocumentRecord& rec) const {
  std::string_view raw = rec.raw;
  if (raw.size() > parts_.above) {
    Chunked ch(*normalizer_, extractor_.get(), rec, raw.size());
    for (std::size_t a = 0; a < raw.size();) {
      std::size_t b = cut_point(raw, a + parts_.size);
      ch.add(raw.substr(a, b - a));
      a = b;
    }
    ch.finish(false);
    assign_cases(rec);
    return;
  }
  Normalized n = normalizer_->normalize(raw);
  PassagePack seg = pack_passages(n.text, n.blocks, n.map);
  if (n.text != rec.raw) rec.norm = std::move(n.text);
  rec.pages = std::move(seg.pages);
  rec.passages = std::move(seg.passages);
  if (!extractor_) return;
  Extraction x = extractor_->extract(rec.text(), n.blocks, &n.map);
  rec.facts = std::move(x.facts);
  rec.cases = std::move(x.cases);
  rec.tags = std::move(x.tags);
  assign_cases(rec);
}

Status Analyzer::analyze_file(DocumentRecord& rec) const {
  // Parts are cut as analyze() cuts the same text in memory: a part is taken
  // only when its cut point lies before the end of what has been read (or the
  // file has ended), so that the parts, and so the record, are the same.
  Chunked ch(*normalizer_, extractor_.get(), rec, rec.byte_size);
  std::string buf;
  auto take = [&](bool at_end) {
    std::size_t a = 0;
    while (a < buf.size()) {
      std::size_t b = cut_point(std::string_view(buf).substr(a), parts_.size) + a;
      if (b == buf.size() && !at_end) break;
      ch.add(std::string_view(buf).substr(a, b - a));
      a = b;
    }
    buf.erase(0, a);
  };
  OMB_TRY(read_pieces_as_hashed(rec.raw_file, rec.content_hash, rec.raw_skip, parts_.size, "read", [&](std::string_view piece) {
    buf.append(piece);
    if (buf.size() >= parts_.size + (1u << 20) + 2) take(false);
  }));
  take(true);
  ch.finish(true);
  assign_cases(rec);
  return {};
}

}  // namespace omb
