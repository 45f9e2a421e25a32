#include "store/ocr_cache.h"

#include "store/statements.h"

namespace omb {

std::unique_ptr<OcrCacheReader> OcrCacheReader::open(const std::string& path) {
  if (path.empty() || path == ":memory:") return nullptr;
  OpenOptions ro;
  ro.read_only = true;
  auto db = Database::open(path, ro);
  if (!db.ok()) return nullptr;
  return std::unique_ptr<OcrCacheReader>(new OcrCacheReader(std::move(*db)));
}

std::optional<CachedOcr> OcrCacheReader::find(const std::string& image_hash) {
  std::lock_guard<std::mutex> lk(mu_);
  auto q = statements::kept(db_, q_, "SELECT text, confidence FROM ocr_cache WHERE image_hash = ?1");
  if (!q.ok()) return std::nullopt;
  Stmt& st = **q;
  st.bind(1, image_hash);
  auto row = st.step();
  std::optional<CachedOcr> out;
  if (row.ok() && *row) out = CachedOcr{st.text(0), st.dbl(1)};
  st.reset();
  return out;
}

}  // namespace omb
