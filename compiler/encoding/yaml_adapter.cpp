#include "compiler/encoding/yaml_adapter.h"

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>

#include <string>

#include "compiler/encoding/yaml_events.h"
#include "compiler/encoding/yaml_tree_builder.h"

namespace cfgc::encoding {

std::vector<syntax::File*> parse_yaml(Arena& arena, const SourceFile& src, Diagnostics& diags,
                                      YamlMode mode, bool warn_yaml11) {
  // What the documents report is kept aside until the whole stream has been read: a file with
  // a syntax error reports that error alone.
  Diagnostics found;
  YamlTreeBuilder builder(arena, src, found, mode, warn_yaml11 && mode == YamlMode::Cue);
  try {
    read_yaml_events(src.content(), builder);
  } catch (const YAML::Exception& e) {
    int p = e.mark.pos;
    Pos at = p >= 0 && static_cast<size_t>(p) <= src.content().size()
                 ? src.pos(static_cast<uint32_t>(p))
                 : src.pos(0);
    // A tab in the indentation is the usual cause of yaml-cpp's vaguer messages.
    auto lc = src.line_col(src.file_offset(at));
    std::string_view line = src.line_text(lc.line);
    size_t indent_end = line.find_first_not_of(' ');
    if (indent_end != std::string_view::npos && line[indent_end] == '\t') {
      diags.error(src.pos(src.file_offset(at) - (lc.col - 1)),
                  "invalid YAML: a tab in the indentation (YAML allows only spaces there)");
    } else {
      diags.error(at, fmt::format("invalid YAML: {}", e.msg));
    }
    return {};  // a file with a syntax error gives no documents, not even those before it
  }
  for (const Diagnostic& d : found.list()) diags.add(d);
  return std::move(builder.documents());
}

}  // namespace cfgc::encoding
