#include "text/fold.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <mutex>

namespace omb {

namespace {

// Folded forms of U+0080..U+2FFF: NFD's first character, case-folded, when
// that is ASCII; else the case-folded character. Computed a block of 128 code
// points at a time, when a text first needs one (all 12,288 at once cost a
// short-lived search ~0.3 ms at start); thread-safe (std::call_once).
constexpr UChar32 kTableEnd = 0x3000;

struct FoldTable {
  static constexpr UChar32 kBlock = 128;
  mutable std::vector<std::string> forms;  // each block's slots written once, under its flag
  std::unique_ptr<std::once_flag[]> filled;
  FoldTable() : forms(kTableEnd), filled(new std::once_flag[kTableEnd / kBlock]) {}
  const std::string& form(UChar32 c) const {
    std::call_once(filled[static_cast<std::size_t>(c / kBlock)], [&] {
      UErrorCode status = U_ZERO_ERROR;
      const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
      for (UChar32 k = c / kBlock * kBlock, end = k + kBlock; k < end; ++k)
        forms[static_cast<std::size_t>(k)] = k < 0x80 ? std::string() : compute(k, U_SUCCESS(status) ? nfd : nullptr);
    });
    return forms[static_cast<std::size_t>(c)];
  }
  static std::string compute(UChar32 c, const icu::Normalizer2* nfd) {
    switch (c) {
      case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
      case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
        return " ";
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
        return "'";
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
        return "\"";
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return "-";
      case 0x00DF: return "ss";
      case 0x00E6: return "ae";
      case 0x00C6: return "ae";
      case 0x0133: case 0x0132: return "ij";
      case 0x0153: case 0x0152: return "oe";
      case 0x00F8: case 0x00D8: return "o";
      default: break;
    }
    UChar32 base = c;
    if (nfd) {
      icu::UnicodeString d;
      if (nfd->getDecomposition(c, d) && d.length() > 0) base = d.char32At(0);
    }
    base = u_foldCase(base, U_FOLD_CASE_DEFAULT);
    std::string out;
    char buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(buf, n, 4, base, err);
    if (!err) out.assign(buf, static_cast<std::size_t>(n));
    return out;
  }
};

const FoldTable& table() {
  static const FoldTable t;
  return t;
}

// An ASCII byte's folded form: lower case, and \t \r \f \v a space.
constexpr std::array<unsigned char, 128> kAsciiFold = [] {
  std::array<unsigned char, 128> t{};
  for (int b = 0; b < 128; ++b) {
    int c = b >= 'A' && b <= 'Z' ? b + 32 : b;
    if (c == '\t' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    t[static_cast<std::size_t>(b)] = static_cast<unsigned char>(c);
  }
  return t;
}();

template <class Emit>
void fold_each(std::string_view s, Emit emit) {
  const FoldTable& t = table();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    uint8_t b = p[i];
    if (b < 0x80) {
      char c = static_cast<char>(kAsciiFold[b]);
      emit(std::string_view(&c, 1), static_cast<std::size_t>(i));
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) {
      emit(std::string_view(s.data() + start, static_cast<std::size_t>(i - start)), static_cast<std::size_t>(start));
    } else if (c < kTableEnd) {
      const std::string& f = t.form(c);
      emit(std::string_view(f), static_cast<std::size_t>(start));
    } else {
      emit(std::string_view(s.data() + start, static_cast<std::size_t>(i - start)), static_cast<std::size_t>(start));
    }
  }
}

}  // namespace

Folded fold(std::string_view text) {
  Folded f;
  f.text.reserve(text.size() + 16);
  // A mark where the next folded byte's source is not where the current run
  // would put it; a piece of several bytes (one character) gets a constant mark.
  auto mark = [&](std::size_t at, bool linear) {
    const auto fo = static_cast<std::uint32_t>(f.text.size());
    if (!f.marks.empty()) {
      const Folded::Mark& m = f.marks.back();
      if (linear && m.linear && m.s + (fo - m.f) == at) return;  // the run goes on
      if (m.f == fo) f.marks.pop_back();                          // an empty run: replaced
    }
    f.marks.push_back({fo, static_cast<std::uint32_t>(at), linear});
  };
  // A run of ASCII (most of a Dutch text) maps byte for byte: one mark and a
  // loop without branches per byte; the characters between runs go through
  // fold_each as a piece each.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0, n = text.size();
  while (i < n) {
    std::size_t j = i;
    while (j < n && p[j] < 0x80) ++j;
    if (j > i) {
      mark(i, true);
      std::size_t at = f.text.size();
      f.text.resize(at + (j - i));
      char* out = f.text.data() + at;
      for (std::size_t k = i; k < j; ++k) out[k - i] = static_cast<char>(kAsciiFold[p[k]]);
      i = j;
      continue;
    }
    while (j < n && p[j] >= 0x80) ++j;  // the non-ASCII run: whole characters, or bytes that are none
    fold_each(text.substr(i, j - i), [&](std::string_view piece, std::size_t at) {
      mark(i + at, piece.size() == 1);
      f.text.append(piece);
    });
    i = j;
  }
  mark(text.size(), true);
  return f;
}

std::size_t Folded::source(std::size_t folded_offset) const {
  // The last mark at or before folded_offset.
  auto it = std::upper_bound(marks.begin(), marks.end(), folded_offset,
                             [](std::size_t v, const Mark& m) { return v < m.f; });
  if (it == marks.begin()) return 0;
  const Mark& m = *(it - 1);
  return m.linear ? m.s + (folded_offset - m.f) : m.s;
}

std::size_t Folded::folded(std::size_t source_offset) const {
  // The first mark whose source is at least source_offset; the answer lies in
  // the run before it when that run is linear and reaches so far.
  auto it = std::lower_bound(marks.begin(), marks.end(), source_offset,
                             [](const Mark& m, std::size_t v) { return m.s < v; });
  const std::size_t next_f = it == marks.end() ? text.size() + 1 : it->f;
  if (it != marks.begin()) {
    const Mark& m = *(it - 1);
    if (m.linear && source_offset - m.s < next_f - m.f) return m.f + (source_offset - m.s);
  }
  return next_f;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string fold_key(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  fold_each(text, [&](std::string_view piece, std::size_t) { folded += piece; });
  return collapse_space(folded);
}

}  // namespace omb
