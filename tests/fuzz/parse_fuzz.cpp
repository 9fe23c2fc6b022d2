// Fuzz entry point for the scanner, the parser and the formatter: any byte string must parse
// (with diagnostics) without crashing, tripping a sanitizer or running away, and the resulting
// tree must be walkable. What parses without errors must format to text that parses without
// errors and formats to itself (cfgc fmt is idempotent). Built against libFuzzer with -DCFGC_LIBFUZZER=ON (see scripts/fuzz), or with
// standalone_main.cpp to replay a corpus (the "fuzz: parse corpus" ctest test).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast_dump.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cfgc::FileSet files;
  const cfgc::SourceFile& src =
      files.add("fuzz.cue", std::string(reinterpret_cast<const char*>(data), size));
  cfgc::Arena arena;
  cfgc::Diagnostics diags;
  cfgc::syntax::File* file = cfgc::syntax::parse_file(arena, src, diags);
  if (file == nullptr) std::abort();  // parse_file promises a tree, even for garbage

  std::string tree = cfgc::syntax::dump(file);
  if (tree.empty()) std::abort();

  // Rendering the diagnostics resolves every error position against the source.
  diags.sort();
  size_t rendered = 0;
  for (const cfgc::Diagnostic& d : diags.list()) rendered += cfgc::format_with_source(files, d).size();
  (void)rendered;

  if (!diags.has_errors()) {
    std::string once = cfgc::format::format_file(*file);
    const cfgc::SourceFile& src2 = files.add("formatted.cue", once);
    cfgc::Diagnostics diags2;
    cfgc::syntax::File* file2 = cfgc::syntax::parse_file(arena, src2, diags2);
    if (diags2.has_errors()) std::abort();  // the formatter wrote something that does not parse
    if (cfgc::format::format_file(*file2) != once) std::abort();  // not idempotent
  }
  return 0;
}
