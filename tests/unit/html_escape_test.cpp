// output/html/escape.h: the one place where text becomes HTML or a URL part.
#include <catch2/catch.hpp>

#include <string>

#include "base/marks.h"
#include "output/html/escape.h"
#include "output/html/links.h"

using namespace omb;

TEST_CASE("html_escape: the five characters HTML gives meaning, each as its entity", "[html][escape]") {
  CHECK(html_escape("<") == "&lt;");
  CHECK(html_escape(">") == "&gt;");
  CHECK(html_escape("&") == "&amp;");
  CHECK(html_escape("\"") == "&quot;");
  CHECK(html_escape("'") == "&#39;");
  CHECK(html_escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("a=\"b\" & c") == "a=&quot;b&quot; &amp; c");
}

TEST_CASE("html_escape: an entity already written is escaped again", "[html][escape]") {
  CHECK(html_escape("&amp;") == "&amp;amp;");
  CHECK(html_escape("&#39;") == "&amp;#39;");
}

TEST_CASE("html_escape: everything else passes unchanged, invalid UTF-8 too", "[html][escape]") {
  CHECK(html_escape("") == "");
  CHECK(html_escape("zaak 2023/0456 – é ✕ €") == "zaak 2023/0456 – é ✕ €");
  const std::string invalid = "a\xff\xfe b \xc3 \xe2\x82 \x80";  // stray bytes, cut sequences
  CHECK(html_escape(invalid) == invalid);
  const std::string controls("\x00\x01\t\n\r\x1f\x7f", 7);
  CHECK(html_escape(controls) == controls);
  CHECK(html_escape(std::string("\xff<\x80", 3)) == std::string("\xff&lt;\x80", 6));
}

TEST_CASE("html_marked: marks become <mark>, the rest is escaped", "[html][escape]") {
  const std::string s = std::string("a ") + kMarkOpen + "<b>" + kMarkClose + " & 'c'";
  CHECK(html_marked(s) == "a <mark>&lt;b&gt;</mark> &amp; &#39;c&#39;");
  CHECK(html_marked("plain \xff") == "plain \xff");
  CHECK(html_marked("") == "");
}

TEST_CASE("url_encode: unreserved characters stay, space is +, the rest %XX", "[html][url]") {
  CHECK(url_encode("AZaz09-_.~") == "AZaz09-_.~");
  CHECK(url_encode("a b") == "a+b");
  CHECK(url_encode("2023/0456") == "2023%2F0456");
  CHECK(url_encode("&=?#+%\"'<>") == "%26%3D%3F%23%2B%25%22%27%3C%3E");
  CHECK(url_encode("é") == "%C3%A9");
  CHECK(url_encode(std::string("\xff\x00", 2)) == "%FF%00");
}

TEST_CASE("url: parameters in order, empty values left out, encoded", "[html][url]") {
  html::Params p{{"q", "geen reactie"}, {"year", "2023"}, {"afdeling", ""}, {"theme", "a&b"}};
  CHECK(html::url("/search", p) == "/search?q=geen+reactie&theme=a%26b&year=2023");
  CHECK(html::url("/search", {}) == "/search");
  CHECK(html::url("/search", html::without(p, "year")) == "/search?q=geen+reactie&theme=a%26b");
  CHECK(html_escape(html::url("/x", {{"a", "1"}, {"b", "2"}})) == "/x?a=1&amp;b=2");
}
