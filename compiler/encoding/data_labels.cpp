#include "compiler/encoding/data_labels.h"

#include "compiler/syntax/token.h"

namespace cfgc::encoding {

bool is_identifier_key(std::string_view key) {
  if (key.empty()) return false;
  char first = key.front();
  bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '$';
  if (!letter) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '$';
    if (!ok) return false;
  }
  return syntax::lookup_keyword(key) == syntax::Tok::Ident;
}

syntax::Node* data_label(Arena& arena, std::string_view key, Pos at, Pos end) {
  return data_label_of_stable(arena, arena.copy(key), at, end);
}

syntax::Node* data_label_of_stable(Arena& arena, std::string_view key, Pos at, Pos end) {
  if (is_identifier_key(key)) {
    auto* id = arena.make<syntax::Ident>();
    id->pos = at;
    id->end = end;
    id->name = key;
    return id;
  }
  auto* b = arena.make<syntax::BasicLit>();
  b->pos = at;
  b->end = end;
  b->tok = syntax::Tok::String;
  b->value = key;
  b->raw = b->value;
  return b;
}

void identifier_labels(Arena& arena, syntax::Node* n) {
  if (!n) return;
  if (auto* s = syntax::as<syntax::StructLit>(n)) {
    for (syntax::Node* d : s->elts) identifier_labels(arena, d);
  } else if (auto* l = syntax::as<syntax::ListLit>(n)) {
    for (syntax::Node* e : l->elts) identifier_labels(arena, e);
  } else if (auto* f = syntax::as<syntax::Field>(n)) {
    if (auto* b = syntax::as<syntax::BasicLit>(f->label);
        b && b->tok == syntax::Tok::String && is_identifier_key(b->value)) {
      f->label = data_label(arena, b->value, b->pos, b->end);
    }
    identifier_labels(arena, f->value);
  } else if (auto* file = syntax::as<syntax::File>(n)) {
    // A JSON document is one struct, embedded at the file's top: its fields become the file's
    // own, as CUE's JSON decoder makes them, so they are in scope (`-e mtu`).
    if (file->decls.size() == 1) {
      auto* e = syntax::as<syntax::EmbedDecl>(file->decls[0]);
      auto* s = e ? syntax::as<syntax::StructLit>(e->expr) : nullptr;
      if (s) file->decls = s->elts;
    }
    for (syntax::Node* d : file->decls) identifier_labels(arena, d);
  } else if (auto* e = syntax::as<syntax::EmbedDecl>(n)) {
    identifier_labels(arena, e->expr);
  }
}

}  // namespace cfgc::encoding
