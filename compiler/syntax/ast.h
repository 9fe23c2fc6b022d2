#pragma once
// The syntax tree of a CUE source file.
//
// Nodes are plain structs allocated in an Arena that outlives the tree; children are raw
// pointers and spans into the arena. Every node records where it starts and ends (Pos, a byte
// offset in the FileSet), so later stages can point at exact source ranges. Strings are
// views into the source buffer (raw text) or into the arena (decoded values).
//
// The tree is built for every file of every run, so its size matters (bench/parse_bench.cpp
// reports bytes of tree per source byte): one-byte fields come first in each node, where they
// share the word of Node::kind, and what few nodes have is kept out of the common node
// (FieldExtra).

#include <span>
#include <string_view>

#include "compiler/base/source.h"
#include "compiler/syntax/scanner.h"
#include "compiler/syntax/token.h"

namespace cfgc::syntax {

enum class NodeKind : uint8_t {
  // Expressions.
  BadExpr,
  Ident,
  BasicLit,       // number, string, bytes, true, false, null
  BottomLit,      // _|_
  Interpolation,  // "a\(x)b"
  StructLit,
  ListLit,
  Ellipsis,  // ...T (in lists and structs)
  UnaryExpr,
  BinaryExpr,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  CallExpr,
  Alias,          // X=expr (label and pattern aliases, value aliases)
  Comprehension,  // for/if/let clauses followed by a struct
  // Clauses.
  ForClause,
  IfClause,
  LetClause,  // also a declaration: let x = e
  // Declarations.
  Field,
  EmbedDecl,
  Attribute,
  ImportDecl,
  ImportSpec,
  Package,
  BadDecl,
  File,
};

struct Node {
  Pos pos;  // first byte
  Pos end;  // one past the last byte
  // Last: a node's own one-byte fields (an operator, flags) are laid out in the three bytes
  // after it. Node is not a POD (it has a constructor), so the C++ ABI places derived members
  // in its tail padding; a BinaryExpr is 32 bytes instead of 40.
  NodeKind kind;
  explicit Node(NodeKind k) : kind(k) {}
};

template <class T>
T* as(Node* n) {
  return n && n->kind == T::kKind ? static_cast<T*>(n) : nullptr;
}
template <class T>
const T* as(const Node* n) {
  return n && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr;
}

using Expr = Node;  // any expression node
using Decl = Node;  // any declaration node

struct BadExpr : Node {
  static constexpr NodeKind kKind = NodeKind::BadExpr;
  BadExpr() : Node(kKind) {}
};

struct BadDecl : Node {
  static constexpr NodeKind kKind = NodeKind::BadDecl;
  BadDecl() : Node(kKind) {}
};

struct Ident : Node {
  static constexpr NodeKind kKind = NodeKind::Ident;
  Ident() : Node(kKind) {}
  std::string_view name;
};

struct BasicLit : Node {
  static constexpr NodeKind kKind = NodeKind::BasicLit;
  BasicLit() : Node(kKind) {}
  Tok tok = Tok::Illegal;  // Int, Float, String, True, False, Null
  uint8_t flags = 0;       // token flags (kTokMultiline)
  bool is_bytes = false;   // a '…' literal
  std::string_view raw;    // source text
  std::string_view value;  // for strings: the decoded contents
};

struct BottomLit : Node {
  static constexpr NodeKind kKind = NodeKind::BottomLit;
  BottomLit() : Node(kKind) {}
};

// A string with interpolations: segments[i] is the decoded text before exprs[i];
// segments has one more element than exprs.
struct Interpolation : Node {
  static constexpr NodeKind kKind = NodeKind::Interpolation;
  Interpolation() : Node(kKind) {}
  bool is_bytes = false;
  uint8_t flags = 0;
  std::string_view raw;
  std::span<std::string_view> segments;
  std::span<Expr*> exprs;
};

struct StructLit : Node {
  static constexpr NodeKind kKind = NodeKind::StructLit;
  StructLit() : Node(kKind) {}
  Pos lbrace, rbrace;  // invalid for the implicit struct of `a: b: c` shorthand
  std::span<Decl*> elts;
  bool implicit() const { return !lbrace.valid(); }
};

struct ListLit : Node {
  static constexpr NodeKind kKind = NodeKind::ListLit;
  ListLit() : Node(kKind) {}
  Pos lbrack, rbrack;
  std::span<Expr*> elts;  // expressions, Comprehensions, a trailing Ellipsis
};

struct Ellipsis : Node {
  static constexpr NodeKind kKind = NodeKind::Ellipsis;
  Ellipsis() : Node(kKind) {}
  Expr* type = nullptr;  // may be null: `...` alone
};

struct UnaryExpr : Node {
  static constexpr NodeKind kKind = NodeKind::UnaryExpr;
  UnaryExpr() : Node(kKind) {}
  Tok op = Tok::Illegal;  // + - ! * < <= > >= != =~ !~
  Expr* x = nullptr;
};

struct BinaryExpr : Node {
  static constexpr NodeKind kKind = NodeKind::BinaryExpr;
  BinaryExpr() : Node(kKind) {}
  Tok op = Tok::Illegal;
  Pos op_pos;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

struct ParenExpr : Node {
  static constexpr NodeKind kKind = NodeKind::ParenExpr;
  ParenExpr() : Node(kKind) {}
  Expr* x = nullptr;
};

struct SelectorExpr : Node {
  static constexpr NodeKind kKind = NodeKind::SelectorExpr;
  SelectorExpr() : Node(kKind) {}
  Expr* x = nullptr;
  Node* sel = nullptr;  // Ident or BasicLit string
};

// x[i], or the slice x[lo:hi] (lo and hi may be left out).
struct IndexExpr : Node {
  static constexpr NodeKind kKind = NodeKind::IndexExpr;
  IndexExpr() : Node(kKind) {}
  bool slice = false;
  Expr* x = nullptr;
  Expr* index = nullptr;  // the index, or a slice's low bound (may be null)
  Expr* hi = nullptr;     // a slice's high bound (may be null)
};

struct CallExpr : Node {
  static constexpr NodeKind kKind = NodeKind::CallExpr;
  CallExpr() : Node(kKind) {}
  Expr* fun = nullptr;
  std::span<Expr*> args;
};

struct Alias : Node {
  static constexpr NodeKind kKind = NodeKind::Alias;
  Alias() : Node(kKind) {}
  struct Ident* ident = nullptr;
  Expr* expr = nullptr;
};

struct ForClause : Node {
  static constexpr NodeKind kKind = NodeKind::ForClause;
  ForClause() : Node(kKind) {}
  struct Ident* key = nullptr;  // may be null: `for v in x`
  struct Ident* value = nullptr;
  Expr* source = nullptr;
};

struct IfClause : Node {
  static constexpr NodeKind kKind = NodeKind::IfClause;
  IfClause() : Node(kKind) {}
  Expr* cond = nullptr;
};

struct LetClause : Node {
  static constexpr NodeKind kKind = NodeKind::LetClause;
  LetClause() : Node(kKind) {}
  struct Ident* name = nullptr;
  Expr* expr = nullptr;
};

struct Comprehension : Node {
  static constexpr NodeKind kKind = NodeKind::Comprehension;
  Comprehension() : Node(kKind) {}
  std::span<Node*> clauses;  // ForClause, IfClause, LetClause
  StructLit* body = nullptr;
};

struct Attribute : Node {
  static constexpr NodeKind kKind = NodeKind::Attribute;
  Attribute() : Node(kKind) {}
  std::string_view text;  // "@name(body)"
  std::string_view name() const;
  std::string_view body() const;  // between the parentheses
};

enum class Constraint : uint8_t { None, Optional, Required };

// A field `label: value`. Label forms: Ident (a, #A, _h), BasicLit string ("a-b"),
// Interpolation ("\(x)"), ParenExpr (dynamic: (x)), ListLit of one element (pattern: [=~"^x"],
// possibly an Alias: [Name=string]).
struct Field : Node {
  static constexpr NodeKind kKind = NodeKind::Field;
  Field() : Node(kKind) {}
  Constraint constraint = Constraint::None;

 protected:
  bool extra_ = false;  // this is a FieldExtra

 public:
  Pos colon;
  Node* label = nullptr;
  Expr* value = nullptr;
  // X=label, or null.
  struct Ident* alias() const;
  std::span<Attribute*> attrs() const;
  bool is_pattern() const { return label && label->kind == NodeKind::ListLit; }
};

// A field with an alias or attributes, which few fields have: they are kept out of Field.
struct FieldExtra final : Field {
  FieldExtra() { extra_ = true; }
  struct Ident* label_alias = nullptr;
  std::span<Attribute*> attributes;
};

inline Ident* Field::alias() const {
  return extra_ ? static_cast<const FieldExtra*>(this)->label_alias : nullptr;
}
inline std::span<Attribute*> Field::attrs() const {
  return extra_ ? static_cast<const FieldExtra*>(this)->attributes : std::span<Attribute*>{};
}

struct EmbedDecl : Node {
  static constexpr NodeKind kKind = NodeKind::EmbedDecl;
  EmbedDecl() : Node(kKind) {}
  Expr* expr = nullptr;
};

struct ImportSpec : Node {
  static constexpr NodeKind kKind = NodeKind::ImportSpec;
  ImportSpec() : Node(kKind) {}
  struct Ident* name = nullptr;  // may be null
  BasicLit* path = nullptr;
};

struct ImportDecl : Node {
  static constexpr NodeKind kKind = NodeKind::ImportDecl;
  ImportDecl() : Node(kKind) {}
  Pos lparen, rparen;  // invalid for `import "x"`
  std::span<ImportSpec*> specs;
};

struct Package : Node {
  static constexpr NodeKind kKind = NodeKind::Package;
  Package() : Node(kKind) {}
  struct Ident* name = nullptr;
};

struct File : Node {
  static constexpr NodeKind kKind = NodeKind::File;
  File() : Node(kKind) {}
  const SourceFile* source = nullptr;
  std::span<Decl*> decls;  // Attribute, Package, ImportDecl, then declarations
  std::span<Comment> comments;
  // The package name, or empty.
  std::string_view package_name() const;
};

// Calls fn(child) for every direct child of n, in source order.
template <class Fn>
void for_each_child(Node* n, Fn&& fn);

}  // namespace cfgc::syntax

#include "compiler/syntax/ast_walk.h"
