#include "compiler/encoding/yaml_typing.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "compiler/encoding/yaml11.h"
#include "compiler/encoding/yaml_scalar.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

template <class T>
T* make_at(Arena& arena, Pos at) {
  T* n = arena.make<T>();
  n->pos = n->end = at;
  return n;
}

}  // namespace

std::string_view YamlTyping::stable(uint32_t offset, std::string_view text) {
  std::string_view content = src_.content();
  if (text.empty()) return {};  // (its data may be null: memcmp must not see it)
  if (offset <= content.size() && content.size() - offset >= text.size() &&
      std::memcmp(content.data() + offset, text.data(), text.size()) == 0) {
    return content.substr(offset, text.size());
  }
  return arena_.copy(text);
}

BadExpr* YamlTyping::bad(uint32_t offset) { return make_at<BadExpr>(arena_, pos(offset)); }

BasicLit* YamlTyping::string_lit(uint32_t offset, std::string_view s) {
  BasicLit* b = make_at<BasicLit>(arena_, pos(offset));
  b->tok = Tok::String;
  b->value = stable(offset, s);
  b->raw = b->value;
  return b;
}

std::string_view YamlTyping::key_text(std::string_view tag, std::string_view text,
                                      std::string& scratch) {
  if (mode_ == YamlMode::Ansible && tag == "?") {
    TypedScalar t = resolve_yaml11(text);
    if (t.kind != TypedScalar::Kind::Invalid && t.kind != TypedScalar::Kind::NotFinite) {
      scratch = json_key_text(t);
      return scratch;
    }
  }
  return text;
}

Node* YamlTyping::scalar(uint32_t offset, std::string_view tag, std::string_view text) {
  if (mode_ == YamlMode::AnsibleJson) return json_scalar(offset, tag, text);
  if (mode_ == YamlMode::Ansible) return ansible_scalar(offset, tag, text);
  Node* r = cue_scalar(offset, tag, text);
  if (warn_yaml11_ && tag == "?") warn_if_yaml11_differs(offset, text, r);
  return r;
}

// A null written as nothing (`key:`) has the position of what follows it.
bool YamlTyping::written_null(uint32_t offset) const {
  if (offset >= src_.content().size()) return false;
  std::string_view rest = src_.content().substr(offset);
  for (std::string_view w : {"~", "null", "Null", "NULL"}) {
    if (rest.rfind(w, 0) != 0) continue;
    if (rest.size() == w.size()) return true;
    if (std::string_view(" \t\r\n,]}#").find(rest[w.size()]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

Node* YamlTyping::null(uint32_t offset, Pos key_pos) {
  BasicLit* b = make_at<BasicLit>(arena_, pos(offset));
  b->tok = Tok::Null;
  b->raw = "null";
  // In the Ansible modes, an unwritten null is at its key.
  if (ansible() && key_pos.valid() && !written_null(offset)) b->pos = b->end = key_pos;
  return b;
}

// A scalar of JSON text (the caller checked that it is JSON): numbers as Python's json module
// reads them (floats are doubles).
Node* YamlTyping::json_scalar(uint32_t offset, std::string_view tag, std::string_view s) {
  if (tag != "?") return string_lit(offset, s);
  using K = TypedScalar::Kind;
  TypedScalar t;
  if (s == "true" || s == "false") {
    t = {K::Bool, std::string(s)};
  } else if (s == "null") {
    t = {K::Null, ""};
  } else if (s.find_first_of(".eE") != std::string_view::npos) {
    double d = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    if (r.ec != std::errc() || !std::isfinite(d)) {
      diags_.error(pos(offset), fmt::format("unsupported JSON number {}: CUE has no infinity", s));
      return bad(offset);
    }
    t = {K::Float, python_float_repr(d)};
  } else {
    bool neg = !s.empty() && s[0] == '-';
    std::string dec = digits_to_decimal(s.substr(neg ? 1 : 0), 10);
    t = {K::Int, neg && dec != "0" ? "-" + dec : dec};
  }
  return typed_scalar_node(arena_, pos(offset), t);
}

// A scalar as Ansible reads YAML (YAML 1.1, Ansible's own tags).
Node* YamlTyping::ansible_scalar(uint32_t offset, std::string_view tag, std::string_view s) {
  if (tag == "!" || tag == kStrTag || tag == "!unsafe") return string_lit(offset, s);
  if (tag == "!vault") {
    // Encrypted: a string whose value cfgc cannot know.
    Ident* id = make_at<Ident>(arena_, pos(offset));
    id->name = "string";
    return id;
  }
  using K = TypedScalar::Kind;
  TypedScalar t = resolve_yaml11(s);
  if (tag != "?") {
    static const std::pair<std::string_view, K> kTags[] = {
        {"tag:yaml.org,2002:int", K::Int},
        {"tag:yaml.org,2002:float", K::Float},
        {"tag:yaml.org,2002:bool", K::Bool},
        {"tag:yaml.org,2002:null", K::Null},
        {"tag:yaml.org,2002:timestamp", K::Timestamp}};
    const K* want = nullptr;
    for (const auto& [name, kind] : kTags) {
      if (tag == name) want = &kind;
    }
    if (!want) {
      diags_.error(pos(offset), fmt::format("unsupported YAML tag {}", tag));
      return bad(offset);
    }
    if (t.kind != *want) {
      diags_.error(pos(offset), fmt::format("{:?} does not fit its tag {}", s, tag));
      return bad(offset);
    }
  }
  if (t.kind == K::NotFinite) {
    diags_.error(pos(offset),
                 fmt::format("unsupported YAML number {}: CUE has no infinity or NaN", s));
    return bad(offset);
  }
  if (t.kind == K::Invalid) {
    diags_.error(pos(offset), t.text);
    return bad(offset);
  }
  if (t.kind == K::String) return string_lit(offset, s);
  return typed_scalar_node(arena_, pos(offset), t);
}

// A scalar as CUE reads it (yaml_scalar.h).
Node* YamlTyping::cue_scalar(uint32_t offset, std::string_view tag, std::string_view s) {
  if (tag == "!" || tag == kStrTag || tag == "!!str") return string_lit(offset, s);
  using K = CueYamlScalar::Kind;
  CueYamlScalar t = resolve_cue_yaml_scalar(s);
  switch (t.kind) {
    case K::String: return string_lit(offset, s);
    case K::Null:
    case K::Bool: {
      BasicLit* b = make_at<BasicLit>(arena_, pos(offset));
      b->tok = t.kind == K::Null ? Tok::Null : t.literal == "true" ? Tok::True : Tok::False;
      b->raw = t.kind == K::Null ? "null" : b->tok == Tok::True ? "true" : "false";
      return b;
    }
    case K::NotFinite:
      diags_.error(pos(offset),
                   fmt::format("unsupported YAML number {}: CUE has no infinity or NaN", s));
      return bad(offset);
    case K::Int:
    case K::Float: break;
  }
  BasicLit* b = make_at<BasicLit>(arena_, pos(offset));
  b->tok = t.kind == K::Int ? Tok::Int : Tok::Float;
  // The literal is the scalar itself when it is written as CUE writes it (1500, 1.5).
  std::string_view unsigned_text = t.negative ? s.substr(1) : s;
  b->raw = t.literal == unsigned_text ? stable(offset + (t.negative ? 1 : 0), unsigned_text)
                                      : arena_.copy(t.literal);
  if (!t.negative) return b;
  UnaryExpr* u = make_at<UnaryExpr>(arena_, pos(offset));
  u->op = Tok::Sub;
  u->x = b;
  return u;
}

// Describes CUE's reading ("the string \"on\"") and compares it with YAML 1.1's (Ansible's).
void YamlTyping::warn_if_yaml11_differs(uint32_t offset, std::string_view s, const Node* r) {
  using K = TypedScalar::Kind;
  K k12 = K::String;
  std::string v12;
  const Node* lit = r;
  bool neg = false;
  if (auto* u = as<UnaryExpr>(r)) {
    lit = u->x;
    neg = true;
  }
  if (auto* b = as<BasicLit>(lit)) {
    switch (b->tok) {
      case Tok::Null: k12 = K::Null; break;
      case Tok::True:
        k12 = K::Bool;
        v12 = "true";
        break;
      case Tok::False:
        k12 = K::Bool;
        v12 = "false";
        break;
      case Tok::Float: k12 = K::Float; break;
      case Tok::Int: {
        k12 = K::Int;
        std::string_view raw = b->raw;
        if (raw.substr(0, 2) == "0x")
          v12 = digits_to_decimal(raw.substr(2), 16);
        else if (raw.substr(0, 2) == "0o")
          v12 = digits_to_decimal(raw.substr(2), 8);
        else if (raw.substr(0, 2) == "0b")
          v12 = digits_to_decimal(raw.substr(2), 2);
        else
          v12 = std::string(raw);
        if (neg && v12 != "0") v12.insert(v12.begin(), '-');
        break;
      }
      default: break;
    }
  } else {
    return;  // an error was reported already
  }
  // YAML 1.1's non-strings that start with a letter are its null and bool words, of 5 letters
  // at most: a longer word is a string to both (most plain strings, checked without regexes).
  bool letter = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
  if (k12 == K::String && letter && s.size() > 5) return;
  TypedScalar t = resolve_yaml11(s);
  bool same =
      t.kind == k12 && (k12 == K::String || k12 == K::Null || k12 == K::Float || t.text == v12);
  if (same) return;
  auto describe = [&](K k, const std::string& v) -> std::string {
    switch (k) {
      case K::String: return fmt::format("the string \"{}\"", s);
      case K::Null: return "null";
      case K::Bool: return "the bool " + v;
      case K::Int: return "the integer " + v;
      case K::Float: return "a float";
      case K::Timestamp: return "a timestamp";
      default: return "something else";
    }
  };
  diags_.warning(pos(offset),
                 fmt::format("\"{}\" is {} here (as CUE reads YAML) but {} to Ansible (YAML 1.1); "
                             "quote it if it must be a string everywhere",
                             s, describe(k12, v12), describe(t.kind, t.text)));
}

}  // namespace cfgc::encoding
