#include "compiler/load/inventory.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "compiler/base/file_io.h"
#include "compiler/base/suggest.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yaml11.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/export/export.h"
#include "compiler/load/build.h"
#include "compiler/load/inventory_internal.h"

namespace cfgc::load {

using namespace cfgc::encoding;

using syntax::Tok;

namespace fs = std::filesystem;
using namespace inventory_detail;

// ---------------------------------------------------------------------------------------------
// The model.

namespace inventory_detail {

Model::Model() {
  add_group("all");
  add_group("ungrouped");
  add_child_group(0, 1, Pos{});
}

int Model::find_group(std::string_view name) const {
  auto it = group_index_.find(std::string(name));
  return it == group_index_.end() ? -1 : it->second;
}

int Model::find_host(std::string_view name) const {
  auto it = host_index_.find(std::string(name));
  return it == host_index_.end() ? -1 : it->second;
}

int Model::add_group(const std::string& name) {
  int g = find_group(name);
  if (g >= 0) return g;
  g = static_cast<int>(groups.size());
  groups.push_back(Group{});
  groups.back().name = name;
  group_index_.emplace(name, g);
  return g;
}

int Model::add_host(const std::string& name, int group, syntax::Field* port) {
  int h = find_host(name);
  if (h < 0) {
    h = static_cast<int>(hosts.size());
    hosts.push_back(Host{});
    hosts.back().name = name;
    host_index_.emplace(name, h);
    if (port) hosts.back().vars.push_back(Var{"ansible_port", port});
  }
  if (group >= 0) place(h, group);
  return h;
}

void Model::place(int host, int group) {
  std::vector<int>& mine = hosts[static_cast<size_t>(host)].groups;
  if (std::find(mine.begin(), mine.end(), group) != mine.end()) return;
  mine.push_back(group);
  groups[static_cast<size_t>(group)].hosts.push_back(host);
}

void Model::unplace(int host, int group) {
  std::vector<int>& mine = hosts[static_cast<size_t>(host)].groups;
  mine.erase(std::remove(mine.begin(), mine.end(), group), mine.end());
  std::vector<int>& members = groups[static_cast<size_t>(group)].hosts;
  members.erase(std::remove(members.begin(), members.end(), host), members.end());
}

namespace {

// Python's int() of a value, for ansible_group_priority. nullopt when Python raises TypeError
// (Ansible then leaves the priority as it was); throws when it raises ValueError.
std::optional<int> python_int(const syntax::Node* n, Pos at) {
  bool neg = false;
  if (const auto* u = syntax::as<syntax::UnaryExpr>(n); u && u->op == Tok::Sub) {
    neg = true;
    n = u->x;
  }
  const auto* b = syntax::as<syntax::BasicLit>(n);
  if (!b) return std::nullopt;
  auto bad = [&](std::string_view text) {
    return SourceError{at,
                       fmt::format("ansible_group_priority must be an integer, not {:?}", text)};
  };
  std::string digits;
  switch (b->tok) {
    case Tok::True: return 1;
    case Tok::False: return 0;
    case Tok::Int: digits = std::string(b->raw); break;
    case Tok::Float: {
      double d = 0;
      std::from_chars(b->raw.data(), b->raw.data() + b->raw.size(), d);
      if (d >= 1e9) throw bad(b->raw);
      return static_cast<int>(neg ? -d : d);
    }
    case Tok::String: {
      std::string_view s = b->value;
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
      }
      for (size_t i = 0; i < s.size(); ++i) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        bool sep = s[i] == '_' && i > 0 && i + 1 < s.size() && s[i + 1] != '_';
        if (!digit && !sep) throw bad(b->value);
        if (digit) digits += s[i];
      }
      if (digits.empty()) throw bad(b->value);
      break;
    }
    default: return std::nullopt;
  }
  size_t nz = digits.find_first_not_of('0');
  if (nz != std::string::npos && digits.size() - nz > 9) throw bad(digits);
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return neg ? -v : v;
}

}  // namespace

std::string Model::suggest_entity(const std::string& name) const {
  std::vector<std::string_view> names;
  for (const Group& g : groups) names.push_back(g.name);
  for (const Host& h : hosts) names.push_back(h.name);
  return did_you_mean(name, names);
}

void Model::set_var(const std::string& entity, Var v, Pos at) {
  if (int g = find_group(entity); g >= 0) {
    if (v.name == "ansible_group_priority") {
      if (auto p = python_int(v.field->value, at)) groups[static_cast<size_t>(g)].priority = *p;
      return;
    }
    groups[static_cast<size_t>(g)].vars.push_back(std::move(v));
    return;
  }
  if (int h = find_host(entity); h >= 0) {
    hosts[static_cast<size_t>(h)].vars.push_back(std::move(v));
    return;
  }
  throw SourceError{at, fmt::format("Could not identify group or host named {}{}", entity,
                                    suggest_entity(entity))};
}

bool Model::is_ancestor(int maybe_ancestor, int group) const {
  std::vector<int> todo{group};
  std::set<int> seen;
  while (!todo.empty()) {
    int g = todo.back();
    todo.pop_back();
    if (g == maybe_ancestor) return true;
    if (!seen.insert(g).second) continue;
    for (int p : groups[static_cast<size_t>(g)].parents) todo.push_back(p);
  }
  return false;
}

void Model::add_child_group(int parent, int child, Pos at) {
  if (parent == child)
    throw SourceError{
        at, fmt::format("can't add group {} to itself", groups[static_cast<size_t>(child)].name)};
  std::vector<int>& kids = groups[static_cast<size_t>(parent)].children;
  if (std::find(kids.begin(), kids.end(), child) != kids.end()) return;
  if (is_ancestor(child, parent)) {
    throw SourceError{
        at, fmt::format("Adding group '{}' as child to '{}' creates a recursive dependency loop.",
                        groups[static_cast<size_t>(child)].name,
                        groups[static_cast<size_t>(parent)].name)};
  }
  kids.push_back(child);
  groups[static_cast<size_t>(child)].parents.push_back(parent);
}

void Model::add_child(int parent, const std::string& child, Pos at) {
  if (parent < 0) throw SourceError{at, fmt::format("{} is not a known group", child)};
  if (int g = find_group(child); g >= 0) {
    add_child_group(parent, g, at);
    return;
  }
  if (int h = find_host(child); h >= 0) {
    place(h, parent);
    return;
  }
  throw SourceError{
      at, fmt::format("{} is not a known host nor group{}", child, suggest_entity(child))};
}

std::vector<int> Model::groups_of(int host) const {
  std::vector<int> out;
  std::vector<char> in(groups.size(), 0);
  std::vector<int> todo = hosts[static_cast<size_t>(host)].groups;
  while (!todo.empty()) {
    int g = todo.back();
    todo.pop_back();
    if (in[static_cast<size_t>(g)]) continue;
    in[static_cast<size_t>(g)] = 1;
    out.push_back(g);
    for (int p : groups[static_cast<size_t>(g)].parents) todo.push_back(p);
  }
  return out;
}

void Model::finish() {
  for (size_t g = 1; g < groups.size(); ++g) {
    if (groups[g].parents.empty()) add_child_group(0, static_cast<int>(g), Pos{});
  }
  constexpr int kAll = 0, kUngrouped = 1;
  for (size_t h = 0; h < hosts.size(); ++h) {
    std::vector<int> mine = groups_of(static_cast<int>(h));
    bool ungrouped = std::find(mine.begin(), mine.end(), kUngrouped) != mine.end();
    bool other =
        std::any_of(mine.begin(), mine.end(), [](int g) { return g != kAll && g != kUngrouped; });
    if (ungrouped && other) {
      unplace(static_cast<int>(h), kUngrouped);
    } else if (!ungrouped && !other) {
      place(static_cast<int>(h), kUngrouped);
    }
  }
  // Depth: the longest path from `all` (parents before children, by relaxation).
  std::vector<int> order;
  std::vector<int> indegree(groups.size(), 0);
  for (const Group& g : groups) {
    for (int c : g.children) ++indegree[static_cast<size_t>(c)];
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    if (indegree[g] == 0) order.push_back(static_cast<int>(g));
  }
  for (size_t i = 0; i < order.size(); ++i) {
    Group& g = groups[static_cast<size_t>(order[i])];
    for (int c : g.children) {
      Group& child = groups[static_cast<size_t>(c)];
      child.depth = std::max(child.depth, g.depth + 1);
      if (--indegree[static_cast<size_t>(c)] == 0) order.push_back(c);
    }
  }
}

}  // namespace inventory_detail

// ---------------------------------------------------------------------------------------------
// Reading files.

namespace {

// Python's os.path.splitext(name)[1]: leading dots do not start an extension.
std::string extension(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  if (name.find_first_not_of('.') > dot) return "";
  return name.substr(dot);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Entries of a directory that Ansible skips when the directory is the inventory.
bool ignored_in_inventory_dir(const std::string& name) {
  if (name.empty() || name[0] == '.' || name == "host_vars" || name == "group_vars" ||
      name == "vars_plugins") {
    return true;
  }
  static const std::string_view kIgnored[] = {".pyc", ".pyo", ".swp",  ".bak", "~",
                                              ".rpm", ".md",  ".txt",  ".rst", ".orig",
                                              ".ini", ".cfg", ".retry"};
  return std::any_of(std::begin(kIgnored), std::end(kIgnored),
                     [&](std::string_view e) { return ends_with(name, e); });
}

std::vector<std::string> sorted_entries(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The variables files for NAME in a group_vars or host_vars directory, as Ansible finds them.
void vars_dir_files(const fs::path& dir, std::vector<fs::path>& out, int depth = 0) {
  if (depth > 32) return;  // a symbolic link loop
  for (const std::string& name : sorted_entries(dir)) {
    if (name[0] == '.' || name.back() == '~') continue;
    std::string ext = extension(name);
    fs::path full = dir / name;
    std::error_code ec;
    if (fs::is_directory(full, ec) && ext.empty()) {
      vars_dir_files(full, out, depth + 1);
    } else if (fs::is_regular_file(full, ec) &&
               (ext.empty() || ext == ".yml" || ext == ".yaml" || ext == ".json")) {
      out.push_back(full);
    }
  }
}

// `entries`: the names in dir (listed once for all hosts: a thousand hosts would otherwise
// cost four stat calls each); a name with a '/' is looked up on disk.
std::vector<fs::path> find_vars_files(const fs::path& dir, const std::string& name,
                                      const std::set<std::string>& entries) {
  std::vector<fs::path> out;
  bool nested = name.find('/') != std::string::npos;
  for (std::string_view ext : {"", ".yml", ".yaml", ".json"}) {
    std::string file = name + std::string(ext);
    fs::path p = dir / file;
    std::error_code ec;
    if (nested ? !fs::exists(p, ec) : !entries.count(file)) continue;
    if (fs::is_directory(p, ec)) {
      vars_dir_files(p, out);
    } else {
      out.push_back(p);
    }
    break;
  }
  return out;
}

std::string_view label_text(const syntax::Field* f) {
  if (const auto* id = syntax::as<syntax::Ident>(f->label)) return id->name;
  const auto* b = syntax::as<syntax::BasicLit>(f->label);
  return b ? b->value : std::string_view();
}

bool is_null(const syntax::Node* n) {
  const auto* b = syntax::as<syntax::BasicLit>(n);
  return b && b->tok == Tok::Null;
}

// Python's truth value of a data node.
bool falsy(const syntax::Node* n) {
  if (const auto* s = syntax::as<syntax::StructLit>(n)) return s->elts.empty();
  if (const auto* l = syntax::as<syntax::ListLit>(n)) return l->elts.empty();
  if (syntax::as<syntax::UnaryExpr>(n)) return false;
  const auto* b = syntax::as<syntax::BasicLit>(n);
  if (!b) return false;
  switch (b->tok) {
    case Tok::Null:
    case Tok::False: return true;
    case Tok::String: return b->value.empty();
    case Tok::Int: return b->raw == "0";
    case Tok::Float: return b->raw == "0.0";
    default: return false;
  }
}

std::string_view type_name(const syntax::Node* n) {
  if (syntax::as<syntax::StructLit>(n)) return "a mapping";
  if (syntax::as<syntax::ListLit>(n)) return "a list";
  if (const auto* b = syntax::as<syntax::BasicLit>(n)) {
    switch (b->tok) {
      case Tok::String: return "a string";
      case Tok::True:
      case Tok::False: return "a bool";
      case Tok::Null: return "null";
      default: return "a number";
    }
  }
  return "a number";
}

// Ansible's YAML inventory plugin.
class YamlInventoryReader {
 public:
  YamlInventoryReader(Model& m, const SourceFile& src, Arena& arena, Diagnostics& diags)
      : m_(m), src_(src), arena_(arena), diags_(diags) {}

  void read(const syntax::File* doc) {
    for (syntax::Node* d : doc->decls) {
      auto* f = syntax::as<syntax::Field>(d);
      group(std::string(label_text(f)), f->value, f->pos);
    }
  }

 private:
  struct Entry {
    std::string key;
    syntax::Field* field;
    std::vector<syntax::Field*> members;  // the mapping's fields (a string becomes {string: null})
    bool mapping = false;                 // a mapping (or a converted string)
  };

  std::vector<syntax::Field*> fields_of(const syntax::StructLit* s) {
    std::vector<syntax::Field*> out;
    for (syntax::Node* e : s->elts) {
      if (auto* f = syntax::as<syntax::Field>(e)) out.push_back(f);
    }
    return out;
  }

  std::string group(const std::string& name, const syntax::Node* data, Pos at) {
    const auto* map = syntax::as<syntax::StructLit>(data);
    if (!map && !is_null(data)) {
      diags_.warning(at,
                     fmt::format("Skipping '{}' as this is not a valid group definition", name));
      return name;
    }
    int g = m_.add_group(name);
    if (!map) return name;
    std::vector<Entry> entries;
    for (syntax::Field* f : fields_of(map)) {
      Entry e{std::string(label_text(f)), f, {}, false};
      bool section = e.key == "vars" || e.key == "children" || e.key == "hosts";
      const auto* str = syntax::as<syntax::BasicLit>(f->value);
      if (const auto* s = syntax::as<syntax::StructLit>(f->value)) {
        e.members = fields_of(s);
        e.mapping = true;
      } else if (section && str && str->tok == Tok::String) {
        // A string is allowed here: `hosts: leaf1` is {leaf1: null}.
        auto* null = arena_.make<syntax::BasicLit>();
        null->pos = null->end = str->pos;
        null->tok = Tok::Null;
        null->raw = "null";
        e.members.push_back(make_field(arena_, str->value, str->pos, null));
        e.mapping = true;
      } else if (section && !is_null(f->value)) {
        throw SourceError{
            f->value->pos,
            fmt::format("Invalid \"{}\" entry for \"{}\" group, requires a dictionary, "
                        "found {} instead.",
                        e.key, name, type_name(f->value))};
      }
      entries.push_back(std::move(e));
    }
    for (const Entry& e : entries) {
      if (!e.mapping) {
        if (!is_null(e.field->value)) {
          diags_.warning(
              e.field->pos,
              fmt::format("Skipping key ({}) in group ({}) as it is not a mapping, it is {}", e.key,
                          name, type_name(e.field->value)));
        }
        continue;
      }
      if (e.key == "vars") {
        for (syntax::Field* v : e.members)
          m_.set_var(name, Var{std::string(label_text(v)), v}, v->pos);
      } else if (e.key == "children") {
        for (syntax::Field* c : e.members) {
          std::string child = group(std::string(label_text(c)), c->value, c->pos);
          m_.add_child(g, child, c->pos);
        }
      } else if (e.key == "hosts") {
        for (syntax::Field* h : e.members) hosts(g, h);
      } else {
        diags_.warning(e.field->pos,
                       fmt::format("Skipping unexpected key ({}) in group ({}), only \"vars\", "
                                   "\"children\" and \"hosts\" are valid",
                                   e.key, name));
      }
    }
    return name;
  }

  void hosts(int group, syntax::Field* h) {
    std::string pattern(label_text(h));
    // Offsets of the pattern's bytes: exact when the key is written plainly.
    uint32_t start = src_.file_offset(h->pos);
    bool plain = src_.content().substr(start, pattern.size()) == pattern;
    std::vector<uint32_t> offsets(pattern.size(), start);
    if (plain) {
      for (size_t i = 0; i < offsets.size(); ++i) offsets[i] = start + static_cast<uint32_t>(i);
    }
    ExpandedHosts expanded = expand_host_pattern(pattern, offsets, src_, false);
    std::vector<syntax::Field*> vars;
    if (const auto* s = syntax::as<syntax::StructLit>(h->value)) {
      vars = fields_of(s);
    } else if (!falsy(h->value)) {
      throw SourceError{h->value->pos,
                        fmt::format("Invalid data from file, expected dictionary and got {} for "
                                    "host {}",
                                    type_name(h->value), pattern)};
    }
    syntax::Field* port = port_field(arena_, expanded);
    for (const std::string& name : expanded.names) {
      if (name.empty()) throw SourceError{h->pos, "Invalid empty host name provided"};
      m_.add_host(name, group, port);
      for (syntax::Field* v : vars) m_.set_var(name, Var{std::string(label_text(v)), v}, v->pos);
    }
  }

  Model& m_;
  const SourceFile& src_;
  Arena& arena_;
  Diagnostics& diags_;
};

class Loader {
 public:
  Loader(FileSet& files, Arena& arena, Diagnostics& diags)
      : files_(files), arena_(arena), diags_(diags) {}

  std::shared_ptr<Model> load(const std::string& path) {
    std::error_code ec;
    fs::path root(path);
    if (!fs::exists(root, ec)) {
      diags_.error(Pos{}, fmt::format("{}: no such inventory file or directory", path));
      return nullptr;
    }
    if (fs::is_directory(root, ec)) {
      source_dir(root);
      basedir_ = root;
    } else {
      source_file(root);
      basedir_ = root.parent_path();
      if (basedir_.empty()) basedir_ = ".";
    }
    model_.finish();
    for (Group& g : model_.groups) g.file_vars = vars_files(basedir_ / "group_vars", g.name);
    for (Host& h : model_.hosts) h.file_vars = vars_files(basedir_ / "host_vars", h.name);
    return std::make_shared<Model>(std::move(model_));
  }

 private:
  void source_dir(const fs::path& dir, int depth = 0) {
    if (depth > 32) {
      diags_.error(Pos{},
                   fmt::format("{}: inventory directories nested too deep (a symbolic link loop?)",
                               dir.string()));
      return;
    }
    for (const std::string& name : sorted_entries(dir)) {
      if (ignored_in_inventory_dir(name)) continue;
      fs::path full = dir / name;
      std::error_code ec;
      if (fs::is_directory(full, ec)) {
        source_dir(full, depth + 1);
      } else {
        source_file(full);
      }
    }
  }

  const SourceFile* read(const fs::path& p) {
    auto content = read_file(p.string());
    if (!content) {
      diags_.io_error(std::move(content).error());
      return nullptr;
    }
    return &files_.add(Build::display_name(p.string()), std::move(*content));
  }

  // Ansible reads a data file as JSON first, then as YAML.
  std::vector<syntax::File*> parse(const SourceFile& src, Diagnostics& diags) {
    bool json = nlohmann::json::accept(src.content());
    return parse_yaml(arena_, src, diags, json ? YamlMode::AnsibleJson : YamlMode::Ansible);
  }

  static bool mapping_doc(const syntax::File* doc) {
    return std::all_of(doc->decls.begin(), doc->decls.end(),
                       [](const syntax::Node* d) { return syntax::as<syntax::Field>(d); });
  }

  void source_file(const fs::path& p) {
    const SourceFile* src = read(p);
    if (!src) return;
    std::string ext = extension(p.filename().string());
    Model saved = model_;
    std::vector<Diagnostic> why;  // why each reader could not read it
    if (ext.empty() || ext == ".yml" || ext == ".yaml" || ext == ".json") {
      Diagnostics local;
      std::vector<syntax::File*> docs = parse(*src, local);
      Pos start = src->pos(0);
      std::string problem;
      if (local.has_errors()) {
        for (const Diagnostic& d : local.list()) {
          if (d.severity == Severity::Error) why.push_back(d);
        }
      } else if (docs.size() > 1) {
        problem = "expected a single document in the stream";
      } else if (docs.empty() || docs[0]->decls.empty()) {
        problem = "Parsed empty YAML file";
      } else if (!mapping_doc(docs[0])) {
        problem = "YAML inventory has invalid structure, it should be a dictionary";
      } else if (std::any_of(docs[0]->decls.begin(), docs[0]->decls.end(), [](syntax::Node* d) {
                   return label_text(syntax::as<syntax::Field>(d)) == "plugin";
                 })) {
        problem =
            "Plugin configuration YAML file, not YAML inventory (inventory plugins are not run)";
      } else {
        try {
          YamlInventoryReader(model_, *src, arena_, local).read(docs[0]);
          for (const Diagnostic& d : local.list()) diags_.add(d);
          return;
        } catch (const SourceError& e) {
          model_ = saved;
          why.push_back(Diagnostic{Severity::Error, e.pos, {}, e.message, {}, {}});
        }
      }
      if (!problem.empty())
        why.push_back(Diagnostic{Severity::Error, start, {}, "yaml: " + problem, {}, {}});
    }
    Diagnostics local;
    try {
      parse_ini_inventory(model_, *src, arena_, local);
      for (const Diagnostic& d : local.list()) diags_.add(d);
      return;
    } catch (const SourceError& e) {
      model_ = saved;
      why.push_back(Diagnostic{Severity::Error, e.pos, {}, "ini: " + e.message, {}, {}});
    }
    Diagnostic d;
    d.severity = Severity::Warning;
    d.pos = src->pos(0);
    d.message = fmt::format(
        "{}: skipped: not an inventory source Ansible can read (neither YAML nor INI inventory)",
        src->name());
    for (Diagnostic& w : why) {
      w.severity = Severity::Warning;
      d.children.push_back(std::move(w));
    }
    diags_.add(std::move(d));
  }

  // The names in dir, read once; null when dir is not a directory.
  const std::set<std::string>* listing(const fs::path& dir) {
    auto [it, fresh] = listings_.try_emplace(dir.string());
    if (fresh) {
      std::error_code ec;
      if (fs::is_directory(dir, ec)) {
        std::vector<std::string> names = sorted_entries(dir);
        it->second.emplace(names.begin(), names.end());
      } else {
        it->second.reset();
      }
    }
    return it->second ? &*it->second : nullptr;
  }

  std::vector<Var> vars_files(const fs::path& dir, const std::string& name) {
    std::vector<Var> out;
    if (name.empty() || name[0] == '/') return out;
    const std::set<std::string>* entries = listing(dir);
    if (!entries) return out;
    for (const fs::path& p : find_vars_files(dir, name, *entries)) {
      const SourceFile* src = read(p);
      if (!src) continue;
      std::vector<syntax::File*> docs = parse(*src, diags_);
      if (docs.size() > 1) {
        diags_.error(
            src->pos(0),
            fmt::format("{} holds {} YAML documents; Ansible reads a variables file as one "
                        "document",
                        src->name(), docs.size()));
        continue;
      }
      if (docs.empty()) continue;
      for (syntax::Node* d : docs[0]->decls) {
        if (auto* f = syntax::as<syntax::Field>(d)) {
          out.push_back(Var{std::string(label_text(f)), f});
        } else if (auto* e = syntax::as<syntax::EmbedDecl>(d); e && !falsy(e->expr)) {
          diags_.error(
              e->pos,
              fmt::format("{}: variables must be a mapping, not {} (Ansible fails on this file)",
                          src->name(), type_name(e->expr)));
        }
      }
    }
    return out;
  }

  FileSet& files_;
  Arena& arena_;
  Diagnostics& diags_;
  Model model_;
  fs::path basedir_;
  std::map<std::string, std::optional<std::set<std::string>>> listings_;
};

// Variables ansible-inventory leaves out of --host (Ansible's own magic variables).
bool internal_var(std::string_view name) {
  static const std::set<std::string_view> kInternal = {"ansible_diff_mode",
                                                       "ansible_config_file",
                                                       "ansible_facts",
                                                       "ansible_forks",
                                                       "ansible_inventory_sources",
                                                       "ansible_limit",
                                                       "ansible_playbook_python",
                                                       "ansible_run_tags",
                                                       "ansible_skip_tags",
                                                       "ansible_verbosity",
                                                       "ansible_version",
                                                       "inventory_dir",
                                                       "inventory_file",
                                                       "inventory_hostname",
                                                       "inventory_hostname_short",
                                                       "groups",
                                                       "group_names",
                                                       "omit",
                                                       "playbook_dir"};
  return kInternal.count(name) > 0;
}

std::vector<int> sorted_groups_of(const Model& m, int host) {
  std::vector<int> gs = m.groups_of(host);
  std::sort(gs.begin(), gs.end(), [&](int a, int b) {
    const Group& x = m.groups[static_cast<size_t>(a)];
    const Group& y = m.groups[static_cast<size_t>(b)];
    return std::tie(x.depth, x.priority, x.name) < std::tie(y.depth, y.priority, y.name);
  });
  return gs;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The API.

std::optional<Inventory> load_inventory(const std::string& path, FileSet& files, Arena& arena,
                                        Diagnostics& diags) {
  std::shared_ptr<Model> m = Loader(files, arena, diags).load(path);
  if (!m) return std::nullopt;
  Inventory inv;
  inv.model_ = std::move(m);
  return inv;
}

std::vector<std::string> Inventory::hosts() const {
  std::vector<std::string> out;
  for (const Host& h : model_->hosts) out.push_back(h.name);
  return out;
}

bool Inventory::has_host(const std::string& host) const { return model_->find_host(host) >= 0; }

std::vector<std::string> Inventory::groups() const {
  std::vector<std::string> out;
  for (const Group& g : model_->groups) out.push_back(g.name);
  return out;
}

std::vector<std::string> Inventory::groups_of(const std::string& host) const {
  std::vector<std::string> out;
  int h = model_->find_host(host);
  if (h < 0) return out;
  for (int g : sorted_groups_of(*model_, h))
    out.push_back(model_->groups[static_cast<size_t>(g)].name);
  return out;
}

syntax::File* Inventory::host_vars(const std::string& host, Arena& arena,
                                   Diagnostics& diags) const {
  const Model& m = *model_;
  int h = m.find_host(host);
  if (h < 0) {
    diags.error(Pos{}, fmt::format("host {} is not in the inventory", host));
    return nullptr;
  }
  std::map<std::string, syntax::Field*> vars;  // sorted by name, as ansible-inventory prints them
  auto apply = [&](const std::vector<Var>& vs) {
    for (const Var& v : vs) vars[v.name] = v.field;
  };
  std::vector<int> groups = sorted_groups_of(m, h);  // `all` first: its depth is 0
  for (int pass = 0; pass < 2; ++pass) {
    // Inventory-written vars of all groups, then the group_vars files of all groups.
    for (int g : groups)
      apply(pass == 0 ? m.groups[static_cast<size_t>(g)].vars
                      : m.groups[static_cast<size_t>(g)].file_vars);
  }
  apply(m.hosts[static_cast<size_t>(h)].vars);
  apply(m.hosts[static_cast<size_t>(h)].file_vars);
  std::vector<syntax::Decl*> decls;
  for (const auto& [name, f] : vars) {
    if (!internal_var(name)) decls.push_back(f);
  }
  auto* file = arena.make<syntax::File>();
  file->pos = file->end = decls.empty() ? Pos{} : decls.front()->pos;
  file->decls = arena.copy(decls);
  identifier_labels(arena, file);  // `mtu`, however it was written (INI, YAML), is in scope
  // Jinja expressions stay strings: say so where they are written.
  auto warn_jinja = [&](auto&& self, const syntax::Node* n) -> void {
    if (const auto* b = syntax::as<syntax::BasicLit>(n)) {
      if (b->tok != syntax::Tok::String) return;
      std::string_view v = b->value;
      if (v.find("{{") == std::string_view::npos && v.find("{%") == std::string_view::npos) return;
      if (std::find(jinja_warned_->begin(), jinja_warned_->end(), b->pos.offset) !=
          jinja_warned_->end())
        return;
      jinja_warned_->push_back(b->pos.offset);
      diags.warning(b->pos,
                    "a Jinja expression: Ansible renders it, cfgc checks it as the string it is");
    } else if (const auto* f = syntax::as<syntax::Field>(n)) {
      self(self, f->value);
    } else if (const auto* s = syntax::as<syntax::StructLit>(n)) {
      for (const syntax::Node* d : s->elts) self(self, d);
    } else if (const auto* l = syntax::as<syntax::ListLit>(n)) {
      for (const syntax::Node* e : l->elts) self(self, e);
    }
  };
  for (const syntax::Node* d : file->decls) warn_jinja(warn_jinja, d);
  return file;
}

namespace {

// A copy of a data tree with every struct's fields sorted by name (Python's sort_keys).
syntax::Node* sorted_copy(syntax::Node* n, Arena& arena) {
  if (auto* s = syntax::as<syntax::StructLit>(n)) {
    std::vector<syntax::Field*> fields;
    for (syntax::Node* e : s->elts) {
      if (auto* f = syntax::as<syntax::Field>(e)) {
        auto* c = arena.make<syntax::Field>(*f);
        c->value = sorted_copy(f->value, arena);
        fields.push_back(c);
      }
    }
    std::stable_sort(fields.begin(), fields.end(),
                     [](const syntax::Field* a, const syntax::Field* b) {
                       return label_text(a) < label_text(b);
                     });
    auto* c = arena.make<syntax::StructLit>(*s);
    c->elts = arena.copy(std::vector<syntax::Decl*>(fields.begin(), fields.end()));
    return c;
  }
  if (auto* l = syntax::as<syntax::ListLit>(n)) {
    std::vector<syntax::Expr*> elts;
    for (syntax::Node* e : l->elts) elts.push_back(sorted_copy(e, arena));
    auto* c = arena.make<syntax::ListLit>(*l);
    c->elts = arena.copy(elts);
    return c;
  }
  return n;
}

// Floats in JSON text rewritten as Python prints them (1e+16, not 1E+16).
std::string python_floats(const std::string& json) {
  std::string out;
  size_t i = 0;
  while (i < json.size()) {
    char c = json[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < json.size() && json[j] != '"') j += json[j] == '\\' ? 2 : 1;
      out.append(json, i, j + 1 - i);
      i = j + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t j = i + 1;
      while (j < json.size() &&
             std::string_view("0123456789.eE+-").find(json[j]) != std::string_view::npos)
        ++j;
      std::string_view num(json.data() + i, j - i);
      double d = 0;
      if (num.find_first_of(".eE") != std::string_view::npos &&
          std::from_chars(num.data(), num.data() + num.size(), d).ec == std::errc()) {
        out += python_float_repr(d);
      } else {
        out += num;
      }
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> ansible_host_json(const Inventory& inv, const std::string& host,
                                             Arena& arena, Diagnostics& diags) {
  size_t errors = diags.error_count();
  syntax::File* vars = inv.host_vars(host, arena, diags);
  if (!vars) return std::nullopt;
  std::vector<syntax::Decl*> decls;
  for (syntax::Node* d : vars->decls) {
    auto* f = arena.make<syntax::Field>(*syntax::as<syntax::Field>(d));
    f->value = sorted_copy(f->value, arena);
    decls.push_back(f);
  }
  auto* file = arena.make<syntax::File>(*vars);
  file->decls = arena.copy(decls);
  eval::Compiler compiler(arena, diags);
  syntax::File* files[] = {file};
  eval::CompiledPackage pkg = compiler.compile_package(files);
  if (diags.error_count() > errors) return std::nullopt;
  eval::Evaluator ev(arena);
  eval::Vertex* root = ev.add_package(pkg);
  std::vector<Diagnostic> errs = ev.errors(root, true);
  if (!errs.empty()) {
    for (Diagnostic& d : errs) diags.add(std::move(d));
    return std::nullopt;
  }
  std::string out;
  exporter::write_json(ev, root, out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return python_floats(out);
}

}  // namespace cfgc::load
