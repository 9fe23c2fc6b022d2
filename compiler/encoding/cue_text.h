#pragma once
// Writing CUE expressions as text, for the importers that generate CUE source (JSON Schema,
// OpenAPI, YANG): conjunctions that parenthesize what needs it, regular expressions as
// string literals.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"

namespace cfgc::encoding::cuetext {

// Document text (a key, a title, a value) for a `//` comment: every byte that is not UTF-8
// becomes U+FFFD, since the CUE scanner rejects such bytes even in comments (a YAML plain
// scalar may hold them). Line breaks are left to the caller.
inline std::string comment_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t len;
    if (utf8::decode(text, i, len) == utf8::kInvalid) {
      utf8::encode(0xFFFD, out);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

// An expression with the precedence of its outermost operator, to parenthesize when combining.
struct Expr {
  enum Prec { Or, And, Atom };
  std::string text;
  Prec prec = Atom;
};

// a & b & …, dropping `_`; a disjunction inside is parenthesized.
inline Expr conj(const std::vector<Expr>& parts) {
  std::vector<const Expr*> kept;
  for (const Expr& e : parts) {
    if (e.text != "_") kept.push_back(&e);
  }
  if (kept.empty()) return {"_", Expr::Atom};
  if (kept.size() == 1) return *kept[0];
  std::string out;
  for (const Expr* e : kept) {
    if (!out.empty()) out += " & ";
    out += e->prec == Expr::Or ? "(" + e->text + ")" : e->text;
  }
  return {out, Expr::And};
}

// A regular expression as a CUE string: `#"…"#` when it has backslashes (no doubling), else
// "…". A raw string cannot hold `"#`, `\#` (an escape there) or a newline: those are quoted.
inline std::string regex_literal(std::string_view re) {
  bool raw_ok = re.find('\\') != std::string_view::npos &&
                re.find("\"#") == std::string_view::npos &&
                re.find("\\#") == std::string_view::npos && re.find('\n') == std::string_view::npos;
  if (!raw_ok) return cue_quote(re);
  return "#\"" + std::string(re) + "\"#";
}

// s with the characters special to regular expressions escaped.
inline std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace cfgc::encoding::cuetext
