// signals/evidence.h — the cases behind a signal and the sentence each is
// quoted by (internal to signals/; attach_evidence() of signals/signals.h is
// defined beside them, in evidence.cpp).
//
// choose_evidence(): the units of the signal's cell (its afdeling, its theme,
// "" = any) in the series' periods at `positions`, newest period first (in
// input order within one), cut to --evidence-limit (evidence_total counts
// them before the cut); each with document, case, period, afdeling and
// themes only. attach_evidence() reads the rest through store/read.h's
// EvidenceReader: zaaknummer and title (a report's title for a report without
// cases), every source path, and the sentence around the theme's first tag in
// the case (any theme for a cell without one), else the case's or report's
// first paragraph, with its page and line. sentence_around(): that sentence.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "signals/cells.h"
#include "signals/signals.h"

namespace omb::detect {

void choose_evidence(Signal& s, const Cells& cells, std::size_t org, const Key& key,
                     const std::vector<std::size_t>& positions, const SignalOptions& o);

// The sentence of `body` around bytes [at, to), by ICU's (Dutch) sentence
// rules, with [at, to) between kMarkOpen and kMarkClose when to > at;
// whitespace collapsed. A sentence over 400 bytes is cut to a window of about
// 400 bytes around the mark, at character boundaries, "…" where cut, the
// marks kept paired. "" for an empty body; `at` past the end is its last byte.
std::string sentence_around(const std::string& body, std::size_t at, std::size_t to);

}  // namespace omb::detect
