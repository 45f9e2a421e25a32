// Helpers for the unit tests that read a database back.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "ingest/analyze.h"
#include "store/db.h"
#include "testutil.h"

namespace omb::test {

// The one value of `sql`'s first row (the query must give one).
inline std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  auto row = st->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return st->int64(0);
}

inline std::string text_of(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.ok());
  auto row = st->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return st->text(0);
}

// An analyzer with the project's rules (normalise and extract), made once.
inline std::shared_ptr<const Analyzer> with_rules() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto r = Analyzer::create(source_dir() + "/dictionaries");
    if (!r.ok()) throw std::runtime_error(r.error().to_string());
    return *r;
  }();
  return a;
}

}  // namespace omb::test
