#include "search/query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdio>

namespace omb {

namespace {

bool has_word_char(std::string_view s) {
  for (unsigned char c : s)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

std::string fts_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// U+E000 and U+E001 are the index's term-list mark (index/fts5_dutch.h) and
// the fuzzy placeholder: never part of what a user searches.
constexpr std::string_view kSlotMark = "\xEE\x80\x81";  // U+E001

Error at(std::size_t col, const std::string& what) {
  return make_error(Errc::usage, "query: " + what + " (column " + std::to_string(col + 1) + ")");
}

struct Token {
  enum Kind { word, phrase, lparen, rparen, op_and, op_or, op_not, near, comma, filter } kind;
  std::string text;   // word or phrase text; filter value
  std::string field;  // filter field
  std::size_t col = 0;
  bool prefix = false;
};

// A fuzzy word as typed: `w` stands at byte `col` of the query.
struct Fuzz {
  std::string word;
  int distance = 1;
};

// Whether `w` is a fuzzy word (word~, word~N), and which; an Error for a
// '~' that is not one (~ alone, ~3, ~-1, word~~, a fuzzy prefix).
Result<std::optional<Fuzz>> fuzzy_of(std::string_view w, std::size_t col, bool prefix) {
  const std::size_t tilde = w.find('~');
  if (tilde == std::string_view::npos) return std::optional<Fuzz>();
  const std::string_view word = w.substr(0, tilde), rest = w.substr(tilde + 1);
  if (prefix || (!word.empty() && word.back() == '*'))
    return at(col + tilde, "a prefix (word*) cannot also be fuzzy (word~)");
  if (word.empty() || !has_word_char(word)) return at(col + tilde, "'~' needs a word before it, as in klantmanager~");
  if (rest.empty()) return std::optional<Fuzz>(Fuzz{std::string(word), default_fuzzy_distance(word)});
  if (rest.size() == 1 && rest[0] >= '0' && rest[0] <= '2') return std::optional<Fuzz>(Fuzz{std::string(word), rest[0] - '0'});
  if (rest[0] == '~') return at(col + tilde + 1, "'~' twice; write word~ or word~2");
  return at(col + tilde + 1, "after '~' comes the number of edits allowed, 0, 1 or 2 (or nothing: 1, or 2 for long words)");
}

}  // namespace

namespace {

bool is_field(std::string_view name) { return find_filter(name) != nullptr; }

// Bytes a query cannot hold: control characters (a NUL would end the text
// SQLite sees) and broken UTF-8. Returns the offending byte's offset.
std::optional<std::size_t> bad_byte(std::string_view q, std::string* what) {
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(q.size()); i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(q.data(), i, n, c);
    if (c < 0) {
      *what = "is not UTF-8";
      return static_cast<std::size_t>(at);
    }
    if (c == 0xE000 || c == 0xE001) {
      *what = "is a character ombudsmine reserves for itself";
      return static_cast<std::size_t>(at);
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned>(c));
      *what = std::string("is a control character (U+00") + hex + ")";
      return static_cast<std::size_t>(at);
    }
  }
  return std::nullopt;
}

Result<std::vector<Token>> lex(std::string_view q) {
  std::vector<Token> out;
  std::size_t i = 0;
  std::string what;
  if (auto b = bad_byte(q, &what)) return at(*b, "the byte at this column " + what + ", which cannot be searched");
  auto read_phrase = [&](std::size_t open) -> Result<std::string> {
    std::size_t close = q.find('"', open + 1);
    if (close == std::string_view::npos) return at(open, "unclosed quote");
    std::string s(q.substr(open + 1, close - open - 1));
    i = close + 1;
    return s;
  };
  while (i < q.size()) {
    char c = q[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    std::size_t col = i;
    if (c == '(') { out.push_back({Token::lparen, "(", "", col}); ++i; continue; }
    if (c == ')') { out.push_back({Token::rparen, ")", "", col}); ++i; continue; }
    if (c == ',') { out.push_back({Token::comma, ",", "", col}); ++i; continue; }
    if (c == '"') {
      auto s = read_phrase(i);
      if (!s.ok()) return s.error();
      Token t{Token::phrase, *s, "", col};
      if (i < q.size() && q[i] == '*') { t.prefix = true; ++i; }
      out.push_back(std::move(t));
      continue;
    }
    std::size_t j = i;
    while (j < q.size() && q[j] != ' ' && q[j] != '\t' && q[j] != '\n' && q[j] != '\r' && q[j] != '(' && q[j] != ')' &&
           q[j] != '"' && q[j] != ',')
      ++j;
    std::string w(q.substr(i, j - i));
    i = j;
    // field:value or field:"some value"
    if (std::size_t colon = w.find(':'); colon != std::string::npos && colon > 0 && is_field(w.substr(0, colon))) {
      Token t{Token::filter, w.substr(colon + 1), w.substr(0, colon), col};
      if (t.text.empty() && i < q.size() && q[i] == '"') {
        auto s = read_phrase(i);
        if (!s.ok()) return s.error();
        t.text = *s;
      }
      if (t.text.empty()) return at(col, "filter '" + t.field + ":' needs a value");
      out.push_back(std::move(t));
      continue;
    }
    if (w == "AND") { out.push_back({Token::op_and, w, "", col}); continue; }
    if (w == "OR") { out.push_back({Token::op_or, w, "", col}); continue; }
    if (w == "NOT") { out.push_back({Token::op_not, w, "", col}); continue; }
    if (w == "NEAR" && i < q.size() && q[i] == '(') { out.push_back({Token::near, w, "", col}); continue; }
    Token t{Token::word, w, "", col};
    if (w.size() > 1 && w.back() == '*') {
      t.prefix = true;
      t.text.pop_back();
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Recursive descent over the tokens; writes the FTS5 expression.
//   expr   := and ( OR and )*
//   and    := unary ( [AND] unary | NOT unary )*
//   unary  := term | ( expr ) | NEAR( term+ [, N] )
// An operand of punctuation alone ("-", "*", "...") has nothing to search
// and is left out with its operator: `klacht NOT *` is `klacht`. A chain of
// AND and NOT is written flat (FTS5 binds NOT tighter than AND, so
// `a AND b NOT c` is a∧b∧¬c, as the user's left-to-right reading); only the
// user's own parentheses nest, at most kMaxDepth deep, and a query holds at
// most kMaxTerms terms, so FTS5's parser stack (about 100) never overflows
// and our recursion stays shallow.
class Parser {
 public:
  static constexpr int kMaxDepth = 32;
  static constexpr std::size_t kMaxTerms = 1000;

  Parser(std::vector<Token> t, ParsedQuery& out) : t_(std::move(t)), out_(out) {}

  Status run() {
    // Filters first: they may stand anywhere.
    std::vector<Token> rest;
    for (Token& t : t_) {
      if (t.kind == Token::filter) {
        if (Status s = set_filter(out_.filters, t.field, t.text); !s.ok()) return at(t.col, s.error().message);
      } else {
        rest.push_back(std::move(t));
      }
    }
    t_ = std::move(rest);
    if (t_.empty()) return {};
    auto e = expr();
    if (!e.ok()) return e.error();
    if (t_.size() > kMaxTerms)
      return at(t_[kMaxTerms].col, "a query holds at most " + std::to_string(kMaxTerms) + " words and operators");
    if (pos_ < t_.size()) {
      const Token& t = t_[pos_];
      if (t.kind == Token::rparen) return at(t.col, "')' without a matching '('");
      return at(t.col, "unexpected '" + t.text + "'");
    }
    if (e->empty()) return at(t_.front().col, "no searchable word here");
    out_.fts = *e;
    return {};
  }

 private:
  const Token* peek() const { return pos_ < t_.size() ? &t_[pos_] : nullptr; }
  std::size_t end_col() const { return t_.empty() ? 0 : t_.back().col + t_.back().text.size(); }

  // Either side may be empty (nothing searchable): the other stands alone.
  static std::string join(std::string left, const char* op, const std::string& right) {
    if (left.empty()) return right;
    if (right.empty()) return left;
    return left + op + right;
  }

  Result<std::string> expr() {
    auto left = conj();
    if (!left.ok()) return left;
    std::string s = *left;
    while (peek() && peek()->kind == Token::op_or) {
      const Token& op = t_[pos_++];
      if (!peek() || !starts_term(*peek())) return at(op.col, "OR needs a search term after it");
      auto right = conj();
      if (!right.ok()) return right;
      s = join(std::move(s), " OR ", *right);
    }
    return s;
  }

  static bool starts_term(const Token& t) {
    return t.kind == Token::word || t.kind == Token::phrase || t.kind == Token::lparen || t.kind == Token::near;
  }

  Result<std::string> conj() {
    const Token* first = peek();
    if (!first) return at(end_col(), "a search term is missing at the end");
    if (first->kind == Token::op_and || first->kind == Token::op_or || first->kind == Token::op_not)
      return at(first->col, first->text + " needs a search term before it");
    auto left = unary();
    if (!left.ok()) return left;
    std::string s = *left;
    for (;;) {
      const Token* t = peek();
      if (!t) break;
      if (t->kind == Token::op_and || t->kind == Token::op_not) {
        const Token& op = t_[pos_++];
        if (!peek() || !starts_term(*peek())) return at(op.col, op.text + " needs a search term after it");
        auto right = unary();
        if (!right.ok()) return right;
        if (op.kind == Token::op_not) {
          // FTS5 has no NOT alone: something must come before it.
          if (s.empty() && !right->empty()) return at(op.col, "NOT needs a search term before it");
          if (!right->empty()) s += " NOT " + *right;
        } else {
          s = join(std::move(s), " AND ", *right);
        }
      } else if (starts_term(*t)) {
        auto right = unary();
        if (!right.ok()) return right;
        s = join(std::move(s), " AND ", *right);
      } else {
        break;
      }
    }
    return s;
  }

  Result<std::string> unary() {
    const Token& t = t_[pos_];
    if (t.kind == Token::lparen) {
      if (depth_ == kMaxDepth)
        return at(t.col, "parentheses nested more than " + std::to_string(kMaxDepth) + " deep");
      ++pos_;
      ++depth_;
      auto e = expr();
      --depth_;
      if (!e.ok()) return e;
      if (!peek() || peek()->kind != Token::rparen) return at(t.col, "'(' is never closed");
      ++pos_;
      return e->empty() ? std::string() : "(" + *e + ")";
    }
    if (t.kind == Token::near) {
      ++pos_;  // NEAR
      ++pos_;  // (
      std::string inner;
      std::string dist;
      while (peek() && peek()->kind != Token::rparen) {
        const Token& u = t_[pos_++];
        if (u.kind == Token::comma) {
          if (!peek() || peek()->kind != Token::word) return at(u.col, "NEAR: a distance must follow the comma");
          dist = t_[pos_++].text;
          if (dist.find_first_not_of("0123456789") != std::string::npos || dist.size() > 4)
            return at(u.col, "NEAR: the distance must be a number");
          continue;
        }
        if (u.kind != Token::word && u.kind != Token::phrase) return at(u.col, "NEAR( ) takes words and phrases");
        auto p = term(u);
        if (!p.ok()) return p;
        if (!p->empty()) inner += (inner.empty() ? "" : " ") + *p;
      }
      if (!peek()) return at(t.col, "NEAR( is never closed");
      ++pos_;
      if (inner.empty()) return at(t.col, "NEAR( ) needs words");
      return "NEAR(" + inner + (dist.empty() ? "" : ", " + dist) + ")";
    }
    if (t.kind == Token::word || t.kind == Token::phrase) {
      ++pos_;
      return term(t);
    }
    if (t.kind == Token::rparen) return at(t.col, "')' without a matching '('");
    return at(t.col, "unexpected '" + t.text + "'");
  }

  // A word or phrase as an FTS5 phrase; "" for punctuation alone (nothing to search).
  Result<std::string> term(const Token& t) {
    const std::size_t start = t.kind == Token::phrase ? t.col + 1 : t.col;  // where t.text begins
    if (t.kind == Token::word) {
      OMB_TRY_ASSIGN(f, fuzzy_of(t.text, start, t.prefix));
      if (!has_word_char(t.text)) return std::string();
      out_.spans.push_back({start, t.text.size(), !t.prefix && !f});
      out_.words.push_back(f ? f->word : t.text);
      if (f) return slot(std::move(*f), start);
      out_.prefix = out_.prefix || t.prefix;
      return fts_quoted(t.text) + (t.prefix ? "*" : "");
    }
    // A phrase: its words one by one, for their places and any fuzzy ones.
    // Words around a fuzzy word are joined to it with FTS5's '+' (one phrase).
    if (!has_word_char(t.text)) return std::string();
    out_.words.push_back(t.text);
    std::vector<std::string> parts;
    std::size_t run_from = std::string::npos, run_to = 0;  // plain words not yet written
    auto flush = [&] {
      if (run_from == std::string::npos) return;
      parts.push_back(fts_quoted(t.text.substr(run_from, run_to - run_from)));
      run_from = std::string::npos;
    };
    for (std::size_t i = 0; i < t.text.size();) {
      const std::size_t b = t.text.find_first_not_of(" \t\n\r", i);
      if (b == std::string::npos) break;
      std::size_t e = t.text.find_first_of(" \t\n\r", b);
      if (e == std::string::npos) e = t.text.size();
      i = e;
      const std::string_view w = std::string_view(t.text).substr(b, e - b);
      OMB_TRY_ASSIGN(f, fuzzy_of(w, start + b, false));
      if (f && t.prefix) return at(t.col, "a phrase ending in * cannot hold a fuzzy word");
      if (!has_word_char(w)) continue;
      out_.spans.push_back({start + b, w.size(), !f});
      if (!f) {
        if (run_from == std::string::npos) run_from = b;
        run_to = e;
        continue;
      }
      flush();
      parts.push_back(slot(std::move(*f), start + b));
    }
    if (parts.empty()) {  // no fuzzy word: the phrase as typed
      out_.prefix = out_.prefix || t.prefix;
      return fts_quoted(t.text) + (t.prefix ? "*" : "");
    }
    flush();
    std::string joined;
    for (const std::string& p : parts) joined += (joined.empty() ? "" : " + ") + p;
    return joined;
  }

  std::string slot(Fuzz f, std::size_t col) {
    out_.fuzzy.push_back({std::move(f.word), f.distance, col + 1, {}, {}, 0});
    return fuzzy_slot(out_.fuzzy.size() - 1);
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  ParsedQuery& out_;
};

}  // namespace

std::string fuzzy_slot(std::size_t i) { return "\"" + std::string(kSlotMark) + std::to_string(i) + "\""; }

int default_fuzzy_distance(std::string_view word) {
  std::size_t letters = 0;
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(word.size()); i < n;) {
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c >= 0 && u_isalpha(c)) ++letters;
  }
  return letters >= 8 ? 2 : 1;
}

Result<ParsedQuery> parse_query(std::string_view query) {
  ParsedQuery out;
  auto toks = lex(query);
  if (!toks.ok()) return toks.error();
  Parser p(std::move(*toks), out);
  OMB_TRY(p.run());
  out.expanded = out.fuzzy.empty();
  return out;
}

}  // namespace omb
