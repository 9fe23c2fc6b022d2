#pragma once
// Reading imported documents (JSON Schema, OpenAPI) as the syntax trees the data readers
// build: the members of an object by key, string literals. One home for the lookups the
// importers share.

#include <string_view>

#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

// The key of an object member as written (an identifier or a string label).
inline std::string_view key_of(const syntax::Field* f) {
  if (auto* id = syntax::as<syntax::Ident>(f->label)) return id->name;
  if (auto* b = syntax::as<syntax::BasicLit>(f->label)) return b->value;
  return {};
}

// The member `key` of an object (the readers reject duplicate keys), or null.
inline const syntax::Field* field_of(const syntax::Node* obj, std::string_view key) {
  auto* s = syntax::as<syntax::StructLit>(obj);
  if (!s) return nullptr;
  for (const syntax::Node* d : s->elts) {
    auto* f = syntax::as<syntax::Field>(d);
    if (f && key_of(f) == key) return f;
  }
  return nullptr;
}

// The value of the member `key`, or null.
inline const syntax::Node* member(const syntax::Node* obj, std::string_view key) {
  const syntax::Field* f = field_of(obj, key);
  return f ? f->value : nullptr;
}

// n as a string literal, or null.
inline const syntax::BasicLit* string_lit(const syntax::Node* n) {
  auto* b = syntax::as<syntax::BasicLit>(n);
  return b && b->tok == syntax::Tok::String ? b : nullptr;
}

}  // namespace cfgc::encoding
