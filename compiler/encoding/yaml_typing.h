#pragma once
// YAML scalars as syntax nodes, typed as the YamlMode reads them: CUE's reading
// (yaml_scalar.h, with the optional warnings where YAML 1.1 differs), Ansible's YAML 1.1 with
// its tags (yaml11.h), or JSON's types. Also the text a scalar mapping key stands for.

#include <string>
#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

class YamlTyping {
 public:
  YamlTyping(Arena& arena, const SourceFile& src, Diagnostics& diags, YamlMode mode,
             bool warn_yaml11)
      : arena_(arena), src_(src), diags_(diags), mode_(mode), warn_yaml11_(warn_yaml11) {}

  // The node of a scalar at `offset` with yaml-cpp's tag ("?" for a plain scalar, "!" for a
  // quoted one, or the resolved tag).
  syntax::Node* scalar(uint32_t offset, std::string_view tag, std::string_view text);
  // The node of a null at `offset`, the value of the key at `key_pos` if valid.
  syntax::Node* null(uint32_t offset, Pos key_pos);
  // The text of the scalar key `text`: itself, or in YamlMode::Ansible as ansible-inventory
  // prints its typed value ("yes" is "true"). Points at `text` or `scratch`.
  std::string_view key_text(std::string_view tag, std::string_view text, std::string& scratch);

  // `text`, found at `offset` of the source: the source's own bytes when they are the text
  // (an unquoted scalar on one line), else a copy in the arena.
  std::string_view stable(uint32_t offset, std::string_view text);
  Pos pos(uint32_t offset) const { return src_.pos(offset); }
  syntax::BadExpr* bad(uint32_t offset);

 private:
  bool ansible() const { return mode_ != YamlMode::Cue; }
  syntax::BasicLit* string_lit(uint32_t offset, std::string_view s);
  syntax::Node* json_scalar(uint32_t offset, std::string_view tag, std::string_view s);
  syntax::Node* ansible_scalar(uint32_t offset, std::string_view tag, std::string_view s);
  syntax::Node* cue_scalar(uint32_t offset, std::string_view tag, std::string_view s);
  void warn_if_yaml11_differs(uint32_t offset, std::string_view s, const syntax::Node* r);
  bool written_null(uint32_t offset) const;

  Arena& arena_;
  const SourceFile& src_;
  Diagnostics& diags_;
  YamlMode mode_;
  bool warn_yaml11_;
};

}  // namespace cfgc::encoding
