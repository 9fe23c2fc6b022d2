#include "compiler/syntax/scanner.h"

#include <fmt/format.h>

#include <array>

#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"

namespace cfgc::syntax {

namespace {

// ASCII letters of identifiers; non-ASCII letters are looked up with letter_len.
constexpr bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// The first byte of a token, by class (the scanner's dispatch, the low bits), with flags for
// the loops that skip runs of bytes: kIdentChar marks the ASCII bytes that continue an
// identifier, kStringStop the bytes a string literal's scan must look at (quotes, backslash,
// newline, NUL, non-ASCII).
enum CharClass : uint8_t { kOther = 0, kLetter = 1, kDigit = 2, kHash = 3, kQuote = 4 };
constexpr uint8_t kClassMask = 7;
constexpr uint8_t kIdentChar = 8;
constexpr uint8_t kStringStop = 16;
constexpr std::array<uint8_t, 256> kCharClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (is_letter(static_cast<unsigned char>(c))) {
      t[c] = kLetter | kIdentChar;
    } else if (is_digit(static_cast<unsigned char>(c))) {
      t[c] = kDigit | kIdentChar;
    } else if (c >= 0x80) {
      t[c] = kStringStop;
    }
  }
  t['#'] = kHash;
  t['"'] = t['\''] = kQuote | kStringStop;
  t['\\'] |= kStringStop;
  t['\n'] |= kStringStop;
  t[0] |= kStringStop;
  return t;
}();

// The byte length of the identifier character at p (a letter, or with `digits` also a
// decimal digit, in the Unicode sense), or 0 if there is none.
size_t letter_len(const char* p, const char* end, bool digits) {
  unsigned char c = *p;
  if (c < 0x80) return is_letter(c) || (digits && is_digit(c)) ? 1 : 0;
  size_t len;
  char32_t cp = utf8::decode(std::string_view(p, end - p), 0, len);
  if (cp == utf8::kInvalid) return 0;
  return unicode::is_letter(cp) || (digits && unicode::is_digit(cp)) ? len : 0;
}
bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool digit_ok(unsigned char c, int base) {
  switch (base) {
    case 2: return c == '0' || c == '1';
    case 8: return c >= '0' && c <= '7';
    case 16: return is_hex(c);
    default: return is_digit(c);
  }
}

std::string describe_char(const char* p, const char* end) {
  unsigned char c = *p;
  if (c == 0) return "NUL byte";
  if (c < 0x80) {
    if (c < 0x20 || c == 0x7f) return fmt::format("control character U+{:04X}", c);
    return fmt::format("character U+{:04X} '{}'", c, char(c));
  }
  size_t len;
  char32_t cp = utf8::decode(std::string_view(p, end - p), 0, len);
  if (cp == utf8::kInvalid) return fmt::format("invalid UTF-8 byte 0x{:02x}", c);
  return fmt::format("character U+{:04X} '{}'", uint32_t(cp), std::string_view(p, len));
}

}  // namespace

Scanner::Scanner(const SourceFile& file, Diagnostics& diags, uint32_t begin, uint32_t end)
    : Scanner(file, diags, begin, end, 0, nullptr) {
  own_rescan_budget_ = 64 * static_cast<size_t>(end_ - p_) + (size_t{1} << 20);
  // A byte-order mark at the start of a file is ignored.
  if (begin == 0 && end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
}

Scanner::Scanner(const SourceFile& file, Diagnostics& diags, uint32_t begin, uint32_t end,
                 int depth, size_t* rescan_budget)
    : file_(file), diags_(diags), depth_(depth) {
  if (rescan_budget) rescan_budget_ = rescan_budget;
  std::string_view c = file.content();
  data_ = c.data();
  if (end > c.size()) end = static_cast<uint32_t>(c.size());
  p_ = data_ + begin;
  end_ = data_ + end;
}

void Scanner::error(const char* at, std::string msg) {
  // As the parser, at most kMaxErrors per scanner: a file of garbage (a binary file, a
  // truncated download) would otherwise get one error per byte.
  Pos pos = file_.pos(static_cast<uint32_t>(at - data_));
  if (errors_ == kMaxErrors) diags_.error(pos, "too many errors");
  if (errors_++ >= kMaxErrors) return;
  diags_.error(pos, std::move(msg));
}

void Scanner::scan_all(std::vector<Token>& tokens) {
  for (;;) {
    next(tokens.emplace_back());
    if (tokens.back().kind == Tok::Eof) break;
  }
}

void Scanner::check_utf8() {
  size_t len;
  if (utf8::decode(std::string_view(p_, end_ - p_), 0, len) != utf8::kInvalid) {
    p_ += len;
    return;
  }
  error(p_, fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>(*p_)));
  // One error for a run of bad bytes (an encoded surrogate, a word in Latin-1).
  ++p_;
  while (p_ < end_ && static_cast<unsigned char>(*p_) >= 0x80 &&
         utf8::decode(std::string_view(p_, end_ - p_), 0, len) == utf8::kInvalid) {
    ++p_;
  }
}

// Skips blanks and comments up to the next token or to a newline that ends a line (an
// automatic comma); returns true at such a newline.
inline bool Scanner::skip_whitespace_and_comments() {
  const char* p = p_;
  for (;;) {
    if (p >= end_) break;
    char c = *p;
    if (c == ' ' || c == '\t' || c == '\r') {
      ++p;
    } else if (c == '\n') {
      if (insert_comma_) {
        p_ = p;
        return true;
      }
      ++p;
    } else if (c == '/' && p + 1 < end_ && p[1] == '/') {
      p_ = p;
      skip_comment();
      p = p_;
    } else {
      break;
    }
  }
  p_ = p;
  return false;
}

void Scanner::skip_comment() {
  const char* start = p_;
  while (p_ < end_ && *p_ != '\n') {
    if (static_cast<unsigned char>(*p_) >= 0x80) {
      check_utf8();
    } else {
      if (*p_ == 0) error(p_, "illegal NUL byte in comment");
      ++p_;
    }
  }
  comments_.push_back({static_cast<uint32_t>(start - data_), static_cast<uint32_t>(p_ - start)});
}

Token Scanner::next() {
  Token t;
  next(t);
  return t;
}

void Scanner::next(Token& out) {
  // The token is written field by field where the caller keeps it, and read back the same way.
  // Returned by value, GCC assembles it on the stack byte field by byte field and reads it back
  // whole, which stalls on store forwarding: that was half of the scanner's time.
  auto set = [&out](Tok kind, uint8_t flags, uint32_t offset, uint32_t length) {
    out.offset = offset;
    out.length = length;
    out.kind = kind;
    out.flags = flags;
  };
  // A nested scanner stops at an interpolation nested too deeply (see scan_interpolation).
  if (too_deep_ && depth_ > 0) return set(Tok::Eof, 0, offset(), 0);
  if (skip_whitespace_and_comments()) {
    // An automatic comma at the newline; the newline itself is consumed by the next call.
    insert_comma_ = false;
    const char* at = p_;
    ++p_;
    return set(Tok::Comma, kTokImplicit, static_cast<uint32_t>(at - data_), 0);
  }
  if (p_ >= end_) {
    if (insert_comma_) {
      insert_comma_ = false;
      return set(Tok::Comma, kTokImplicit, static_cast<uint32_t>(p_ - data_), 0);
    }
    return set(Tok::Eof, 0, static_cast<uint32_t>(p_ - data_), 0);
  }

  const char* start = p_;
  const unsigned char c = *p_;
  Tok kind = Tok::Illegal;
  uint8_t flags = 0;
  // Whether a newline after the token ends the line (the spec's automatic comma). The spec
  // ends a line after every keyword, not only after true/false/null: keywords may be used as
  // references (`x: in`), and cue v0.4 does the same.
  bool insert = true;

  switch (kCharClass[c] & kClassMask) {
    case kLetter:
      if (c == '_' && end_ - p_ >= 3 && p_[1] == '|' && p_[2] == '_') {
        p_ += 3;
        kind = Tok::Bottom;
        break;
      }
      scan_identifier();
      kind = lookup_keyword(std::string_view(start, p_ - start));
      break;
    case kHash: {
      // '#' starts a definition identifier (#Def) or a raw string (#"…"#).
      const char* q = p_;
      while (q < end_ && *q == '#') ++q;
      if (q < end_ && (*q == '"' || *q == '\'')) {
        flags = scan_string(static_cast<int>(q - p_));
        kind = Tok::String;
      } else {
        scan_identifier();
        kind = Tok::Ident;
      }
      break;
    }
    case kDigit: kind = scan_number(start); break;
    case kQuote:
      flags = scan_string(0);
      kind = Tok::String;
      break;
    case kOther:
      if (c == '@') {
        scan_attribute(start);
        kind = Tok::Attribute;
        break;
      }
      if (c == '.' && p_ + 1 < end_ && is_digit(p_[1])) {
        kind = scan_number(start);
        break;
      }
      if (c >= 0x80 && letter_len(p_, end_, false) > 0) {
        scan_identifier();
        kind = Tok::Ident;  // keywords are ASCII
        break;
      }
      kind = scan_operator(c, insert);
      break;
  }
  insert_comma_ = insert;
  set(kind, flags, static_cast<uint32_t>(start - data_), static_cast<uint32_t>(p_ - start));
}

Tok Scanner::scan_operator(unsigned char c, bool& insert) {
  const char* start = p_;
  ++p_;
  auto two = [&](char next, Tok yes, Tok no) {
    if (p_ < end_ && *p_ == next) {
      ++p_;
      return yes;
    }
    return no;
  };
  insert = false;
  switch (c) {
    case '+': return Tok::Add;
    case '-': return Tok::Sub;
    case '*': return Tok::Mul;
    case '/': return Tok::Quo;
    case '&': return two('&', Tok::LAnd, Tok::And);
    case '|': return two('|', Tok::LOr, Tok::Or);
    case '=': {
      Tok kind = two('=', Tok::Eql, Tok::Bind);
      return kind == Tok::Bind ? two('~', Tok::Mat, Tok::Bind) : kind;
    }
    case '!': {
      Tok kind = two('=', Tok::Neq, Tok::Not);
      return kind == Tok::Not ? two('~', Tok::NMat, Tok::Not) : kind;
    }
    case '<': return two('=', Tok::Leq, Tok::Lss);
    case '>': return two('=', Tok::Geq, Tok::Gtr);
    case '(': return Tok::LParen;
    case ')': insert = true; return Tok::RParen;
    case '[': return Tok::LBrack;
    case ']': insert = true; return Tok::RBrack;
    case '{': return Tok::LBrace;
    case '}': insert = true; return Tok::RBrace;
    case ',': return Tok::Comma;
    case ':': return Tok::Colon;
    case '?': insert = true; return Tok::Option;
    case '.':
      if (end_ - p_ >= 2 && p_[0] == '.' && p_[1] == '.') {
        p_ += 2;
        insert = true;
        return Tok::Ellipsis;
      }
      return Tok::Period;
    default: break;
  }
  // Anything else, including a valid non-ASCII character that is not a letter (letters were
  // handled by the caller), is one illegal token.
  p_ = start;
  size_t len = 1;
  char32_t cp = c;
  if (c >= 0x80) cp = utf8::decode(std::string_view(p_, end_ - p_), 0, len);
  if (cp == utf8::kInvalid) {
    check_utf8();  // reports a run of bad bytes once
  } else {
    p_ += len;
  }
  if (c == 0) {
    error(start, "illegal NUL byte");
  } else if (cp == 0xFEFF) {
    error(start, "illegal byte order mark (allowed only at the start of a file)");
  } else if (cp != utf8::kInvalid) {
    error(start, "illegal " + describe_char(start, end_));
  }
  insert = true;  // junk stands where an operand would: a newline still ends the line
  return Tok::Illegal;
}

void Scanner::scan_identifier() {
  // Leading '#' or '_#' of definitions; then a letter, then letters and digits.
  const char* start = p_;
  if (*p_ == '_' && p_ + 1 < end_ && p_[1] == '#')
    p_ += 2;
  else if (*p_ == '#')
    ++p_;
  if (p_ > start && p_ < end_ && letter_len(p_, end_, false) == 0 &&
      letter_len(p_, end_, true) > 0) {
    // Keep any digits that follow in the token (#1a) so that the parser sees one operand.
    error(start, "invalid identifier: '#' must be followed by a letter");
  }
  // `#` alone is an identifier too: the definition cue's JSON Schema importer emits for names
  // that are not identifiers (`#: "working-directory": string`, used as #["working-directory"]).
  for (;;) {
    // ASCII letters and digits from the table; the scan limit may be inside the file, so the
    // bound is checked (the byte after the file is a NUL, which ends the run).
    while (p_ < end_ && (kCharClass[static_cast<unsigned char>(*p_)] & kIdentChar)) ++p_;
    if (p_ >= end_ || static_cast<unsigned char>(*p_) < 0x80) return;
    size_t len = letter_len(p_, end_, true);
    if (len == 0) return;
    p_ += len;
  }
}

void Scanner::scan_digits(int base, bool& any, const char* what) {
  const char* last_underscore = nullptr;
  bool prev_digit = any;
  while (p_ < end_) {
    unsigned char c = *p_;
    if (c == '_') {
      if (!prev_digit) error(p_, "'_' must separate successive digits");
      last_underscore = p_;
      prev_digit = false;
      ++p_;
    } else if (digit_ok(c, base)) {
      any = prev_digit = true;
      ++p_;
    } else if (base <= 10 && is_digit(c)) {
      // Still a digit: the literal is not also reported as having none.
      error(p_, fmt::format("invalid digit '{}' in {}", char(c), what));
      any = prev_digit = true;
      ++p_;
    } else {
      break;
    }
  }
  if (last_underscore && last_underscore == p_ - 1) {
    error(last_underscore, "'_' must separate successive digits");
  }
}

Tok Scanner::scan_number(const char* start) {
  bool any = false;
  // The spec's prefixes are 0x, 0X, 0o and 0b (no 0O or 0B, as in cue).
  if (*p_ == '0' && p_ + 1 < end_ &&
      (p_[1] == 'x' || p_[1] == 'X' || p_[1] == 'o' || p_[1] == 'b')) {
    char prefix = static_cast<char>(p_[1] | 0x20);
    int base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    const char* what = base == 16  ? "hexadecimal literal"
                       : base == 8 ? "octal literal"
                                   : "binary literal";
    p_ += 2;
    scan_digits(base, any, what);
    if (!any) error(start, fmt::format("{} has no digits", what));
    return Tok::Int;
  }
  bool is_float = false;
  if (*p_ != '.') {
    scan_digits(10, any, "decimal literal");
    if (start[0] == '0' && p_ - start > 1 &&
        !(p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E'))) {
      error(start,
            "invalid number: leading zeros are not allowed (write 0o755 for an octal number)");
    }
  }
  if (p_ < end_ && *p_ == '.' && !(p_ + 1 < end_ && p_[1] == '.')) {
    ++p_;
    is_float = true;
    bool frac = false;
    // A '_' right after the point is scanned (and reported) as a misplaced separator.
    if (p_ < end_ && (is_digit(*p_) || *p_ == '_')) scan_digits(10, frac, "decimal literal");
  }
  // SI multipliers make an integer: 1K, 1.5Mi.
  if (p_ < end_ && (*p_ == 'K' || *p_ == 'M' || *p_ == 'G' || *p_ == 'T' || *p_ == 'P')) {
    ++p_;
    if (p_ < end_ && *p_ == 'i') ++p_;
    return Tok::Int;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    const char* e = p_;
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    bool exp = false;
    if (p_ < end_ && is_digit(*p_)) scan_digits(10, exp, "exponent");
    if (!exp) error(e, "exponent has no digits");
    is_float = true;
  }
  return is_float ? Tok::Float : Tok::Int;
}

uint8_t Scanner::scan_string(int hashes) {
  const char* start = p_;
  p_ += hashes;
  char quote = *p_;
  uint8_t flags = 0;
  bool interp = false;
  bool multiline = false;
  if (end_ - p_ >= 3 && p_[1] == quote && p_[2] == quote) {
    multiline = true;
    flags |= kTokMultiline;
    p_ += 3;
    // The opening quotes must end their line: the spec and cue allow no trailing blanks, only
    // the carriage return of a CRLF line end.
    const char* q = p_;
    if (q < end_ && *q == '\r') ++q;
    if (q >= end_ || *q != '\n') {
      error(p_, fmt::format("expected newline after multiline quote {}", std::string(3, quote)));
    }
  } else {
    ++p_;
  }
  auto at_close = [&]() {
    if (*p_ != quote) return false;
    const char* q = p_ + 1;
    if (multiline) {
      if (end_ - q < 2 || q[0] != quote || q[1] != quote) return false;
      q += 2;
    }
    for (int i = 0; i < hashes; ++i, ++q) {
      if (q >= end_ || *q != '#') return false;
    }
    p_ = q;
    return true;
  };
  for (;;) {
    // Plain text up to the next byte that matters.
    while (p_ < end_ && !(kCharClass[static_cast<unsigned char>(*p_)] & kStringStop)) ++p_;
    if (p_ >= end_) {
      error(start, "string literal not terminated");
      break;
    }
    unsigned char c = *p_;
    if (c == '\n' && !multiline) {
      error(start, "string literal not terminated");
      break;
    }
    if (c == quote && at_close()) break;
    if (c == '\\') {
      // An escape needs as many '#' after the backslash as the literal has around it.
      const char* q = p_ + 1;
      int n = 0;
      while (n < hashes && q < end_ && *q == '#') ++q, ++n;
      if (n == hashes) {
        p_ = q;
        if (!scan_escape(quote, multiline, hashes, interp)) break;
        continue;
      }
      ++p_;
      continue;
    }
    if (c >= 0x80) {
      check_utf8();
      continue;
    }
    if (c == 0) error(p_, "illegal NUL byte in string literal");
    ++p_;
  }
  if (interp) flags |= kTokInterp;
  return flags;
}

bool Scanner::scan_escape(char quote, bool multiline, int hashes, bool& interp) {
  // p_ is just after the backslash (and its hashes).
  const char* esc = p_ - 1 - hashes;
  if (p_ >= end_) {
    error(esc, "escape sequence not terminated");
    return true;
  }
  char c = *p_;
  auto hex_digits = [&](int n) {
    ++p_;
    char32_t v = 0;
    for (int i = 0; i < n; ++i, ++p_) {
      if (p_ >= end_ || !is_hex(*p_)) {
        error(esc, "invalid escape sequence: too few hexadecimal digits");
        return;
      }
      unsigned char d = *p_;
      v = v * 16 + (is_digit(d) ? d - '0' : (d | 0x20) - 'a' + 10);
    }
    if (n > 2 && (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) {
      error(esc, "invalid escape sequence: not a valid Unicode code point");
    }
  };
  switch (c) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '/':
    case '\\': ++p_; return true;
    case '"':
    case '\'':
      // Each quote may only be escaped inside its own kind of literal (spec; cue agrees).
      if (c != quote) {
        error(esc, quote == '"'
                       ? "invalid escape sequence: \\' is only allowed in bytes literals"
                       : "invalid escape sequence: \\\" is only allowed in string literals");
      }
      ++p_;
      return true;
    case 'u': hex_digits(4); return true;
    case 'U': hex_digits(8); return true;
    case 'x':
      if (quote != '\'') {
        error(esc, "invalid escape sequence: \\x is only allowed in bytes literals");
      }
      hex_digits(2);
      return true;
    case '(': ++p_; return scan_interpolation(esc, multiline, interp);
    case '\n':
      // cue v0.4 has no line continuation: a backslash cannot escape the end of a line.
      error(esc, "invalid escape sequence: a backslash cannot escape a newline");
      return true;
    default:
      if (c >= '0' && c <= '7') {
        if (quote != '\'') {
          error(esc, "invalid escape sequence: octal escapes are only allowed in bytes literals");
        }
        unsigned v = 0;
        for (int i = 0; i < 3; ++i, ++p_) {
          if (p_ >= end_ || *p_ < '0' || *p_ > '7') {
            error(esc, "invalid escape sequence: octal escape needs three digits");
            return true;
          }
          v = v * 8 + (*p_ - '0');
        }
        if (v > 255 && quote == '\'') error(esc, "invalid escape sequence: octal value over 255");
        return true;
      }
      // Name the whole character, not one byte of its UTF-8 encoding.
      size_t len = 1;
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (utf8::decode(std::string_view(p_, end_ - p_), 0, len) == utf8::kInvalid) len = 1;
      }
      error(esc, fmt::format("unknown escape sequence '\\{}'", std::string_view(p_, len)));
      return true;
  }
}

bool Scanner::scan_interpolation(const char* esc, bool multiline, bool& interp) {
  // p_ is just after "\(": scan tokens with a nested scanner up to the matching ')'.
  // If there is none, the interpolation is taken to end with its line: the rest of a single-line
  // literal is dropped (returns false), a multi-line literal goes on after the line end, and the
  // nested scanner's errors are discarded (it has read the rest of the file as an expression),
  // so that one missing ')' does not turn the rest of the file into a cascade of errors.
  auto line_end = [&] {
    const char* q = p_;
    while (q < end_ && *q != '\n') ++q;
    return q;
  };
  if (depth_ + 1 > kMaxInterpolationDepth) {
    error(esc, fmt::format("string interpolations nested too deeply (limit {})",
                           kMaxInterpolationDepth));
    too_deep_ = true;
    p_ = line_end();
    return multiline;
  }
  if (*rescan_budget_ == 0) {
    error(esc,
          "interpolation not terminated: missing ')' (too many unterminated interpolations "
          "to look further)");
    p_ = line_end();
    return multiline;
  }
  Diagnostics inner_diags;
  Scanner inner(file_, inner_diags, offset(), static_cast<uint32_t>(end_ - data_), depth_ + 1,
                rescan_budget_);
  struct Charge {
    size_t* budget;
    const char* from;
    const Scanner& by;
    ~Charge() {
      size_t read = static_cast<size_t>(by.p_ - from);
      *budget -= std::min(read, *budget);
    }
  } charge{rescan_budget_, p_, inner};
  int parens = 1;
  bool ok = false;
  Token t;
  for (;;) {
    inner.next(t);
    if (t.kind == Tok::Eof) break;
    if (t.kind == Tok::LParen) ++parens;
    if (t.kind == Tok::RParen && --parens == 0) {
      interpolations_.push_back({offset(), t.offset});
      ok = true;
      break;
    }
  }
  if (!ok && inner.too_deep_) {
    // The enclosing interpolations stop too; only the depth error is reported.
    too_deep_ = true;
    for (const Diagnostic& d : inner_diags.list()) diags_.add(d);
    p_ = line_end();
    return multiline;
  }
  if (!ok) {
    error(esc, "interpolation not terminated: missing ')'");
    p_ = line_end();
    return multiline;
  }
  p_ = inner.p_;
  interp = true;
  for (const Diagnostic& d : inner_diags.list()) diags_.add(d);
  return true;
}

void Scanner::scan_attribute(const char* start) {
  // '@' identifier '(' tokens with balanced (), [] and {} ')'. Strings inside are scanned for
  // their ends only; the attribute may span lines.
  size_t interps = interpolations_.size();
  struct Restore {
    std::vector<Range>& v;
    size_t n;
    ~Restore() { v.resize(n); }
  } restore{interpolations_, interps};
  ++p_;
  const char* name = p_;
  while (p_ < end_ && (is_letter(*p_) || is_digit(*p_) || *p_ == '#')) ++p_;
  if (p_ == name) {
    error(start, "invalid attribute: expected a name after '@'");
    return;
  }
  if (p_ >= end_ || *p_ != '(') {
    error(p_, "invalid attribute: expected '(' after the attribute name");
    return;
  }
  std::string closers;  // the closing brackets still expected, innermost last
  const char* first_newline = nullptr;
  while (p_ < end_) {
    char c = *p_;
    if (c == '(' || c == '[' || c == '{') {
      closers += c == '(' ? ')' : c == '[' ? ']' : '}';
      ++p_;
    } else if (c == ')' || c == ']' || c == '}') {
      if (c != closers.back()) {
        // The attribute ends before the mismatched bracket, which the parser then sees.
        error(p_, fmt::format("invalid attribute: expected '{}', found '{}'", closers.back(), c));
        return;
      }
      ++p_;
      closers.pop_back();
      if (closers.empty()) return;
    } else if (c == '"' || c == '\'' || c == '#') {
      const char* q = p_;
      int hashes = 0;
      while (q < end_ && *q == '#') ++q, ++hashes;
      if (q < end_ && (*q == '"' || *q == '\'')) {
        const char* str = p_;
        // Attributes are never evaluated, so an interpolation could not mean anything.
        if (scan_string(hashes) & kTokInterp)
          error(str, "interpolation not allowed in an attribute");
      } else {
        p_ = q;
      }
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      check_utf8();
    } else {
      if (c == '\n' && !first_newline) first_newline = p_;
      if (c == 0) error(p_, "illegal NUL byte in attribute");
      ++p_;
    }
  }
  error(start, "attribute not terminated: missing ')'");
  // Most likely the ')' is missing on the first line: scan what follows it as tokens again.
  if (first_newline) p_ = first_newline;
}

}  // namespace cfgc::syntax
