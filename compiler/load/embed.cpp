// @embed: files of the module read while loading, so evaluation itself does no I/O.
//
//   @extern(embed)                    (file attribute: this file embeds files)
//   package dc1
//   frr: string @embed(file="frr.conf.tmpl", type=text)   → the file's text
//   hosts: _ @embed(glob="*/*.yaml")                       → {"cumulus/leaf1.yaml": {...}, ...}
//
// Types: json, yaml (one document; positions point into the file) and text (a string), from
// the `type=` argument or the extension (.json, .yaml, .yml, .txt). Paths are relative to the
// directory of the file holding the attribute and must stay inside its module; glob patterns
// use *, ? and [...] within one path segment (no **). A glob matching nothing is an error
// unless allowEmptyGlob is given. This follows CUE's embed proposal (cue help embed).
#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "compiler/base/file_io.h"
#include "compiler/base/utf8.h"
#include "compiler/load/build.h"
#include "compiler/load/shipped.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/syntax/parser.h"

namespace cfgc::load {

using namespace cfgc::encoding;

namespace fs = std::filesystem;
using namespace cfgc::syntax;

namespace {

struct EmbedArgs {
  std::string file, glob, type;
  bool allow_empty = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "file=x.json, type=json" or with quoted values: file="x.json".
Result<EmbedArgs> parse_args(std::string_view body) {
  EmbedArgs out;
  size_t i = 0;
  while (i <= body.size()) {
    size_t comma = body.find(',', i);
    std::string_view part =
        trim(body.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
    i = comma == std::string_view::npos ? body.size() + 1 : comma + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string_view key = trim(part.substr(0, eq));
    std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : trim(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (key == "file") {
      out.file = value;
    } else if (key == "glob") {
      out.glob = value;
    } else if (key == "type") {
      out.type = value;
    } else if (key == "allowEmptyGlob" && eq == std::string_view::npos) {
      out.allow_empty = true;
    } else {
      return Error{fmt::format(
          "unknown @embed argument \"{}\" (want file=, glob=, type= or allowEmptyGlob)", part)};
    }
  }
  if (out.file.empty() == out.glob.empty()) {
    return Error{"@embed needs exactly one of file=NAME or glob=PATTERN"};
  }
  if (!out.type.empty() && out.type != "text" && out.type != "json" && out.type != "yaml") {
    return Error{fmt::format("unsupported @embed type \"{}\" (want text, json or yaml)", out.type)};
  }
  return out;
}

// The type of a file from the attribute or the file's extension.
Result<std::string> type_of(const std::string& path, const std::string& given) {
  if (!given.empty()) return given;
  std::string ext = fs::path(path).extension().string();
  if (ext == ".json") return "json";
  if (ext == ".yaml" || ext == ".yml") return "yaml";
  if (ext == ".txt") return "text";
  if (ext == ".cue") {
    return Error{fmt::format("{}: CUE files cannot be embedded; import their package instead", path)};
  }
  return Error{fmt::format(
      "{}: the file type is not known from its extension; add type=text, type=json or type=yaml", path)};
}

bool has_extern_embed(const File* f) {
  for (Node* d : f->decls) {
    auto* a = as<Attribute>(d);
    if (a && a->name() == "extern" && trim(a->body()) == "embed") return true;
  }
  return false;
}

// A path below `root`, compared lexically.
bool inside(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

// The same once symbolic links are followed: a link inside the module may not lead out of it.
bool resolves_inside(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return true;  // unreadable: reading it reports the problem
  fs::path real_root = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return true;
  return inside(real, real_root);
}

}  // namespace

// The value of a parsed data file: its one embedded expression, or a struct of its fields.
static Expr* file_value(Arena& arena, File* f) {
  std::vector<Decl*> decls;
  for (Decl* d : f->decls) {
    if (d->kind != NodeKind::Package && d->kind != NodeKind::ImportDecl &&
        d->kind != NodeKind::Attribute) {
      decls.push_back(d);
    }
  }
  if (decls.size() == 1) {
    if (auto* e = as<EmbedDecl>(decls[0])) return e->expr;
  }
  StructLit* s = arena.make<StructLit>();
  s->pos = s->lbrace = f->pos;
  s->end = s->rbrace = f->end;
  s->elts = arena.copy(decls);
  return s;
}

Expr* Build::embed_one(const std::string& path, const std::string& type, Pos at) {
  auto content = read_file(path);
  if (!content) {
    diags_.error(at, fmt::format("@embed: {}", content.error().message));
    return nullptr;
  }
  const SourceFile& src = files_.add(display_name(path), std::move(*content));
  if (type == "text") {
    if (!utf8::valid(src.content())) {
      diags_.error(at, fmt::format("@embed: {} is not UTF-8 text", src.name()));
      return nullptr;
    }
    BasicLit* lit = arena_.make<BasicLit>();
    lit->pos = lit->end = src.pos(0);
    lit->tok = Tok::String;
    lit->value = src.content();
    lit->raw = lit->value;
    return lit;
  }
  size_t errors_before = diags_.error_count();
  std::vector<File*> docs;
  if (type == "yaml") {
    docs = parse_yaml(arena_, src, diags_, YamlMode::Cue, yaml11_warnings_);
  } else {
    docs.push_back(parse_file(arena_, src, diags_));
    if (diags_.error_count() == errors_before && !nlohmann::json::accept(src.content())) {
      diags_.error(src.pos(0), fmt::format("{} is not JSON (embedded with type=json)", src.name()));
    }
  }
  if (diags_.error_count() != errors_before) return nullptr;
  if (docs.size() != 1) {
    diags_.error(
        at,
        fmt::format("@embed: {} holds {} documents; embed one document (or type=text and decode it "
                    "with yaml.Unmarshal)",
                    src.name(), docs.size()));
    return nullptr;
  }
  return file_value(arena_, docs[0]);
}

bool Build::resolve_embeds(std::span<File* const> files) {
  size_t errors_before = diags_.error_count();
  for (File* f : files) {
    auto it = real_paths_.find(f->source);
    if (it == real_paths_.end()) continue;  // not read from a file (standard input, -e)
    const std::string& file_path = it->second;
    bool allowed = has_extern_embed(f);
    auto visit = [&](auto&& self, Node* n) -> void {
      if (!n) return;
      if (auto* field = as<Field>(n)) {
        for (Attribute* a : field->attrs()) {
          if (a->name() == "embed") embed_into(field, a, file_path, allowed);
        }
      }
      for_each_child(n, [&](Node* c) { self(self, c); });
    };
    visit(visit, f);
  }
  return diags_.error_count() == errors_before;
}

void Build::embed_into(Field* field, Attribute* a, const std::string& file_path, bool allowed) {
  if (!allowed) {
    diags_.error(
        a->pos,
        "@embed needs the file attribute @extern(embed) at the top of the file (before `package`)");
    return;
  }
  Result<EmbedArgs> parsed = parse_args(a->body());
  if (!parsed) {
    diags_.error(a->pos, parsed.error().message);
    return;
  }
  const EmbedArgs& args = *parsed;
  // Only files of the embedding file's module: the shipped packages form their own module.
  std::optional<std::string> root;
  if (is_shipped(file_path)) {
    root = shipped_root();
  } else if (module_) {
    root = module_->root;
  }
  if (!root) {
    diags_.error(a->pos, "@embed works inside a module only (a directory with cue.mod/module.cue)");
    return;
  }
  std::error_code ec;
  fs::path root_abs = fs::absolute(*root, ec).lexically_normal();
  fs::path base = fs::absolute(fs::path(file_path).parent_path(), ec).lexically_normal();
  std::string_view name = args.file.empty() ? args.glob : args.file;
  if (fs::path(name).is_absolute() || !inside((base / name).lexically_normal(), root_abs)) {
    diags_.error(a->pos, fmt::format("@embed: {} is outside the module (root {})", name, *root));
    return;
  }
  Expr* value = nullptr;
  if (!args.file.empty()) {
    Result<std::string> type = type_of(args.file, args.type);
    if (!type) {
      diags_.error(a->pos, "@embed: " + type.error().message);
      return;
    }
    fs::path target = (fs::path(file_path).parent_path() / args.file).lexically_normal();
    if (!resolves_inside(target, root_abs)) {
      diags_.error(a->pos, fmt::format("@embed: {} leads outside the module (a symbolic link)", args.file));
      return;
    }
    value = embed_one(target.string(), *type, a->pos);
  } else {
    if (args.glob.find("**") != std::string::npos) {
      diags_.error(a->pos, "@embed: ** patterns are not supported");
      return;
    }
    // Walk as deep as the pattern has segments, matching whole relative paths.
    size_t depth = std::count(args.glob.begin(), args.glob.end(), '/') + 1;
    std::vector<std::string> matches;
    for (auto it = fs::recursive_directory_iterator(base, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string fname = it->path().filename().string();
      if (it->is_directory(ec)) {
        if (static_cast<size_t>(it.depth()) + 1 >= depth || fname == "cue.mod" || fname[0] == '.') {
          it.disable_recursion_pending();
        }
        continue;
      }
      std::string rel = it->path().lexically_relative(base).generic_string();
      if (fnmatch(args.glob.c_str(), rel.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0)
        matches.push_back(rel);
    }
    std::sort(matches.begin(), matches.end());
    if (matches.empty() && !args.allow_empty) {
      diags_.error(
          a->pos,
          fmt::format("@embed: no files match {} (add allowEmptyGlob to allow that)", args.glob));
      return;
    }
    std::vector<Decl*> fields;
    for (const std::string& rel : matches) {
      Result<std::string> type = type_of(rel, args.type);
      if (!type) {
        diags_.error(a->pos, "@embed: " + type.error().message);
        continue;
      }
      fs::path target = (fs::path(file_path).parent_path() / rel).lexically_normal();
      if (!resolves_inside(target, root_abs)) {
        diags_.error(a->pos, fmt::format("@embed: {} leads outside the module (a symbolic link)", rel));
        continue;
      }
      Expr* v = embed_one(target.string(), *type, a->pos);
      if (!v) continue;
      BasicLit* label = arena_.make<BasicLit>();
      label->pos = label->end = v->pos;
      label->tok = Tok::String;
      label->value = arena_.copy(rel);
      label->raw = label->value;
      Field* f = arena_.make<Field>();
      f->pos = v->pos;
      f->end = v->end;
      f->label = label;
      f->colon = v->pos;
      f->value = v;
      fields.push_back(f);
    }
    StructLit* s = arena_.make<StructLit>();
    s->pos = s->lbrace = a->pos;
    s->end = s->rbrace = a->end;
    s->elts = arena_.copy(fields);
    value = s;
  }
  if (!value) return;
  BinaryExpr* both = arena_.make<BinaryExpr>();
  both->pos = field->value->pos;
  both->end = field->value->end;
  both->op = Tok::And;
  both->op_pos = a->pos;
  both->x = field->value;
  both->y = value;
  field->value = both;
}

}  // namespace cfgc::load
