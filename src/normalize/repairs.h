// normalize/repairs.h — internal: context repairs loaded from repairs.tsv.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

#include "base/result.h"

namespace omb {

struct RepairHit {
  std::size_t start = 0, end = 0;  // within the searched text
  std::string replacement;
  std::string rule;
};

class Repairs {
 public:
  // Parses and validates the file (see its header); errors name file:line.
  static Result<std::unique_ptr<Repairs>> load(const std::string& path);
  static std::unique_ptr<Repairs> empty();
  ~Repairs();

  // Non-overlapping hits in `text`, in order; the earliest rule wins an overlap.
  std::vector<RepairHit> find(std::string_view text) const;
  // Applies the hits (for examples and tests).
  std::string apply(std::string_view text) const;

 private:
  struct Rule {
    std::string id;
    std::unique_ptr<re2::RE2> re;
    std::string replacement;
  };
  std::vector<Rule> rules_;
  // All patterns in one automaton: one scan of a text says which rules can
  // match it, and only those run (most text needs no context repair).
  std::unique_ptr<re2::RE2::Set> any_;
};

}  // namespace omb
