#pragma once
// for_each_child: the one place that knows every node's children (used by tree printers,
// tree comparison in tests and static checks).

namespace cfgc::syntax {

template <class Fn>
void for_each_child(Node* n, Fn&& fn) {
  auto visit = [&](Node* c) {
    if (c) fn(c);
  };
  switch (n->kind) {
    case NodeKind::BadExpr:
    case NodeKind::BadDecl:
    case NodeKind::Ident:
    case NodeKind::BasicLit:
    case NodeKind::BottomLit:
    case NodeKind::Attribute: break;
    case NodeKind::Interpolation:
      for (Node* e : static_cast<Interpolation*>(n)->exprs) visit(e);
      break;
    case NodeKind::StructLit:
      for (Node* d : static_cast<StructLit*>(n)->elts) visit(d);
      break;
    case NodeKind::ListLit:
      for (Node* e : static_cast<ListLit*>(n)->elts) visit(e);
      break;
    case NodeKind::Ellipsis: visit(static_cast<Ellipsis*>(n)->type); break;
    case NodeKind::UnaryExpr: visit(static_cast<UnaryExpr*>(n)->x); break;
    case NodeKind::BinaryExpr:
      visit(static_cast<BinaryExpr*>(n)->x);
      visit(static_cast<BinaryExpr*>(n)->y);
      break;
    case NodeKind::ParenExpr: visit(static_cast<ParenExpr*>(n)->x); break;
    case NodeKind::SelectorExpr:
      visit(static_cast<SelectorExpr*>(n)->x);
      visit(static_cast<SelectorExpr*>(n)->sel);
      break;
    case NodeKind::IndexExpr:
      visit(static_cast<IndexExpr*>(n)->x);
      visit(static_cast<IndexExpr*>(n)->index);
      visit(static_cast<IndexExpr*>(n)->hi);
      break;
    case NodeKind::CallExpr:
      visit(static_cast<CallExpr*>(n)->fun);
      for (Node* a : static_cast<CallExpr*>(n)->args) visit(a);
      break;
    case NodeKind::Alias:
      visit(static_cast<Alias*>(n)->ident);
      visit(static_cast<Alias*>(n)->expr);
      break;
    case NodeKind::Comprehension:
      for (Node* c : static_cast<Comprehension*>(n)->clauses) visit(c);
      visit(static_cast<Comprehension*>(n)->body);
      break;
    case NodeKind::ForClause: {
      auto* f = static_cast<ForClause*>(n);
      visit(f->key);
      visit(f->value);
      visit(f->source);
      break;
    }
    case NodeKind::IfClause: visit(static_cast<IfClause*>(n)->cond); break;
    case NodeKind::LetClause:
      visit(static_cast<LetClause*>(n)->name);
      visit(static_cast<LetClause*>(n)->expr);
      break;
    case NodeKind::Field: {
      auto* f = static_cast<Field*>(n);
      visit(f->alias());
      visit(f->label);
      visit(f->value);
      for (Node* a : f->attrs()) visit(a);
      break;
    }
    case NodeKind::EmbedDecl: visit(static_cast<EmbedDecl*>(n)->expr); break;
    case NodeKind::ImportSpec:
      visit(static_cast<ImportSpec*>(n)->name);
      visit(static_cast<ImportSpec*>(n)->path);
      break;
    case NodeKind::ImportDecl:
      for (Node* s : static_cast<ImportDecl*>(n)->specs) visit(s);
      break;
    case NodeKind::Package: visit(static_cast<Package*>(n)->name); break;
    case NodeKind::File:
      for (Node* d : static_cast<File*>(n)->decls) visit(d);
      break;
  }
}

}  // namespace cfgc::syntax
