// text/stem.h — the Snowball Dutch stemmer, the one both the index and the
// word rules of extract/ use, so that a rule's stem and an index term agree.
//
// stem() takes a folded word (text/fold.h: lower case, no accents) and gives
// its Snowball "dutch" stem; words under 3 bytes come back as they are. A
// Stemmer is not thread-safe: each thread (each tokenizer, each matcher
// cache) keeps its own. If libstemmer cannot make the stemmer, stem() gives
// the word unchanged.
#pragma once

#include <string>
#include <string_view>

struct sb_stemmer;

namespace omb {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  std::string stem(std::string_view folded);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace omb
