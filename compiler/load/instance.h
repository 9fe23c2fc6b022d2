#pragma once
// Which files make up a package instance, following CUE's rules:
//
//  - A module root is a directory with cue.mod/module.cue (`module: "example.com/fabric"`).
//  - The instance of package P in directory D holds the .cue files of package P in D and in
//    every parent directory up to the module root, so a host directory's values unify with
//    its group and fabric values (without a module, only D).
//  - Files starting with '.' or '_', and *_tool.cue files, are not part of a build; a file
//    whose @if(tag) attribute names a tag that is not set is left out.
//  - `dir/...` names every directory below dir that holds .cue files of a package.
//  - An import path inside the module (example.com/fabric/inventory) is the directory
//    root/inventory; other paths are looked up in cue.mod/pkg/ and cue.mod/gen/. A
//    `path:pkg` suffix picks the package when a directory holds several.

#include <optional>
#include <string>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::load {

struct Module {
  std::string root;  // directory holding cue.mod
  std::string path;  // module path from cue.mod/module.cue, e.g. example.com/fabric
};

// The module containing dir (searching upwards), if any. An error if cue.mod/module.cue exists
// but does not declare a module path.
Result<std::optional<Module>> find_module(const std::string& dir);

// The package clause of a .cue file ("" if none), read from its first lines.
std::string package_of_file(const std::string& path);
// The tags of its @if(tag) attributes (before the package clause).
std::vector<std::string> if_tags_of_file(const std::string& path);

struct InstanceFiles {
  std::string dir;      // the instance's directory
  std::string package;  // its package name ("" for files without a package clause)
  std::vector<std::string> files;  // parent directories first, each directory sorted
  std::vector<std::string> if_tags;  // every @if(tag) name seen, included or not
};

// The files of the instance in `dir` (package `want`, or the only package there).
// `tags` are the names of -t tags set (for @if).
// With `tool_files`, the *_tool.cue files (commands for `cfgc cmd`) are included too.
Result<InstanceFiles> instance_files(const std::string& dir, const std::string& want,
                                     const std::optional<Module>& module,
                                     const std::vector<std::string>& tags, bool tool_files = false);

// Expands `dir/...` into the directories below dir holding .cue files, sorted; other
// arguments are returned as they are.
std::vector<std::string> expand_instance_patterns(const std::vector<std::string>& args);

// The directory and package an import path names.
struct ImportTarget {
  std::string dir;
  std::string package;
};
Result<ImportTarget> resolve_import(std::string_view import_path, const std::optional<Module>& module);

}  // namespace cfgc::load
