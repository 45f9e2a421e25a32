// ombudsmine normalize FILE — the normalised text, or every change with --explain.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "base/fs.h"
#include "base/heap.h"
#include "cli/common.h"
#include "ingest/decode.h"
#include "normalize/normalize.h"

namespace omb::cli {
namespace {

std::string visible(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '\n') o += "\\n";
    else if (c == '\f') o += "\\f";
    else if (c == '\t') o += "\\t";
    else if (c == '\r') o += "\\r";
    else o += c;
  }
  return o;
}

}  // namespace

Runner add_normalize(CLI::App& app, Globals& g) {
  auto* sub = app.add_subcommand("normalize", "Print the normalised text of a file (OCR repairs, joined lines)");
  struct Opts { std::string file; bool explain = false; bool repairs_only = false; };
  auto o = std::make_shared<Opts>();
  sub->add_option("FILE", o->file, "A .txt or .md file (PDF-to-text output)")->required();
  sub->add_flag("--explain", o->explain,
                "Instead of the text, list every change: source line, source byte span, rule, before, after (TAB-separated)");
  sub->add_flag("--repairs", o->repairs_only, "With --explain: only word and character repairs, not layout");
  sub->footer(
      "Examples:\n"
      "  ombudsmine normalize rapport.txt > rapport.clean.txt\n"
      "  ombudsmine normalize rapport.txt --explain --repairs     # what OCR damage was repaired");
  return [o, &g]() -> int {
    // One file in a fresh process: the word lists, the text, its lines and
    // its offset map go to a heap of huge pages (base/heap.h). A page fault
    // costs microseconds on a virtual machine, and these arrays hold about
    // eight times the text (20 MB: 43,000 faults, a fifth of the time).
    std::error_code ec;
    std::uintmax_t size = std::filesystem::file_size(o->file, ec);
    use_huge_page_heap((std::size_t{96} << 20) + (ec ? 0 : 8 * static_cast<std::size_t>(size)));
    auto bytes = read_file(o->file);
    if (!bytes.ok()) return report(bytes.error());
    auto dec = decode_text(std::move(bytes).value());
    if (!dec.ok()) {
      Error e = dec.error();
      e.file = o->file;
      return report(e);
    }
    auto norm = Normalizer::create(find_dictionaries(g.dict_dir));
    if (!norm.ok()) return report(norm.error());
    Normalized n = (*norm)->normalize(dec->text);
    if (!o->explain) {
      std::fwrite(n.text.data(), 1, n.text.size(), stdout);
      return kExitOk;
    }
    // Source line numbers for the edits.
    const std::string& src = dec->text;
    std::size_t line = 1, at = 0;
    std::printf("line\tsrc_start\tsrc_end\trule\tbefore\tafter\n");
    for (const MapEntry& s : n.map.entries()) {
      if (s.copy) continue;
      bool layout = s.rule == "layout" || s.rule == "join-lines" || s.rule == "page-debris" || s.rule == "spaces" ||
                    s.rule == "bullet" || s.rule == "space";
      while (at < s.src_start) line += src[at++] == '\n';
      if (o->repairs_only && layout) continue;
      std::string after = n.text.substr(s.norm_start, s.norm_len);
      std::printf("%zu\t%zu\t%zu\t%.*s\t%s\t%s\n", line, s.src_start, s.src_start + s.src_len,
                  static_cast<int>(s.rule.size()), s.rule.data(), visible(s.src_text).c_str(), visible(after).c_str());
    }
    return kExitOk;
  };
}

}  // namespace omb::cli
