#pragma once
// The file-tree convention: a struct whose fields are files to write.
//
//   files: "leaf1/frr.conf":       frr.#Render & {...}     → text, written as it is
//   files: "spine/config_db.json": {DEVICE_METADATA: ...}  → encoded by the file's extension
//
// Each field name is a relative path (segments separated by '/', no "..", no empty or "."
// segments). A string value is the file's text; a struct or list is encoded as JSON (.json)
// or YAML (.yaml, .yml); other extensions need a string. `cfgc export --outdir DIR` writes the
// tree (output_tree.h); the schema package cfgc.dev/schemas/files describes the same rules in
// CUE.

#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/eval/evaluator.h"

namespace cfgc::deploy {

struct OutputFile {
  std::string path;     // relative, '/'-separated
  std::string content;  // the bytes to write
  Pos pos;              // where the field is declared (for messages)
};

// Checks a relative output path; returns "" or what is wrong with it.
std::string check_output_path(std::string_view path);

// Appends the files the struct `files` describes (already free of errors: run
// Evaluator::errors first). Reports bad paths and values to diags.
void collect_files(eval::Evaluator& ev, eval::Vertex* files, std::vector<OutputFile>& out,
                   Diagnostics& diags);

}  // namespace cfgc::deploy
