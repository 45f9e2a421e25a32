#include "normalize/invisible.h"

#include <cassert>

namespace omb {
namespace {

// Bytes of a control character at s[i], or 0: C0 but tab, LF, CR and FF
// (the line and page structure); DEL; C1 (U+0080–U+009F, C2 80–C2 9F).
std::size_t control_len(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' || c == '\f' ? 0 : 1;
  if (c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0x9F) return 2;
  }
  return 0;
}

}  // namespace

std::optional<Stripped> strip_invisible(std::string_view src) {
  std::size_t first = 0;
  while (first < src.size() && control_len(src, first) == 0) ++first;
  if (first == src.size()) return std::nullopt;
  Stripped s;
  s.text.reserve(src.size());
  s.text.append(src.substr(0, first));
  for (std::size_t i = first; i < src.size();) {
    std::size_t n = control_len(src, i);
    if (n == 0) {
      s.text.push_back(src[i]);
      ++i;
      continue;
    }
    if (!s.removals.empty() && s.removals.back().at == s.text.size() &&
        s.removals.back().src_start + s.removals.back().src_len == i)
      s.removals.back().src_len += n;  // a run of controls: one removal
    else
      s.removals.push_back({s.text.size(), i, n});
    i += n;
  }
  return s;
}

OffsetMap remap_through(const OffsetMap& inner, std::string& text, std::string_view src, const Stripped& st) {
  OffsetMap m;
  std::string out;
  out.reserve(text.size());
  const std::vector<Removal>& rm = st.removals;
  std::size_t k = 0;      // next removal not yet written
  std::size_t shift = 0;  // source bytes of the removals before it
  std::size_t sp = 0;     // source bytes written
  auto remove_next = [&] {
    assert(rm[k].src_start == sp);
    m.edit(out, src, sp, sp + rm[k].src_len, "", "control");
    sp += rm[k].src_len;
    shift += rm[k].src_len;
    ++k;
  };
  for (const MapEntry& s : inner.entries()) {
    std::size_t cs = s.src_start, ce = cs + s.src_len;
    if (s.copy) {
      // Copies of the stripped text, with the removals inside put back.
      std::size_t cur = cs;
      while (k < rm.size() && rm[k].at < ce) {
        if (rm[k].at > cur) m.copy(out, src, sp, sp + (rm[k].at - cur));
        sp += rm[k].at > cur ? rm[k].at - cur : 0;
        cur = std::max(cur, rm[k].at);
        remove_next();
      }
      if (ce > cur) {
        m.copy(out, src, sp, sp + (ce - cur));
        sp += ce - cur;
      }
    } else {
      // Removals just before the edit stay edits of their own; those inside
      // it are part of the stretch of the source it stands for.
      while (k < rm.size() && rm[k].at <= cs && cs < ce) remove_next();
      while (k < rm.size() && rm[k].at < ce) shift += rm[k++].src_len;
      std::size_t end = ce + shift;
      m.edit(out, src, sp, end, text.substr(s.norm_start, s.norm_len), s.rule);
      sp = end;
    }
  }
  while (k < rm.size()) remove_next();
  assert(sp == src.size());
  assert(out == text);
  text.swap(out);
  return m;
}

}  // namespace omb
