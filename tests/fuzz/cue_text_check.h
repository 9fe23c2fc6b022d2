#pragma once
// For the importers' fuzz targets: the CUE text an importer wrote must parse (the command
// parses it before formatting; an error there is an "internal error" the user sees) and format.

#include <fmt/core.h>

#include <string>
#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

namespace cfgc::fuzz {

// Fails loudly (the text and the first error) when `text` is not valid CUE, then formats it.
inline void check_parses(std::string_view what, const std::string& text) {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = files.add("import.cue", text);
  syntax::File* f = syntax::parse_file(arena, src, diags);
  if (f == nullptr || diags.has_errors()) {
    diags.sort();
    fmt::print(stderr, "the CUE text written for {} does not parse:\n{}\n{}\n", what,
               diags.list().empty() ? std::string("(no diagnostic)")
                                    : format_with_source(files, diags.list()[0]),
               text);
    __builtin_trap();
  }
  (void)format::format_file(*f);
}

}  // namespace cfgc::fuzz
