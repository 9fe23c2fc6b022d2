#pragma once
// A first CUE schema inferred from sample data, for `cfgc infer`: what a team that has only
// YAML variables writes on day one, to edit afterwards.
//
// Every sample (a data document, or an inventory host's variables) is folded into one Shape per
// value path; the schema is written from the shapes:
//   - kinds: the kinds seen (`null | string`); int and float together are `number`;
//   - struct fields in the order first seen; a field present in every occurrence of its struct
//     is required (`name!:`), any other optional (`name?:`, with how often it was seen);
//   - values of fields whose names suggest secrets (password, secret, token, key, community…)
//     never appear in the schema, not even in comments;
//   - strings: a net validator when every value is an IPv4 or IPv6 address or a CIDR prefix; an
//     enum (`"leaf" | "spine"`) for a small set of words (no blanks, not ending in a digit as
//     names of ports and devices do) each seen more than once; else `string`;
//   - numbers: `int` or `number`, the observed range as a comment, or as bounds when asked;
//   - lists: `[...T]` with every element of every occurrence merged (lists of structs merge
//     field by field);
//   - maps: a struct whose keys look like names rather than field names (interface names such as
//     `swp1` or `Ethernet1/1`, numbers such as VLAN ids, addresses, or a family like `leaf1`,
//     `leaf2`, `leaf3`) and whose values have one kind is `[string]: T` (`[=~"^[0-9]+$"]: T`
//     for numbers), with the values merged into T.
// The output is deterministic: the same samples in the same order give the same text.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

struct InferOptions {
  std::string definition = "#Schema";     // the definition written (with its '#')
  std::string sample_noun = "documents";  // "hosts" for an inventory: used in comments
  std::string source;                     // where the samples are from ("the inventory inv/")
  bool bounds = false;                    // write numeric ranges as bounds, not as comments
  int enum_max = 8;                       // at most this many distinct strings make an enum
};

class SchemaInference {
 public:
  explicit SchemaInference(InferOptions options);
  ~SchemaInference();
  SchemaInference(const SchemaInference&) = delete;
  SchemaInference& operator=(const SchemaInference&) = delete;

  // One sample of the whole value: a data document's value (struct, list or scalar).
  void add(const syntax::Node* value);
  // One sample given as the fields of a file (an inventory host's variables).
  void add_fields(const syntax::File* fields);

  uint32_t samples() const;
  // Where the samples came from, for the comment above the definition.
  void set_source(std::string source) { options_.source = std::move(source); }

  // The CUE declarations of the schema (imports, then the definition), without a package
  // clause; meant for the formatter.
  std::string cue_text() const;

  struct Shape;  // what was seen at one value path (schema_inference.cpp)

 private:
  InferOptions options_;
  std::unique_ptr<Shape> root_;
};

}  // namespace cfgc::encoding
