#include <catch2/catch.hpp>

#include "ingest/decode.h"

using omb::decode_text;
using omb::Errc;

namespace {

// Encodes a string of code points < 0x10000 as UTF-16 with a BOM.
std::string utf16(const std::u16string& s, bool little) {
  std::string out = little ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
  for (char16_t c : s) {
    char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    if (little) { out += lo; out += hi; } else { out += hi; out += lo; }
  }
  return out;
}

}  // namespace

TEST_CASE("decode: plain UTF-8 passes through unchanged") {
  auto d = decode_text("De cliënte vraagt om een coöperatieve houding.\n");
  REQUIRE(d.ok());
  CHECK(d->text == "De cliënte vraagt om een coöperatieve houding.\n");
  CHECK(d->encoding == "UTF-8");
  CHECK(d->replaced == 0);
}

TEST_CASE("decode: UTF-8 with a BOM loses the BOM") {
  auto d = decode_text("\xEF\xBB\xBFZaaknummer 406\n");
  REQUIRE(d.ok());
  CHECK(d->text == "Zaaknummer 406\n");
  CHECK(d->encoding == "UTF-8 (BOM)");
}

TEST_CASE("decode: UTF-16 little and big endian with BOM") {
  std::u16string s = u"Beëindiging van het gesprek – één keer\n";
  auto le = decode_text(utf16(s, true));
  REQUIRE(le.ok());
  CHECK(le->text == "Beëindiging van het gesprek – één keer\n");
  CHECK(le->encoding == "UTF-16LE");
  auto be = decode_text(utf16(s, false));
  REQUIRE(be.ok());
  CHECK(be->text == le->text);
  CHECK(be->encoding == "UTF-16BE");
}

TEST_CASE("decode: Windows-1252 is detected and converted") {
  // "cliënte" with ë = 0xEB, and a cp1252 en dash (0x96) and euro sign (0x80).
  std::string bytes = "De cli\xEBnte betaalt \x80 50 \x96 zie zaaknummer 406. Een co\xF6peratie.\n";
  auto d = decode_text(bytes);
  REQUIRE(d.ok());
  CHECK(d->text == "De cliënte betaalt € 50 – zie zaaknummer 406. Een coöperatie.\n");
  CHECK((d->encoding == "windows-1252" || d->encoding == "ISO-8859-1"));
}

TEST_CASE("decode: Latin-1 text without cp1252-only bytes") {
  std::string bytes = "Idee\xEBn over de be\xEBindiging van het traject.\n";
  auto d = decode_text(bytes);
  REQUIRE(d.ok());
  CHECK(d->text == "Ideeën over de beëindiging van het traject.\n");
}

TEST_CASE("decode: a few invalid UTF-8 sequences are replaced, the rest kept") {
  std::string bytes = "De cliënte (één keer) \xC3 en \xFF de coöperatie.\n";
  auto d = decode_text(bytes);
  REQUIRE(d.ok());
  CHECK(d->encoding == "UTF-8");
  CHECK(d->replaced == 2);
  CHECK(d->text == "De cliënte (één keer) \xEF\xBF\xBD en \xEF\xBF\xBD de coöperatie.\n");
}

TEST_CASE("decode: empty input is refused with its reason") {
  auto d = decode_text("");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().code == Errc::decode);
  CHECK(d.error().message == "empty file");
  auto bom = decode_text("\xEF\xBB\xBF");
  REQUIRE_FALSE(bom.ok());
  CHECK(bom.error().message == "empty file (only a byte order mark)");
}

TEST_CASE("decode: NUL bytes mean binary, with the offset") {
  std::string bytes("%PDF-1.4\n\0\x01\x02", 12);
  auto d = decode_text(bytes);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message ==
        "not text: NUL byte at offset 9 (binary file, or UTF-16 without a byte order mark)");
}

TEST_CASE("decode: mostly control characters mean binary") {
  std::string bytes(200, '\x01');
  bytes += "tekst";
  auto d = decode_text(bytes);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message == "not text: control characters near byte 0");
}

TEST_CASE("decode: form feeds and tabs are text") {
  auto d = decode_text("pagina 1\fpagina 2\tkolom\n");
  REQUIRE(d.ok());
  CHECK(d->text == "pagina 1\fpagina 2\tkolom\n");
}

TEST_CASE("decode: PassThroughCheck holds wherever the pieces cut a sequence") {
  const std::string good = "De cliënt € 😀 zegt: ‘ja’.\n";
  const std::string bad = "De cli\xC3nt.\n";
  for (std::size_t a = 0; a <= good.size(); ++a)
    for (std::size_t b = a; b <= good.size(); ++b) {
      omb::PassThroughCheck ok, broken;
      for (auto [s, n] : {std::pair{std::size_t{0}, a}, {a, b - a}, {b, good.size() - b}}) ok.feed(std::string_view(good).substr(s, n));
      INFO(a << " " << b);
      CHECK(ok.finish());
      std::string x = good.substr(0, a) + bad + good.substr(a);
      broken.feed(std::string_view(x).substr(0, b));
      broken.feed(std::string_view(x).substr(b));
      CHECK_FALSE(broken.finish());
    }
  omb::PassThroughCheck cut;  // ends inside a sequence
  cut.feed("cli\xC3");
  CHECK_FALSE(cut.finish());
}
