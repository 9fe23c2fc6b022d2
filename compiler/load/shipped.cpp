#include "compiler/load/shipped.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace cfgc::load {

namespace fs = std::filesystem;

namespace {

bool looks_shipped(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "schemas", ec) || fs::is_directory(p / "templates", ec);
}

std::optional<std::string> find_root() {
  std::error_code ec;
  if (const char* env = std::getenv("CFGC_SHARE_DIR"); env && *env) {
    fs::path p = fs::weakly_canonical(env, ec);
    if (!ec && looks_shipped(p)) return p.string();
    return std::nullopt;  // set but wrong: do not fall back silently to another copy
  }
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "cfgc";
    if (looks_shipped(installed)) return fs::weakly_canonical(installed, ec).string();
  }
#ifdef CFGC_SOURCE_DIR
  fs::path src = CFGC_SOURCE_DIR;
  if (looks_shipped(src)) return fs::weakly_canonical(src, ec).string();
#endif
  return std::nullopt;
}

// The path relative to the shipped root, if below it.
std::optional<std::string> relative_to_root(const std::string& path) {
  auto root = shipped_root();
  if (!root) return std::nullopt;
  std::error_code ec;
  // Lexical only (no file system calls): this runs for every file a build reads.
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (ec) return std::nullopt;
  fs::path rel = abs.lexically_relative(*root);
  // Only the shipped folders: examples and tests in the same tree are ordinary files.
  if (rel.empty() || (*rel.begin() != "schemas" && *rel.begin() != "templates"))
    return std::nullopt;
  return rel.generic_string();
}

}  // namespace

std::optional<std::string> shipped_root() {
  static const std::optional<std::string> root = find_root();
  return root;
}

std::optional<std::string> shipped_display_name(const std::string& path) {
  auto rel = relative_to_root(path);
  if (!rel) return std::nullopt;
  return std::string(kShippedModule) + "/" + *rel;
}

bool is_shipped(const std::string& path) { return relative_to_root(path).has_value(); }

}  // namespace cfgc::load
