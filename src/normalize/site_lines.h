// normalize/site_lines.h — internal: lines that a website, a document
// viewer, a scanner or a PDF converter wrote around a report, told by their
// words rather than by a list of phrases (normalize/site-words.txt).
//
// Each word of a line is one of:
//   - a cue: a word of the [interface] section ("downloaden", "weergaven",
//     "captures", "gescand"; a word ending in * there begins such words:
//     "cookie*"), an English word of the [english] section ("the", "your",
//     "from"), a web address, an e-mail address or a file name
//     ("www.x.nl", "https://…", "SCAN0042.PDF"); in a line with an English
//     word and no Dutch one of the [dutch] section, a word the lexicon does
//     not know ("Nitro", "value") counts as a cue too;
//   - Dutch: a word of the [dutch] section ("de", "het", "van", "dit");
//   - neutral: numbers, dates, times, signs, and words of the [neutral]
//     section (month abbreviations, words both languages write: "we", "is");
//   - content: any other word.
// A line is a site's when it holds an interface word or an address, and
// its cues are more than half of its words (two at least, three beside a
// Dutch word: "1.482 weergaven · 37 downloads · 4 likes", "About this
// capture", "Meld dit document Deel Opslaan als pdf"), or its only word is
// a cue beside a number that is English, no Dutch word, or in capitals
// ("38 captures 12", "GESCAND 03-04-2019"; not "Document 3"). A report's
// sentence about downloads ("Het rapport is te downloaden via www.x.nl")
// has more Dutch and content words than cues and stays; so do a heading
// "Delen en downloaden" and an English summary or reference. classify.h
// does not ask it of a line that goes on a sentence of the line before
// ("… konden het jaarverslag niet" | "downloaden of printen").
//
// site-words.txt: a line `[section]` starts a section (interface, english,
// dutch, neutral, signs); every other line is one word in lower case, or in
// [signs] one sign (a glyph that is no letter or digit). Errors name
// the file and line. A loaded SiteWords is immutable.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/result.h"

namespace omb::pass {

class WordRepair;
class Chrome;

class SiteWords {
 public:
  static Result<std::unique_ptr<SiteWords>> load(const std::string& path);
  static std::unique_ptr<SiteWords> empty();

  // Is all of `line` a site's or a program's? `words` judges whether a word
  // is Dutch (word_repair.h).
  bool whole_line(std::string_view line, const WordRepair& words) const;
  // Is `line` only numbers, dates and signs, and words of [neutral] ("4 May
  // 2008 - 17 Feb 2022  2013 2014")?
  bool neutral_line(std::string_view line) const;
  // Is `line` shaped like a site's or a player's controls: a menu (three
  // items or more between "|" or "·", none over four words or ending a
  // sentence, at most one with a digit, and a cue among its words: an
  // [interface] or [english] word or an address: "Over ons | Rapporten |
  // Contact", "Vind ik leuk (14) · Tweet · WhatsApp"; not "Directie X |
  // Afdeling Y | Team Z"); a control sign of [signs] standing as a token in
  // a line of at most eight words ("« Eerste ‹ Vorige 1 2 3", "Afbeelding
  // vergroten ⤢"); or a time alone ("00:02:14", a transcript's). A
  // markdown row ("| a | b |") is no menu; classify.h does not ask it of a
  // line that opens with a bullet ("► De klager …").
  bool control_line(std::string_view line) const;

  // A site's words glued to a report's sentence on one line. head_end():
  // where the sentence begins after them ("NL | EN | DE De klager …",
  // "Geüpload door: x · 1.204 weergaven De gemeente …"), or 0. The sentence
  // starts with a known word in capitals and has three words at least; the
  // words before it are a whole_line() or chrome (chrome.h), and the longest
  // such head is taken. tail_start(): where the site's words after a
  // sentence end begin, with the spaces before them ("… te bewaken. Share:
  // Facebook Twitter LinkedIn"), or line.size(); the longest whole_line()
  // tail after three words at least. Cutting them leaves no further head or
  // tail (idempotent).
  std::size_t head_end(std::string_view line, const WordRepair& words, const Chrome& chrome) const;
  std::size_t tail_start(std::string_view line, const WordRepair& words) const;

 private:
  enum class Class { cue, dutch, neutral, content };
  Class word_class(const std::string& key) const;
  // A token of signs alone ("|", "·", "▶"), an address or an [interface]
  // word: what a site's head or tail must hold (whole_line() needs an
  // interface word or an address, Chrome::covers() a phrase or a sign).
  bool site_sign(std::string_view raw) const;

  std::unordered_set<std::string> interface_, english_, dutch_, neutral_;
  std::unordered_set<std::string> signs_;  // [signs]: control glyphs, as written
  std::vector<std::string> prefixes_;  // of [interface] words ending in *
  std::array<std::uint64_t, 26> cue_shapes_{};  // per first letter, the lengths of [interface] words (bit 63: 63 or more)
};

}  // namespace omb::pass
