#pragma once
// Data files (JSON, JSON Lines, YAML) as CUE source text, for `cfgc import`.
//
// A data file is read as the rest of cfgc reads it (YAML through yaml_adapter.h, as CUE reads
// YAML 1.2; JSON checked to be strict JSON first), one syntax tree per document. The writer
// turns a document back into CUE text: fields in file order, keys quoted only when they are
// not identifiers (data_labels.h), strings holding a newline as `"""` literals, flow-style
// collections written on one line kept on one line, and YAML comments kept where they belong
// (the comment lines above a key or list item before it, a comment after a scalar on its line).
// Placement (`-l`, `--list`, `--path`) puts each document under a label path.
//
// The text is meant for the CUE parser and formatter (compiler/format), which lay it out in
// canonical style: the command parses it, which also proves it valid CUE.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/result.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

enum class DataFormat : uint8_t { Json, JsonLines, Yaml };

// The format of a data file by its extension (.json; .jsonl, .ndjson, .ldjson; .yaml, .yml),
// or an error naming the ones supported.
Result<DataFormat> data_format_of(std::string_view path);

// One document of a data file: a struct, list or scalar syntax tree whose positions are in
// `source` (for comments and messages).
struct DataDocument {
  const syntax::Node* value = nullptr;
  const SourceFile* source = nullptr;
  bool yaml = false;  // the source is YAML: its comments are kept
};

// Every document of a data file. Syntax errors (invalid JSON, invalid YAML, duplicate keys)
// go to diags with their position; the documents read before an error are returned.
std::vector<DataDocument> read_data_documents(Arena& arena, const SourceFile& src,
                                              DataFormat format, Diagnostics& diags);

// The CUE text of a document's value (`{…}`, `[…]` or a literal), written as if it started at
// indentation `depth` (tabs).
std::string data_value_text(const DataDocument& doc, int depth = 0);

// The document as the declarations of a file: a struct's fields at the top (in scope for
// references), any other value embedded.
std::string data_file_text(const DataDocument& doc);

// A label as CUE writes it: an identifier when it is one, else a quoted string.
std::string label_text(std::string_view key);

// A `--path` label path in CUE syntax (`a.b`, `"x-y".c`, `#Def.a`) as label texts ready to be
// written (`a`, `"x-y"`, `#Def`). An error for anything else (an index, a call).
Result<std::vector<std::string>> parse_label_path(std::string_view path);

// A document with the labels its `-l` expressions gave it (label texts, see label_text).
struct PlacedDocument {
  DataDocument doc;
  std::vector<std::string> labels;
};

struct Placement {
  std::vector<std::string> prefix;  // --path, as label texts
  bool list = false;                // --list: documents at the same path form a list
};

// The CUE declarations for the documents of one input (the caller adds a package clause):
//   - one document, no -l, no --list: its fields at the top (a non-struct is embedded);
//   - -l: each document at prefix + its labels; documents at the same path are unified (written
//     as repeated fields), or with --list gathered into a list there;
//   - --list without -l: one list of every document at the prefix.
// Several documents without -l, --list or --path are an error (which of them is meant?).
Result<std::string> place_documents(std::span<const PlacedDocument> docs, const Placement& how);

}  // namespace cfgc::encoding
