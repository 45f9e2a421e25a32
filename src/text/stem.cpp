#include "text/stem.h"

#include <libstemmer.h>

namespace omb {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("dutch", "UTF_8")) {}

Stemmer::~Stemmer() {
  if (stemmer_) sb_stemmer_delete(stemmer_);
}

std::string Stemmer::stem(std::string_view folded) {
  if (!stemmer_ || folded.size() < 3) return std::string(folded);
  const sb_symbol* s =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
  if (!s) return std::string(folded);
  return std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace omb
