#include "deploy/output_tree.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "compiler/base/file_io.h"
#include "deploy/kustomization.h"

namespace cfgc::deploy {

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

TreeProblem write_output_tree(const OutputTreeOptions& o, std::vector<OutputFile> files,
                              Diagnostics& diags) {
  auto invalid = [&](std::string msg) {
    diags.error(Pos{}, std::move(msg));
    return TreeProblem::Files;
  };
  auto io = [&](std::string msg) {
    diags.io_error(Error{std::move(msg)});
    return TreeProblem::Io;
  };
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  if (o.kustomize) {
    Result<std::string> text = kustomization(files);
    if (!text) return invalid("--kustomize: " + text.error().message);
    OutputFile k{"kustomization.yaml", std::move(*text), {}};
    for (const auto& f : files) {
      if (f.path == k.path)
        return invalid("--kustomize writes kustomization.yaml, but a generated file has that path");
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
        return invalid(fmt::format("{} is generated both as a file and as a directory (for {})", a,
                                   files[j].path));
      }
    }
  }
  std::error_code ec;
  if (o.prune && (fs::exists(fs::path(o.dir) / "cue.mod", ec) ||
                  fs::equivalent(o.dir, fs::current_path(ec), ec))) {
    return io(fmt::format(
        "--prune removes every file of {} that was not generated; refusing to do that in the "
        "current directory or in a module root",
        o.dir));
  }
  if (!o.check) fs::create_directories(o.dir, ec);
  if (o.check && !fs::exists(o.dir, ec)) {
    // Nothing written yet: every file would be created.
  } else if (ec || !fs::is_directory(o.dir, ec)) {
    return io(fmt::format("cannot create the output directory {}: {}", o.dir,
                          ec ? ec.message() : "not a directory"));
  }
  size_t created = 0, updated = 0, unchanged = 0;
  std::set<std::string> generated;
  for (const auto& f : files) {
    generated.insert(f.path);
    fs::path target = fs::path(o.dir) / f.path;
    std::string shown = target.generic_string();
    bool exists = fs::exists(target, ec);
    if (exists && fs::is_regular_file(target, ec)) {
      if (auto old = read_file(target.string()); old && *old == f.content) {
        ++unchanged;
        if (!o.check) fmt::print("unchanged  {}\n", shown);
        continue;
      }
    } else if (exists) {
      return io(fmt::format("{} exists and is not a regular file", shown));
    }
    if (o.check) {
      ++(exists ? updated : created);
      fmt::print("{}  {}\n", exists ? "would update" : "would create", shown);
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return io(fmt::format("cannot create directory {}: {}", target.parent_path().generic_string(),
                            ec.message()));
    }
    if (Result<> w = write_file_atomic(target.string(), f.content); !w)
      return io(w.error().message);
    ++(exists ? updated : created);
    fmt::print("{}  {}\n", exists ? "updated  " : "created  ", shown);
  }
  size_t removed = 0;
  std::vector<std::string> stale =
      fs::is_directory(o.dir, ec) ? stale_files(o.dir, generated) : std::vector<std::string>{};
  for (const auto& rel : stale) {
    fs::path p = fs::path(o.dir) / rel;
    if (o.prune && o.check) {
      ++removed;
      fmt::print("would remove {}\n", p.generic_string());
    } else if (o.prune) {
      fs::remove(p, ec);
      if (ec) {
        return io(fmt::format("cannot remove {}: {}", p.generic_string(), ec.message()));
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
  if (o.check) {
    size_t changes = created + updated + removed;
    if (changes == 0) {
      fmt::print("{} files in {} are up to date\n", files.size(), o.dir);
      return TreeProblem::None;
    }
    fmt::print("{} is out of date: {} to create, {} to update", o.dir, created, updated);
    if (o.prune) fmt::print(", {} to remove", removed);
    fmt::print(" (run cfgc export without --check to write them)\n");
    return TreeProblem::OutOfDate;
  }
  fmt::print("{} files in {}: {} created, {} updated, {} unchanged", files.size(), o.dir, created,
             updated, unchanged);
  if (o.prune) fmt::print(", {} removed", removed);
  if (!o.prune && !stale.empty()) fmt::print(", {} stale", stale.size());
  fmt::print("\n");
  return TreeProblem::None;
}

}  // namespace cfgc::deploy
