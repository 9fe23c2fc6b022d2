// Fuzz entry point for `cfgc import` of data files (compiler/encoding/data_import.h): the first
// byte picks the format (JSON, JSON Lines or YAML), the rest is the file. Every document read is
// written as CUE text, on its own and placed as -l, --list and --path place it, and that text
// must parse without a syntax error (the command parses it before formatting: an error there is
// an "internal error" the user sees) and format. Invalid input is a diagnostic; a crash, a
// runaway or CUE text that does not parse is a bug in the importer. The documents are also the
// samples of `cfgc infer` (compiler/encoding/schema_inference.h), whose schema must parse too.

#include <fmt/core.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/schema_inference.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"
#include "cue_text_check.h"

namespace {

using cfgc::fuzz::check_parses;

// Labels as `-l` expressions may compute them: identifiers, keywords, strings that need quoting.
constexpr std::array<std::string_view, 16> kLabels = {
    "a",    "x-y",         "if",        "for", "_h", "#D", "1x",   "é",
    "a\"b", "back\\slash", "new\nline", "",    "$x", "in", "null", "tab\there"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using cfgc::encoding::DataFormat;
  const DataFormat format = data[0] % 3 == 0   ? DataFormat::Json
                            : data[0] % 3 == 1 ? DataFormat::JsonLines
                                               : DataFormat::Yaml;
  const uint8_t choice = data[0] / 3;  // placement variants, below
  cfgc::FileSet files;
  const cfgc::SourceFile& src =
      files.add(format == DataFormat::Yaml ? "fuzz.yaml" : "fuzz.json",
                std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  cfgc::Arena arena;
  cfgc::Diagnostics diags;
  // The documents before a syntax error are returned whole: they must write too.
  std::vector<cfgc::encoding::DataDocument> docs =
      cfgc::encoding::read_data_documents(arena, src, format, diags);
  diags.sort();
  for (const cfgc::Diagnostic& d : diags.list()) (void)cfgc::format_with_source(files, d);

  std::vector<cfgc::encoding::PlacedDocument> placed;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].value == nullptr || docs[i].source == nullptr) __builtin_trap();
    check_parses("a document", cfgc::encoding::data_file_text(docs[i]));
    // As a field's value, indented (the text a placement writes).
    check_parses("a document's value", "x: " + cfgc::encoding::data_value_text(docs[i], 2));
    cfgc::encoding::PlacedDocument p{docs[i], {}};
    // -l gives every document one label or more (picked by the first byte and the index).
    size_t n = (choice & 4) != 0 ? 1 + (choice + i) % 2 : 0;
    for (size_t k = 0; k < n; ++k) {
      p.labels.push_back(
          cfgc::encoding::label_text(kLabels[(choice * 7 + i * 3 + k) % kLabels.size()]));
    }
    placed.push_back(std::move(p));
  }
  if (docs.empty()) return 0;

  cfgc::encoding::InferOptions infer_options;
  infer_options.bounds = (choice & 8) != 0;
  cfgc::encoding::SchemaInference inference(infer_options);
  for (const cfgc::encoding::DataDocument& d : docs) inference.add(d.value);
  check_parses("the inferred schema", inference.cue_text());

  cfgc::encoding::Placement how;
  how.list = (choice & 1) != 0;
  if ((choice & 2) != 0) {
    auto prefix = cfgc::encoding::parse_label_path("a.\"x-y\".#D");
    if (!prefix) __builtin_trap();
    how.prefix = *prefix;
  }
  // Without labels, --list or --path only one document may be written: that is an error for
  // more, as the command reports it.
  auto text = cfgc::encoding::place_documents(placed, how);
  if (text) check_parses("the placed documents", *text);
  // Every document at the top, unlabelled, as the plain command writes one.
  std::vector<cfgc::encoding::PlacedDocument> one{{docs[0], {}}};
  auto first = cfgc::encoding::place_documents(one, cfgc::encoding::Placement{});
  // (an error only for duplicate keys in JSON, which the YAML reader reports itself)
  if (!first && docs[0].yaml) __builtin_trap();
  if (first) check_parses("the first document", *first);
  return 0;
}
