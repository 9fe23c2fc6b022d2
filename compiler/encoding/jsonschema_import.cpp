#include "compiler/encoding/jsonschema_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "compiler/base/quote.h"
#include "compiler/encoding/cue_text.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/data_members.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

namespace {

using cuetext::conj;
using cuetext::Expr;
using cuetext::regex_escape;
using cuetext::regex_literal;

bool is_number(const Node* n) {
  if (auto* u = as<UnaryExpr>(n)) n = u->x;
  auto* b = as<BasicLit>(n);
  return b && (b->tok == Tok::Int || b->tok == Tok::Float);
}

// A data value on one line: as CUE (for enum, const and default) or as JSON (for comments).
std::string literal(const Node* n, bool json) {
  if (auto* u = as<UnaryExpr>(n)) return std::string("-") + literal(u->x, json);
  if (auto* b = as<BasicLit>(n)) {
    if (b->tok == Tok::String) return json ? json_quote(b->value) : cue_quote(b->value);
    return std::string(b->raw);
  }
  if (auto* l = as<ListLit>(n)) {
    std::string out = "[";
    for (size_t i = 0; i < l->elts.size(); ++i) {
      if (i) out += ", ";
      out += literal(l->elts[i], json);
    }
    return out + "]";
  }
  if (auto* s = as<StructLit>(n)) {
    std::string out = "{";
    bool first = true;
    for (const Node* d : s->elts) {
      auto* f = as<Field>(d);
      if (!f) continue;
      out += first ? "" : ", ";
      first = false;
      out += (json ? json_quote(key_of(f)) : label_text(key_of(f))) + std::string(": ") +
             literal(f->value, json);
    }
    return out + "}";
  }
  return "_|_";
}

// a | b | …; `_` absorbs the rest.
Expr disj(const std::vector<Expr>& parts) {
  if (parts.empty()) return {"_|_", Expr::Atom};
  if (parts.size() == 1) return parts[0];
  std::string out;
  for (const Expr& e : parts) {
    if (e.text == "_") return e;
    if (!out.empty()) out += " | ";
    out += e.text;
  }
  return {out, Expr::Or};
}

std::string indent(int depth) { return std::string(static_cast<size_t>(depth), '\t'); }

// The translation of one schema document.
class SchemaImporter {
 public:
  SchemaImporter(const DataDocument& doc, const JsonSchemaOptions& opts, Diagnostics& diags)
      : doc_(doc), opts_(opts), diags_(diags) {}

  Result<std::string> run() {
    const Node* root = doc_.value;
    if (!opts_.root_is_schema) {
      collect_definitions(root);
      if (error_) return *error_;
      return with_imports(definitions_text(false));
    }
    if (!as<StructLit>(root) && !(as<BasicLit>(root) && (as<BasicLit>(root)->tok == Tok::True ||
                                                         as<BasicLit>(root)->tok == Tok::False))) {
      return Error{"not a JSON Schema: a schema is an object (or true or false)", root->pos};
    }
    if (as<StructLit>(root) && !has_schema_keyword(root)) {
      return Error{
          "not a JSON Schema: the top-level object has no JSON Schema keyword ($schema, "
          "type, properties, $ref, …)",
          root->pos};
    }
    collect_definitions(root);
    if (error_) return *error_;

    std::string body;
    notes_.emplace_back();
    Expr r = translate(root, 0);
    std::vector<std::string> root_notes = std::move(notes_.back());
    notes_.pop_back();
    std::string root_name = "#" + opts_.root;
    body += "// The file is the root schema, " + root_name + ".\n" + root_name + "\n\n";
    if (auto* s = string_lit(member(root, "$schema"))) {
      notes_.emplace_back();
      note("// $schema: " + std::string(s->value));  // line breaks and bad bytes made safe
      for (const std::string& c : notes_.back()) body += c + "\n";
      notes_.pop_back();
    }
    for (const std::string& c : root_notes) body += c + "\n";
    body += root_name + ": " + r.text + "\n";
    body += definitions_text(true);
    return with_imports(std::move(body));
  }

 private:
  // The definitions, each after a blank line (and a first one too when `after` something).
  std::string definitions_text(bool after) {
    std::string body;
    for (const Definition& d : defs_) {
      notes_.emplace_back();
      Expr e = translate(d.schema, 0);
      std::vector<std::string> notes = std::move(notes_.back());
      notes_.pop_back();
      if (after || &d != &defs_.front()) body += "\n";
      if (d.name.substr(1) != d.key) {
        body += std::string("// ") + cue_quote(d.key) + " in " +
                (opts_.root_is_schema ? std::string("the schema") : d.section) + "\n";
      }
      for (const std::string& c : notes) body += c + "\n";
      body += d.name + ": " + e.text + "\n";
    }
    return body;
  }

  Result<std::string> with_imports(std::string body) {
    if (error_) return *error_;
    std::string out;
    if (imports_.size() == 1) {
      out += "import \"" + *imports_.begin() + "\"\n\n";
    } else if (!imports_.empty()) {
      out += "import (\n";
      for (const std::string& i : imports_) out += "\t\"" + i + "\"\n";
      out += ")\n\n";
    }
    return out + body;
  }

  struct Definition {
    std::string key;   // as written in the schema
    std::string name;  // #Name
    const Node* schema;
    std::string section;  // where: "components.schemas"
  };

  static bool has_schema_keyword(const Node* s) {
    static const std::set<std::string_view> kKeywords = {"$schema",
                                                         "$id",
                                                         "id",
                                                         "$ref",
                                                         "$comment",
                                                         "type",
                                                         "properties",
                                                         "items",
                                                         "enum",
                                                         "const",
                                                         "allOf",
                                                         "anyOf",
                                                         "oneOf",
                                                         "not",
                                                         "if",
                                                         "definitions",
                                                         "$defs",
                                                         "additionalProperties",
                                                         "patternProperties",
                                                         "required",
                                                         "prefixItems",
                                                         "additionalItems",
                                                         "title",
                                                         "description",
                                                         "default",
                                                         "minimum",
                                                         "maximum",
                                                         "exclusiveMinimum",
                                                         "exclusiveMaximum",
                                                         "multipleOf",
                                                         "pattern",
                                                         "minLength",
                                                         "maxLength",
                                                         "format",
                                                         "minItems",
                                                         "maxItems",
                                                         "uniqueItems",
                                                         "contains",
                                                         "minProperties",
                                                         "maxProperties",
                                                         "propertyNames",
                                                         "dependencies"};
    for (const Node* d : as<StructLit>(s)->elts) {
      if (auto* f = as<Field>(d); f && kKeywords.count(key_of(f))) return true;
    }
    return false;
  }

  void fail(Pos at, std::string message) {
    if (!error_) error_ = Error{std::move(message), at};
  }

  // Definition names: identifiers, made unique; `#Schema` (the root's name) is taken.
  void collect_definitions(const Node* root) {
    std::set<std::string> taken;
    if (opts_.root_is_schema) taken.insert("#" + opts_.root);
    for (const std::vector<std::string>& path : opts_.definitions) {
      const Node* defs = root;
      std::string section, pointer = "#";
      for (const std::string& key : path) {
        defs = defs ? member(defs, key) : nullptr;
        section += (section.empty() ? "" : ".") + key;
        pointer += "/" + key;
      }
      if (!defs) continue;
      auto* s = as<StructLit>(defs);
      if (!s) {
        fail(defs->pos, fmt::format("{} must be an object of schemas", section));
        return;
      }
      for (const Node* d : s->elts) {
        auto* f = as<Field>(d);
        if (!f) continue;
        std::string name;
        for (char c : key_of(f)) {
          bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '$';
          name += ok ? c : '_';
        }
        if (name.empty() || (name[0] >= '0' && name[0] <= '9') || name[0] == '_') {
          name = "D" + name;
        }
        std::string unique = "#" + name;
        for (int i = 2; taken.count(unique); ++i) unique = fmt::format("#{}_{}", name, i);
        taken.insert(unique);
        defs_.push_back({std::string(key_of(f)), unique, f->value, section});
        def_by_pointer_[fmt::format("{}/{}", pointer, key_of(f))] = unique;
      }
    }
  }

  // A `// …` comment line. Its text comes from the document (keys, $comment, $id): a line
  // break in it starts another `//` line (else the rest would be read as CUE) and bytes that are
  // not UTF-8 become U+FFFD (else the CUE text would not parse).
  void note(std::string_view line) {
    std::string_view rest = line;
    for (bool first = true;; first = false) {
      size_t nl = rest.find('\n');
      std::string part = cuetext::comment_text(rest.substr(0, nl));
      notes_.back().push_back(first ? std::move(part) : (part.empty() ? "//" : "// " + part));
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }

  static std::string short_json(const Node* n) {
    std::string value = literal(n, true);
    if (value.size() > 200) {
      size_t cut = 200;  // not inside a multi-byte character
      while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
      value = value.substr(0, cut) + "…";
    }
    return value;
  }

  void unsupported(const Field* f) {
    note(
        fmt::format("// cfgc import: unsupported keyword {}: {}", key_of(f), short_json(f->value)));
    diags_.warning(f->pos, fmt::format("unsupported keyword {}: kept as a comment", key_of(f)));
  }

  bool comment_keyword(std::string_view k) const {
    if (opts_.extensions_as_comments && k.starts_with("x-")) return true;
    return std::find(opts_.comment_keywords.begin(), opts_.comment_keywords.end(), k) !=
           opts_.comment_keywords.end();
  }

  // The comment lines of a title and a description.
  void annotation(const Node* title, const Node* description) {
    bool any = false;
    for (const Node* n : {title, description}) {
      auto* s = string_lit(n);
      if (!s) continue;
      if (any) note("//");
      any = true;
      std::string_view text = s->value;
      while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
      size_t start = 0;
      while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        note(line.empty() ? "//" : "// " + std::string(line));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
      }
    }
  }

  const Node* want_number(const Field* f) {
    if (!is_number(f->value)) fail(f->value->pos, fmt::format("{} must be a number", key_of(f)));
    return f->value;
  }
  std::string want_count(const Field* f) {
    auto* b = as<BasicLit>(f->value);
    if (!b || b->tok != Tok::Int) {
      fail(f->value->pos, fmt::format("{} must be a non-negative integer", key_of(f)));
      return "0";
    }
    return std::string(b->raw);
  }
  bool want_bool(const Field* f) {
    auto* b = as<BasicLit>(f->value);
    if (!b || (b->tok != Tok::True && b->tok != Tok::False)) {
      fail(f->value->pos, fmt::format("{} must be true or false", key_of(f)));
      return false;
    }
    return b->tok == Tok::True;
  }
  std::string_view want_string(const Field* f) {
    auto* s = string_lit(f->value);
    if (!s) {
      fail(f->value->pos, fmt::format("{} must be a string", key_of(f)));
      return {};
    }
    return s->value;
  }

  // The schema a `$ref` names.
  Expr reference(const Field* f) {
    std::string_view ref = want_string(f);
    if (error_) return {"_"};
    if (ref == "#") return {"#" + opts_.root};
    std::string decoded;  // JSON pointer escapes (~1 is '/', ~0 is '~') and %XX
    for (size_t i = 0; i < ref.size(); ++i) {
      if (ref[i] == '~' && i + 1 < ref.size() && (ref[i + 1] == '0' || ref[i + 1] == '1')) {
        decoded += ref[++i] == '0' ? '~' : '/';
      } else if (ref[i] == '%' && i + 2 < ref.size() && std::isxdigit(ref[i + 1]) &&
                 std::isxdigit(ref[i + 2])) {
        decoded += static_cast<char>(std::stoi(std::string(ref.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        decoded += ref[i];
      }
    }
    if (auto it = def_by_pointer_.find(decoded); it != def_by_pointer_.end()) return {it->second};
    if (decoded.rfind("#/", 0) != 0) {
      unsupported(f);  // another document, an $id or an anchor
      return {"_"};
    }
    // Another place in this document: its schema, written out here.
    const Node* target = doc_.value;
    size_t start = 2;
    while (target && start <= decoded.size()) {
      size_t slash = decoded.find('/', start);
      std::string part = decoded.substr(start, slash == std::string::npos ? slash : slash - start);
      if (auto* l = as<ListLit>(target)) {
        size_t idx = 0;
        bool digits = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
        if (digits) idx = std::stoul(part);
        target = digits && idx < l->elts.size() ? l->elts[idx] : nullptr;
      } else {
        target = member(target, part);
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    if (!target) {
      fail(f->value->pos, fmt::format("$ref {}: points nowhere in this document", cue_quote(ref)));
      return {"_"};
    }
    if (!inlining_.insert(target).second) {
      fail(f->value->pos, fmt::format("$ref {}: refers to itself through a schema that is not a "
                                      "definition (move it under $defs)",
                                      cue_quote(ref)));
      return {"_"};
    }
    Expr e = translate(target, depth_);
    inlining_.erase(target);
    return e;
  }

  Expr translate(const Node* schema, int depth) {
    int saved_depth = depth_;
    depth_ = depth;
    Expr e = translate_at(schema, depth);
    depth_ = saved_depth;
    return e;
  }

  Expr translate_at(const Node* schema, int depth) {
    if (auto* b = as<BasicLit>(schema); b && (b->tok == Tok::True || b->tok == Tok::False)) {
      return {b->tok == Tok::True ? "_" : "_|_"};
    }
    auto* s = as<StructLit>(schema);
    if (!s) {
      fail(schema->pos, "a schema must be an object, true or false");
      return {"_"};
    }
    if (depth > 200) {
      fail(schema->pos, "schema nested too deeply (more than 200 levels)");
      return {"_"};
    }
    annotation(member(s, "title"), member(s, "description"));

    enum Kind { Null, Bool, Int, Number, String, Array, Object };
    std::set<Kind> kinds;  // allowed; empty: every kind
    std::vector<Expr> num, str, arr, obj;
    std::vector<Expr> parts;  // conjuncts beyond the kind constraints
    std::optional<Expr> enumerated;
    const Node* default_value = nullptr;
    bool nullable = false;
    bool excl_min_bool = false, excl_max_bool = false;
    if (const Node* m = member(s, "exclusiveMinimum");
        m && as<BasicLit>(m) && as<BasicLit>(m)->tok == Tok::True) {
      excl_min_bool = true;
    }
    if (const Node* m = member(s, "exclusiveMaximum");
        m && as<BasicLit>(m) && as<BasicLit>(m)->tok == Tok::True) {
      excl_max_bool = true;
    }

    for (const Node* d : s->elts) {
      auto* f = as<Field>(d);
      if (!f) continue;
      std::string_view k = key_of(f);
      const Node* v = f->value;
      if (k == "title" || k == "description" || k == "$schema" || k == "definitions" ||
          k == "$defs") {
        continue;
      }
      if (comment_keyword(k)) {
        note(fmt::format("// {}: {}", k, short_json(v)));
      } else if (k == "nullable" && opts_.nullable) {
        nullable = want_bool(f);
      } else if (k == "$comment") {
        if (auto* c = string_lit(v)) note("// " + std::string(c->value));
      } else if (k == "$id" || (k == "id" && string_lit(v))) {
        if (auto* c = string_lit(v)) note("// " + std::string(k) + ": " + std::string(c->value));
      } else if (k == "type") {
        auto add = [&](const Node* t) {
          auto* n = string_lit(t);
          std::string_view name = n ? n->value : "";
          if (name == "null")
            kinds.insert(Null);
          else if (name == "boolean")
            kinds.insert(Bool);
          else if (name == "integer")
            kinds.insert(Int);
          else if (name == "number")
            kinds.insert(Number);
          else if (name == "string")
            kinds.insert(String);
          else if (name == "array")
            kinds.insert(Array);
          else if (name == "object")
            kinds.insert(Object);
          else
            fail(t->pos, fmt::format("unknown type {} (want null, boolean, integer, number, "
                                     "string, array or object)",
                                     literal(t, true)));
        };
        if (auto* l = as<ListLit>(v)) {
          for (const Node* t : l->elts) add(t);
        } else {
          add(v);
        }
      } else if (k == "enum") {
        auto* l = as<ListLit>(v);
        if (!l) {
          fail(v->pos, "enum must be a list of values");
          continue;
        }
        std::vector<Expr> alts;
        for (const Node* e : l->elts) alts.push_back({literal(e, false)});
        enumerated = disj(alts);
      } else if (k == "const") {
        enumerated = Expr{literal(v, false)};
      } else if (k == "default") {
        default_value = v;
      } else if (k == "$ref") {
        parts.push_back(reference(f));
      } else if (k == "allOf" || k == "anyOf" || k == "oneOf") {
        auto* l = as<ListLit>(v);
        if (!l || l->elts.empty()) {
          fail(v->pos, fmt::format("{} must be a non-empty list of schemas", k));
          continue;
        }
        std::vector<Expr> subs;
        for (const Node* e : l->elts) subs.push_back(translate(e, depth));
        parts.push_back(k == "allOf" ? conj(subs) : disj(subs));
      } else if (k == "minimum" || k == "maximum") {
        bool excl = k == "minimum" ? excl_min_bool : excl_max_bool;
        std::string op = k == "minimum" ? (excl ? ">" : ">=") : (excl ? "<" : "<=");
        num.push_back({op + literal(want_number(f), false)});
      } else if (k == "exclusiveMinimum" || k == "exclusiveMaximum") {
        if (as<BasicLit>(v) &&
            (as<BasicLit>(v)->tok == Tok::True || as<BasicLit>(v)->tok == Tok::False)) {
          continue;  // draft 4: modifies minimum / maximum
        }
        num.push_back({(k == "exclusiveMinimum" ? ">" : "<") + literal(want_number(f), false)});
      } else if (k == "multipleOf") {
        imports_.insert("math");
        num.push_back({std::string("math.MultipleOf(") + literal(want_number(f), false) + ")"});
      } else if (k == "pattern") {
        str.push_back({std::string("=~") + regex_literal(want_string(f))});
      } else if (k == "minLength" || k == "maxLength") {
        imports_.insert("strings");
        str.push_back({fmt::format("strings.{}({})", k == "minLength" ? "MinRunes" : "MaxRunes",
                                   want_count(f))});
      } else if (k == "format") {
        std::string_view fmt_name = want_string(f);
        if (fmt_name == "ipv4" || fmt_name == "ipv6" || fmt_name == "hostname") {
          imports_.insert("net");
          str.push_back({fmt_name == "ipv4"   ? "net.IPv4"
                         : fmt_name == "ipv6" ? "net.IPv6"
                                              : "net.FQDN"});
        } else if (opts_.openapi_formats && (fmt_name == "int32" || fmt_name == "int64")) {
          num.push_back({std::string(fmt_name)});
        } else if (opts_.openapi_formats && (fmt_name == "float" || fmt_name == "double")) {
          num.push_back({fmt_name == "float" ? "float32" : "float64"});
        } else if (opts_.openapi_formats && fmt_name == "password") {
          note("// format: \"password\"");
        } else {
          unsupported(f);
        }
      } else if (k == "items" || k == "prefixItems" || k == "additionalItems" || k == "minItems" ||
                 k == "maxItems" || k == "uniqueItems") {
        continue;  // array(), below
      } else if (k == "properties" || k == "required" || k == "additionalProperties" ||
                 k == "patternProperties" || k == "minProperties" || k == "maxProperties") {
        continue;  // object(), below
      } else {
        unsupported(f);
      }
    }
    if (error_) return {"_"};
    bool has_array = member(s, "items") || member(s, "prefixItems") || member(s, "minItems") ||
                     member(s, "maxItems") || member(s, "uniqueItems") ||
                     member(s, "additionalItems");
    bool has_object = member(s, "properties") || member(s, "required") ||
                      member(s, "additionalProperties") || member(s, "patternProperties") ||
                      member(s, "minProperties") || member(s, "maxProperties");
    bool any_kind = kinds.empty();
    auto allowed = [&](Kind k) {
      if (any_kind) return true;
      if (k == Int) return kinds.count(Int) || kinds.count(Number);
      return kinds.count(k) > 0;
    };
    std::vector<Expr> alts;
    bool constrained = !num.empty() || !str.empty() || has_array || has_object;
    if (allowed(Null)) alts.push_back({"null"});
    if (allowed(Bool)) alts.push_back({"bool"});
    if (allowed(Int) || allowed(Number)) {
      bool integer = !any_kind && kinds.count(Int) && !kinds.count(Number);
      std::vector<Expr> c;
      bool bounded = std::any_of(num.begin(), num.end(), [](const Expr& e) {
        return e.text[0] == '<' || e.text[0] == '>';
      });
      // OpenAPI's int32 and int64 are integers, float32 and float64 numbers, of their own
      bool sized_int = std::any_of(num.begin(), num.end(), [](const Expr& e) {
        return e.text == "int32" || e.text == "int64";
      });
      bool sized = sized_int || std::any_of(num.begin(), num.end(), [](const Expr& e) {
                     return e.text == "float32" || e.text == "float64";
                   });
      if (!sized_int && (integer || !(bounded || sized))) c.push_back({integer ? "int" : "number"});
      c.insert(c.end(), num.begin(), num.end());
      alts.push_back(conj(c));
    }
    if (allowed(String)) {
      std::vector<Expr> c;
      bool matched = std::any_of(str.begin(), str.end(),
                                 [](const Expr& e) { return e.text.rfind("=~", 0) == 0; });
      if (!matched) c.push_back({"string"});
      c.insert(c.end(), str.begin(), str.end());
      alts.push_back(conj(c));
    }
    if (allowed(Array)) alts.push_back(array(s, depth));
    if (allowed(Object)) alts.push_back(object(s, depth));
    Expr kind_expr = any_kind && !constrained ? Expr{"_"} : disj(alts);
    if (enumerated && !constrained) kind_expr = {"_"};  // the values say it all
    std::vector<Expr> all = {kind_expr};
    if (enumerated) all.push_back(*enumerated);
    all.insert(all.end(), parts.begin(), parts.end());
    Expr e = conj(all);
    if (nullable && e.text != "_" && e.text != "null" && !e.text.starts_with("null | ")) {
      e = disj({Expr{"null"}, e});
    }
    if (default_value) {
      Expr with_default{std::string("*") + literal(default_value, false) + " | " + e.text,
                        Expr::Or};
      return with_default;
    }
    return e;
  }

  Expr array(const StructLit* s, int depth) {
    const Node* items = member(s, "items");
    const Node* prefix = member(s, "prefixItems");
    const Node* additional = member(s, "additionalItems");
    std::vector<Expr> tuple;
    const Node* rest = nullptr;
    bool is_tuple = false;
    if (prefix) {
      auto* l = as<ListLit>(prefix);
      if (!l) {
        fail(prefix->pos, "prefixItems must be a list of schemas");
        return {"_"};
      }
      for (const Node* e : l->elts) tuple.push_back(translate(e, depth));
      rest = items;
      is_tuple = true;
    } else if (auto* l = as<ListLit>(items)) {
      for (const Node* e : l->elts) tuple.push_back(translate(e, depth));
      rest = additional;
      is_tuple = true;
    } else {
      rest = items;
    }
    std::string rest_text = "...";
    bool closed = false;
    if (rest) {
      Expr r = translate(rest, depth);
      if (r.text == "_|_") {
        closed = true;
      } else if (r.text != "_") {
        rest_text += r.prec == Expr::Atom ? r.text : "(" + r.text + ")";
      }
    }
    std::vector<Expr> forms;
    size_t min_items = 0;
    if (const Node* m = member(s, "minItems");
        m && as<BasicLit>(m) && as<BasicLit>(m)->tok == Tok::Int) {
      min_items = std::stoul(std::string(as<BasicLit>(m)->raw));
    }
    auto items_text = [&](size_t n, bool open) {
      std::string out = "[";
      for (size_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        out += tuple[i].text;
      }
      if (open) out += std::string(n ? ", " : "") + rest_text;
      return out + "]";
    };
    if (is_tuple) {
      // JSON Schema accepts shorter arrays too: every prefix of the tuple.
      for (size_t n = std::min(min_items, tuple.size()); n < tuple.size(); ++n) {
        forms.push_back({items_text(n, false)});
      }
      forms.push_back({items_text(tuple.size(), !closed)});
    } else {
      forms.push_back({closed ? "[]" : "[" + rest_text + "]"});
    }
    std::vector<Expr> c;
    for (std::string_view k : {"minItems", "maxItems"}) {
      for (const Node* d : s->elts) {
        auto* f = as<Field>(d);
        if (f && key_of(f) == k) {
          imports_.insert("list");
          c.push_back({fmt::format("list.{}({})", k == "minItems" ? "MinItems" : "MaxItems",
                                   want_count(f))});
        }
      }
    }
    for (const Node* d : s->elts) {
      auto* f = as<Field>(d);
      if (f && key_of(f) == "uniqueItems" && want_bool(f)) {
        imports_.insert("list");
        c.push_back({"list.UniqueItems()"});
      }
    }
    c.push_back(disj(forms));
    return conj(c);
  }

  Expr object(const StructLit* s, int depth) {
    std::vector<std::string> required;
    std::set<std::string> required_set;
    if (const Node* r = member(s, "required")) {
      auto* l = as<ListLit>(r);
      if (!l) {
        fail(r->pos, "required must be a list of property names");
        return {"_"};
      }
      for (const Node* e : l->elts) {
        auto* n = string_lit(e);
        if (!n) {
          fail(e->pos, "required must be a list of property names");
          return {"_"};
        }
        if (required_set.insert(std::string(n->value)).second) required.emplace_back(n->value);
      }
    }
    std::string body;
    std::vector<std::string> names;
    const Node* props = member(s, "properties");
    if (props && !as<StructLit>(props)) {
      fail(props->pos, "properties must be an object of schemas");
      return {"_"};
    }
    auto field = [&](std::string_view label, const std::string& marker, const Node* schema) {
      notes_.emplace_back();
      Expr e = schema ? translate(schema, depth + 1) : Expr{"_"};
      std::vector<std::string> notes = std::move(notes_.back());
      notes_.pop_back();
      for (const std::string& n : notes) body += indent(depth + 1) + n + "\n";
      body += indent(depth + 1) + std::string(label) + marker + ": " + e.text + "\n";
    };
    if (auto* p = as<StructLit>(props)) {
      for (const Node* d : p->elts) {
        auto* f = as<Field>(d);
        if (!f) continue;
        std::string key(key_of(f));
        names.push_back(key);
        field(label_text(key), required_set.count(key) ? "!" : "?", f->value);
      }
    }
    for (const std::string& r : required) {
      if (std::find(names.begin(), names.end(), r) == names.end())
        field(label_text(r), "!", nullptr);
    }
    std::vector<std::string> patterns;
    if (const Node* pp = member(s, "patternProperties")) {
      auto* p = as<StructLit>(pp);
      if (!p) {
        fail(pp->pos, "patternProperties must be an object of schemas");
        return {"_"};
      }
      for (const Node* d : p->elts) {
        auto* f = as<Field>(d);
        if (!f) continue;
        patterns.emplace_back(key_of(f));
        field(std::string("[=~") + regex_literal(key_of(f)) + "]", "", f->value);
      }
    }
    bool open = true;
    if (const Node* ap = member(s, "additionalProperties")) {
      auto* b = as<BasicLit>(ap);
      if (b && b->tok == Tok::False) {
        open = false;
      } else if (!(b && b->tok == Tok::True)) {
        std::vector<std::string> excl;
        if (!names.empty()) {
          std::string alt;
          for (const std::string& n : names) {
            if (!alt.empty()) alt += "|";
            alt += regex_escape(n);
          }
          excl.push_back(std::string("!~") + regex_literal(std::string("^(") + alt + ")$"));
        }
        for (const std::string& p : patterns) excl.push_back(std::string("!~") + regex_literal(p));
        std::string label = "string";
        if (!excl.empty()) {
          label.clear();
          for (const std::string& x : excl) {
            if (!label.empty()) label += " & ";
            label += x;
          }
        }
        field("[" + label + "]", "", ap);
        open = false;  // the pattern allows every other field already
      }
    }
    std::string text = body.empty() ? (open ? "{...}" : "{}")
                                    : "{\n" + body + (open ? indent(depth + 1) + "...\n" : "") +
                                          indent(depth) + "}";
    std::vector<Expr> c;
    for (std::string_view k : {"minProperties", "maxProperties"}) {
      for (const Node* d : s->elts) {
        auto* f = as<Field>(d);
        if (f && key_of(f) == k) {
          imports_.insert("struct");
          c.push_back({fmt::format(
              "struct.{}({})", k == "minProperties" ? "MinFields" : "MaxFields", want_count(f))});
        }
      }
    }
    c.push_back({text});
    return conj(c);
  }

  const DataDocument& doc_;
  const JsonSchemaOptions& opts_;
  Diagnostics& diags_;
  int depth_ = 0;
  std::optional<Error> error_;
  std::vector<Definition> defs_;
  std::map<std::string, std::string> def_by_pointer_;  // "#/$defs/X" -> "#X"
  std::set<std::string> imports_;
  std::vector<std::vector<std::string>> notes_;  // comment lines for the field being written
  std::unordered_set<const Node*> inlining_;     // $ref targets being written out
};

}  // namespace

bool is_json_schema(const DataDocument& doc) {
  auto* url = string_lit(member(doc.value, "$schema"));
  if (!url) return false;
  std::string_view u = url->value;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (u.rfind(scheme, 0) == 0) {
      u.remove_prefix(scheme.size());
      return u.rfind("json-schema.org/", 0) == 0 &&
             (u.ends_with("schema") || u.ends_with("schema#"));
    }
  }
  return false;
}

Result<std::string> import_json_schema(const DataDocument& doc, const JsonSchemaOptions& opts,
                                       Diagnostics& diags) {
  SchemaImporter imp(doc, opts, diags);
  return imp.run();
}

}  // namespace cfgc::encoding
