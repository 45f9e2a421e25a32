// base/result.h — errors as values.
//
// Every fallible library call returns Result<T> (or Status = Result<void>).
// An Error names what failed (code), the cause in words (message), and where:
// the file it concerns and, for data files, the 1-based line. The CLI turns an
// Error into one line on stderr ("file:line: message") and an exit code; the
// library never prints and never throws across its public API.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace omb {

enum class Errc {
  io,            // a file could not be read or written
  not_found,     // a path or id does not exist
  decode,        // bytes are not text we can decode
  parse,         // a data file (dictionary, rules, query) is malformed
  usage,         // the caller asked for something invalid
  db,            // SQLite reported an error
  db_readonly,   // the database cannot be written
  db_full,       // the disk or the database is full
  not_database,  // the file is not an SQLite/ombudsmine database
  version,       // the database was made by another version
  changed,       // a file changed or vanished while it was being read
  internal,      // a bug: should not happen
};

const char* errc_name(Errc c);

struct Error {
  Errc code = Errc::internal;
  std::string message;  // the cause, in words, no trailing period
  std::string file;     // the file it concerns; empty if none
  int line = 0;         // 1-based line in `file`; 0 if none

  // "file:line: message", "file: message" or "message".
  std::string to_string() const;
};

inline Error make_error(Errc code, std::string message, std::string file = {}, int line = 0) {
  return Error{code, std::move(message), std::move(file), line};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(value()); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : err_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace omb

// Propagate an error from an expression returning Result/Status.
#define OMB_TRY(expr)                              \
  do {                                             \
    auto omb_try_r_ = (expr);                      \
    if (!omb_try_r_.ok()) return omb_try_r_.error(); \
  } while (0)

// Declare `name` as the value of a Result-returning expression, or return its error.
#define OMB_CONCAT_INNER_(a, b) a##b
#define OMB_CONCAT_(a, b) OMB_CONCAT_INNER_(a, b)
#define OMB_TRY_ASSIGN(name, expr)                                                   \
  auto OMB_CONCAT_(omb_try_v_, __LINE__) = (expr);                                   \
  if (!OMB_CONCAT_(omb_try_v_, __LINE__).ok()) return OMB_CONCAT_(omb_try_v_, __LINE__).error(); \
  auto name = std::move(OMB_CONCAT_(omb_try_v_, __LINE__)).value()
