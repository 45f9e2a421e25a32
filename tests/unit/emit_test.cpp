// normalize/emit.h: the normalised text, its offset map and its blocks, written.
#include <catch2/catch.hpp>

#include "normalize/classify.h"
#include "normalize/debris.h"
#include "normalize/emit.h"
#include "normalize/repairs.h"
#include "testutil.h"

using namespace omb;
using namespace omb::pass;

namespace {


// The edits of a map as "rule:before>after", copies left out.
std::vector<std::string> edits(const Normalized& n) {
  std::vector<std::string> out;
  for (const MapEntry& e : n.map.entries())
    if (!e.copy) out.push_back(std::string(e.rule) + ":" + std::string(e.src_text) + ">" + n.text.substr(e.norm_start, e.norm_len));
  return out;
}

// One line through the Emitter: process() of all of it, then finish().
Normalized processed(const std::string& src, const Repairs& rep) {
  Normalized out;
  pass::Knowledge k = test::knowledge(rep);
  Emitter em(src, k, out);
  em.process(0, src.size());
  em.finish();
  return out;
}

// All passes from read_lines to emit_blocks, as Normalizer::normalize runs them
// on a text without control characters.
Normalized emitted(const std::string& src) {
  static std::unique_ptr<Repairs> none = Repairs::empty();
  std::vector<Line> lines = read_lines(src);
  mark_page_debris(src, lines);
  classify_lines(src, test::knowledge(*none), lines);
  std::vector<BlockLines> blocks = group_blocks(src, test::knowledge(*none), lines);
  Normalized out;
  emit_blocks(src, test::knowledge(*none), lines, blocks, out);
  return out;
}

}  // namespace

TEST_CASE("normalize emit: a line's characters fixed, its spaces made one, its words repaired") {
  std::unique_ptr<Repairs> none = Repairs::empty();
  Normalized n = processed("  de \xEF\xAC\x81nanci\xC3\xABle\xC2\xA0 cli\xC3\xA9nte\t ", *none);
  CHECK(n.text == "de financi\xC3\xABle cli\xC3\xABnte");
  CHECK(edits(n) == std::vector<std::string>{"spaces:  >", "ligature:\xEF\xAC\x81nanci\xC3\xABle>financi\xC3\xABle",
                                              "spaces:\xC2\xA0 > ", "ocr:\xC3\xA9>\xC3\xAB:cli\xC3\xA9nte>cli\xC3\xABnte",
                                              "spaces:\t >"});
  CHECK(n.map.rebuild_source(n.text) == "  de \xEF\xAC\x81nanci\xC3\xABle\xC2\xA0 cli\xC3\xA9nte\t ");
  // Clean text is copied: one entry, no edits.
  Normalized same = processed("de klacht is gegrond", *none);
  CHECK(same.text == "de klacht is gegrond");
  CHECK(same.map.identity());
  CHECK(same.map.entries().size() == 1);
}

TEST_CASE("normalize emit: clean_word names every rule it applied") {
  std::unique_ptr<Repairs> none = Repairs::empty();
  Normalized out;
  const std::string src = "\xEF\xAC\x81" "cli\xC3\xA9nte zacht\xC2\xAD" "afbreek cafe\xCC\x81";
  pass::Knowledge k = test::knowledge(*none);
  Emitter em(src, k, out);
  std::string rule;
  CHECK(em.clean_word(0, 11, &rule) == "ficli\xC3\xA9nte");  // unknown with the ligature: no repair
  CHECK(rule == "ligature");
  rule.clear();
  CHECK(em.clean_word(12, 26, &rule) == "zachtafbreek");
  CHECK(rule == "soft-hyphen");
  rule.clear();
  CHECK(em.clean_word(27, src.size(), &rule) == "caf\xC3\xA9");
  CHECK(rule == "nfc");
}

TEST_CASE("normalize emit: context repairs are edits of their own") {
  auto rep = Repairs::load(test::source_dir() + "/dictionaries/normalize/repairs.tsv");
  REQUIRE(rep.ok());
  Normalized n = processed("op |5 oktober", **rep);
  CHECK(n.text == "op 15 oktober");
  REQUIRE(edits(n).size() == 1);
  CHECK(edits(n)[0].substr(edits(n)[0].find(':')) == ":|>1");  // the rule mends the "|" alone
}

TEST_CASE("normalize emit: blocks, separators and the rules of layout") {
  Normalized n = emitted("Aandachtspunten:\n\xC2\xA2 eerste punt\n\xC2\xA2 tweede\npunt\n\n\nDe klant-\nmanager belt.");
  CHECK(n.text == "Aandachtspunten:\n\n\xE2\x80\xA2 eerste punt\n\xE2\x80\xA2 tweede punt\n\nDe klantmanager belt.\n");
  CHECK(edits(n) == std::vector<std::string>{"layout:\n>\n\n", "bullet:\xC2\xA2 >\xE2\x80\xA2 ",
                                              "bullet:\xC2\xA2 >\xE2\x80\xA2 ", "join-lines:\n> ", "layout:\n\n\n>\n\n",
                                              "dehyphenate:klant-\nmanager>klantmanager", "layout:>\n"});
  REQUIRE(n.blocks.size() == 4);
  std::vector<PassageKind> kinds;
  for (const Block& b : n.blocks) kinds.push_back(b.kind);
  CHECK(kinds == std::vector<PassageKind>{PassageKind::paragraph, PassageKind::list_item, PassageKind::list_item,
                                          PassageKind::paragraph});
  CHECK(n.text.substr(n.blocks[2].start, n.blocks[2].end - n.blocks[2].start) == "\xE2\x80\xA2 tweede punt");
  CHECK(n.blocks[3].line == 7);
}

// Regression (dev10 eval document, session 24): "afdeling Intensieve Zorg
// ⟨gap⟩ Hoogerbeek ⟨gap⟩ 5 4" became one run of words, and the unit took the
// location column's word ("Intensieve Zorg Hoogerbeek").
TEST_CASE("normalize emit: a table row keeps where its column gaps stood") {
  Normalized n = emitted("Intensieve Zorg     Hoogerbeek   5    4\nBeschermd Wonen\tLutterzijl 4 5\n\nDe  zorg  is goed.\n");
  CHECK(n.text == "Intensieve Zorg Hoogerbeek 5 4\nBeschermd Wonen Lutterzijl 4 5\n\nDe zorg is goed.\n");
  REQUIRE(n.blocks.size() == 3);
  CHECK(n.blocks[0].kind == PassageKind::table_row);
  CHECK(n.blocks[0].gaps == std::vector<std::size_t>{15, 26, 28});
  CHECK(n.blocks[1].gaps == std::vector<std::size_t>{46});
  CHECK(n.blocks[2].gaps.empty());  // a paragraph's wide spaces are no columns
  // One odd space (a no-break space, two bytes) is no gap (review, session 24).
  Normalized odd = emitted("Intensieve\xC2\xA0Zorg   5   4\nBeschermd Wonen   4   5\n");
  REQUIRE(odd.blocks.size() == 2);
  CHECK(odd.text.substr(0, 16) == "Intensieve Zorg ");
  CHECK(odd.blocks[0].gaps == std::vector<std::size_t>{15, 17});
  // A row's indentation is kept too (a tab counts 8).
  Normalized ind = emitted("Heffen en Innen   22   20\n    Invordering   31   29\n\tKwijtschelding   14   14\n");
  REQUIRE(ind.blocks.size() == 3);
  CHECK(ind.blocks[0].indent == 0);
  CHECK(ind.blocks[1].indent == 4);
  CHECK(ind.blocks[2].indent == 8);
}

TEST_CASE("normalize emit: page debris between blocks, and empty texts") {
  Normalized n = emitted("Een zin.\n\fKop 2019\nTwee.\n\fKop 2019\nDrie.\n");
  CHECK(n.text == "Een zin.\n\nTwee.\n\nDrie.\n");
  // A separator or end that reads as the source does is copied, not edited.
  CHECK(edits(n) == std::vector<std::string>{"page-debris:\n\fKop 2019\n>\n\n", "page-debris:\n\fKop 2019\n>\n\n"});
  CHECK(n.blocks[1].page == 2);
  CHECK(emitted("").text.empty());
  CHECK(emitted("").map.entries().empty());
  CHECK(emitted(" \n\n").text.empty());
  CHECK(edits(emitted(" \n\n")) == std::vector<std::string>{"layout: \n\n>"});
}
