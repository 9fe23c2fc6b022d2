#pragma once
// The scanner turns a source file into tokens, following the spec's lexical rules: comments,
// identifiers, keywords, numbers with SI multipliers, every string form (with interpolations
// scanned to their matching parenthesis, at any depth), attributes, and the automatic comma
// at line ends. It reports invalid UTF-8, NUL bytes and malformed literals as diagnostics and
// keeps going, so one pass finds every lexical error.

#include <string_view>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/token.h"

namespace cfgc::syntax {

// A "// ..." comment: its byte range in the file (without the newline).
struct Comment {
  uint32_t offset = 0;
  uint32_t length = 0;
};

class Scanner {
 public:
  // Scans file bytes [begin, end) (the whole file by default).
  Scanner(const SourceFile& file, Diagnostics& diags, uint32_t begin = 0,
          uint32_t end = UINT32_MAX);

  // The next token; after the end it keeps returning Eof. Comments are collected, not returned.
  Token next();
  // The same, written into `out`: the fast form, for callers that keep tokens in memory (the
  // parser's lookahead).
  void next(Token& out);

  // Scans to the end, appending every token (the last one is Eof).
  void scan_all(std::vector<Token>& tokens);

  const std::vector<Comment>& comments() const { return comments_; }
  // The expression ranges [begin, end) of the interpolations of every string token returned so
  // far, in order (nested interpolations are not included: they belong to the outer range).
  struct Range {
    uint32_t begin = 0, end = 0;
  };
  const std::vector<Range>& interpolations() const { return interpolations_; }
  uint32_t offset() const { return static_cast<uint32_t>(p_ - data_); }

  // Deepest nesting of string interpolations accepted.
  static constexpr int kMaxInterpolationDepth = 64;

 private:
  Scanner(const SourceFile& file, Diagnostics& diags, uint32_t begin, uint32_t end, int depth,
          size_t* rescan_budget);

  void error(const char* at, std::string msg);
  bool skip_whitespace_and_comments();
  void skip_comment();
  // Scans an operator or punctuation token starting with c (or an illegal character); sets
  // `insert` when a newline after it ends the line.
  Tok scan_operator(unsigned char c, bool& insert);
  void scan_identifier();
  Tok scan_number(const char* start);
  void scan_digits(int base, bool& any, const char* what);
  // Scans a string literal starting at p_ (at the first '#' or quote); returns its flags.
  uint8_t scan_string(int hashes);
  // Scans the escape after a backslash. Returns false if the literal ends there (a single-line
  // literal whose interpolation has no closing parenthesis).
  bool scan_escape(char quote, bool multiline, int hashes, bool& interp);
  bool scan_interpolation(const char* esc, bool multiline, bool& interp);
  void scan_attribute(const char* start);
  void check_utf8();

  const SourceFile& file_;
  Diagnostics& diags_;
  const char* data_;  // file start
  const char* p_;     // current
  const char* end_;   // scan limit
  int depth_ = 0;
  bool insert_comma_ = false;
  bool done_ = false;
  bool too_deep_ = false;  // an interpolation was nested deeper than kMaxInterpolationDepth
  int errors_ = 0;         // reported; after kMaxErrors only "too many errors" is
  static constexpr int kMaxErrors = 10;
  // Bytes the nested scanners of interpolations may still read, shared by all of them: an
  // unterminated `\(` reads to the end of the file, and a file of many (fuzzed garbage) would
  // be read again for each, and for each level of nesting. A valid file needs far less.
  size_t own_rescan_budget_ = 0;
  size_t* rescan_budget_ = &own_rescan_budget_;
  std::vector<Comment> comments_;
  std::vector<Range> interpolations_;
};

}  // namespace cfgc::syntax
