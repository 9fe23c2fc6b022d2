// Package encoding/json: JSON marshalling, unmarshalling, validation and reformatting.
//
// JSON text is read by a small strict parser (RFC 8259) that keeps each number's digits, so
// json.Unmarshal("1.50") is the CUE float 1.50 and json.Indent copies numbers and strings as
// written. Marshal writes compact JSON without HTML escaping (a "<" stays "<").
#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/export/export.h"
#include "stdlib/encoding.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

struct JNode {
  enum Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Null;
  std::string_view raw;  // scalars: the token as written
  std::string str;       // String: decoded
  std::vector<JNode> elems;
  // An object's members: raw key tokens and values, side by side (a pair holding a JNode
  // would need JNode complete here).
  std::vector<std::string_view> raw_keys;
  std::vector<JNode> fields;
  std::vector<std::string> keys;                           // decoded keys
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  // One value followed by nothing but white space.
  bool document(JNode& out) {
    skip_ws();
    if (!value(out, 0)) return false;
    skip_ws();
    if (i_ < s_.size()) return error("after top-level value");
    return true;
  }

  // Values separated by white space (a JSON stream).
  bool stream(std::vector<JNode>& out) {
    for (skip_ws(); i_ < s_.size(); skip_ws()) {
      out.emplace_back();
      if (!value(out.back(), 0)) return false;
    }
    return true;
  }

  const std::string& err() const { return err_; }

 private:
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  std::string where() const {
    size_t line = 1, col = 1;
    for (size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return fmt::format("line {}, column {}", line, col);
  }

  bool error(std::string_view context) {
    if (i_ >= s_.size()) {
      err_ = "unexpected end of JSON input";
      return false;
    }
    unsigned char ch = s_[i_];
    std::string shown = ch >= 0x20 && ch < 0x7f ? fmt::format("'{}'", static_cast<char>(ch))
                                                : fmt::format("0x{:02x}", ch);
    err_ = fmt::format("invalid character {} {} ({})", shown, context, where());
    return false;
  }

  bool literal(std::string_view word, JNode& out, JNode::Kind kind) {
    size_t k = 0;
    while (k < word.size() && i_ + k < s_.size() && s_[i_ + k] == word[k]) ++k;
    if (k < word.size()) {
      i_ += k;
      return error(fmt::format("in literal {} (expecting '{}')", word, word[k]));
    }
    out.kind = kind;
    out.raw = s_.substr(i_, word.size());
    i_ += word.size();
    return true;
  }

  bool value(JNode& out, int depth) {
    if (depth > 1000) {
      err_ = "JSON nested too deeply";
      return false;
    }
    if (i_ >= s_.size()) return error("looking for beginning of value");
    char ch = s_[i_];
    switch (ch) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        out.kind = JNode::String;
        return string(out.str, out.raw);
      }
      case 't': return literal("true", out, JNode::Bool);
      case 'f': return literal("false", out, JNode::Bool);
      case 'n': return literal("null", out, JNode::Null);
      default:
        if (ch == '-' || (ch >= '0' && ch <= '9')) return number(out);
        return error("looking for beginning of value");
    }
  }

  bool digits() {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

  bool number(JNode& out) {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return error("in numeric literal");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return error("after decimal point in numeric literal");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return error("in exponent of numeric literal");
    }
    out.kind = JNode::Number;
    out.raw = s_.substr(start, i_ - start);
    return true;
  }

  bool hex4(uint32_t& v) {
    v = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      if (i_ >= s_.size()) return error("in \\u hexadecimal character escape");
      char h = s_[i_];
      int d = h >= '0' && h <= '9'                     ? h - '0'
              : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                       : -1;
      if (d < 0) return error("in \\u hexadecimal character escape");
      v = v * 16 + static_cast<uint32_t>(d);
    }
    return true;
  }

  bool string(std::string& out, std::string_view& raw) {
    size_t start = i_++;
    while (true) {
      if (i_ >= s_.size()) return error("in string literal");
      unsigned char ch = s_[i_];
      if (ch == '"') {
        ++i_;
        break;
      }
      if (ch < 0x20) return error("in string literal");
      if (ch == '\\') {
        ++i_;
        if (i_ >= s_.size()) return error("in string escape code");
        char e = s_[i_++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            uint32_t v;
            if (!hex4(v)) return false;
            if (v >= 0xD800 && v < 0xDC00) {
              // A surrogate pair; a lone surrogate becomes U+FFFD, as in Go.
              uint32_t lo = 0;
              size_t save = i_;
              if (s_.substr(i_, 2) == "\\u") {
                i_ += 2;
                if (!hex4(lo)) return false;
              }
              if (lo >= 0xDC00 && lo < 0xE000) {
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
              } else {
                v = 0xFFFD;
                i_ = save;
              }
            } else if (v >= 0xDC00 && v < 0xE000) {
              v = 0xFFFD;
            }
            utf8::encode(v, out);
            break;
          }
          default: --i_; return error("in string escape code");
        }
        continue;
      }
      size_t len;
      if (utf8::decode(s_, i_, len) == utf8::kInvalid) {
        utf8::encode(0xFFFD, out);  // invalid UTF-8 becomes U+FFFD, as in Go
        i_ += 1;
        continue;
      }
      out.append(s_.substr(i_, len));
      i_ += len;
    }
    raw = s_.substr(start, i_ - start);
    return true;
  }

  bool array(JNode& out, int depth) {
    out.kind = JNode::Array;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    while (true) {
      skip_ws();
      out.elems.emplace_back();
      if (!value(out.elems.back(), depth + 1)) return false;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return true;
      }
      return error("after array element");
    }
  }

  bool object(JNode& out, int depth) {
    out.kind = JNode::Object;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    while (true) {
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != '"')
        return error("looking for beginning of object key string");
      std::string key;
      std::string_view raw;
      if (!string(key, raw)) return false;
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') return error("after object key");
      ++i_;
      skip_ws();
      out.raw_keys.push_back(raw);
      out.fields.emplace_back();
      out.keys.push_back(std::move(key));
      if (!value(out.fields.back(), depth + 1)) return false;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return true;
      }
      return error("after object key:value pair");
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string err_;
};

// Writes n compactly (prefix/indent empty) or indented as Go's json.Indent.
void write(const JNode& n, std::string& out, std::string_view prefix, std::string_view indent,
           bool pretty, int depth) {
  auto newline = [&](int d) {
    if (!pretty) return;
    out += '\n';
    out += prefix;
    for (int k = 0; k < d; ++k) out += indent;
  };
  switch (n.kind) {
    case JNode::Array:
      if (n.elems.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t k = 0; k < n.elems.size(); ++k) {
        if (k) out += ',';
        newline(depth + 1);
        write(n.elems[k], out, prefix, indent, pretty, depth + 1);
      }
      newline(depth);
      out += ']';
      return;
    case JNode::Object:
      if (n.fields.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (size_t k = 0; k < n.fields.size(); ++k) {
        if (k) out += ',';
        newline(depth + 1);
        out += n.raw_keys[k];
        out += pretty ? ": " : ":";
        write(n.fields[k], out, prefix, indent, pretty, depth + 1);
      }
      newline(depth);
      out += '}';
      return;
    default: out += n.raw; return;
  }
}

const Value* to_value(CallContext& c, const JNode& n) {
  switch (n.kind) {
    case JNode::Null: return c.ev.null_value(c.pos);
    case JNode::Bool: return c.ev.boolean(n.raw == "true", c.pos);
    case JNode::String: return c.ev.string(n.str, c.pos);
    case JNode::Number: {
      bool is_float = n.raw.find_first_of(".eE") != std::string_view::npos;
      auto num = Number::parse(n.raw, is_float);
      if (!num) return failf(c, "number {}: {}", n.raw, num.error().message);
      return c.ev.number(*num, c.pos);
    }
    case JNode::Array: {
      std::vector<const Value*> xs;
      for (const JNode& e : n.elems) {
        const Value* v = to_value(c, e);
        if (v->vk == VK::Bottom) return v;
        xs.push_back(v);
      }
      return make_list(c, xs);
    }
    case JNode::Object: {
      std::vector<std::pair<std::string, const Value*>> fs;
      std::vector<std::string> raw_of;
      for (size_t k = 0; k < n.fields.size(); ++k) {
        const Value* v = to_value(c, n.fields[k]);
        if (v->vk == VK::Bottom) return v;
        bool dup = false;
        for (size_t j = 0; j < fs.size(); ++j) {
          if (fs[j].first != n.keys[k]) continue;
          if (!c.ev.equal_data(fs[j].second, v))
            return failf(c, "duplicate key {} with different values", n.raw_keys[k]);
          dup = true;
        }
        if (!dup) fs.emplace_back(n.keys[k], v);
      }
      return make_struct(c, fs);
    }
  }
  return c.ev.null_value(c.pos);
}

Result<JNode> read_document(std::string_view s) {
  Reader r(s);
  JNode out;
  if (!r.document(out)) return Error{r.err()};
  return out;
}

}  // namespace

const Value* marshal_json(CallContext& c, const Value* v, std::string& out) {
  if (const Value* e = check_concrete(c, v)) return e;
  exporter::write_json_compact(c.ev, c.ev.vertex_of(c.ev.resolve(v)), out);
  return nullptr;
}

const Value* marshal_stream(CallContext& c, const Value* list, bool yaml) {
  if (!is_list(list)) return failf(c, "{} is not a list", type_of(list));
  std::string out;
  size_t i = 0;
  for (Vertex* a : c.ev.list_elements(list->vertex)) {
    const Value* v = c.ev.vertex_value(a, c.pos);
    if (yaml && i > 0) out += "---\n";
    const Value* err = yaml ? marshal_yaml(c, v, out) : marshal_json(c, v, out);
    if (err) return err;
    if (!yaml) out += '\n';
    ++i;
  }
  return c.ev.string(out, c.pos);
}

void register_encoding_json() {
  const std::string P = "encoding/json";
  const uint16_t T = kString | kBytes;

  def(P, "Marshal", {kTop}, kString, "the value as compact JSON (an error if it is not concrete)",
      [](CallContext& c, Args a) -> const Value* {
        std::string out;
        if (const Value* e = marshal_json(c, a[0], out)) return e;
        return c.ev.string(out, c.pos);
      });
  def(P, "MarshalStream", {kList}, kString,
      "each element of the list as compact JSON, one per line",
      [](CallContext& c, Args a) { return marshal_stream(c, a[0], false); });
  def(P, "Unmarshal", {T}, kTop,
      "the value of a JSON text (numbers keep their digits: 1.50 stays 1.50)",
      [](CallContext& c, Args a) -> const Value* {
        Result<JNode> n = read_document(a[0]->str);
        if (!n) return fail(c, n.error().message);
        return to_value(c, *n);
      });
  def(P, "UnmarshalStream", {T}, kList,
      "the values of a stream of JSON texts separated by white space, as a list",
      [](CallContext& c, Args a) -> const Value* {
        Reader r(a[0]->str);
        std::vector<JNode> ns;
        if (!r.stream(ns)) return fail(c, r.err());
        std::vector<const Value*> xs;
        for (const JNode& n : ns) {
          const Value* v = to_value(c, n);
          if (v->vk == VK::Bottom) return v;
          xs.push_back(v);
        }
        return make_list(c, xs);
      });
  def(P, "Indent", {T, kString, kString}, kString,
      "Indent(src, prefix, indent): the JSON text src with each element on a new line starting "
      "with "
      "prefix and one indent per level (as Go's json.Indent)",
      [](CallContext& c, Args a) -> const Value* {
        Result<JNode> n = read_document(a[0]->str);
        if (!n) return fail(c, n.error().message);
        std::string out;
        write(*n, out, a[1]->str, a[2]->str, true, 0);
        std::string_view src = a[0]->str;
        size_t end = src.find_last_not_of(" \t\r\n");
        out += src.substr(end == std::string_view::npos ? src.size()
                                                        : end + 1);  // trailing white space
        return c.ev.string(out, c.pos);
      });
  def(P, "HTMLEscape", {T}, kString,
      "JSON text with <, >, & and U+2028, U+2029 written as \\u003c \\u003e \\u0026 "
      "\\u2028 \\u2029, safe inside HTML <script> tags (the text is not checked)",
      [](CallContext& c, Args a) -> const Value* {
        std::string out;
        std::string_view s = a[0]->str;
        for (size_t i = 0; i < s.size(); ++i) {
          char ch = s[i];
          if (ch == '<' || ch == '>' || ch == '&') {
            out += fmt::format("\\u00{:02x}", static_cast<unsigned char>(ch));
          } else if (ch == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
                     (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
            out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
          } else {
            out += ch;
          }
        }
        return c.ev.string(out, c.pos);
      });
  def(P, "Compact", {T}, kString, "the JSON text without insignificant white space",
      [](CallContext& c, Args a) -> const Value* {
        Result<JNode> n = read_document(a[0]->str);
        if (!n) return fail(c, n.error().message);
        std::string out;
        write(*n, out, "", "", false, 0);
        return c.ev.string(out, c.pos);
      });
  def(P, "Valid", {T}, kBool, "whether the text is valid JSON",
      [](CallContext& c, Args a) { return c.ev.boolean(read_document(a[0]->str).ok(), c.pos); });
  def_validator(P, "Validate", {T, kTop},
                "Validate(data, schema): data is valid JSON whose value unifies with schema "
                "and is concrete (json.Validate(#Config) as a constraint on a string)",
                [](CallContext& c, Args a) -> const Value* {
                  if (a[0]->vk != VK::String && a[0]->vk != VK::Bytes) {
                    return failf(c, "{} is not a string", c.ev.value_str(a[0]));
                  }
                  Result<JNode> n = read_document(a[0]->str);
                  if (!n) return fail(c, n.error().message);
                  const Value* v = to_value(c, *n);
                  if (v->vk == VK::Bottom) return v;
                  if (const Value* e = validate_against(c, v, a[1], true)) return e;
                  return c.ev.boolean(true, c.pos);
                });
}

}  // namespace cfgc::stdlib
