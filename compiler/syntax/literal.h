#pragma once
// Decoding of literal tokens: string and bytes literals in every quoting form, and numbers.
// The parser uses these to validate and decode literals once; later stages use the results.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cfgc::syntax {

// The quoting of a string literal: #"…"#, """…""", '…' and so on.
struct QuoteInfo {
  int hashes = 0;
  char quote = '"';
  bool multiline = false;
  // Byte range of the contents inside the raw literal. For multi-line literals it excludes
  // the opening line and the final newline plus the closing line.
  size_t content_begin = 0, content_end = 0;
  std::string_view indent;  // multi-line: the whitespace before the closing quotes
  bool is_bytes() const { return quote == '\''; }
};

struct LiteralError {
  size_t offset = 0;  // relative to the raw literal
  std::string message;
};

// Parses a literal's delimiters; fails if a multi-line literal's closing quotes do not stand on
// a line of their own.
std::optional<QuoteInfo> parse_quote(std::string_view raw, LiteralError& err);

// Decodes one segment of a literal's contents (the whole contents, or the text between two
// interpolations) and appends it to out. `line_start` says whether the segment begins at the
// start of a line (multi-line indentation is stripped there). seg_offset is the segment's
// offset in the raw literal, for error offsets.
bool decode_segment(std::string_view seg, size_t seg_offset, const QuoteInfo& q, bool line_start,
                    std::string& out, LiteralError& err);

// Decodes a literal without interpolations.
bool unquote(std::string_view raw, std::string& out, LiteralError& err);

}  // namespace cfgc::syntax
