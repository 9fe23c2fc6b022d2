#include "compiler/encoding/openapi_import.h"

#include <fmt/format.h>

#include "compiler/base/quote.h"
#include "compiler/encoding/cue_text.h"
#include "compiler/encoding/data_members.h"
#include "compiler/encoding/jsonschema_import.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

namespace {

// Text as comment lines, blank lines as `//`, trailing blanks dropped.
std::string comment_lines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    // (bytes that are not UTF-8, which YAML lets through, would not parse as CUE)
    out += line.empty() ? "//\n" : "// " + cuetext::comment_text(line) + "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace

bool is_openapi(const DataDocument& doc) {
  auto* v = string_lit(member(doc.value, "openapi"));
  return v && v->value.starts_with("3.");
}

Result<OpenApiImport> import_openapi(const DataDocument& doc, Diagnostics& diags) {
  const Node* root = doc.value;
  if (!as<StructLit>(root)) {
    return Error{"not an OpenAPI document: an OpenAPI document is an object", root->pos};
  }
  const Node* version = member(root, "openapi");
  if (!version) {
    if (const Field* swagger = field_of(root, "swagger")) {
      return Error{
          "Swagger 2.0 is not supported: cfgc imports OpenAPI 3.0 and 3.1 documents "
          "(convert it to OpenAPI 3 first)",
          swagger->pos};
    }
    return Error{
        "not an OpenAPI document: the top level has no \"openapi\" version "
        "(openapi: \"3.1.0\")",
        root->pos};
  }
  auto* v = string_lit(version);
  if (!v) {
    return Error{"openapi must be a version string such as \"3.1.0\" (in YAML, quote 3.1)",
                 version->pos};
  }
  OpenApiImport out;
  out.version = std::string(v->value);
  bool v30 = out.version == "3.0" || out.version.starts_with("3.0.");
  bool v31 = out.version == "3.1" || out.version.starts_with("3.1.") || out.version == "3.2" ||
             out.version.starts_with("3.2.");
  if (!v30 && !v31) {
    return Error{fmt::format("OpenAPI {} is not supported: cfgc imports OpenAPI 3.0 and 3.1 "
                             "(3.2) documents",
                             cue_quote(out.version)),
                 version->pos};
  }

  const Node* info = member(root, "info");
  auto* title = string_lit(member(info, "title"));
  auto* info_version = string_lit(member(info, "version"));
  auto* description = string_lit(member(info, "description"));
  if (title || info_version) {
    std::string line = title ? std::string(title->value) : std::string();
    if (info_version) {
      line += (line.empty() ? "version " : ", version ") + std::string(info_version->value);
    }
    out.header += comment_lines(line);
  }
  if (description) {
    if (!out.header.empty()) out.header += "//\n";
    out.header += comment_lines(description->value);
  }
  if (!out.header.empty()) out.header += "//\n";
  out.header += comment_lines(fmt::format(
      "The components.schemas of an OpenAPI {} document (paths are not converted).",
      out.version));  // the version is the document's: it may hold line breaks or bad bytes

  const Node* components = member(root, "components");
  if (components && !as<StructLit>(components)) {
    return Error{"components must be an object", components->pos};
  }
  if (!member(components, "schemas")) {
    diags.warning(components ? components->pos : root->pos,
                  "no components.schemas: the document has no schemas to import");
  }

  JsonSchemaOptions opts;
  opts.root_is_schema = false;
  opts.definitions = {{"components", "schemas"}};
  opts.nullable = v30;
  opts.comment_keywords = {"example",    "examples", "readOnly",     "writeOnly",
                           "deprecated", "xml",      "externalDocs", "discriminator"};
  opts.extensions_as_comments = true;
  opts.openapi_formats = true;
  Result<std::string> text = import_json_schema(doc, opts, diags);
  if (!text) return text.error();
  out.text = std::move(*text);
  return out;
}

}  // namespace cfgc::encoding
