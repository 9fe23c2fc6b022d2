#include "compiler/encoding/yaml_adapter.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yaml11.h"
#include "compiler/encoding/yaml_documents.h"
#include "compiler/encoding/yaml_scalar.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

namespace {

class Converter {
 public:
  Converter(Arena& arena, const SourceFile& src, Diagnostics& diags, YamlMode mode,
            bool warn_yaml11)
      : arena_(arena),
        src_(src),
        diags_(diags),
        mode_(mode),
        warn_yaml11_(warn_yaml11),
        max_values_(16 * src.content().size() + 200'000) {}

  File* document(const YAML::Node& doc) {
    File* f = arena_.make<File>();
    f->source = &src_;
    f->pos = src_.pos(0);
    f->end = src_.pos(static_cast<uint32_t>(src_.content().size()));
    std::vector<Node*> decls;
    if (doc.IsMap()) {
      // A mapping at the top: its keys are the file's top-level fields.
      open_.push_back(doc);
      for (Node* d : fields(doc, 0)) decls.push_back(d);
      open_.pop_back();
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

  bool ansible() const { return mode_ != YamlMode::Cue; }

  // The text of a mapping key, or false if the key is not a scalar. In the Ansible modes keys
  // are typed like values and printed as ansible-inventory's JSON prints them.
  bool key_text(const YAML::Node& k, std::string& out) const {
    if (ansible() && k.IsNull()) {
      out = "null";
      return true;
    }
    if (!k.IsScalar()) return false;
    out = k.Scalar();
    if (mode_ == YamlMode::Ansible && k.Tag() == "?") {
      TypedScalar t = resolve_yaml11(out);
      if (t.kind != TypedScalar::Kind::Invalid && t.kind != TypedScalar::Kind::NotFinite) {
        out = json_key_text(t);
      }
    }
    return true;
  }

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
    // Merge keys (`<<: *defaults`) expand where they are written, as cue orders them: a merged
    // key takes the place where it first appears, and an explicit key written later keeps that
    // place. Values follow the YAML merge rules (as PyYAML, hence Ansible, applies them): an
    // explicit key always wins (cue v0.4 lets a later merge override it), a later `<<` wins
    // over an earlier one, and in `<<: [*a, *b]` the earlier mapping wins.
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    std::unordered_map<std::string, size_t> merged_at;  // merged key -> its entry, until an
                                                        // explicit key replaces it
    std::unordered_set<std::string> placed;             // keys with an entry
    bool merging = false;
    auto merge = [&](const YAML::Node& m) {
      for (auto it = m.begin(); it != m.end(); ++it) {
        std::string key;
        if (!key_text(it->first, key)) {
          entries.emplace_back(it->first, it->second);  // reported below
          continue;
        }
        if (auto at = merged_at.find(key); at != merged_at.end()) {
          entries[at->second].second = it->second;
        } else if (placed.insert(key).second) {
          merged_at.emplace(std::move(key), entries.size());
          entries.emplace_back(it->first, it->second);
        }
      }
    };
    for (auto it = map.begin(); it != map.end(); ++it) {
      YAML::Node k = it->first, v = it->second;
      if (k.IsScalar() && k.Tag() == "?" && k.Scalar() == "<<") {
        if (!merging) {  // the bookkeeping starts with the first merge key
          merging = true;
          for (const auto& e : entries) {
            if (std::string key; key_text(e.first, key)) placed.insert(std::move(key));
          }
        }
        if (v.IsMap()) {
          merge(v);
        } else if (v.IsSequence()) {
          std::vector<YAML::Node> maps;
          for (const auto& m : v) {
            if (m.IsMap()) maps.push_back(m);
          }
          for (auto m = maps.rbegin(); m != maps.rend(); ++m) merge(*m);
        } else {
          diags_.error(pos_of(k), "merge key << needs a mapping or a list of mappings");
        }
        continue;
      }
      if (std::string key; merging && key_text(k, key)) {
        if (auto at = merged_at.find(key); at != merged_at.end()) {
          entries[at->second] = {k, v};
          merged_at.erase(at);
          continue;
        }
        placed.insert(std::move(key));
      }
      entries.emplace_back(k, v);
    }
    std::unordered_map<std::string, size_t> index;  // key -> its field in out
    for (auto& [k, v] : entries) {
      std::string key;
      if (!key_text(k, key)) {
        diags_.error(pos_of(k), "only scalar mapping keys are supported");
        continue;
      }
      auto [it, fresh] = index.emplace(key, out.size());
      if (!fresh) {
        Pos first = out[it->second]->pos;
        Diagnostic d;
        d.severity = ansible() ? Severity::Warning : Severity::Error;
        d.pos = pos_of(k);
        d.message = fmt::format("duplicate key \"{}\" (first at line {}){}", key,
                                src_.line_col(src_.file_offset(first)).line,
                                ansible() ? ": the last one is used, as Ansible does" : "");
        d.related.push_back(first);
        diags_.add(std::move(d));
        if (!ansible()) continue;
      }
      Field* f = make<Field>(k);
      f->label = data_label(arena_, key, pos_of(k), pos_of(k));
      f->colon = pos_of(k);
      f->value = value(v, depth + 1, pos_of(k));
      f->end = f->value->end;
      if (fresh) {
        out.push_back(f);
      } else {
        out[it->second] = f;  // Python's dict: the first key's place, the last key's value
      }
    }
    return out;
  }

  // A null written as nothing (`key:`) has the position of what follows it: use the key's.
  bool written_null(const YAML::Node& n) const {
    int p = n.Mark().pos;
    if (p < 0 || static_cast<size_t>(p) >= src_.content().size()) return false;
    std::string_view rest = src_.content().substr(static_cast<size_t>(p));
    for (std::string_view w : {"~", "null", "Null", "NULL"}) {
      if (rest.rfind(w, 0) != 0) continue;
      if (rest.size() == w.size()) return true;
      if (std::string_view(" \t\r\n,]}#").find(rest[w.size()]) != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }

  Node* value(const YAML::Node& n, int depth, Pos key_pos = Pos{}) {
    if (depth > kMaxDepth) {
      diags_.error(pos_of(n), fmt::format("nesting too deep: more than {} levels", kMaxDepth));
      return make<BadExpr>(n);
    }
    // Aliases share nodes: a cycle, or anchors nested in anchors ("billion laughs"), would
    // expand without end.
    if (++values_ > max_values_) {
      if (values_ == max_values_ + 1) {
        diags_.error(key_pos.valid() ? key_pos : pos_of(n),
                     fmt::format("aliases expand this file to more than {} values (stopped at this "
                                 "one; an anchor nested in anchors multiplies)",
                                 max_values_));
      }
      return make<BadExpr>(n);
    }
    if (n.IsMap() || n.IsSequence()) {
      for (const YAML::Node& o : open_) {
        if (!o.is(n)) continue;
        diags_.error(key_pos.valid() ? key_pos : pos_of(n),
                     fmt::format("an alias refers to a {} that contains it: the value would be "
                                 "infinite (anchored at line {})",
                                 n.IsMap() ? "mapping" : "list",
                                 src_.line_col(src_.file_offset(pos_of(n))).line));
        return make<BadExpr>(n);
      }
    }
    if (n.IsMap()) {
      open_.push_back(n);
      StructLit* s = make<StructLit>(n);
      s->lbrace = s->rbrace = pos_of(n);
      s->elts = arena_.copy(fields(n, depth));
      open_.pop_back();
      return s;
    }
    if (n.IsSequence()) {
      open_.push_back(n);
      ListLit* l = make<ListLit>(n);
      l->lbrack = l->rbrack = pos_of(n);
      std::vector<Node*> elems;
      for (const auto& e : n) elems.push_back(value(e, depth + 1));
      l->elts = arena_.copy(elems);
      open_.pop_back();
      return l;
    }
    if (n.IsNull()) {
      if (ansible() && (n.Tag() == "!" || n.Tag() == kStrTag || n.Tag() == "!unsafe")) {
        return string_lit(n, "");
      }
      BasicLit* b = make<BasicLit>(n);
      b->tok = Tok::Null;
      b->raw = "null";
      if (ansible() && key_pos.valid() && !written_null(n)) b->pos = b->end = key_pos;
      return b;
    }
    if (mode_ == YamlMode::AnsibleJson) return json_scalar(n);
    return mode_ == YamlMode::Ansible ? ansible_scalar(n) : scalar(n);
  }

  // A scalar of JSON text (the caller checked that it is JSON): numbers as Python's json
  // module reads them (floats are doubles).
  Node* json_scalar(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    if (n.Tag() != "?") return string_lit(n, s);
    using K = TypedScalar::Kind;
    TypedScalar t;
    if (s == "true" || s == "false") {
      t = {K::Bool, s};
    } else if (s == "null") {
      t = {K::Null, ""};
    } else if (s.find_first_of(".eE") != std::string::npos) {
      double d = 0;
      auto r = std::from_chars(s.data(), s.data() + s.size(), d);
      if (r.ec != std::errc() || !std::isfinite(d)) {
        diags_.error(pos_of(n), fmt::format("unsupported JSON number {}: CUE has no infinity", s));
        return make<BadExpr>(n);
      }
      t = {K::Float, python_float_repr(d)};
    } else {
      bool neg = !s.empty() && s[0] == '-';
      std::string dec = digits_to_decimal(std::string_view(s).substr(neg ? 1 : 0), 10);
      t = {K::Int, neg && dec != "0" ? "-" + dec : dec};
    }
    return typed_scalar_node(arena_, pos_of(n), t);
  }

  static constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

  // A scalar as Ansible reads YAML (YAML 1.1, Ansible's own tags).
  Node* ansible_scalar(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    const std::string& tag = n.Tag();
    if (tag == "!" || tag == kStrTag || tag == "!unsafe") return string_lit(n, s);
    if (tag == "!vault") {
      // Encrypted: a string whose value cfgc cannot know.
      Ident* id = make<Ident>(n);
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
        diags_.error(pos_of(n), fmt::format("unsupported YAML tag {}", tag));
        return make<BadExpr>(n);
      }
      if (t.kind != *want) {
        diags_.error(pos_of(n), fmt::format("{:?} does not fit its tag {}", s, tag));
        return make<BadExpr>(n);
      }
    }
    if (t.kind == K::NotFinite) {
      diags_.error(pos_of(n),
                   fmt::format("unsupported YAML number {}: CUE has no infinity or NaN", s));
      return make<BadExpr>(n);
    }
    if (t.kind == K::Invalid) {
      diags_.error(pos_of(n), t.text);
      return make<BadExpr>(n);
    }
    return typed_scalar_node(arena_, pos_of(n), t);
  }

  // A plain scalar as CUE reads it (yaml_scalar.h).
  Node* scalar(const YAML::Node& n) {
    Node* r = scalar12(n);
    if (warn_yaml11_ && n.Tag() == "?") warn_if_yaml11_differs(n, r);
    return r;
  }

  // Describes CUE's reading ("the string \"on\"") and compares it with YAML 1.1's (Ansible's).
  void warn_if_yaml11_differs(const YAML::Node& n, const Node* r) {
    using K = TypedScalar::Kind;
    const std::string& s = n.Scalar();
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
    } else if (!as<BasicLit>(lit)) {
      return;  // an error was reported already
    }
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
    diags_.warning(
        pos_of(n),
        fmt::format("\"{}\" is {} here (as CUE reads YAML) but {} to Ansible (YAML 1.1); "
                    "quote it if it must be a string everywhere",
                    s, describe(k12, v12), describe(t.kind, t.text)));
  }

  Node* scalar12(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    const std::string& tag = n.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str") return string_lit(n, s);
    using K = CueYamlScalar::Kind;
    CueYamlScalar t = resolve_cue_yaml_scalar(s);
    switch (t.kind) {
      case K::String: return string_lit(n, s);
      case K::Null:
      case K::Bool: {
        BasicLit* b = make<BasicLit>(n);
        b->tok = t.kind == K::Null ? Tok::Null : t.literal == "true" ? Tok::True : Tok::False;
        b->raw = t.kind == K::Null ? "null" : b->tok == Tok::True ? "true" : "false";
        return b;
      }
      case K::NotFinite:
        diags_.error(pos_of(n),
                     fmt::format("unsupported YAML number {}: CUE has no infinity or NaN", s));
        return make<BadExpr>(n);
      case K::Int:
      case K::Float: break;
    }
    BasicLit* b = make<BasicLit>(n);
    b->tok = t.kind == K::Int ? Tok::Int : Tok::Float;
    b->raw = arena_.copy(t.literal);
    if (!t.negative) return b;
    UnaryExpr* u = make<UnaryExpr>(n);
    u->op = Tok::Sub;
    u->x = b;
    return u;
  }

  Arena& arena_;
  const SourceFile& src_;
  Diagnostics& diags_;
  YamlMode mode_;
  bool warn_yaml11_ = false;
  std::vector<YAML::Node> open_;  // the mappings and lists being converted, outermost first
  size_t values_ = 0;             // values converted so far, aliases counted each time
  size_t max_values_;
};

}  // namespace

std::vector<File*> parse_yaml(Arena& arena, const SourceFile& src, Diagnostics& diags,
                              YamlMode mode, bool warn_yaml11) {
  std::vector<File*> out;
  Converter c(arena, src, diags, mode, warn_yaml11 && mode == YamlMode::Cue);
  try {
    std::vector<YAML::Node> docs = load_yaml_documents(src.content());
    for (const auto& d : docs) out.push_back(c.document(d));
  } catch (const YAML::Exception& e) {
    int p = e.mark.pos;
    Pos at = p >= 0 && static_cast<size_t>(p) <= src.content().size()
                 ? src.pos(static_cast<uint32_t>(p))
                 : src.pos(0);
    // A tab in the indentation is the usual cause of yaml-cpp's vaguer messages.
    auto lc = src.line_col(src.file_offset(at));
    std::string_view line = src.line_text(lc.line);
    size_t indent_end = line.find_first_not_of(' ');
    if (indent_end != std::string_view::npos && line[indent_end] == '\t') {
      diags.error(src.pos(src.file_offset(at) - (lc.col - 1)),
                  "invalid YAML: a tab in the indentation (YAML allows only spaces there)");
    } else {
      diags.error(at, fmt::format("invalid YAML: {}", e.msg));
    }
  }
  return out;
}

}  // namespace cfgc::encoding
