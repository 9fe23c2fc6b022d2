#include "compiler/load/build.h"

#include <fmt/format.h>

#include <filesystem>

#include "compiler/base/file_io.h"
#include "compiler/load/tags.h"
#include "compiler/load/yaml_adapter.h"
#include "compiler/syntax/parser.h"

namespace cfgc::load {

namespace fs = std::filesystem;

Build::Build() : evaluator_(std::make_unique<eval::Evaluator>(arena_)) {}
Build::~Build() = default;

std::string Build::display_name(const std::string& path) {
  if (path == "-") return "<stdin>";
  if (path.empty() || path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0) return path;
  return "./" + path;
}

bool Build::load(const std::vector<std::string>& args, std::vector<std::string>& io_errors) {
  std::vector<std::string> paths;
  for (const std::string& a : args) {
    std::error_code ec;
    if (a != "-" && fs::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(a, ec)) {
        std::string name = e.path().filename().string();
        if (!e.is_regular_file() || name.empty() || name[0] == '.' || name[0] == '_') continue;
        if (e.path().extension() == ".cue") found.push_back(e.path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) io_errors.push_back(fmt::format("{}: no .cue files in directory", a));
      paths.insert(paths.end(), found.begin(), found.end());
      continue;
    }
    std::string ext = fs::path(a).extension().string();
    if (a != "-" && ext != ".cue" && ext != ".json" && ext != ".yaml" && ext != ".yml") {
      io_errors.push_back(fmt::format("{}: unsupported file type (cfgc reads .cue, .json, .yaml and .yml files)", a));
      continue;
    }
    paths.push_back(a);
  }
  std::string package;
  std::string package_file;
  for (const std::string& p : paths) {
    std::string err;
    auto content = read_file(p, err);
    if (!content) {
      io_errors.push_back(err);
      continue;
    }
    const SourceFile& src = files_.add(display_name(p), std::move(*content));
    std::string ext = fs::path(p).extension().string();
    if (ext == ".yaml" || ext == ".yml") {
      std::vector<syntax::File*> docs = parse_yaml(arena_, src, diags_);
      if (docs.size() > 1) {
        diags_.error(src.pos(0), fmt::format("{} holds {} YAML documents; `cfgc vet` checks each one, `eval` and "
                                             "`export` need a single value",
                                             src.name(), docs.size()));
      }
      parsed_.insert(parsed_.end(), docs.begin(), docs.end());
      continue;
    }
    syntax::File* f = syntax::parse_file(arena_, src, diags_);
    std::string_view pkg = f->package_name();
    if (!pkg.empty()) {
      if (package.empty()) {
        package = pkg;
        package_file = src.name();
      } else if (package != pkg) {
        diags_.error(f->pos, fmt::format("package {} in {} differs from package {} in {}: files given together "
                                         "must belong to one package",
                                         pkg, src.name(), package, package_file));
      }
    }
    parsed_.push_back(f);
  }
  return io_errors.empty() && !parsed_.empty();
}

eval::Vertex* Build::instantiate() {
  if (diags_.has_errors()) return nullptr;
  if (!inject_tags(arena_, parsed_, tags_, diags_)) return nullptr;
  compiler_ = std::make_unique<eval::Compiler>(arena_, diags_);
  package_ = std::make_unique<eval::CompiledPackage>(compiler_->compile_package(parsed_));
  if (diags_.has_errors()) return nullptr;
  return evaluator_->add_package(*package_);
}

eval::Vertex* Build::new_root() { return evaluator_->add_package(*package_); }

eval::StructExpr* Build::compile_data(syntax::File* doc) {
  eval::Compiler c(arena_, diags_);
  syntax::File* files[] = {doc};
  eval::CompiledPackage p = c.compile_package(files);
  return p.files.empty() ? nullptr : p.files[0];
}

std::vector<syntax::File*> Build::read_data(const std::string& path, std::vector<std::string>& io_errors) {
  std::string err;
  auto content = read_file(path, err);
  if (!content) {
    io_errors.push_back(err);
    return {};
  }
  const SourceFile& src = files_.add(display_name(path), std::move(*content));
  std::string ext = fs::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml") return parse_yaml(arena_, src, diags_);
  return {syntax::parse_file(arena_, src, diags_)};
}

eval::Vertex* Build::select(eval::Vertex* root, const std::string& expr) {
  const SourceFile& src = files_.add("<-e " + expr + ">", expr);
  syntax::Expr* e = syntax::parse_expr(arena_, src, diags_);
  if (diags_.has_errors()) return nullptr;
  eval::Expr* ce = compiler_->compile_top_level_expr(e);
  if (diags_.has_errors()) return nullptr;
  const eval::Value* v = evaluator_->eval_in_root(ce, root);
  if (v->vk == eval::VK::Vertex) return v->vertex;
  // A scalar result: wrap it so the writers can print it.
  eval::Vertex* w = evaluator_->new_list({v});
  return w->arcs[0];
}

}  // namespace cfgc::load
