#include "compiler/syntax/scanner.h"

#include <fmt/format.h>

#include "compiler/base/utf8.h"

namespace cfgc::syntax {

namespace {

bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
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
    : Scanner(file, diags, begin, end, 0) {
  // A byte-order mark at the start of a file is ignored.
  if (begin == 0 && end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
}

Scanner::Scanner(const SourceFile& file, Diagnostics& diags, uint32_t begin, uint32_t end,
                 int depth)
    : file_(file), diags_(diags), depth_(depth) {
  std::string_view c = file.content();
  data_ = c.data();
  if (end > c.size()) end = static_cast<uint32_t>(c.size());
  p_ = data_ + begin;
  end_ = data_ + end;
}

void Scanner::error(const char* at, std::string msg) {
  diags_.error(file_.pos(static_cast<uint32_t>(at - data_)), std::move(msg));
}

Token Scanner::make(Tok kind, const char* start, uint8_t flags) const {
  return Token{kind, flags, static_cast<uint32_t>(start - data_), static_cast<uint32_t>(p_ - start)};
}

void Scanner::scan_all(std::vector<Token>& tokens) {
  for (;;) {
    Token t = next();
    tokens.push_back(t);
    if (t.kind == Tok::Eof) break;
  }
}

void Scanner::check_utf8() {
  size_t len;
  if (utf8::decode(std::string_view(p_, end_ - p_), 0, len) == utf8::kInvalid) {
    error(p_, fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>(*p_)));
    len = 1;
  }
  p_ += len;
}

void Scanner::skip_whitespace_and_comments(bool& newline) {
  newline = false;
  while (p_ < end_) {
    char c = *p_;
    if (c == ' ' || c == '\t' || c == '\r') {
      ++p_;
    } else if (c == '\n') {
      if (insert_comma_) {
        newline = true;
        return;
      }
      ++p_;
    } else if (c == '/' && p_ + 1 < end_ && p_[1] == '/') {
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
    } else {
      return;
    }
  }
}

Token Scanner::next() {
  bool newline;
  skip_whitespace_and_comments(newline);
  if (newline) {
    // An automatic comma at the newline; the newline itself is consumed by the next call.
    insert_comma_ = false;
    const char* at = p_;
    ++p_;
    return Token{Tok::Comma, kTokImplicit, static_cast<uint32_t>(at - data_), 0};
  }
  if (p_ >= end_) {
    if (insert_comma_) {
      insert_comma_ = false;
      return Token{Tok::Comma, kTokImplicit, static_cast<uint32_t>(p_ - data_), 0};
    }
    return Token{Tok::Eof, 0, static_cast<uint32_t>(p_ - data_), 0};
  }

  const char* start = p_;
  unsigned char c = *p_;
  bool insert = false;
  Token tok;

  if (c == '#' || is_letter(c)) {
    // '#' starts a definition identifier (#Def) or a raw string (#"…"#).
    if (c == '#') {
      const char* q = p_;
      while (q < end_ && *q == '#') ++q;
      if (q < end_ && (*q == '"' || *q == '\'')) {
        uint8_t flags = scan_string(static_cast<int>(q - p_));
        tok = make(Tok::String, start, flags);
        insert_comma_ = true;
        return tok;
      }
    }
    if (c == '_' && end_ - p_ >= 3 && p_[1] == '|' && p_[2] == '_') {
      p_ += 3;
      insert_comma_ = true;
      return make(Tok::Bottom, start);
    }
    scan_identifier();
    std::string_view text(start, p_ - start);
    Tok kind = lookup_keyword(text);
    insert = kind == Tok::Ident || kind == Tok::True || kind == Tok::False || kind == Tok::Null;
    tok = make(kind, start);
  } else if (is_digit(c) || (c == '.' && p_ + 1 < end_ && is_digit(p_[1]))) {
    Tok kind = scan_number(start);
    tok = make(kind, start);
    insert = true;
  } else if (c == '"' || c == '\'') {
    uint8_t flags = scan_string(0);
    tok = make(Tok::String, start, flags);
    insert = true;
  } else if (c == '@') {
    scan_attribute(start);
    tok = make(Tok::Attribute, start);
    insert = true;
  } else {
    ++p_;
    auto two = [&](char next, Tok yes, Tok no) {
      if (p_ < end_ && *p_ == next) {
        ++p_;
        return yes;
      }
      return no;
    };
    Tok kind = Tok::Illegal;
    switch (c) {
      case '+': kind = Tok::Add; break;
      case '-': kind = Tok::Sub; break;
      case '*': kind = Tok::Mul; break;
      case '/': kind = Tok::Quo; break;
      case '&': kind = two('&', Tok::LAnd, Tok::And); break;
      case '|': kind = two('|', Tok::LOr, Tok::Or); break;
      case '=':
        kind = two('=', Tok::Eql, Tok::Bind);
        if (kind == Tok::Bind) kind = two('~', Tok::Mat, Tok::Bind);
        break;
      case '!':
        kind = two('=', Tok::Neq, Tok::Not);
        if (kind == Tok::Not) kind = two('~', Tok::NMat, Tok::Not);
        break;
      case '<': kind = two('=', Tok::Leq, Tok::Lss); break;
      case '>': kind = two('=', Tok::Geq, Tok::Gtr); break;
      case '(': kind = Tok::LParen; break;
      case ')': kind = Tok::RParen; insert = true; break;
      case '[': kind = Tok::LBrack; break;
      case ']': kind = Tok::RBrack; insert = true; break;
      case '{': kind = Tok::LBrace; break;
      case '}': kind = Tok::RBrace; insert = true; break;
      case ',': kind = Tok::Comma; break;
      case ':': kind = Tok::Colon; break;
      case '?': kind = Tok::Option; insert = true; break;
      case '.':
        if (end_ - p_ >= 2 && p_[0] == '.' && p_[1] == '.') {
          p_ += 2;
          kind = Tok::Ellipsis;
          insert = true;
        } else {
          kind = Tok::Period;
        }
        break;
      default: {
        p_ = start;
        if (c >= 0x80) {
          check_utf8();  // reports invalid UTF-8; a valid non-ASCII letter was handled above
        } else {
          ++p_;
        }
        if (c == 0) {
          error(start, "illegal NUL byte");
        } else if (c < 0x80) {
          error(start, "illegal " + describe_char(start, end_));
        }
        kind = Tok::Illegal;
        insert = true;  // junk stands where an operand would: a newline still ends the line
        break;
      }
    }
    tok = make(kind, start);
  }
  insert_comma_ = insert;
  return tok;
}

void Scanner::scan_identifier() {
  // Leading '#' or '_#' of definitions; then letters and digits.
  if (*p_ == '_' && p_ + 1 < end_ && p_[1] == '#') p_ += 2;
  else if (*p_ == '#') ++p_;
  const char* body = p_;
  while (p_ < end_) {
    unsigned char c = *p_;
    if (c >= 0x80) {
      size_t len;
      if (utf8::decode(std::string_view(p_, end_ - p_), 0, len) == utf8::kInvalid) break;
      p_ += len;
    } else if (is_letter(c) || is_digit(c)) {
      ++p_;
    } else {
      break;
    }
  }
  if (p_ == body && (body[-1] == '#')) {
    error(body - 1, "invalid identifier: '#' must be followed by a letter");
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
      error(p_, fmt::format("invalid digit '{}' in {}", char(c), what));
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
  if (*p_ == '0' && p_ + 1 < end_ && (p_[1] == 'x' || p_[1] == 'X' || p_[1] == 'o' ||
                                       p_[1] == 'O' || p_[1] == 'b' || p_[1] == 'B')) {
    char prefix = static_cast<char>(p_[1] | 0x20);
    int base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    const char* what = base == 16 ? "hexadecimal literal" : base == 8 ? "octal literal" : "binary literal";
    p_ += 2;
    scan_digits(base, any, what);
    if (!any) error(start, fmt::format("{} has no digits", what));
    return Tok::Int;
  }
  bool is_float = false;
  if (*p_ != '.') {
    scan_digits(10, any, "decimal literal");
    if (start[0] == '0' && p_ - start > 1 && !(p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E'))) {
      error(start, "invalid number: leading zeros are not allowed (write 0o755 for an octal number)");
    }
  }
  if (p_ < end_ && *p_ == '.' && !(p_ + 1 < end_ && p_[1] == '.')) {
    ++p_;
    is_float = true;
    bool frac = false;
    if (p_ < end_ && is_digit(*p_)) scan_digits(10, frac, "decimal literal");
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
    // The opening quotes must end their line.
    const char* q = p_;
    while (q < end_ && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
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
        scan_escape(quote, hashes, interp);
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

void Scanner::scan_escape(char quote, int hashes, bool& interp) {
  // p_ is just after the backslash (and its hashes).
  const char* esc = p_ - 1 - hashes;
  if (p_ >= end_) {
    error(esc, "escape sequence not terminated");
    return;
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
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v':
    case '/': case '\\': case '"': case '\'':
      ++p_;
      return;
    case 'u': hex_digits(4); return;
    case 'U': hex_digits(8); return;
    case 'x':
      if (quote != '\'') {
        error(esc, "invalid escape sequence: \\x is only allowed in bytes literals");
      }
      hex_digits(2);
      return;
    case '(':
      ++p_;
      interp = true;
      scan_interpolation();
      return;
    default:
      if (c >= '0' && c <= '7') {
        if (quote != '\'') error(esc, "invalid escape sequence: octal escapes are only allowed in bytes literals");
        for (int i = 0; i < 3; ++i, ++p_) {
          if (p_ >= end_ || *p_ < '0' || *p_ > '7') {
            error(esc, "invalid escape sequence: octal escape needs three digits");
            return;
          }
        }
        return;
      }
      error(esc, fmt::format("unknown escape sequence '\\{}'", c == '\n' ? std::string("newline") : std::string(1, c)));
      (void)hashes;
      return;
  }
}

void Scanner::scan_interpolation() {
  // p_ is just after "\(": scan tokens with a nested scanner up to the matching ')'.
  if (depth_ + 1 > kMaxInterpolationDepth) {
    error(p_, fmt::format("string interpolations nested too deeply (limit {})", kMaxInterpolationDepth));
    // Skip to the end of the line to recover.
    while (p_ < end_ && *p_ != '\n') ++p_;
    return;
  }
  Scanner inner(file_, diags_, offset(), static_cast<uint32_t>(end_ - data_), depth_ + 1);
  int parens = 1;
  for (;;) {
    Token t = inner.next();
    if (t.kind == Tok::Eof) {
      error(p_ - 2, "interpolation not terminated: missing ')'");
      p_ = inner.p_;
      return;
    }
    if (t.kind == Tok::LParen) ++parens;
    if (t.kind == Tok::RParen && --parens == 0) {
      interpolations_.push_back({offset(), t.offset});
      p_ = inner.p_;
      return;
    }
  }
}

void Scanner::scan_attribute(const char* start) {
  // '@' identifier '(' balanced tokens ')'. Strings inside are scanned for their ends only.
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
  int depth = 0;
  while (p_ < end_) {
    char c = *p_;
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
      ++p_;
    } else if (c == ')' || c == ']' || c == '}') {
      ++p_;
      if (--depth == 0) return;
    } else if (c == '"' || c == '\'' || c == '#') {
      const char* q = p_;
      int hashes = 0;
      while (q < end_ && *q == '#') ++q, ++hashes;
      if (q < end_ && (*q == '"' || *q == '\'')) {
        scan_string(hashes);
      } else {
        p_ = q;
      }
    } else if (c == '\n') {
      break;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      check_utf8();
    } else {
      ++p_;
    }
  }
  error(start, "attribute not terminated: missing ')'");
}

}  // namespace cfgc::syntax
