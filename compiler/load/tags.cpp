#include "compiler/load/tags.h"

#include <fmt/format.h>

#include <map>
#include <optional>

#include <re2/re2.h>

#include "compiler/eval/number.h"

namespace cfgc::load {

using namespace cfgc::syntax;

namespace {

struct TagSpec {
  std::string name;
  std::string type = "string";
  std::vector<std::string> shorts;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "name,type=int,short=a|b"
std::optional<TagSpec> parse_spec(std::string_view body) {
  TagSpec t;
  size_t i = 0;
  bool first = true;
  while (i <= body.size()) {
    size_t comma = body.find(',', i);
    std::string_view part = trim(body.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
    if (first) {
      t.name = part;
      first = false;
    } else if (part.substr(0, 5) == "type=") {
      t.type = part.substr(5);
    } else if (part.substr(0, 6) == "short=") {
      std::string_view shorts = part.substr(6);
      size_t j = 0;
      while (j <= shorts.size()) {
        size_t bar = shorts.find('|', j);
        t.shorts.emplace_back(shorts.substr(j, bar == std::string_view::npos ? std::string_view::npos : bar - j));
        if (bar == std::string_view::npos) break;
        j = bar + 1;
      }
    }
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  if (t.name.empty()) return std::nullopt;
  return t;
}

struct Site {
  Field* field;
  Attribute* attr;
  TagSpec spec;
};

void collect(Node* n, std::vector<Site>& out, Diagnostics& diags) {
  if (!n) return;
  if (auto* f = as<Field>(n)) {
    for (Attribute* a : f->attrs()) {
      if (a->name() != "tag") continue;
      auto spec = parse_spec(a->body());
      if (!spec) {
        diags.error(a->pos, "invalid @tag attribute: expected @tag(name) or @tag(name,type=int)");
        continue;
      }
      if (spec->type != "string" && spec->type != "int" && spec->type != "number" && spec->type != "bool") {
        diags.error(a->pos, fmt::format("invalid @tag type \"{}\": want string, int, number or bool", spec->type));
        continue;
      }
      out.push_back({f, a, *spec});
    }
  }
  for_each_child(n, [&](Node* c) { collect(c, out, diags); });
}

}  // namespace

bool inject_tags(Arena& arena, std::span<File* const> files, const std::vector<std::string>& assignments,
                 Diagnostics& diags, const std::vector<std::string>& file_tags) {
  std::vector<Site> sites;
  for (File* f : files) collect(f, sites, diags);
  bool ok = !diags.has_errors();
  for (const std::string& a : assignments) {
    size_t eq = a.find('=');
    std::string name = eq == std::string::npos ? a : a.substr(0, eq);
    std::optional<std::string> value;
    if (eq != std::string::npos) value = a.substr(eq + 1);
    bool used = false;
    for (Site& s : sites) {
      std::string v;
      if (value && s.spec.name == name) {
        v = *value;
      } else if (!value && std::find(s.spec.shorts.begin(), s.spec.shorts.end(), name) != s.spec.shorts.end()) {
        v = name;  // -t prod, with @tag(env,short=prod|staging)
      } else {
        continue;
      }
      used = true;
      Pos at = s.attr->pos;
      BasicLit* lit = arena.make<BasicLit>();
      lit->pos = lit->end = at;
      lit->flags = kTokSecret;
      if (s.spec.type == "string") {
        lit->tok = Tok::String;
        lit->value = arena.copy(v);
        lit->raw = lit->value;
      } else if (s.spec.type == "bool") {
        if (v != "true" && v != "false") {
          diags.error(at, fmt::format("tag {}: the value is not a bool (want true or false)", s.spec.name));
          ok = false;
          continue;
        }
        lit->tok = v == "true" ? Tok::True : Tok::False;
        lit->raw = v == "true" ? "true" : "false";
      } else {
        bool is_float = v.find_first_of(".eE") != std::string::npos;
        std::string digits = v;
        bool neg = !digits.empty() && digits[0] == '-';
        if (neg) digits.erase(0, 1);
        static const RE2 kNumber(R"([0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
        if (!RE2::FullMatch(digits, kNumber) || !eval::Number::parse(digits, is_float) ||
            (s.spec.type == "int" && is_float)) {
          diags.error(at, fmt::format("tag {}: the value is not {}", s.spec.name,
                                      s.spec.type == "int" ? "an integer" : "a number"));
          ok = false;
          continue;
        }
        lit->tok = is_float ? Tok::Float : Tok::Int;
        lit->raw = arena.copy(digits);
        if (neg) {
          UnaryExpr* u = arena.make<UnaryExpr>();
          u->pos = u->end = at;
          u->op = Tok::Sub;
          u->x = lit;
          BinaryExpr* b = arena.make<BinaryExpr>();
          b->pos = s.field->value->pos;
          b->end = s.field->value->end;
          b->op = Tok::And;
          b->x = s.field->value;
          b->y = u;
          s.field->value = b;
          continue;
        }
      }
      BinaryExpr* b = arena.make<BinaryExpr>();
      b->pos = s.field->value->pos;
      b->end = s.field->value->end;
      b->op = Tok::And;
      b->x = s.field->value;
      b->y = lit;
      s.field->value = b;
    }
    if (!used && !value && std::find(file_tags.begin(), file_tags.end(), name) != file_tags.end()) used = true;
    if (!used) {
      Diagnostic d;
      d.message = value ? fmt::format("unknown tag \"{}\": no field has @tag({})", name, name)
                        : fmt::format("unknown tag \"{}\": give -t name=value, or declare it as a short name", name);
      diags.add(std::move(d));
      ok = false;
    }
  }
  return ok;
}

}  // namespace cfgc::load
