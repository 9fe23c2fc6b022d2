#include "cmd/cue_output.h"

#include <fmt/format.h>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

namespace cfgc::cli {

Result<std::string> formatted_cue(const std::string& text, const std::string& name) {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = files.add(name, text);
  syntax::File* f = syntax::parse_file(arena, src, diags);
  if (diags.has_errors()) {
    diags.sort();
    return Error{fmt::format("internal error: the CUE written for {} does not parse:\n{}{}", name,
                             format_with_source(files, diags.list()[0]), text),
                 {}};
  }
  return format::format_file(*f);
}

}  // namespace cfgc::cli
