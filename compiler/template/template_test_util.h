#pragma once
// Test helpers for the template engine: data written as JSON, and one call that parses and
// executes a template, returning its output or "error: " and the message.
//
//   CHECK(render("{{.name}}", json(R"({"name": "leaf1"})")) == "leaf1");

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "compiler/base/utf8.h"
#include "compiler/template/template_exec.h"
#include "compiler/template/template_parser.h"
#include "compiler/template/template_value.h"

namespace cfgc::tmpl::testing {

// A small JSON reader for test data: numbers with '.', 'e' or 'E' are floats that keep their
// text, others ints. Malformed input throws (and so fails the test).
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  TemplateValue read() {
    TemplateValue v = value();
    ws();
    check(i_ == s_.size());
    return v;
  }

 private:
  void check(bool ok) const {
    if (!ok) throw std::runtime_error("bad test JSON at: " + std::string(s_.substr(std::min(i_, s_.size()))));
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool eat(std::string_view w) {
    ws();
    if (s_.substr(i_).starts_with(w)) {
      i_ += w.size();
      return true;
    }
    return false;
  }
  std::string str() {
    check(eat("\""));
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = static_cast<uint32_t>(std::strtoul(std::string(s_.substr(i_, 4)).c_str(), nullptr, 16));
          i_ += 4;
          utf8::encode(cp, out);
          break;
        }
        default: out += e; break;
      }
    }
    check(eat("\""));
    return out;
  }
  TemplateValue value() {
    ws();
    check(i_ < s_.size());
    if (eat("null")) return TemplateValue::null();
    if (eat("true")) return TemplateValue::boolean(true);
    if (eat("false")) return TemplateValue::boolean(false);
    if (s_[i_] == '"') return TemplateValue::string(str());
    if (eat("[")) {
      TemplateValue::List l;
      if (!eat("]")) {
        do {
          l.push_back(value());
        } while (eat(","));
        check(eat("]"));
      }
      return TemplateValue::list(std::move(l));
    }
    if (eat("{")) {
      TemplateValue::Map m;
      if (!eat("}")) {
        do {
          ws();
          std::string k = str();
          check(eat(":"));
          m.set(std::move(k), value());
        } while (eat(","));
        check(eat("}"));
      }
      return TemplateValue::map(std::move(m));
    }
    size_t start = i_;
    while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
    std::string num(s_.substr(start, i_ - start));
    check(!num.empty());
    if (num.find_first_of(".eE") != std::string::npos) {
      return TemplateValue::floating(std::strtod(num.c_str(), nullptr), num);
    }
    return TemplateValue::integer(std::strtoll(num.c_str(), nullptr, 10));
  }

  std::string_view s_;
  size_t i_ = 0;
};

inline TemplateValue json(std::string_view s) { return JsonReader(s).read(); }

// Parses `text` as the template "t" and executes it over `data`: the output, or "error: " and
// the parse or execution error.
inline std::string render(std::string_view text, const TemplateValue& data = {},
                          const ExecOptions& exec = {}, const ParseOptions& parse = {},
                          std::string_view name = "t") {
  TemplateSet set;
  TemplateError err;
  if (!parse_template(name, std::string(text), set, err, parse)) return "error: " + err.message;
  std::string out;
  if (!execute_template(set, name, data, out, err, exec)) return "error: " + err.message;
  return out;
}

// The parse error of a template, or "" if it parses.
inline std::string parse_error(std::string_view text, std::string_view name = "t") {
  TemplateSet set;
  TemplateError err;
  if (parse_template(name, std::string(text), set, err)) return "";
  return err.message;
}

}  // namespace cfgc::tmpl::testing
