#include "compiler/encoding/yang_import.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>

#include "compiler/base/quote.h"
#include "compiler/encoding/cue_text.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yang_context.h"

namespace cfgc::encoding {

namespace {

using cuetext::conj;
using cuetext::Expr;
using cuetext::regex_escape;
using cuetext::regex_literal;

// a | b | …, each alternative once; `_` absorbs the rest.
Expr disj(const std::vector<Expr>& parts) {
  std::vector<std::string> seen;
  std::string out;
  for (const Expr& e : parts) {
    if (e.text == "_") return e;
    if (std::find(seen.begin(), seen.end(), e.text) != seen.end()) continue;
    seen.push_back(e.text);
    if (!out.empty()) out += " | ";
    out += e.text;
  }
  if (seen.empty()) return {"_|_", Expr::Atom};
  if (seen.size() == 1) return {seen[0], parts[0].prec};
  return {out, Expr::Or};
}

// Comment lines for a text (a description): one `// ` line per line, blank lines kept inside.
void comment_lines(std::string_view text, std::string& out, std::string_view prefix = {}) {
  std::vector<std::string> lines;
  size_t s = 0;
  while (s <= text.size()) {
    size_t e = text.find('\n', s);
    std::string line(text.substr(s, e == std::string_view::npos ? text.size() - s : e - s));
    s = e == std::string_view::npos ? text.size() + 1 : e + 1;
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    for (char& c : line) {
      if (c == '\t' || c == '\r') c = ' ';
    }
    lines.push_back(std::move(line));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  for (size_t i = first; i < lines.size(); ++i) {
    std::string l = (i == first ? std::string(prefix) : std::string()) + lines[i];
    out += l.empty() ? "//\n" : "// " + l + "\n";
  }
}

std::string u64(uint64_t v) { return fmt::format("{}", v); }
std::string i64(int64_t v) { return fmt::format("{}", v); }

// A decimal64 value (scaled by 10^digits) as a decimal literal: 150, 2 → 1.5.
std::string decimal(int64_t v, uint8_t digits) {
  bool neg = v < 0;
  uint64_t a = neg ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  std::string s = u64(a);
  if (digits > 0) {
    if (s.size() <= digits) s = std::string(digits + 1 - s.size(), '0') + s;
    s.insert(s.size() - digits, ".");
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s += '0';
  }
  return (neg ? "-" : "") + s;
}

bool is_signed(LY_DATA_TYPE t) { return t >= LY_TYPE_INT8 && t <= LY_TYPE_INT64; }

const char* int_name(LY_DATA_TYPE t) {
  switch (t) {
    case LY_TYPE_INT8: return "int8";
    case LY_TYPE_INT16: return "int16";
    case LY_TYPE_INT32: return "int32";
    case LY_TYPE_INT64: return "int64";
    case LY_TYPE_UINT8: return "uint8";
    case LY_TYPE_UINT16: return "uint16";
    case LY_TYPE_UINT32: return "uint32";
    case LY_TYPE_UINT64: return "uint64";
    default: return "int";
  }
}

int64_t signed_min(LY_DATA_TYPE t) {
  switch (t) {
    case LY_TYPE_INT8: return INT8_MIN;
    case LY_TYPE_INT16: return INT16_MIN;
    case LY_TYPE_INT32: return INT32_MIN;
    default: return INT64_MIN;
  }
}
int64_t signed_max(LY_DATA_TYPE t) {
  switch (t) {
    case LY_TYPE_INT8: return INT8_MAX;
    case LY_TYPE_INT16: return INT16_MAX;
    case LY_TYPE_INT32: return INT32_MAX;
    default: return INT64_MAX;
  }
}
uint64_t unsigned_max(LY_DATA_TYPE t) {
  switch (t) {
    case LY_TYPE_UINT8: return UINT8_MAX;
    case LY_TYPE_UINT16: return UINT16_MAX;
    case LY_TYPE_UINT32: return UINT32_MAX;
    default: return UINT64_MAX;
  }
}

// One range part as bounds: ">=1 & <=10", "5", or "" for the whole type.
std::string bounds(const std::string& lo, const std::string& hi, bool lo_open, bool hi_open) {
  if (!lo_open && !hi_open && lo == hi) return lo;
  std::string out;
  if (!lo_open) out = ">=" + lo;
  if (!hi_open) out += (out.empty() ? "" : " & ") + std::string("<=") + hi;
  return out;
}

// The parts of a range as a constraint to conjoin with the base type, or "" when the range
// allows the whole type.
Expr range_expr(const lysc_range* r, LY_DATA_TYPE t, uint8_t digits = 0) {
  if (!r) return {"_", Expr::Atom};
  std::vector<Expr> parts;
  LY_ARRAY_COUNT_TYPE i;
  LY_ARRAY_FOR(r->parts, i) {
    const auto& p = r->parts[i];
    std::string b;
    if (t == LY_TYPE_DEC64) {
      b = bounds(decimal(p.min_64, digits), decimal(p.max_64, digits), p.min_64 == INT64_MIN,
                 p.max_64 == INT64_MAX);
    } else if (is_signed(t)) {
      b = bounds(i64(p.min_64), i64(p.max_64), p.min_64 == signed_min(t),
                 p.max_64 == signed_max(t));
    } else {
      b = bounds(u64(p.min_u64), u64(p.max_u64), p.min_u64 == 0, p.max_u64 == unsigned_max(t));
    }
    if (b.empty()) return {"_", Expr::Atom};
    parts.push_back({b, b.find('&') != std::string::npos ? Expr::And : Expr::Atom});
  }
  return disj(parts);
}

// A string length restriction: strings.MinRunes / strings.MaxRunes.
Expr length_expr(const lysc_range* r, std::set<std::string>& imports, const char* min_fn,
                 const char* max_fn) {
  if (!r) return {"_", Expr::Atom};
  std::vector<Expr> parts;
  LY_ARRAY_COUNT_TYPE i;
  LY_ARRAY_FOR(r->parts, i) {
    const auto& p = r->parts[i];
    std::vector<Expr> c;
    if (p.min_u64 > 0) c.push_back({fmt::format("{}({})", min_fn, p.min_u64), Expr::Atom});
    if (p.max_u64 != UINT64_MAX)
      c.push_back({fmt::format("{}({})", max_fn, p.max_u64), Expr::Atom});
    if (c.empty()) return {"_", Expr::Atom};
    parts.push_back(conj(c));
  }
  imports.insert("strings");
  return disj(parts);
}

bool string_valued(const lysc_type* t) {
  switch (t->basetype) {
    case LY_TYPE_STRING:
    case LY_TYPE_ENUM:
    case LY_TYPE_IDENT:
    case LY_TYPE_BITS:
    case LY_TYPE_BINARY:
    case LY_TYPE_INST: return true;
    case LY_TYPE_LEAFREF:
      return string_valued(reinterpret_cast<const lysc_type_leafref*>(t)->realtype);
    case LY_TYPE_UNION: {
      auto* u = reinterpret_cast<const lysc_type_union*>(t);
      LY_ARRAY_COUNT_TYPE i;
      LY_ARRAY_FOR(u->types, i) {
        if (!string_valued(u->types[i])) return false;
      }
      return true;
    }
    default: return false;
  }
}

bool integer_valued(const lysc_type* t) {
  if (t->basetype == LY_TYPE_LEAFREF)
    return integer_valued(reinterpret_cast<const lysc_type_leafref*>(t)->realtype);
  return is_signed(t->basetype) || (t->basetype >= LY_TYPE_UINT8 && t->basetype <= LY_TYPE_UINT64);
}

// A default value (canonical text) as a CUE literal of its type.
std::string default_literal(const ly_ctx* ctx, const lyd_value* v) {
  const char* c = lyd_value_get_canonical(ctx, v);
  std::string text = c ? c : "";
  LY_DATA_TYPE t = v->realtype ? v->realtype->basetype : LY_TYPE_STRING;
  if (integer_valued(v->realtype) || t == LY_TYPE_DEC64 || t == LY_TYPE_BOOL) return text;
  if (t == LY_TYPE_EMPTY) return "true";
  return cue_quote(text);
}

void derived_identities(const lysc_ident* base, std::vector<const lysc_ident*>& out) {
  LY_ARRAY_COUNT_TYPE i;
  LY_ARRAY_FOR(base->derived, i) {
    const lysc_ident* d = base->derived[i];
    if (std::find(out.begin(), out.end(), d) != out.end()) continue;
    out.push_back(d);
    derived_identities(d, out);
  }
}

// A node whose definition the package holds: containers and list entries.
struct Def {
  const lysc_node* node;
  std::vector<std::string> chain;  // camel names, from the top down to the node
  size_t depth = 1;                // how many names of the chain the definition's name uses
  std::string name;                // without '#'
};

class YangImporter {
 public:
  YangImporter(YangContext& yc, const YangImportOptions& opts) : yc_(yc), opts_(opts) {}

  Result<YangImport> run() {
    std::vector<const lysc_node*> tops;
    for (const lys_module* m : yc_.user_modules()) {
      if (!m->compiled) continue;
      for (const lysc_node* n = m->compiled->data; n; n = n->next) tops.push_back(n);
    }
    for (const lysc_node* n : tops) collect(n, {});
    name_definitions();

    std::string body = "#Root\n\n";
    body += "// The top-level nodes of every module, named as in JSON_IETF (RFC 7951).\n";
    body += "#Root: {\n";
    for (const lysc_node* n : tops) body += member(n, /*top=*/true);
    body += "}\n";
    for (const Def& d : defs_) {
      body += "\n";
      body += definition(d);
    }

    YangImport out;
    out.package = opts_.package.empty() ? package_from(yc_.main_modules()) : opts_.package;
    std::string head = "// Code generated by `cfgc import yang`; DO NOT EDIT.\n//\n";
    head += "// YANG modules (named first, then those they import or augment):\n";
    for (const lys_module* m : yc_.user_modules()) {
      head += fmt::format("//   {}{}{}\n", m->name, m->revision ? "@" : "",
                          m->revision ? m->revision : "");
    }
    std::string enabled;
    for (const lys_module* m : yc_.user_modules()) {
      if (!m->parsed) continue;
      LY_ARRAY_COUNT_TYPE i;
      LY_ARRAY_FOR(m->parsed->features, i) {
        const lysp_feature& f = m->parsed->features[i];
        if (f.flags & LYS_FENABLED) enabled += fmt::format(" {}:{}", m->name, f.name);
      }
    }
    head += "// Features enabled:" + (enabled.empty() ? std::string(" none") : enabled) + "\n";
    head += opts_.config_false ? "// config false nodes included.\n"
                               : "// Configuration only: config false nodes are left out.\n";
    head +=
        "// docs/yang.md explains the mapping; `cfgc vet --yang` checks an instance with "
        "libyang.\n";
    head += "package " + out.package + "\n\n";
    if (imports_.size() == 1) {
      head += "import \"" + *imports_.begin() + "\"\n\n";
    } else if (!imports_.empty()) {
      head += "import (\n";
      for (const std::string& i : imports_) head += "\t\"" + i + "\"\n";
      head += ")\n\n";
    }
    out.text = head + body;
    out.warnings = std::move(warnings_);
    return out;
  }

 private:
  static std::string package_from(const std::vector<const lys_module*>& mods) {
    std::string name = mods.empty() ? "yang" : mods[0]->name;
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    if (!std::isalpha(static_cast<unsigned char>(name[0]))) name = "m" + name;
    if (!is_identifier_key(name)) name += "_";
    return name;
  }

  bool included(const lysc_node* n) const {
    if (n->nodetype & (LYS_RPC | LYS_ACTION | LYS_NOTIF)) return false;
    if (!opts_.config_false && (n->flags & LYS_CONFIG_R)) return false;
    if (n->nodetype & (LYS_CHOICE | LYS_CASE)) {
      for (const lysc_node* c = lysc_node_child(n); c; c = c->next) {
        if (n->nodetype == LYS_CASE && c->parent != n) break;
        if (included(c)) return true;
      }
      return false;
    }
    return true;
  }

  // The children of a container, list entry or case (a case's children are linked with the
  // next case's: stop at the first whose parent is not the case).
  static std::vector<const lysc_node*> children(const lysc_node* n) {
    std::vector<const lysc_node*> out;
    for (const lysc_node* c = lysc_node_child(n); c; c = c->next) {
      if (n->nodetype == LYS_CASE && c->parent != n) break;
      out.push_back(c);
    }
    return out;
  }

  void collect(const lysc_node* n, std::vector<std::string> chain) {
    if (!included(n)) return;
    if (n->nodetype & (LYS_CONTAINER | LYS_LIST)) {
      chain.push_back(yang_camel_name(n->name));
      def_index_[n] = defs_.size();
      defs_.push_back(Def{n, chain, 1, {}});
    }
    for (const lysc_node* c : children(n)) collect(c, chain);
  }

  // Each definition gets the shortest suffix of its ancestors' names that no other has; what
  // still collides (the same path in two modules) is numbered in schema order.
  void name_definitions() {
    auto candidate = [](const Def& d) {
      std::string s;
      for (size_t i = d.chain.size() - d.depth; i < d.chain.size(); ++i) s += d.chain[i];
      return s;
    };
    for (;;) {
      std::map<std::string, std::vector<size_t>> by_name;
      for (size_t i = 0; i < defs_.size(); ++i) by_name[candidate(defs_[i])].push_back(i);
      bool changed = false;
      for (auto& [name, members] : by_name) {
        bool reserved = name == "Root";
        if (members.size() < 2 && !reserved) continue;
        for (size_t i : members) {
          if (defs_[i].depth < defs_[i].chain.size()) {
            ++defs_[i].depth;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    std::map<std::string, int> used;
    used["Root"] = 1;
    for (Def& d : defs_) {
      std::string base = candidate(d);
      int& n = used[base];
      d.name = n == 0 ? base : fmt::format("{}{}", base, n + 1);
      ++n;
    }
  }

  std::string def_ref(const lysc_node* n) const { return "#" + defs_[def_index_.at(n)].name; }

  std::string definition(const Def& d) {
    std::string out;
    const lysc_node* n = d.node;
    if (n->dsc) comment_lines(n->dsc, out);
    std::string kind = n->nodetype == LYS_LIST ? "list" : "container";
    if (n->nodetype == LYS_CONTAINER && (n->flags & LYS_PRESENCE)) kind = "presence container";
    out += fmt::format("// {} {}{}\n", kind, yang_schema_path(n),
                       n->nodetype == LYS_LIST ? " (an entry)" : "");
    out += "#" + d.name + ": {\n";
    out += members(children(n));
    out += "}\n";
    return out;
  }

  // A struct with one choice writes it as a disjunction; with several (siblings or nested) every
  // case's fields are listed (several embedded disjunctions would be ambiguous when unset).
  std::string members(const std::vector<const lysc_node*>& nodes, bool flat = false) {
    flat = flat || count_choices(nodes) > 1;
    std::string out;
    for (const lysc_node* c : nodes) {
      out += c->nodetype == LYS_CHOICE ? choice(c, flat) : member(c, false);
    }
    return out;
  }

  int count_choices(const std::vector<const lysc_node*>& nodes) const {
    int n = 0;
    for (const lysc_node* c : nodes) {
      if (c->nodetype != LYS_CHOICE || !included(c)) continue;
      ++n;
      for (const lysc_node* k = lysc_node_child(c); k; k = k->next) n += count_choices(children(k));
    }
    return n;
  }

  // The notes every data node may carry: when and must (libyang checks them, CUE does not).
  static void condition_notes(const lysc_node* n, std::vector<std::string>& notes) {
    lysc_when** whens = lysc_node_when(n);
    LY_ARRAY_COUNT_TYPE i;
    LY_ARRAY_FOR(whens, i) notes.push_back(std::string("when: ") + lyxp_get_expr(whens[i]->cond));
    lysc_must* musts = lysc_node_musts(n);
    LY_ARRAY_FOR(musts, i) notes.push_back(std::string("must: ") + lyxp_get_expr(musts[i].cond));
  }

  std::string member(const lysc_node* n, bool top) {
    if (!included(n)) return {};
    if (n->nodetype == LYS_CHOICE) return choice(n, top);
    std::string out;
    std::vector<std::string> notes;
    if (n->dsc) comment_lines(n->dsc, out);
    std::string label = label_text(yang_member_name(n));
    std::string marker = "?";
    std::string value;
    switch (n->nodetype) {
      case LYS_CONTAINER:
        if (n->flags & LYS_PRESENCE) {
          notes.push_back("presence container");
        } else if ((n->flags & LYS_MAND_TRUE) && !top && n->parent->nodetype != LYS_CASE &&
                   LY_ARRAY_COUNT(lysc_node_when(n)) == 0) {
          // A container without presence that holds mandatory nodes exists with its parent.
          marker = "!";
        }
        value = def_ref(n);
        break;
      case LYS_LIST: value = list_value(reinterpret_cast<const lysc_node_list*>(n), notes); break;
      case LYS_LEAF: {
        auto* l = reinterpret_cast<const lysc_node_leaf*>(n);
        Expr t = type_expr(l->type, n, notes);
        if (l->units) notes.push_back(std::string("units: ") + l->units);
        if (l->dflt) t = with_default(t, default_literal(n->module->ctx, l->dflt));
        if (n->flags & (LYS_MAND_TRUE | LYS_KEY)) marker = "!";
        value = t.text;
        break;
      }
      case LYS_LEAFLIST: {
        auto* l = reinterpret_cast<const lysc_node_leaflist*>(n);
        Expr t = type_expr(l->type, n, notes);
        if (l->units) notes.push_back(std::string("units: ") + l->units);
        std::string list = "[..." + (t.prec == Expr::Atom ? t.text : "(" + t.text + ")") + "]";
        std::vector<Expr> c =
            count_limits(l->min, l->max, "list.MinItems", "list.MaxItems", "list");
        c.push_back({list, Expr::Atom});
        Expr v = conj(c);
        if (LY_ARRAY_COUNT(l->dflts) > 0) {
          std::string d = "[";
          LY_ARRAY_COUNT_TYPE i;
          LY_ARRAY_FOR(l->dflts, i) {
            d += (i ? ", " : "") + default_literal(n->module->ctx, l->dflts[i]);
          }
          v = {"*" + d + "] | " + v.text, Expr::Or};
        }
        if (l->min > 0) marker = "!";
        if (l->flags & LYS_ORDBY_USER) notes.push_back("ordered-by user");
        value = v.text;
        break;
      }
      case LYS_ANYDATA:
      case LYS_ANYXML:
        notes.push_back(n->nodetype == LYS_ANYDATA ? "anydata" : "anyxml");
        value = "_";
        break;
      default: return {};
    }
    if (n->flags & LYS_CONFIG_R) notes.push_back("config false");
    condition_notes(n, notes);
    for (const std::string& note : notes) comment_lines(note, out, "");
    out += label + marker + ": " + value + "\n";
    return out;
  }

  // `*D | T`; when D is one of T's alternatives (an enumeration), it is marked there instead.
  static Expr with_default(const Expr& t, const std::string& d) {
    if (t.prec == Expr::Or) {
      std::string alts = " | " + t.text + " | ";
      size_t at = alts.find(" | " + d + " | ");
      if (at != std::string::npos) {
        alts.erase(at, d.size() + 3);
        std::string rest = alts.substr(3, alts.size() - 6);
        return {"*" + d + (rest.empty() ? "" : " | " + rest), Expr::Or};
      }
    }
    return {"*" + d + " | " + t.text, Expr::Or};
  }

  std::vector<Expr> count_limits(uint32_t min, uint32_t max, const char* min_fn, const char* max_fn,
                                 const char* import) {
    std::vector<Expr> c;
    if (min > 0) c.push_back({fmt::format("{}({})", min_fn, min), Expr::Atom});
    if (max != UINT32_MAX && max != 0)
      c.push_back({fmt::format("{}({})", max_fn, max), Expr::Atom});
    if (!c.empty()) imports_.insert(import);
    return c;
  }

  // OpenConfig's pattern: the key leaf is a leafref to a leaf of a container of the same
  // entry (`leaf name {type leafref {path "../config/name";}}`), and both must hold the key.
  // The label path of that leaf (`config: name`), filled from the key like the key itself,
  // so a different value there is a conflict at both positions; "" for any other key.
  std::string key_mirror(const lysc_node_list* l, const lysc_node_leaf* k) {
    if (k->type->basetype != LY_TYPE_LEAFREF) return {};
    auto* lref = reinterpret_cast<const lysc_type_leafref*>(k->type);
    ly_set* found = nullptr;
    if (lys_find_xpath(k->module->ctx, &k->node, lyxp_get_expr(lref->path), 0, &found) !=
            LY_SUCCESS ||
        !found) {
      return {};
    }
    std::string out;
    if (found->count == 1) {
      const lysc_node* target = found->snodes[0];
      const lysc_node* holder = target->parent;
      if (target->nodetype == LYS_LEAF && holder && holder->nodetype == LYS_CONTAINER &&
          holder->parent == &l->node && included(holder) && included(target) &&
          !(holder->flags & LYS_PRESENCE)) {
        out = label_text(yang_member_name(holder)) + ": " + label_text(yang_member_name(target));
      }
    }
    ly_set_free(found, nullptr);
    return out;
  }

  std::string list_value(const lysc_node_list* l, std::vector<std::string>& notes) {
    const lysc_node* n = &l->node;
    std::vector<const lysc_node_leaf*> keys;
    for (const lysc_node* c = l->child; c; c = c->next) {
      if (c->nodetype == LYS_LEAF && (c->flags & LYS_KEY))
        keys.push_back(reinterpret_cast<const lysc_node_leaf*>(c));
    }
    LY_ARRAY_COUNT_TYPE i;
    LY_ARRAY_FOR(l->uniques, i) {
      std::string u;
      LY_ARRAY_COUNT_TYPE j;
      LY_ARRAY_FOR(l->uniques[i], j) {
        if (j) u += ' ';
        u += l->uniques[i][j]->name;
      }
      notes.push_back("unique: " + u + " (checked by cfgc vet --yang)");
    }
    if (l->flags & LYS_ORDBY_USER) notes.push_back("ordered-by user: entries in the order written");
    if (keys.empty()) {
      std::vector<Expr> c = count_limits(l->min, l->max, "list.MinItems", "list.MaxItems", "list");
      c.push_back({"[..." + def_ref(n) + "]", Expr::Atom});
      notes.push_back("a list without keys");
      return conj(c).text;
    }
    std::string entry = def_ref(n);
    if (keys.size() == 1) {
      const lysc_node_leaf* k = keys[0];
      std::string key = label_text(k->name);
      std::string mirror = key_mirror(l, k);
      if (string_valued(k->type)) {
        entry += " & {" + key + ": Name" + (mirror.empty() ? "" : ", " + mirror + ": Name") + "}";
      } else if (integer_valued(k->type)) {
        imports_.insert("strconv");
        std::string v = "strconv.Atoi(Name)";
        entry += " & {" + key + ": " + v + (mirror.empty() ? "" : ", " + mirror + ": " + v) + "}";
      } else {
        notes.push_back(
            fmt::format("keyed by {}, written as text; each entry sets {}", k->name, k->name));
      }
      if (entry.find("Name") == std::string::npos) {
        std::vector<Expr> c =
            count_limits(l->min, l->max, "struct.MinFields", "struct.MaxFields", "struct");
        c.push_back({"{[string]: " + entry + "}", Expr::Atom});
        return conj(c).text;
      }
      notes.push_back(fmt::format("keyed by {}", k->name));
    } else {
      std::string names;
      for (const lysc_node_leaf* k : keys)
        names += (names.empty() ? "" : " ") + std::string(k->name);
      notes.push_back(fmt::format(
          "keyed by \"{}\": label each entry with its key values joined by spaces; each entry "
          "sets its key leaves",
          names));
    }
    std::vector<Expr> c =
        count_limits(l->min, l->max, "struct.MinFields", "struct.MaxFields", "struct");
    if (c.empty()) return "[Name=string]: " + entry;
    c.push_back({"{[Name=string]: " + entry + "}", Expr::Atom});
    return conj(c).text;
  }

  // A choice: one embedded disjunct per case, holding the case's fields and excluding the
  // other cases' (`f?: _|_`); the default case (or, for a choice that is not mandatory, the
  // first) is the default, so a value that sets none of the fields is not ambiguous. Flat (at
  // the top, or beside other choices): every case's fields are listed, and libyang checks that
  // one case only is used.
  std::string choice(const lysc_node* n, bool flat) {
    if (!included(n)) return {};
    auto* ch = reinterpret_cast<const lysc_node_choice*>(n);
    std::string out;
    std::vector<std::string> notes;
    condition_notes(n, notes);
    struct Case {
      const lysc_node* node;
      std::string body;
      std::vector<std::string> labels;
    };
    std::vector<Case> cases;
    for (const lysc_node* c = lysc_node_child(n); c; c = c->next) {
      if (!included(c)) continue;
      std::vector<const lysc_node*> kids = children(c);
      Case k{c, members(kids, flat), {}};
      for (const lysc_node* f : kids) {
        if (f->nodetype != LYS_CHOICE && included(f))
          k.labels.push_back(label_text(yang_member_name(f)));
      }
      if (!k.body.empty()) cases.push_back(std::move(k));
    }
    if (cases.empty()) return {};
    std::string head =
        fmt::format("choice {}{}", n->name, (n->flags & LYS_MAND_TRUE) ? " (mandatory)" : "");
    if (n->dsc) {
      comment_lines(head + ": " + std::string(n->dsc), out);
    } else {
      comment_lines(head, out);
    }
    for (const std::string& note : notes) comment_lines(note, out);
    if (flat || !yang_data_parent(n) || cases.size() == 1) {
      if (cases.size() > 1) comment_lines("one case only (checked by cfgc vet --yang)", out);
      for (const Case& c : cases) {
        comment_lines(fmt::format("case {}", c.node->name), out);
        out += c.body;
      }
      return out;
    }
    const lysc_node* dflt = ch->dflt ? &ch->dflt->node : nullptr;
    if (!dflt && !(n->flags & LYS_MAND_TRUE)) dflt = cases[0].node;
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      if (i) out += " | ";
      if (c.node == dflt) out += "*";
      out += "{\n";
      if (c.node->dsc) {
        comment_lines(fmt::format("case {}: {}", c.node->name, c.node->dsc), out);
      } else {
        comment_lines(fmt::format("case {}", c.node->name), out);
      }
      out += c.body;
      for (const Case& other : cases) {
        if (&other == &c) continue;
        for (const std::string& l : other.labels) {
          if (std::find(c.labels.begin(), c.labels.end(), l) == c.labels.end())
            out += l + "?: _|_\n";
        }
      }
      out += "}";
    }
    out += "\n";
    return out;
  }

  Expr type_expr(const lysc_type* t, const lysc_node* leaf, std::vector<std::string>& notes) {
    LY_DATA_TYPE b = t->basetype;
    switch (b) {
      case LY_TYPE_INT8:
      case LY_TYPE_INT16:
      case LY_TYPE_INT32:
      case LY_TYPE_INT64:
      case LY_TYPE_UINT8:
      case LY_TYPE_UINT16:
      case LY_TYPE_UINT32:
      case LY_TYPE_UINT64: {
        auto* num = reinterpret_cast<const lysc_type_num*>(t);
        return conj({{int_name(b), Expr::Atom}, range_expr(num->range, b)});
      }
      case LY_TYPE_DEC64: {
        auto* dec = reinterpret_cast<const lysc_type_dec*>(t);
        notes.push_back(fmt::format("decimal64 with {} fraction digit{}", dec->fraction_digits,
                                    dec->fraction_digits == 1 ? "" : "s"));
        return conj({{"number", Expr::Atom}, range_expr(dec->range, b, dec->fraction_digits)});
      }
      case LY_TYPE_STRING: {
        auto* s = reinterpret_cast<const lysc_type_str*>(t);
        std::vector<Expr> c{{"string", Expr::Atom}};
        c.push_back(length_expr(s->length, imports_, "strings.MinRunes", "strings.MaxRunes"));
        LY_ARRAY_COUNT_TYPE i;
        LY_ARRAY_FOR(s->patterns, i) {
          const lysc_pattern* p = s->patterns[i];
          Result<std::string> re = yang_pattern_to_re2(p->expr);
          if (!re) {
            std::string where = yc_.locate(yang_schema_path(leaf));
            warnings_.push_back(
                fmt::format("{}: pattern {} of {} is not converted: {}; it stays a "
                            "comment (cfgc vet --yang checks it)",
                            where.empty() ? yang_schema_path(leaf) : where, json_quote(p->expr),
                            yang_schema_path(leaf), re.error().message));
            notes.push_back(fmt::format("pattern{} (not converted: {}): {}",
                                        p->inverted ? " (invert-match)" : "", re.error().message,
                                        p->expr));
            continue;
          }
          c.push_back({(p->inverted ? "!~" : "=~") + regex_literal(*re), Expr::Atom});
        }
        return conj(c);
      }
      case LY_TYPE_BOOL: return {"bool", Expr::Atom};
      case LY_TYPE_EMPTY:
        notes.push_back("empty: true here, [null] in JSON_IETF");
        return {"true", Expr::Atom};
      case LY_TYPE_BINARY: {
        auto* bin = reinterpret_cast<const lysc_type_bin*>(t);
        if (bin->length) notes.push_back("binary: the length restriction counts decoded bytes");
        return {"string & =~\"^[A-Za-z0-9+/]*={0,2}$\"", Expr::And};
      }
      case LY_TYPE_ENUM: {
        auto* e = reinterpret_cast<const lysc_type_enum*>(t);
        std::vector<Expr> names;
        LY_ARRAY_COUNT_TYPE i;
        LY_ARRAY_FOR(e->enums, i) names.push_back({cue_quote(e->enums[i].name), Expr::Atom});
        return disj(names);
      }
      case LY_TYPE_BITS: {
        auto* bits = reinterpret_cast<const lysc_type_bits*>(t);
        std::string alt;
        LY_ARRAY_COUNT_TYPE i;
        LY_ARRAY_FOR(bits->bits, i) alt += (i ? "|" : "") + regex_escape(bits->bits[i].name);
        notes.push_back("bits: the names set, separated by spaces");
        return {"string & =~" + regex_literal("^( *(" + alt + ")( +(" + alt + "))*)? *$"),
                Expr::And};
      }
      case LY_TYPE_IDENT: {
        auto* id = reinterpret_cast<const lysc_type_identityref*>(t);
        std::vector<const lysc_ident*> all;
        LY_ARRAY_COUNT_TYPE i;
        LY_ARRAY_FOR(id->bases, i) derived_identities(id->bases[i], all);
        std::vector<Expr> names;
        for (const lysc_ident* d : all) {
          names.push_back({cue_quote(std::string(d->module->name) + ":" + d->name), Expr::Atom});
          if (d->module == leaf->module) names.push_back({cue_quote(d->name), Expr::Atom});
        }
        if (names.empty()) {
          std::string bases;
          LY_ARRAY_FOR(id->bases, i) bases += (i ? ", " : "") + std::string(id->bases[i]->name);
          notes.push_back("identityref: no identity derives from " + bases);
          return {"_|_", Expr::Atom};
        }
        return disj(names);
      }
      case LY_TYPE_INST: notes.push_back("instance-identifier"); return {"string", Expr::Atom};
      case LY_TYPE_LEAFREF: {
        auto* lr = reinterpret_cast<const lysc_type_leafref*>(t);
        notes.push_back(std::string("leafref: ") + lyxp_get_expr(lr->path));
        return type_expr(lr->realtype, leaf, notes);
      }
      case LY_TYPE_UNION: {
        auto* u = reinterpret_cast<const lysc_type_union*>(t);
        std::vector<Expr> parts;
        LY_ARRAY_COUNT_TYPE i;
        LY_ARRAY_FOR(u->types, i) parts.push_back(type_expr(u->types[i], leaf, notes));
        return disj(parts);
      }
      default: return {"_", Expr::Atom};
    }
  }

  YangContext& yc_;
  const YangImportOptions& opts_;
  std::vector<Def> defs_;
  std::map<const lysc_node*, size_t> def_index_;
  std::set<std::string> imports_;
  std::vector<std::string> warnings_;
};

}  // namespace

std::string yang_camel_name(std::string_view name) {
  std::string out;
  bool up = true;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "N" + out;
  return out;
}

Result<std::string> yang_pattern_to_re2(std::string_view x) {
  std::string out;
  bool in_class = false;
  size_t class_start = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    char c = x[i];
    if (c == '\\') {
      if (i + 1 >= x.size()) return Error{"a pattern ends with a backslash", {}};
      char e = x[++i];
      switch (e) {
        case 'i':
        case 'c': {
          // XML name characters: the letters and '_' and ':' (\i), plus digits, '.', '-' and the
          // combining marks (\c).
          std::string set = e == 'i' ? "\\p{L}_:" : "\\p{L}\\p{Nd}\\p{Mn}\\p{Mc}_:.\\-";
          out += in_class ? set : "[" + set + "]";
          break;
        }
        case 'I':
        case 'C':
          if (in_class) return Error{fmt::format("\\{} inside a character class", e), {}};
          out += e == 'I' ? "[^\\p{L}_:]" : "[^\\p{L}\\p{Nd}\\p{Mn}\\p{Mc}_:.\\-]";
          break;
        case 'p':
        case 'P': {
          size_t close = x.find('}', i);
          if (i + 1 >= x.size() || x[i + 1] != '{' || close == std::string_view::npos)
            return Error{"a \\p without {name}", {}};
          std::string_view prop = x.substr(i + 2, close - i - 2);
          if (prop.starts_with("Is"))
            return Error{
                fmt::format("the Unicode block escape \\{}{{{}}} has no RE2 equivalent", e, prop),
                {}};
          out += "\\";
          out += e;
          out += "{" + std::string(prop) + "}";
          i = close;
          break;
        }
        default: out += '\\'; out += e;
      }
      continue;
    }
    if (in_class) {
      if (c == '[') {
        if (i > 0 && x[i - 1] == '-')
          return Error{"character class subtraction ([a-z-[aeiou]]) has no RE2 equivalent", {}};
        out += "\\[";
        continue;
      }
      if (c == ']' && i > class_start) in_class = false;
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        in_class = true;
        out += c;
        class_start = i + 1;
        if (i + 1 < x.size() && x[i + 1] == '^') {
          out += '^';
          ++i;
          class_start = i + 1;
        }
        break;
      case '^':
      case '$':
        out += '\\';
        out += c;
        break;
      case '.': out += "[^\\n\\r]"; break;
      default: out += c;
    }
  }
  std::string anchored = "^(" + out + ")$";
  RE2::Options o;
  o.set_log_errors(false);
  RE2 re(anchored, o);
  if (!re.ok()) return Error{"RE2 rejects it: " + re.error(), {}};
  return anchored;
}

Result<YangImport> import_yang(const YangImportOptions& opts) {
  YangContext yc;
  YangSources src{opts.search_dirs, opts.modules, opts.features};
  if (Result<> r = yc.load(src); !r) return Error{r.error().message, {}};
  Result<YangImport> out = YangImporter(yc, opts).run();
  if (out) {
    out->warnings.insert(out->warnings.begin(), yc.notes().begin(), yc.notes().end());
  }
  return out;
}

}  // namespace cfgc::encoding
