// Fuzz entry point for the YAML adapter (data files, Ansible's YAML 1.1 and JSON readings) and
// the labels data keys become: any byte string must give syntax trees or positioned errors,
// never a crash, a sanitizer report or a runaway.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/syntax/ast_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cfgc::encoding::YamlMode;
  cfgc::FileSet files;
  const cfgc::SourceFile& src =
      files.add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  for (YamlMode mode : {YamlMode::Cue, YamlMode::Ansible, YamlMode::AnsibleJson}) {
    cfgc::Arena arena;
    cfgc::Diagnostics diags;
    for (cfgc::syntax::File* doc : cfgc::encoding::parse_yaml(arena, src, diags, mode, mode == YamlMode::Cue)) {
      if (doc == nullptr) std::abort();
      cfgc::encoding::identifier_labels(arena, doc);
      if (cfgc::syntax::dump(doc).empty()) std::abort();
    }
    diags.sort();
    for (const cfgc::Diagnostic& d : diags.list()) (void)cfgc::format_with_source(files, d);
  }
  return 0;
}
