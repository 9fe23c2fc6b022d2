#include "compiler/load/yaml_adapter.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <unordered_map>

namespace cfgc::load {

using namespace cfgc::syntax;

namespace {

class Converter {
 public:
  Converter(Arena& arena, const SourceFile& src, Diagnostics& diags) : arena_(arena), src_(src), diags_(diags) {}

  File* document(const YAML::Node& doc) {
    File* f = arena_.make<File>();
    f->source = &src_;
    f->pos = src_.pos(0);
    f->end = src_.pos(static_cast<uint32_t>(src_.content().size()));
    std::vector<Node*> decls;
    if (doc.IsMap()) {
      // A mapping at the top: its keys are the file's top-level fields.
      for (Node* d : fields(doc, 0)) decls.push_back(d);
    } else if (doc.IsDefined() && !doc.IsNull()) {
      EmbedDecl* e = make<EmbedDecl>(doc);
      e->expr = value(doc, 0);
      decls.push_back(e);
    }
    f->decls = arena_.copy(decls);
    return f;
  }

 private:
  static constexpr int kMaxDepth = 1000;

  Pos pos_of(const YAML::Node& n) const {
    int p = n.Mark().pos;
    if (p < 0 || static_cast<size_t>(p) > src_.content().size()) return src_.pos(0);
    return src_.pos(static_cast<uint32_t>(p));
  }

  template <class T>
  T* make(const YAML::Node& at) {
    T* n = arena_.make<T>();
    n->pos = n->end = pos_of(at);
    return n;
  }

  BasicLit* string_lit(const YAML::Node& at, std::string_view s) {
    BasicLit* b = make<BasicLit>(at);
    b->tok = Tok::String;
    b->value = arena_.copy(s);
    b->raw = b->value;
    return b;
  }

  std::vector<Node*> fields(const YAML::Node& map, int depth) {
    std::vector<Node*> out;
    std::unordered_map<std::string, Pos> seen;
    // Merge keys first (explicit keys win over merged ones).
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    std::vector<YAML::Node> merged;
    for (auto it = map.begin(); it != map.end(); ++it) {
      YAML::Node k = it->first, v = it->second;
      if (k.IsScalar() && k.Tag() == "?" && k.Scalar() == "<<") {
        if (v.IsMap()) {
          merged.push_back(v);
        } else if (v.IsSequence()) {
          for (const auto& m : v) {
            if (m.IsMap()) merged.push_back(m);
          }
        } else {
          diags_.error(pos_of(k), "merge key << needs a mapping or a list of mappings");
        }
        continue;
      }
      entries.emplace_back(k, v);
    }
    for (const auto& m : merged) {
      for (auto it = m.begin(); it != m.end(); ++it) {
        std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
        bool explicit_key = false;
        for (auto& [k, v] : entries) explicit_key |= k.IsScalar() && k.Scalar() == key;
        if (!explicit_key) entries.emplace_back(it->first, it->second);
      }
    }
    for (auto& [k, v] : entries) {
      if (!k.IsScalar()) {
        diags_.error(pos_of(k), "only scalar mapping keys are supported");
        continue;
      }
      const std::string& key = k.Scalar();
      auto [it, fresh] = seen.emplace(key, pos_of(k));
      if (!fresh) {
        Diagnostic d;
        d.pos = pos_of(k);
        d.message = fmt::format("duplicate key \"{}\" (first at line {})", key,
                                src_.line_col(src_.file_offset(it->second)).line);
        d.related.push_back(it->second);
        diags_.add(std::move(d));
        continue;
      }
      Field* f = make<Field>(k);
      f->label = string_lit(k, key);
      f->colon = pos_of(k);
      f->value = value(v, depth + 1);
      f->end = f->value->end;
      out.push_back(f);
    }
    return out;
  }

  Node* value(const YAML::Node& n, int depth) {
    if (depth > kMaxDepth) {
      diags_.error(pos_of(n), fmt::format("nesting too deep: more than {} levels", kMaxDepth));
      return make<BadExpr>(n);
    }
    if (n.IsMap()) {
      StructLit* s = make<StructLit>(n);
      s->lbrace = s->rbrace = pos_of(n);
      s->elts = arena_.copy(fields(n, depth));
      return s;
    }
    if (n.IsSequence()) {
      ListLit* l = make<ListLit>(n);
      l->lbrack = l->rbrack = pos_of(n);
      std::vector<Node*> elems;
      for (const auto& e : n) elems.push_back(value(e, depth + 1));
      l->elts = arena_.copy(elems);
      return l;
    }
    if (n.IsNull()) {
      BasicLit* b = make<BasicLit>(n);
      b->tok = Tok::Null;
      b->raw = "null";
      return b;
    }
    return scalar(n);
  }

  // YAML 1.2 core schema resolution of a plain scalar.
  Node* scalar(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    const std::string& tag = n.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str") return string_lit(n, s);
    static const RE2 null_re("null|Null|NULL|~|");
    static const RE2 true_re("true|True|TRUE");
    static const RE2 false_re("false|False|FALSE");
    static const RE2 int_re("[-+]?[0-9]+");
    static const RE2 oct_re("0o[0-7]+");
    static const RE2 hex_re("0x[0-9a-fA-F]+");
    static const RE2 float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    static const RE2 special_re(R"([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)");
    if (RE2::FullMatch(s, null_re)) {
      BasicLit* b = make<BasicLit>(n);
      b->tok = Tok::Null;
      b->raw = "null";
      return b;
    }
    if (RE2::FullMatch(s, true_re) || RE2::FullMatch(s, false_re)) {
      BasicLit* b = make<BasicLit>(n);
      b->tok = RE2::FullMatch(s, true_re) ? Tok::True : Tok::False;
      b->raw = b->tok == Tok::True ? "true" : "false";
      return b;
    }
    bool is_int = RE2::FullMatch(s, int_re) || RE2::FullMatch(s, oct_re) || RE2::FullMatch(s, hex_re);
    bool is_float = !is_int && RE2::FullMatch(s, float_re);
    if (RE2::FullMatch(s, special_re)) {
      diags_.error(pos_of(n), fmt::format("unsupported YAML number {}: CUE has no infinity or NaN", s));
      return make<BadExpr>(n);
    }
    if (is_int || is_float) {
      std::string_view digits = s;
      bool neg = false;
      if (digits[0] == '+' || digits[0] == '-') {
        neg = digits[0] == '-';
        digits.remove_prefix(1);
      }
      // Leading zeros mean nothing in YAML 1.2 (0755 is 755); CUE literals do not allow them.
      // (Built by appending: GCC 12 warns falsely about erase/insert here.)
      std::string_view body = digits;
      if (is_int && body.size() > 1 && body[0] == '0' && body[1] != 'x' && body[1] != 'o') {
        size_t nz = body.find_first_not_of('0');
        body = nz == std::string_view::npos ? std::string_view("0") : body.substr(nz);
      }
      std::string lit;
      if (is_float && body[0] == '.') lit.push_back('0');
      lit.append(body);
      if (is_float && lit.back() == '.') lit.push_back('0');
      BasicLit* b = make<BasicLit>(n);
      b->tok = is_int ? Tok::Int : Tok::Float;
      b->raw = arena_.copy(lit);
      if (!neg) return b;
      UnaryExpr* u = make<UnaryExpr>(n);
      u->op = Tok::Sub;
      u->x = b;
      return u;
    }
    return string_lit(n, s);
  }

  Arena& arena_;
  const SourceFile& src_;
  Diagnostics& diags_;
};

}  // namespace

std::vector<File*> parse_yaml(Arena& arena, const SourceFile& src, Diagnostics& diags) {
  std::vector<File*> out;
  Converter c(arena, src, diags);
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(src.content()));
    for (const auto& d : docs) out.push_back(c.document(d));
  } catch (const YAML::Exception& e) {
    int p = e.mark.pos;
    Pos at = p >= 0 && static_cast<size_t>(p) <= src.content().size() ? src.pos(static_cast<uint32_t>(p)) : src.pos(0);
    diags.error(at, fmt::format("invalid YAML: {}", e.msg));
  }
  return out;
}

}  // namespace cfgc::load
