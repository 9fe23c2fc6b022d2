// Fuzz entry point for `cfgc import jsonschema` and `cfgc import openapi`
// (compiler/encoding/jsonschema_import.h, openapi_import.h): the first byte picks how the rest
// is read (JSON or YAML) and the importer's options; each document is imported as a JSON Schema
// and as an OpenAPI document. A document that is no schema, a `$ref` that points nowhere or a
// keyword of the wrong type is an error; a crash, a runaway or CUE text that does not parse is a
// bug in the importer.

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/jsonschema_import.h"
#include "compiler/encoding/openapi_import.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"
#include "cue_text_check.h"

namespace {

using cfgc::fuzz::check_parses;

void render(const cfgc::FileSet& files, cfgc::Diagnostics& diags) {
  diags.sort();
  for (const cfgc::Diagnostic& d : diags.list()) (void)cfgc::format_with_source(files, d);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using cfgc::encoding::DataFormat;
  const uint8_t options = data[0];
  const DataFormat format = (options & 1) != 0 ? DataFormat::Yaml : DataFormat::Json;
  cfgc::FileSet files;
  const cfgc::SourceFile& src =
      files.add(format == DataFormat::Yaml ? "schema.yaml" : "schema.json",
                std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  cfgc::Arena arena;
  cfgc::Diagnostics read_diags;
  std::vector<cfgc::encoding::DataDocument> docs =
      cfgc::encoding::read_data_documents(arena, src, format, read_diags);
  render(files, read_diags);

  for (const cfgc::encoding::DataDocument& doc : docs) {
    if (doc.value == nullptr) __builtin_trap();
    (void)cfgc::encoding::is_json_schema(doc);
    (void)cfgc::encoding::is_openapi(doc);

    // As a JSON Schema, with the options `cfgc import jsonschema` and the OpenAPI adapter use.
    cfgc::encoding::JsonSchemaOptions jo;
    if ((options & 2) != 0) jo.root = "Root_1";
    jo.nullable = (options & 4) != 0;
    jo.extensions_as_comments = (options & 8) != 0;
    jo.openapi_formats = (options & 16) != 0;
    if ((options & 32) != 0) {
      jo.comment_keywords = {"example", "examples", "readOnly", "deprecated"};
      jo.definitions.push_back({"components", "schemas"});
    }
    if ((options & 64) != 0) jo.root_is_schema = false;
    cfgc::Diagnostics diags;
    auto schema = cfgc::encoding::import_json_schema(doc, jo, diags);
    render(files, diags);
    if (schema) {
      check_parses("a JSON Schema", *schema);
      check_parses("a JSON Schema in a package", "package p\n\n" + *schema);
    }

    // As an OpenAPI document.
    cfgc::Diagnostics api_diags;
    auto api = cfgc::encoding::import_openapi(doc, api_diags);
    render(files, api_diags);
    if (api) check_parses("an OpenAPI document", api->header + "\npackage p\n\n" + api->text);
  }
  return 0;
}
