// normalize/confusions.h — internal: the OCR confusions word repair tries,
// loaded from dictionaries/normalize/confusions.tsv (its header documents
// the columns).
//
// A confusion says that OCR read `to` as `from` ("ii" for "ij", "rn" for
// "m") at a cost: the cheaper, the likelier. Its scope is "any" (also in a
// capitalised word) or "lower" (only in words written in lower case: a
// capitalised word is often a name, and "Storn" is not "Stom"). The special
// row "<edit>" allows one generic edit — a letter dropped, added or changed,
// or two letters swapped — in lower-case words of at least `min_letters`
// letters. each() lists the candidates of a word: every confusion at every
// place it fits, then, where it fits more than once, at all places at once.
// Which candidate wins is word_repair.h's decision.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace omb {

class Confusions {
 public:
  struct Row {
    std::string from, to;
    double cost = 1;
    bool lower_only = false;
    std::string rule;  // "ocr:FROM>TO"
  };
  struct Generic {
    bool on = false;
    double cost = 1;
    std::size_t min_letters = 5;
  };

  // Parses and validates the file; errors name file:line. The examples
  // ("hierbii => hierbij") are checked by the caller once the words are known.
  static Result<Confusions> load(const std::string& path);

  // fn(candidate, cost, rule) for each confusion candidate of `w` (see above);
  // `cap`: the word is capitalised, so only "any" rows apply.
  void each(const std::string& w, bool cap,
            const std::function<void(const std::string&, double, const std::string&)>& fn) const;
  // Whether any row's `from` occurs in `w` (cheap gate before each()).
  bool may_apply(std::string_view w, bool cap) const;
  const Generic& generic() const { return generic_; }

  struct Example { int line; std::string in, out; };
  const std::vector<Example>& examples() const { return examples_; }

 private:
  std::vector<Row> rows_;
  Generic generic_;
  std::vector<Example> examples_;
};

}  // namespace omb
