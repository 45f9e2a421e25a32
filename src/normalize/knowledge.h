// normalize/knowledge.h — internal: what the normaliser's passes know,
// loaded once from dictionaries/ by Normalizer::create and only read after.
//
//  - words: is it a word, and the repair of one damaged word (word_repair.h:
//    the lexicon, OCR confusions, glue words);
//  - repairs: context repairs, "|5" → "15" (repairs.h, normalize/repairs.tsv);
//  - debris: known debris of web mirrors and PDF transcripts, "Save this PDF
//    as: …" (the same format, normalize/debris.tsv, with an empty
//    replacement: what a rule's group matches is removed);
//  - letter: a letter's header fields and salutations (split.h,
//    normalize/letter-fields.txt);
//  - chrome: the controls of web mirrors and viewers (chrome.h,
//    normalize/interface-phrases.txt);
//  - site: the words of lines a site or a program wrote (site_lines.h,
//    normalize/site-words.txt).
#pragma once

namespace omb {
class Repairs;
}

namespace omb::pass {

class WordRepair;
struct LetterFields;
class Chrome;
class SiteWords;

struct Knowledge {
  const WordRepair& words;
  const Repairs& repairs;
  const Repairs& debris;
  const LetterFields& letter;  // split.h, normalize/letter-fields.txt
  const Chrome& chrome;        // chrome.h, normalize/interface-phrases.txt
  const SiteWords& site;       // site_lines.h, normalize/site-words.txt
};

}  // namespace omb::pass
