#include "base/word_list.h"

namespace omb {

Status read_word_list(std::string_view text, const std::string& path, const WordListFormat& format,
                      const std::function<Status(std::string_view, int)>& fn) {
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view w = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (format.comments) {
      if (auto hash = w.find('#'); hash != std::string_view::npos) w = w.substr(0, hash);
      while (!w.empty() && (w.back() == ' ' || w.back() == '\t' || w.back() == '\r')) w.remove_suffix(1);
      while (!w.empty() && (w.front() == ' ' || w.front() == '\t')) w.remove_prefix(1);
    } else if (!w.empty() && w.back() == '\r') {
      w.remove_suffix(1);
    }
    if (w.empty()) continue;
    if (format.single_words && w.find_first_of(" \t") != std::string_view::npos)
      return make_error(Errc::parse, "expected one word a line, got '" + std::string(w) + "'", path, line_no);
    OMB_TRY(fn(w, line_no));
  }
  return {};
}

}  // namespace omb
