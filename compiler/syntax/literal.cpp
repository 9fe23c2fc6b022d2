#include "compiler/syntax/literal.h"

#include <fmt/format.h>

#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"

namespace cfgc::syntax {

std::optional<QuoteInfo> parse_quote(std::string_view raw, LiteralError& err) {
  QuoteInfo q;
  size_t i = 0;
  while (i < raw.size() && raw[i] == '#') ++i;
  q.hashes = static_cast<int>(i);
  if (i >= raw.size() || (raw[i] != '"' && raw[i] != '\'')) {
    err = {0, "malformed string literal"};
    return std::nullopt;
  }
  q.quote = raw[i];
  size_t close_len;
  if (raw.size() - i >= 3 && raw[i + 1] == q.quote && raw[i + 2] == q.quote &&
      raw.size() >= 2 * (i + 3)) {
    // """ … """ : only a multi-line literal if the contents start with a newline; an empty
    // "" followed by " cannot be scanned as one token anyway.
    size_t open = i + 3;
    size_t nl = raw.find('\n', open);
    if (nl != std::string_view::npos) {
      q.multiline = true;
      close_len = 3 + q.hashes;
      size_t close = raw.size() - close_len;
      q.content_begin = nl + 1;
      size_t last_nl = raw.rfind('\n', close - 1);
      if (last_nl == std::string_view::npos || last_nl < nl) last_nl = nl;
      q.indent = raw.substr(last_nl + 1, close - last_nl - 1);
      for (size_t k = 0; k < q.indent.size(); ++k) {
        if (q.indent[k] != ' ' && q.indent[k] != '\t') {
          err = {close, "closing quote of a multi-line string must be on its own line"};
          return std::nullopt;
        }
      }
      q.content_end = last_nl < q.content_begin ? q.content_begin : last_nl;
      if (last_nl == nl) q.content_end = q.content_begin;  // empty contents
      return q;
    }
  }
  close_len = 1 + q.hashes;
  q.content_begin = i + 1;
  q.content_end = raw.size() >= close_len ? raw.size() - close_len : q.content_begin;
  if (q.content_end < q.content_begin) q.content_end = q.content_begin;
  return q;
}

bool decode_segment(std::string_view seg, size_t seg_offset, const QuoteInfo& q, bool line_start,
                    std::string& out, LiteralError& err) {
  // A segment that ends before the contents do is followed by an interpolation.
  const bool before_interp = seg_offset + seg.size() < q.content_end;
  size_t i = 0;
  bool at_line_start = line_start && q.multiline;
  while (i < seg.size() || (at_line_start && before_interp)) {
    if (at_line_start) {
      at_line_start = false;
      if (seg.compare(i, q.indent.size(), q.indent) == 0) {
        i += q.indent.size();
        continue;
      }
      // Only an empty line may lack the indentation. A line of blanks shorter than it is not
      // empty (cue v0.4 rejects it too), and neither is a line that starts with an
      // interpolation.
      size_t k = i;
      while (k < seg.size() && seg[k] == '\r') ++k;
      if ((k < seg.size() && seg[k] == '\n') || (k == seg.size() && !before_interp)) {
        i = k;
        continue;
      }
      size_t same = 0;
      while (same < q.indent.size() && i + same < seg.size() && seg[i + same] == q.indent[same]) {
        ++same;
      }
      err = {seg_offset + i + same, "invalid indentation in multi-line string: each line must "
                                    "start with the whitespace before the closing quotes"};
      return false;
    }
    char c = seg[i];
    if (c == '\n') {
      out += '\n';
      ++i;
      at_line_start = q.multiline;
      continue;
    }
    if (c == '\r') {
      ++i;  // the spec discards carriage returns from literals (so CRLF reads as LF)
      continue;
    }
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    // Backslash: an escape only if followed by the literal's number of '#'.
    size_t k = i + 1;
    int n = 0;
    while (n < q.hashes && k < seg.size() && seg[k] == '#') ++k, ++n;
    if (n == q.hashes && k >= seg.size() && q.multiline) {
      // The backslash stands before the final newline, which is not part of the contents.
      err = {seg_offset + i, "invalid escape sequence: a backslash cannot escape a newline"};
      return false;
    }
    if (n < q.hashes || k >= seg.size()) {
      out += c;
      ++i;
      continue;
    }
    size_t esc = i;
    char e = seg[k++];
    if (char simple = simple_escape(e)) {
      out += simple;
      i = k;
      continue;
    }
    switch (e) {
      case '/': out += '/'; break;
      case '\\': out += '\\'; break;
      case '"':
      case '\'':
        // Each quote may only be escaped inside its own kind of literal.
        if (e != q.quote) {
          err = {seg_offset + esc,
                 e == '\'' ? "invalid escape sequence: \\' is only allowed in bytes literals"
                           : "invalid escape sequence: \\\" is only allowed in string literals"};
          return false;
        }
        out += e;
        break;
      case 'u':
      case 'U':
      case 'x': {
        int digits = e == 'u' ? 4 : e == 'U' ? 8 : 2;
        uint32_t v = 0;
        for (int d = 0; d < digits; ++d, ++k) {
          int h = k < seg.size() ? hex_digit_value(seg[k]) : -1;
          if (h < 0) {
            err = {seg_offset + esc, "invalid escape sequence: too few hexadecimal digits"};
            return false;
          }
          v = v * 16 + h;
        }
        if (e == 'x') {
          if (!q.is_bytes()) {
            err = {seg_offset + esc,
                   "invalid escape sequence: \\x is only allowed in bytes literals"};
            return false;
          }
          out += static_cast<char>(v);
        } else {
          if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            err = {seg_offset + esc, "invalid escape sequence: not a valid Unicode code point"};
            return false;
          }
          utf8::encode(v, out);
        }
        break;
      }
      case '\n':
        err = {seg_offset + esc, "invalid escape sequence: a backslash cannot escape a newline"};
        return false;
      default: {
        if (e >= '0' && e <= '7') {
          if (!q.is_bytes()) {
            err = {seg_offset + esc,
                   "invalid escape sequence: octal escapes are only allowed in bytes literals"};
            return false;
          }
          uint32_t v = e - '0';
          for (int d = 0; d < 2; ++d, ++k) {
            if (k >= seg.size() || seg[k] < '0' || seg[k] > '7') {
              err = {seg_offset + esc, "invalid escape sequence: octal escape needs three digits"};
              return false;
            }
            v = v * 8 + (seg[k] - '0');
          }
          if (v > 255) {
            err = {seg_offset + esc, "invalid escape sequence: octal value over 255"};
            return false;
          }
          out += static_cast<char>(v);
          break;
        }
        // Name the whole character, not one byte of its UTF-8 encoding.
        size_t len = 1;
        if (static_cast<unsigned char>(e) >= 0x80 &&
            utf8::decode(seg, k - 1, len) == utf8::kInvalid) {
          len = 1;
        }
        err = {seg_offset + esc,
               fmt::format("unknown escape sequence '\\{}'", seg.substr(k - 1, len))};
        return false;
      }
    }
    i = k;
  }
  return true;
}

bool unquote(std::string_view raw, std::string& out, LiteralError& err) {
  auto q = parse_quote(raw, err);
  if (!q) return false;
  return decode_segment(raw.substr(q->content_begin, q->content_end - q->content_begin),
                        q->content_begin, *q, true, out, err);
}

}  // namespace cfgc::syntax
