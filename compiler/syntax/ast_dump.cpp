#include "compiler/syntax/ast_dump.h"

#include "compiler/base/quote.h"
#include "compiler/syntax/literal.h"

namespace cfgc::syntax {

namespace {

void dump_to(const Node* n, std::string& out);

void list(std::string& out, const char* head, auto&& items) {
  out += '(';
  out += head;
  for (const Node* c : items) {
    out += ' ';
    dump_to(c, out);
  }
  out += ')';
}

void dump_to(const Node* n, std::string& out) {
  if (!n) {
    out += "nil";
    return;
  }
  switch (n->kind) {
    case NodeKind::BadExpr: out += "(bad)"; return;
    case NodeKind::BadDecl: out += "(baddecl)"; return;
    case NodeKind::Ident: out += static_cast<const Ident*>(n)->name; return;
    case NodeKind::BasicLit: {
      auto* b = static_cast<const BasicLit*>(n);
      if (b->tok == Tok::String) {
        out += b->is_bytes ? cue_quote_bytes(b->value) : cue_quote(b->value);
      } else {
        out += b->raw;
      }
      return;
    }
    case NodeKind::BottomLit: out += "_|_"; return;
    case NodeKind::Interpolation: {
      auto* in = static_cast<const Interpolation*>(n);
      out += "(interp";
      for (size_t i = 0; i < in->segments.size(); ++i) {
        out += ' ';
        out += cue_quote(in->segments[i]);
        if (i < in->exprs.size()) {
          out += ' ';
          dump_to(in->exprs[i], out);
        }
      }
      out += ')';
      return;
    }
    case NodeKind::StructLit: list(out, "struct", static_cast<const StructLit*>(n)->elts); return;
    case NodeKind::ListLit: list(out, "list", static_cast<const ListLit*>(n)->elts); return;
    case NodeKind::Ellipsis:
      out += "(...";
      if (auto* t = static_cast<const Ellipsis*>(n)->type) {
        out += ' ';
        dump_to(t, out);
      }
      out += ')';
      return;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(n);
      out += '(';
      out += tok_spelling(u->op);
      out += "u ";
      dump_to(u->x, out);
      out += ')';
      return;
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(n);
      out += '(';
      out += tok_spelling(b->op);
      out += ' ';
      dump_to(b->x, out);
      out += ' ';
      dump_to(b->y, out);
      out += ')';
      return;
    }
    case NodeKind::ParenExpr:
      out += "(paren ";
      dump_to(static_cast<const ParenExpr*>(n)->x, out);
      out += ')';
      return;
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(n);
      out += "(sel ";
      dump_to(s->x, out);
      out += ' ';
      dump_to(s->sel, out);
      out += ')';
      return;
    }
    case NodeKind::IndexExpr: {
      auto* s = static_cast<const IndexExpr*>(n);
      out += s->slice ? "(slice " : "(index ";
      dump_to(s->x, out);
      out += ' ';
      dump_to(s->index, out);
      if (s->slice) {
        out += ' ';
        dump_to(s->hi, out);
      }
      out += ')';
      return;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<const CallExpr*>(n);
      out += "(call ";
      dump_to(c->fun, out);
      for (const Node* a : c->args) {
        out += ' ';
        dump_to(a, out);
      }
      out += ')';
      return;
    }
    case NodeKind::Alias: {
      auto* a = static_cast<const Alias*>(n);
      out += "(= ";
      dump_to(a->ident, out);
      out += ' ';
      dump_to(a->expr, out);
      out += ')';
      return;
    }
    case NodeKind::Comprehension: {
      auto* c = static_cast<const Comprehension*>(n);
      out += "(comprehension";
      for (const Node* cl : c->clauses) {
        out += ' ';
        dump_to(cl, out);
      }
      out += ' ';
      dump_to(c->body, out);
      out += ')';
      return;
    }
    case NodeKind::ForClause: {
      auto* f = static_cast<const ForClause*>(n);
      out += "(for ";
      if (f->key) {
        dump_to(f->key, out);
        out += ' ';
      }
      dump_to(f->value, out);
      out += " in ";
      dump_to(f->source, out);
      out += ')';
      return;
    }
    case NodeKind::IfClause:
      out += "(if ";
      dump_to(static_cast<const IfClause*>(n)->cond, out);
      out += ')';
      return;
    case NodeKind::LetClause: {
      auto* l = static_cast<const LetClause*>(n);
      out += "(let ";
      dump_to(l->name, out);
      out += ' ';
      dump_to(l->expr, out);
      out += ')';
      return;
    }
    case NodeKind::Field: {
      auto* f = static_cast<const Field*>(n);
      out += "(field ";
      if (f->alias()) {
        dump_to(f->alias(), out);
        out += '=';
      }
      dump_to(f->label, out);
      if (f->constraint == Constraint::Optional) out += '?';
      if (f->constraint == Constraint::Required) out += '!';
      out += ' ';
      dump_to(f->value, out);
      for (const Node* a : f->attrs()) {
        out += ' ';
        dump_to(a, out);
      }
      out += ')';
      return;
    }
    case NodeKind::EmbedDecl:
      out += "(embed ";
      dump_to(static_cast<const EmbedDecl*>(n)->expr, out);
      out += ')';
      return;
    case NodeKind::Attribute: out += static_cast<const Attribute*>(n)->text; return;
    case NodeKind::ImportSpec: {
      auto* s = static_cast<const ImportSpec*>(n);
      out += "(spec ";
      if (s->name) {
        dump_to(s->name, out);
        out += ' ';
      }
      dump_to(s->path, out);
      out += ')';
      return;
    }
    case NodeKind::ImportDecl:
      list(out, "import", static_cast<const ImportDecl*>(n)->specs);
      return;
    case NodeKind::Package:
      out += "(package ";
      dump_to(static_cast<const Package*>(n)->name, out);
      out += ')';
      return;
    case NodeKind::File: list(out, "file", static_cast<const File*>(n)->decls); return;
  }
}

}  // namespace

std::string dump(const Node* n) {
  std::string out;
  dump_to(n, out);
  return out;
}

}  // namespace cfgc::syntax
