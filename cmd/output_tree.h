#pragma once
// `cfgc export --outdir DIR`: writes the generated files (compiler/export/file_tree.h) into a
// directory, atomically per file, leaving unchanged files untouched (their modification
// times too, so file watchers and `make` see only real changes).

#include <string>
#include <vector>

#include "compiler/export/file_tree.h"

namespace cfgc::cli {

struct OutputTreeOptions {
  std::string dir;
  bool kustomize = false;  // also write kustomization.yaml (a ConfigMap per file)
  bool prune = false;      // remove files in dir that were not generated
};

// Writes the files and prints one line per file and a summary. Returns an exit code.
int write_output_tree(const OutputTreeOptions& o, std::vector<exporter::OutputFile> files);

}  // namespace cfgc::cli
