// Package html: escaping text for HTML, as CUE's (Go's html.EscapeString and UnescapeString).
#include "compiler/base/unicode.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\'': out += "&#39;"; break;
      case '"': out += "&#34;"; break;
      default: out += ch;
    }
  }
  return out;
}

// Numeric character references (&#65; &#x41;, out-of-range ones as U+FFFD) and the named
// entities text in configurations meets; other names are left as written.
std::string unescape(std::string_view s) {
  struct Named {
    std::string_view name;
    char32_t rune;
  };
  static constexpr Named kNamed[] = {
      {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},    {"nbsp", 0xA0},     {"copy", 0xA9},    {"reg", 0xAE},
      {"trade", 0x2122}, {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014},
      {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"laquo", 0xAB},   {"raquo", 0xBB},    {"deg", 0xB0},     {"micro", 0xB5},
      {"middot", 0xB7},  {"times", 0xD7},    {"divide", 0xF7},  {"euro", 0x20AC},
      {"bull", 0x2022},
  };
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    std::string_view body = semi == std::string_view::npos ? "" : s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (body.size() >= 2 && body[0] == '#') {
      bool hex = body[1] == 'x' || body[1] == 'X';
      std::string_view digits = body.substr(hex ? 2 : 1);
      uint64_t v = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char d : digits) {
        int x = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(d))
                    ? (std::tolower(static_cast<unsigned char>(d)) - 'a' + 10)
                    : -1;
        if (x < 0) ok = false;
        v = v * (hex ? 16 : 10) + static_cast<uint64_t>(x < 0 ? 0 : x);
      }
      if (ok) {
        char32_t r = v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || v == 0
                         ? unicode::kReplacementChar
                         : static_cast<char32_t>(v);
        unicode::append_rune(out, r);
        done = true;
      }
    } else {
      for (const Named& n : kNamed) {
        if (body == n.name) {
          unicode::append_rune(out, n.rune);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace

void register_html() {
  const std::string P = "html";
  def(P, "Escape", {kString}, kString,
      "the text with <, >, &, ' and \" written as &lt; &gt; &amp; &#39; &#34;",
      [](CallContext& c, Args a) { return c.ev.string(escape(a[0]->str), c.pos); });
  def(P, "Unescape", {kString}, kString,
      "the text with character references decoded: numeric ones (&#65; &#x41;) and the common "
      "named ones (&amp; &lt; &gt; &quot; &apos; &nbsp; &copy; …); unknown names stay as written",
      [](CallContext& c, Args a) { return c.ev.string(unescape(a[0]->str), c.pos); });
}

}  // namespace cfgc::stdlib
