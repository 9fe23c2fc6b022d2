#include "compiler/load/build.h"

#include <fmt/format.h>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/base/suggest.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/load/instance.h"
#include "compiler/load/shipped.h"
#include "compiler/load/tags.h"
#include "compiler/syntax/parser.h"

namespace cfgc::load {

using namespace cfgc::encoding;

namespace fs = std::filesystem;

Build::Build() : evaluator_(std::make_unique<eval::Evaluator>(arena_)) {
  evaluator_->set_files(&files_);
}
Build::~Build() = default;

std::string Build::display_name(const std::string& path) {
  if (path == "-") return "<stdin>";
  if (auto shipped = shipped_display_name(path)) return *shipped;
  if (path.empty() || path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0)
    return path;
  return "./" + path;
}

std::vector<std::string> Build::tag_names() const {
  std::vector<std::string> names;
  for (const auto& t : tags_) names.push_back(t.substr(0, t.find('=')));
  return names;
}

// " (did you mean PATH?)" for a path that does not exist, from the names in its directory.
static std::string did_you_mean_path(const std::string& path) {
  fs::path p(path);
  std::string parent = p.parent_path().string();
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(parent.empty() ? "." : parent, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::optional<std::string> best = closest_name(p.filename().string(), views);
  if (!best) return "";
  return " (did you mean " + (parent.empty() ? *best : (fs::path(parent) / *best).string()) + "?)";
}

// The format of an input: from a `json:`/`yaml:`/`cue:` qualifier, else from its extension.
static std::string format_of(const std::string& path, const std::string& qualifier) {
  if (!qualifier.empty()) return qualifier;
  std::string ext = fs::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml") return "yaml";
  if (ext == ".json") return "json";
  return "cue";
}

Result<> Build::parse_into(const std::string& p, std::vector<syntax::File*>& out) {
  std::string qualifier;
  std::string path = p;
  if (auto it = qualifiers_.find(p); it != qualifiers_.end()) qualifier = it->second;
  auto content = read_file(path);
  if (!content) return std::move(content).error();
  const SourceFile& src = files_.add(display_name(path), std::move(*content));
  if (path != "-") real_paths_[&src] = path;
  std::string ext = format_of(path, qualifier) == "yaml" ? ".yaml" : ".cue";
  if (ext == ".yaml" || ext == ".yml") {
    std::vector<syntax::File*> docs = parse_yaml(arena_, src, diags_);
    if (docs.size() > 1) {
      diags_.error(src.pos(0),
                   fmt::format("{} holds {} YAML documents; `cfgc vet` checks each one, `eval` and "
                               "`export` need a single value",
                               src.name(), docs.size()));
    }
    out.insert(out.end(), docs.begin(), docs.end());
    return {};
  }
  syntax::File* file = syntax::parse_file(arena_, src, diags_);
  // JSON keys that are identifiers become identifier labels, as CUE's JSON decoder makes them.
  if (format_of(path, qualifier) == "json") encoding::identifier_labels(arena_, file);
  out.push_back(file);
  return {};
}

bool Build::load(const std::vector<std::string>& args) {
  size_t io_errors_before = diags_.size();
  auto io_error = [&](std::string msg) { diags_.io_error(Error{std::move(msg)}); };
  std::vector<std::string> paths;
  bool have_instance = false;
  std::string qualifier;              // from a preceding `json:`, `yaml:` or `cue:` argument
  std::vector<std::string> excluded;  // files left out by their @if attributes
  for (const std::string& a : args) {
    std::error_code ec;
    if (a == "json:" || a == "yaml:" || a == "cue:") {
      qualifier = a.substr(0, a.size() - 1);
      continue;
    }
    if (!qualifier.empty()) {
      qualifiers_[a] = qualifier;
      qualifier.clear();
      paths.push_back(a);
      continue;
    }
    // A directory (or dir:pkg) names a package instance.
    std::string dir = a, pkg;
    if (auto colon = a.rfind(':');
        colon != std::string::npos && colon > 0 && fs::is_directory(a.substr(0, colon), ec)) {
      dir = a.substr(0, colon);
      pkg = a.substr(colon + 1);
    }
    if (a != "-" && fs::is_directory(dir, ec)) {
      if (have_instance) {
        io_error(
            fmt::format("{}: only one package per run here (use dir/... to evaluate several)", a));
        continue;
      }
      have_instance = true;
      auto mod = find_module(dir);
      if (!mod) {
        diags_.io_error(std::move(mod).error());
        continue;
      }
      module_ = *mod;
      auto inst = instance_files(dir, pkg, module_, tag_names(), tool_files_);
      if (!inst) {
        diags_.io_error(std::move(inst).error());
        continue;
      }
      paths.insert(paths.end(), inst->files.begin(), inst->files.end());
      if_tags_ = inst->if_tags;
      continue;
    }
    std::string ext = fs::path(a).extension().string();
    if (a != "-" && !fs::exists(dir, ec)) {
      io_error(fmt::format("{}: no such file or directory{}", a, did_you_mean_path(a)));
      continue;
    }
    if (a != "-" && ext != ".cue" && ext != ".json" && ext != ".yaml" && ext != ".yml") {
      io_error(fmt::format(
          "{}: unsupported file type (cfgc reads .cue, .json, .yaml and .yml files)", a));
      continue;
    }
    if (!have_instance && !module_ && a != "-") {
      // A broken cue.mod beside loose files is reported when an import needs the module.
      auto mod =
          find_module(fs::path(a).parent_path().empty() ? "." : fs::path(a).parent_path().string());
      if (mod) module_ = *mod;
    }
    // A .cue file named on the command line obeys its @if(tag) attributes too.
    if (ext == ".cue") {
      std::vector<std::string> needs = if_tags_of_file(a);
      if_tags_.insert(if_tags_.end(), needs.begin(), needs.end());
      std::vector<std::string> set = tag_names();
      for (const std::string& t : needs) {
        if (std::find(set.begin(), set.end(), t) == set.end()) {
          excluded.push_back(fmt::format("{}: @if({}) did not match", a, t));
          break;
        }
      }
      if (!excluded.empty() && excluded.back().starts_with(a + ":")) continue;
    }
    paths.push_back(a);
  }
  if (paths.empty() && !excluded.empty() && !have_instance) {
    std::string msg = "build constraints exclude all CUE files in command-line-arguments:";
    for (const std::string& e : excluded) msg += "\n    " + e;
    diags_.error(Pos{}, msg);
    return false;
  }
  if (!qualifier.empty())
    io_error(fmt::format("{}: the qualifier needs a file after it (or - for standard input)",
                         qualifier + ":"));
  std::string package;
  std::string package_file;
  for (const std::string& p : paths) {
    std::vector<syntax::File*> parsed;
    if (Result<> read = parse_into(p, parsed); !read) {
      diags_.io_error(std::move(read).error());
      continue;
    }
    for (syntax::File* f : parsed) {
      std::string_view name = f->package_name();
      if (!name.empty()) {
        if (package.empty()) {
          package = name;
          package_file = f->source->name();
        } else if (package != name) {
          diags_.error(
              f->pos,
              fmt::format("package {} in {} differs from package {} in {}: files given together "
                          "must belong to one package",
                          name, f->source->name(), package, package_file));
        }
      }
      parsed_.push_back(f);
    }
  }
  bool io_failed = false;
  for (size_t i = io_errors_before; i < diags_.size(); ++i)
    io_failed |= diags_.list()[i].kind == ErrorKind::Io;
  return !io_failed && !parsed_.empty();
}

Result<int> Build::load_import(std::string_view path) {
  auto target = resolve_import(path, module_);
  if (!target) {
    // The shipped packages missing altogether is said once, not once per import.
    if (path.starts_with(kShippedModule) && !shipped_root()) {
      if (shipped_missing_reported_) return Error{};
      shipped_missing_reported_ = true;
    }
    return std::move(target).error();
  }
  std::string key = target->dir + ":" + target->package;
  for (auto& [k, index] : imported_) {
    if (k != key) continue;
    if (index < 0)
      return Error{fmt::format("import cycle: \"{}\" is imported while it is being loaded", path)};
    return index;
  }
  imported_.emplace_back(key, -1);
  size_t slot = imported_.size() - 1;
  auto inst = instance_files(target->dir, target->package, module_, tag_names());
  if (!inst) return std::move(inst).error();
  std::vector<syntax::File*> files;
  for (const auto& f : inst->files) {
    // A file of the imported package that cannot be read fails the import where it stands.
    if (Result<> read = parse_into(f, files); !read) return std::move(read).error();
  }
  if (!inject_tags(arena_, files, {}, diags_)) return Error{};
  if (!resolve_embeds(files)) return Error{};
  auto compiler = std::make_unique<eval::Compiler>(
      arena_, diags_, [this](std::string_view p) { return load_import(p); });
  auto pkg = std::make_unique<eval::CompiledPackage>(compiler->compile_package(files));
  evaluator_->add_package(*pkg);
  int index = static_cast<int>(evaluator_->package_count() - 1);
  imported_[slot].second = index;
  import_compilers_.push_back(std::move(compiler));
  import_packages_.push_back(std::move(pkg));
  return index;
}

eval::Vertex* Build::instantiate() {
  if (diags_.has_errors()) return nullptr;
  if (!inject_tags(arena_, parsed_, tags_, diags_, if_tags_)) return nullptr;
  if (!resolve_embeds(parsed_)) return nullptr;
  compiler_ = std::make_unique<eval::Compiler>(
      arena_, diags_, [this](std::string_view p) { return load_import(p); });
  package_ = std::make_unique<eval::CompiledPackage>(compiler_->compile_package(parsed_));
  if (diags_.has_errors()) return nullptr;
  return evaluator_->add_package(*package_);
}

std::optional<Inventory> Build::read_inventory(const std::string& path,
                                               std::vector<std::string>* files_read) {
  size_t before = files_.size();
  std::optional<Inventory> inv = load_inventory(path, files_, arena_, diags_);
  if (files_read) {
    for (size_t i = before; i < files_.size(); ++i) files_read->push_back(files_.at(i).name());
  }
  return inv;
}

eval::Vertex* Build::new_root() { return evaluator_->add_package(*package_); }

syntax::File* Build::parse_text(const std::string& name, std::string text) {
  const SourceFile& src = files_.add(name, std::move(text));
  return syntax::parse_file(arena_, src, diags_);
}

eval::Vertex* Build::new_root(eval::StructExpr* doc) {
  eval::Vertex* root = new_root();
  evaluator_->add_conjunct(root, doc, doc->pos);
  return root;
}

eval::StructExpr* Build::compile_data(syntax::File* doc) {
  eval::Compiler c(arena_, diags_);
  syntax::File* files[] = {doc};
  eval::CompiledPackage p = c.compile_package(files);
  return p.files.empty() ? nullptr : p.files[0];
}

eval::StructExpr* Build::compile_host_data(syntax::File* doc) {
  // The variables not compiled yet, compiled together in one document of their own.
  std::vector<syntax::Decl*> fresh;
  for (syntax::Decl* d : doc->decls) {
    if (!syntax::as<syntax::Field>(d)) return compile_data(doc);
    if (!host_data_decls_.count(d)) fresh.push_back(d);
  }
  if (!fresh.empty()) {
    // Messages (a number out of range) are for each host's report: then no sharing.
    auto* part = arena_.make<syntax::File>(*doc);
    part->decls = arena_.copy(fresh);
    Diagnostics quiet;
    eval::Compiler c(arena_, quiet);
    syntax::File* files[] = {part};
    eval::CompiledPackage p = c.compile_package(files);
    if (quiet.size() != 0 || p.files.empty() || p.files[0]->decls.size() != fresh.size()) {
      return compile_data(doc);
    }
    eval::StructExpr* compiled = p.files[0];
    for (size_t i = 0; i < fresh.size(); ++i)
      host_data_decls_.emplace(fresh[i], compiled->decls[i]);
  }
  auto* s = arena_.make<eval::StructExpr>(eval::Op::Struct);
  s->src = doc;
  s->pos = doc->pos;
  s->is_file = true;
  std::vector<eval::Decl> decls;
  decls.reserve(doc->decls.size());
  for (syntax::Decl* d : doc->decls) decls.push_back(host_data_decls_.at(d));
  s->decls = arena_.copy(decls);
  return s;
}

std::vector<syntax::File*> Build::read_data(const std::string& path) {
  auto content = read_file(path);
  if (!content) {
    diags_.io_error(std::move(content).error());
    return {};
  }
  const SourceFile& src = files_.add(display_name(path), std::move(*content));
  std::string ext = fs::path(path).extension().string();
  // vet: warn where Ansible (YAML 1.1) would read the data differently.
  if (ext == ".yaml" || ext == ".yml") return parse_yaml(arena_, src, diags_, YamlMode::Cue, true);
  return {syntax::parse_file(arena_, src, diags_)};
}

eval::Vertex* Build::select(eval::Vertex* root, const std::string& expr, std::string_view flag) {
  const SourceFile& src = files_.add(fmt::format("<{} {}>", flag, expr), expr);
  syntax::Expr* e = syntax::parse_expr(arena_, src, diags_);
  if (diags_.has_errors()) return nullptr;
  eval::Expr* ce = compiler_->compile_top_level_expr(e);
  if (diags_.has_errors()) return nullptr;
  // A scalar result is wrapped in a vertex so the writers can print it.
  return evaluator_->vertex_of(evaluator_->eval_in_root(ce, root));
}

}  // namespace cfgc::load
