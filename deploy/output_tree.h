#pragma once
// A file tree as a deployment target (`cfgc export --outdir DIR`): writes the generated files
// (file_tree.h) into a directory, atomically per file, leaving unchanged files untouched
// (their modification times too, so file watchers and `make` see only real changes), and
// reports each file on standard output.

#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "deploy/file_tree.h"

namespace cfgc::deploy {

struct OutputTreeOptions {
  std::string dir;
  bool kustomize = false;  // also write kustomization.yaml (a ConfigMap per file)
  bool prune = false;      // remove files in dir that were not generated
  // Write nothing: list the files the run would create, update (or, with prune, remove), for
  // a CI check that committed generated files are up to date.
  bool check = false;
};

// How it went: written (or, with check, up to date); with check, the directory differs from
// what would be written; the files themselves cannot form a tree (two make one ConfigMap name,
// a path is both a file and a directory); or the directory cannot be written.
enum class TreeProblem { None, OutOfDate, Files, Io };

// Writes the files, printing one line per file and a summary on standard output. A problem is
// added to diags (ErrorKind::Io for the directory's) and stops the writing.
TreeProblem write_output_tree(const OutputTreeOptions& o, std::vector<OutputFile> files,
                              Diagnostics& diags);

}  // namespace cfgc::deploy
