// normalize/fragments.h — internal: damage that spans more than one token of
// a line, found by the emitter as it reaches a token, each checked against
// the lexicon.
//
// join_fragments(), at the word src[i, j) (cleaned: `w`), looking no further
// than `stop`:
//  - an apostrophe lost before a plural s: "risico s" → "risico's", when the
//    word ends in a vowel and "<word>'s" is a word (rule "apostrophe");
//  - a word broken by a hyphen and a space (or more: a column gap), not at a
//    line end: "o- verheid" → "overheid", when the joined form is a word, and
//    the right half is not en/of/tot/noch ("terug- en invordering" stays)
//    (rule "join-broken");
//  - letter-spaced fragments: "Amste rda m" → "Amsterdam", "be slis sing"
//    → "beslissing", "K L A C H T E N" → "KLACHTEN": the longest run after
//    the word, of tokens each single-spaced, ending at its second word (a
//    run of single letters goes on to a double space, up to 24), whose
//    joined form is a word of at least 4 letters (a run of single letters:
//    at least 4 of them) and holds a fragment: a single letter, a token of
//    two letters that is no closed-class word ("ge", "be"; glue-words.txt
//    and sentence-starts.txt), or a token that is no word. Two words never
//    join ("enquête vragen"), and a very common word ("om", "te") only beside
//    an unknown piece of 3 letters or more: "om buds man", not "te veel"
//    (rule "join-spaced"). A name broken in two joins when the word list has
//    it whole and only as a name: "Rotter dam" → "Rotterdam", never "Werk en"
//    or "Van der". A separable particle before a past participle joins too
//    when the lexicon knows the whole: "op genomen" → "opgenomen" (a
//    participle ge…d, ge…t or ge…en only: "op gezette tijden" stays).
// spaced_number() (spaced_numbers.cpp), at a digit src[i] that starts its
// run (the tail of "5 4 2 0 1 1" is no year): digits spaced one by one
// around a slash, "2 0 0 1 / 0 6 5" → "2001/065" (at least 2 digits each
// side; rule "join-spaced"); a
// year "2 0 1 8"; and a figure whose shape says what it is (a first group of
// one digit when a separator follows): a date "1 4 - 0 3 - 2 0 2 2", a time
// "1 4 . 3 0 uur", an amount after the euro sign "€ 1 2 5 , 0 0", "€ 1 . 4 5
// 0" (thousands in groups of three), a count before "procent", "%", "euro"
// or "uur", a section number at a line's start before a capital ("3 . 2
// Wachttijden"), a number after its label (…nummer, …kenmerk, nr: "0 3 . 0
// 0 7 1 2"). Other spaced digits may be a table's cells and stay.
// glued_before(), at the word src[i, j): a known word in lower case glued
// after a closing bracket opened after a space ("(zie paragraaf 4.2)blijkt";
// not a word's optional part, "(her)beoordeling"), a percentage ("35%van")
// or a closing single quote opened after a space ("‘onzorgvuldig’genoemd"),
// or a glue word after a year ("2018tot"); or a word glued to what ends a
// heading number or a sentence — "9Inleiding", "2008.Voor", "enz.De",
// "§5Bezwaar", a footnote mark between sentences ("ombudsman.7Daarnaast") —
// when it is a capitalised word of at least 3 letters that the lexicon
// knows, the digits before it start the line, follow a space, a bracket or a
// section mark, or are cut from the word before by glued_number()
// ("Hoofdstuk4Klachten"), and the word is not part of a web or mail address;
// and glued_digit(), at a digit src[i]: a number glued after a closing
// bracket and a full stop, "(UWV).1", or a footnote mark of 1-2 digits
// between a word of 3 letters and a capitalised word ("ombudsman.7Daarnaast"); and glued_number(), at a digit src[i]:
// a number of 1-3 digits glued after a word the lexicon knows, of 4 letters
// or more without capitals inside ("zorg5", "Parkeren31", "Inleiding3": a
// footnote, a table cell, a page in a contents list), or a year glued after
// a glue word ("in2020"), when no more of a code follows ("Wmo2015-0381",
// "COVID19" stay) but for a capitalised known word that ends there ("4Klachten"
// in "Hoofdstuk4Klachten"). The emitter writes a space there (rule "glue").
//
// one_for_l(), at a word src[i, j) followed by a "1" or a "0": OCR's 1 for
// l inside a word ("Dienstver1ening", "consu1ent") or at its end ("artike1",
// when the part before is no word: "Fase1" stays), for I or L in capitals
// ("KLACHTBEHANDEL1NG"), and 0 for o or O ("H0OFDSTUK"), each time the
// digit recurs in the word too ("k1achtenrege1ing"), when the letters
// joined make a word the lexicon knows, or will once the word repair's
// confusions have mended it ("gedee1te1iik": ii for ij; not a guess), of 5
// letters or more (rules "ocr:1>l", "ocr:0>O"); a 1 between small letters
// of a name (a capital, then small letters, two or more on either side, 6
// letters in all: "He1derveen") is an l whatever the lexicon says of the
// whole, as a 0 in a word of capitals is an O ("STAVERW0LD"), unless the
// part before it is a known word of 4 letters or more ("Hoofdstuk1van": a
// number glued).
// The tokens around the digit are no words of their own, so the word
// repairs never see it whole.
// letters_in_number(), at a token src[i] that starts with a digit, or with O,
// o, l or I beside a figure (emit.cpp asks only there): a figure with O for
// 0 that starts with a digit or follows a figure's separator ("25O",
// "1.2OO", "2005/O214", "OO" after "25O,"; a small o only beside a capital O
// or after a separator), and a year with O for 0 or l/I for 1 ("2OO3",
// "l997"; only when it makes 19xx or 20xx) (rule "ocr:letter>digit"); and 0
// for O at the start of a word: in capitals of 4 letters or more, or that
// the lexicon knows ("0UDWOLDE" → "OUDWOLDE", "0VER" → "OVER"), in small
// letters when the lexicon knows the word as it stands ("0nderzoek" →
// "onderzoek"; a 0 has a capital's shape, so "Onderzoek" at a line's or a
// sentence's start, and "Openbare" before a word with a capital: "bij
// 0penbare Werken"), and as a name's O when neither the word nor its rest
// of 5 letters or more is known ("gemeente 0udwolde" → "Oudwolde";
// "0weken" stays) (rule "ocr:0>O"); and 1 for l at the start of a word in
// small letters when the l makes a word the lexicon knows ("1aten" →
// "laten", though "aten" is a word too; "1jaar" stays) (rule "ocr:1>l").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/word_repair.h"

namespace omb::pass {

struct SpanFix {
  std::size_t end = 0;  // the fix replaces src[i, end)
  std::string text;
  const char* rule = "";
};

std::optional<SpanFix> join_fragments(const WordRepair& words, std::string_view src, std::size_t i, std::size_t j,
                                      std::size_t stop, const std::string& w);
std::optional<SpanFix> spaced_number(std::string_view src, std::size_t i, std::size_t stop);
bool glued_before(const WordRepair& words, std::string_view src, std::size_t line_b, std::size_t i, std::size_t j,
                  const std::string& w);
bool glued_digit(std::string_view src, std::size_t line_b, std::size_t i);
bool glued_number(const WordRepair& words, std::string_view src, std::size_t line_b, std::size_t i, std::size_t stop);
std::optional<SpanFix> letters_in_number(const WordRepair& words, std::string_view src, std::size_t i, std::size_t stop);
std::optional<SpanFix> one_for_l(const WordRepair& words, std::string_view src, std::size_t i, std::size_t j,
                                 std::size_t stop);

}  // namespace omb::pass
