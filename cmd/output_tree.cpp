#include "cmd/output_tree.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cmd/cli.h"
#include "compiler/base/file_io.h"

namespace cfgc::cli {

namespace fs = std::filesystem;

namespace {

// Files below dir that were not generated now (hidden entries such as .git are skipped).
std::vector<std::string> stale_files(const std::string& dir,
                                     const std::set<std::string>& generated) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) continue;
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!generated.count(rel)) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int write_output_tree(const OutputTreeOptions& o, std::vector<exporter::OutputFile> files) {
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  if (o.kustomize) {
    exporter::OutputFile k{"kustomization.yaml", {}, {}};
    std::string err;
    if (!exporter::kustomization(files, k.content, err)) {
      fmt::print(stderr, "cfgc: --kustomize: {}\n", err);
      return kExitInvalid;
    }
    for (const auto& f : files) {
      if (f.path == k.path) {
        fmt::print(
            stderr,
            "cfgc: --kustomize writes kustomization.yaml, but a generated file has that path\n");
        return kExitInvalid;
      }
    }
    files.insert(std::upper_bound(files.begin(), files.end(), k,
                                  [](const auto& a, const auto& b) { return a.path < b.path; }),
                 std::move(k));
  }
  // A path that is both a file and a directory (a/b and a/b/c) cannot be written.
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    const std::string& a = files[i].path;
    for (size_t j = i + 1; j < files.size() && files[j].path.compare(0, a.size(), a) == 0; ++j) {
      if (files[j].path.size() > a.size() && files[j].path[a.size()] == '/') {
        fmt::print(stderr, "cfgc: {} is generated both as a file and as a directory (for {})\n", a,
                   files[j].path);
        return kExitInvalid;
      }
    }
  }
  std::error_code ec;
  if (o.prune && (fs::exists(fs::path(o.dir) / "cue.mod", ec) ||
                  fs::equivalent(o.dir, fs::current_path(ec), ec))) {
    fmt::print(
        stderr,
        "cfgc: --prune removes every file of {} that was not generated; refusing to do that in the "
        "current directory or in a module root\n",
        o.dir);
    return kExitUsage;
  }
  fs::create_directories(o.dir, ec);
  if (ec || !fs::is_directory(o.dir, ec)) {
    fmt::print(stderr, "cfgc: cannot create the output directory {}: {}\n", o.dir,
               ec ? ec.message() : "not a directory");
    return kExitUsage;
  }
  size_t created = 0, updated = 0, unchanged = 0;
  std::set<std::string> generated;
  for (const auto& f : files) {
    generated.insert(f.path);
    fs::path target = fs::path(o.dir) / f.path;
    std::string shown = target.generic_string();
    std::string err;
    bool exists = fs::exists(target, ec);
    if (exists && fs::is_regular_file(target, ec)) {
      if (auto old = read_file(target.string(), err); old && *old == f.content) {
        ++unchanged;
        fmt::print("unchanged  {}\n", shown);
        continue;
      }
    } else if (exists) {
      fmt::print(stderr, "cfgc: {} exists and is not a regular file\n", shown);
      return kExitUsage;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      fmt::print(stderr, "cfgc: cannot create directory {}: {}\n",
                 target.parent_path().generic_string(), ec.message());
      return kExitUsage;
    }
    AtomicFileWriter w;
    if (!w.open(target.string(), err) || !w.write(f.content, err) || !w.commit(err)) {
      fmt::print(stderr, "cfgc: {}\n", err);
      return kExitUsage;
    }
    ++(exists ? updated : created);
    fmt::print("{}  {}\n", exists ? "updated  " : "created  ", shown);
  }
  size_t removed = 0;
  std::vector<std::string> stale = stale_files(o.dir, generated);
  for (const auto& rel : stale) {
    fs::path p = fs::path(o.dir) / rel;
    if (o.prune) {
      fs::remove(p, ec);
      if (ec) {
        fmt::print(stderr, "cfgc: cannot remove {}: {}\n", p.generic_string(), ec.message());
        return kExitUsage;
      }
      ++removed;
      fmt::print("removed    {}\n", p.generic_string());
      // Directories left empty go too, up to the output directory.
      for (fs::path d = p.parent_path(); d != fs::path(o.dir) && fs::is_empty(d, ec) && !ec;
           d = d.parent_path()) {
        fs::remove(d, ec);
      }
    } else {
      fmt::print("stale      {} (not generated by this run; --prune removes it)\n",
                 p.generic_string());
    }
  }
  fmt::print("{} files in {}: {} created, {} updated, {} unchanged", files.size(), o.dir, created,
             updated, unchanged);
  if (o.prune) fmt::print(", {} removed", removed);
  if (!o.prune && !stale.empty()) fmt::print(", {} stale", stale.size());
  fmt::print("\n");
  return kExitOk;
}

}  // namespace cfgc::cli
