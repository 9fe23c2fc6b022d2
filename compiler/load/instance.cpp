#include "compiler/load/instance.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compiler/base/file_io.h"
#include "compiler/base/suggest.h"
#include "compiler/load/shipped.h"

namespace cfgc::load {

namespace fs = std::filesystem;

namespace {

// Reads just enough of a .cue file to find its package clause and file attributes: the
// leading comments, attributes and the `package` line.
struct FileHeader {
  std::string package;
  std::vector<std::string> if_tags;  // @if(tag) attributes before the package clause
};

FileHeader read_header(const std::string& path) {
  FileHeader h;
  std::ifstream in(path);
  std::string line;
  static const RE2 pkg_re(R"(^\s*package\s+([A-Za-z_$#][A-Za-z0-9_$#]*)\s*(//.*)?$)");
  static const RE2 if_re(R"(@if\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))");
  while (std::getline(in, line)) {
    std::string_view t = line;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty() || t.substr(0, 2) == "//") continue;
    if (t.front() == '@') {
      re2::StringPiece input(t.data(), t.size());
      std::string tag;
      while (RE2::FindAndConsume(&input, if_re, &tag)) h.if_tags.push_back(tag);
      continue;
    }
    std::string pkg;
    if (RE2::FullMatch(line, pkg_re, &pkg)) h.package = pkg;
    break;  // the package clause, if any, is the first declaration
  }
  return h;
}

bool excluded_name(const std::string& name, bool tool_files) {
  if (name.empty() || name[0] == '.' || name[0] == '_') return true;
  return !tool_files && name.size() > 9 && name.compare(name.size() - 9, 9, "_tool.cue") == 0;
}

std::vector<std::string> cue_files_in(const std::string& dir, bool tool_files = false) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file(ec) || e.path().extension() != ".cue") continue;
    if (excluded_name(e.path().filename().string(), tool_files)) continue;
    out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string package_of_file(const std::string& path) { return read_header(path).package; }

std::vector<std::string> if_tags_of_file(const std::string& path) { return read_header(path).if_tags; }

Result<std::optional<Module>> find_module(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec);
  for (; !p.empty(); p = p.parent_path()) {
    fs::path cue_mod = p / "cue.mod";
    // A module root holds cue.mod: a directory (with module.cue naming the module, possibly
    // `module: ""` as `cue mod init` writes without an argument), or a plain file (the legacy
    // form). Without a name, imports cannot refer to the module's own packages by path.
    if (fs::exists(cue_mod, ec)) {
      std::string module_path;
      fs::path mod = cue_mod / "module.cue";
      if (fs::is_regular_file(mod, ec)) {
        auto content = read_file(mod.string());
        static const RE2 re(R"re(module\s*:\s*"([^"]*)")re");
        std::string text = content ? *content : "";
        if (!RE2::PartialMatch(text, re, &module_path) && text.find("module") != std::string::npos) {
          return Error{fmt::format("{}: the module declaration must be a string: module: \"example.com/fabric\"",
                                   mod.string())};
        }
      }
      // Keep the root relative to how the user named the directory, for readable positions.
      fs::path rel = fs::relative(p, fs::current_path(ec), ec);
      std::string root = ec || rel.empty() ? p.string() : rel.string();
      return std::optional<Module>(Module{root.empty() ? "." : root, module_path});
    }
    if (p == p.root_path()) break;
  }
  return std::optional<Module>();
}

Result<InstanceFiles> instance_files(const std::string& dir, const std::string& want,
                                     const std::optional<Module>& module,
                                     const std::vector<std::string>& tags, bool tool_files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{fmt::format("{}: no such directory", dir)};
  }
  auto included = [&](const std::string& f, const FileHeader& h) {
    (void)f;
    for (const auto& t : h.if_tags) {
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) return false;
    }
    return true;
  };
  // The package: the one asked for, or the only one in dir.
  std::vector<std::pair<std::string, FileHeader>> here;
  for (const auto& f : cue_files_in(dir, tool_files)) here.emplace_back(f, read_header(f));
  std::string pkg = want;
  if (pkg.empty()) {
    std::vector<std::string> names;
    for (auto& [f, h] : here) {
      if (std::find(names.begin(), names.end(), h.package) == names.end()) names.push_back(h.package);
    }
    if (names.empty()) {
      return Error{fmt::format("{}: no .cue files", dir)};
    }
    if (names.size() > 1) {
      std::sort(names.begin(), names.end());
      std::string list;
      for (auto& n : names) list += (list.empty() ? "" : ", ") + (n.empty() ? "(none)" : n);
      return Error{fmt::format("{}: several packages ({}); pick one with {}:NAME", dir, list, dir)};
    }
    pkg = names[0];
  }
  InstanceFiles out;
  out.dir = dir;
  out.package = pkg;
  // Directories from the module root down to dir.
  std::vector<fs::path> chain;
  auto usable = [](fs::path p) { return p.empty() ? fs::path(".") : p; };
  fs::path d = usable(fs::path(dir).lexically_normal());
  if (module) {
    // Walk up from dir to the module root (compared as files, not as spellings). A directory
    // outside the module only contributes itself.
    fs::path root = usable(fs::path(module->root));
    std::vector<fs::path> up;
    bool reached = false;
    for (fs::path p = fs::absolute(d, ec).lexically_normal();; p = p.parent_path()) {
      up.push_back(p);
      if (fs::equivalent(p, root, ec)) {
        reached = true;
        break;
      }
      if (p == p.root_path() || p.parent_path() == p) break;
    }
    if (!reached) up.resize(1);
    // Show the files with the spelling the user gave: dir, dir/.., …
    fs::path spelled = d;
    for (size_t i = 0; i < up.size(); ++i) {
      chain.push_back(spelled);
      spelled = usable((spelled / "..").lexically_normal());
    }
    std::reverse(chain.begin(), chain.end());
  } else {
    chain.push_back(d);
  }
  for (const fs::path& p : chain) {
    for (const auto& f : cue_files_in(p.string(), tool_files)) {
      FileHeader h = read_header(f);
      if (h.package != pkg) continue;
      out.if_tags.insert(out.if_tags.end(), h.if_tags.begin(), h.if_tags.end());
      if (pkg.empty() && p != d) continue;  // files without a package only from dir itself
      if (!included(f, h)) continue;
      out.files.push_back(f);
    }
  }
  if (out.files.empty()) {
    return Error{fmt::format("{}: no .cue files of package {}", dir, pkg.empty() ? "(none)" : pkg)};
  }
  return out;
}

std::vector<std::string> expand_instance_patterns(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::string_view v = a;
    if (v != "..." && !(v.size() >= 4 && v.substr(v.size() - 4) == "/...")) {
      out.push_back(a);
      continue;
    }
    std::string_view base_view = v == "..." ? std::string_view(".") : v.substr(0, v.size() - 4);
    if (base_view.empty()) base_view = "/";
    const std::string base(base_view);
    std::vector<std::string> dirs;
    std::error_code ec;
    if (!cue_files_in(base).empty()) dirs.push_back(base);
    for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_directory(ec)) {
        if (name == "cue.mod" || name.empty() || name[0] == '.' || name[0] == '_') {
          it.disable_recursion_pending();
          continue;
        }
        if (!cue_files_in(it->path().string()).empty()) dirs.push_back(it->path().string());
      }
    }
    std::sort(dirs.begin(), dirs.end());
    out.insert(out.end(), dirs.begin(), dirs.end());
  }
  return out;
}

// " (did you mean a/b/c?)" for an import path whose directory does not exist, from the
// directories beside it: the path with its last element replaced.
static std::string did_you_mean_dir(const fs::path& dir, std::string_view import_path) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir.parent_path(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->is_directory(ec)) names.push_back(it->path().filename().string());
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::optional<std::string> best = closest_name(dir.filename().string(), views);
  if (!best) return "";
  std::string_view path = import_path.substr(0, import_path.find(':'));
  return fmt::format(" (did you mean {}{}?)", path.substr(0, path.rfind('/') + 1), *best);
}

Result<ImportTarget> resolve_import(std::string_view import_path, const std::optional<Module>& module) {
  std::string path(import_path);
  std::string pkg;
  if (auto colon = path.find(':'); colon != std::string::npos) {
    pkg = path.substr(colon + 1);
    path = path.substr(0, colon);
  }
  if (pkg.empty()) pkg = path.substr(path.rfind('/') + 1);
  std::error_code ec;
  // The packages shipped with cfgc, unless the module pins its own copy in cue.mod/pkg.
  // Null when the path is not a shipped package's.
  auto shipped = [&]() -> std::optional<Result<ImportTarget>> {
    if (path.rfind(std::string(kShippedModule) + "/", 0) != 0) return std::nullopt;
    auto root = shipped_root();
    if (!root) {
      const char* env = std::getenv("CFGC_SHARE_DIR");
      return Error{env && *env ? fmt::format("cannot find package \"{}\": CFGC_SHARE_DIR={} holds neither schemas/ nor "
                                        "templates/",
                                        import_path, env)
                          : fmt::format("cannot find package \"{}\": the packages shipped with cfgc are not installed "
                                        "(set CFGC_SHARE_DIR to the directory holding schemas/ and templates/)",
                                        import_path)};
    }
    fs::path dir = fs::path(*root) / path.substr(kShippedModule.size() + 1);
    if (fs::is_directory(dir, ec)) return ImportTarget{dir.lexically_normal().string(), pkg};
    return Error{fmt::format("cannot find package \"{}\": cfgc ships no such package{} (see docs/schemas.md)",
                             import_path, did_you_mean_dir(dir, import_path))};
  };
  if (path == "tool" || path.rfind("tool/", 0) == 0) {
    // The task kinds of `cfgc cmd`: CUE schemas shipped with cfgc (stdlib/tool/).
    auto root = shipped_root();
    fs::path dir = root ? fs::path(*root) / "stdlib" / path : fs::path();
    if (root && fs::is_directory(dir, ec)) return ImportTarget{dir.lexically_normal().string(), pkg};
    return Error{fmt::format("cannot find package \"{}\": {}", import_path,
                             root ? "cfgc has tool/cli, tool/exec, tool/file, tool/http and tool/os"
                                  : "the packages shipped with cfgc are not installed (set CFGC_SHARE_DIR)")};
  }
  if (module) {
    if (path == module->path || path.rfind(module->path + "/", 0) == 0) {
      std::string rest = path.substr(module->path.size());
      std::string dir = (fs::path(module->root) / fs::path(rest.empty() ? "." : rest.substr(1))).lexically_normal().string();
      if (fs::is_directory(dir, ec)) return ImportTarget{dir, pkg};
      return Error{fmt::format("cannot find package \"{}\": no directory {}{}", import_path, dir,
                               did_you_mean_dir(dir, import_path))};
    }
    for (const char* sub : {"pkg", "gen", "usr"}) {
      fs::path dir = fs::path(module->root) / "cue.mod" / sub / path;
      if (fs::is_directory(dir, ec)) return ImportTarget{dir.lexically_normal().string(), pkg};
    }
    if (auto t = shipped()) return *t;
    return Error{fmt::format("cannot find package \"{}\": not in module {} nor in cue.mod/pkg or cue.mod/gen",
                        import_path, module->path)};
  }
  if (auto t = shipped()) return *t;
  return Error{fmt::format("cannot find package \"{}\": imports need a module (a cue.mod/module.cue above this directory)",
                      import_path)};
}

}  // namespace cfgc::load
