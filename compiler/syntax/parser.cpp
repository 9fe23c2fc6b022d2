#include "compiler/syntax/parser.h"

#include <fmt/format.h>

#include <vector>

#include "compiler/syntax/literal.h"
#include "compiler/syntax/scanner.h"

namespace cfgc::syntax {

namespace {

class Parser {
 public:
  Parser(Arena& arena, const SourceFile& src, Diagnostics& diags, const ParseOptions& opts,
         uint32_t begin, uint32_t end, int depth, int* error_budget)
      : arena_(arena),
        src_(src),
        diags_(diags),
        opts_(opts),
        // A nested parser (of an interpolation) rescans text whose lexical errors the outer
        // scanner has already reported: keep them out of diags, or each would appear twice.
        scanner_(src, error_budget ? rescan_diags_ : diags, begin, end),
        depth_(depth),
        errors_left_(error_budget ? error_budget : &own_budget_) {
    own_budget_ = opts.max_errors;
    scanner_.next(ring_[0]);
  }

  File* parse_file();
  Expr* parse_whole_expr();

 private:
  // --- token access ---
  // Tokens come from the scanner as they are needed (no token vector): ring_ holds the
  // current token and up to kLookahead - 1 tokens peeked at.
  const Token& tok() const { return ring_[head_]; }
  const Token& peek(size_t k = 1) {
    while (ahead_ < k) {
      ++ahead_;
      scanner_.next(ring_[(head_ + ahead_) & (kLookahead - 1)]);
    }
    return ring_[(head_ + k) & (kLookahead - 1)];
  }
  Tok kind() const { return tok().kind; }
  void next() {
    const Token& t = tok();
    if (t.kind == Tok::Eof) return;  // the scanner keeps returning Eof: stay on it
    if (t.length > 0 || !t.implicit()) prev_end_ = t.end();
    advance();
  }
  void advance() {
    head_ = (head_ + 1) & (kLookahead - 1);
    if (ahead_ > 0) {
      --ahead_;
    } else {
      scanner_.next(ring_[head_]);
    }
  }
  Pos pos(const Token& t) const { return Pos{base_ + t.offset}; }
  Pos pos() const { return pos(tok()); }
  Pos prev_end() const { return Pos{base_ + prev_end_}; }
  // Tokens lie within the file: no bounds check.
  std::string_view text(const Token& t) const { return {data_ + t.offset, t.length}; }

  template <class T>
  T* make(Pos start) {
    T* n = arena_.make<T>();
    n->pos = start;
    n->end = start;
    return n;
  }
  template <class T>
  T* finish(T* n) {
    n->end = prev_end();
    if (n->end < n->pos) n->end = n->pos;
    return n;
  }

  // --- errors ---
  void error(Pos p, std::string msg);
  std::string describe(const Token& t) const;
  void error_expected(std::string_view what) {
    if (kind() == Tok::Illegal) return;  // the scanner has reported it
    error(error_pos(), fmt::format("expected {}, found {}", what, describe(tok())));
  }
  // Where to report a problem with the current token: at EOF, right after the last token
  // (an empty last line makes a useless caret).
  Pos error_pos() const { return kind() == Tok::Eof && prev_end_ > 0 ? prev_end() : pos(); }
  // "expected '}' …, found …" with the position of the bracket left open.
  void error_unclosed(char close, Pos open) {
    if (kind() == Tok::Illegal) return;
    auto lc = src_.line_col(src_.file_offset(open));
    char opening = close == '}' ? '{' : close == ']' ? '[' : '(';
    error(error_pos(), fmt::format("expected '{}' to close the '{}' at line {}:{}, found {}", close,
                                   opening, lc.line, lc.col, describe(tok())));
  }
  Pos expect(Tok k);
  bool aborted() const { return aborted_; }
  void abort_to_eof() {
    aborted_ = true;
    // The rest of the file is still scanned: its lexical errors are reported and its comments
    // collected, as when the parser gets there.
    while (kind() != Tok::Eof) advance();
  }
  // Skips to the end of the current declaration: a comma or closing brace/bracket at depth 0.
  void sync_decl();

  // Nesting limit.
  struct Depth {
    Parser& p;
    explicit Depth(Parser& parser) : p(parser) {
      if (++p.depth_ > p.opts_.max_depth && !p.aborted_) {
        p.error(p.pos(), fmt::format("nesting too deep: more than {} levels", p.opts_.max_depth));
        p.abort_to_eof();
      }
    }
    ~Depth() { --p.depth_; }
  };

  // --- grammar ---
  bool label_follows(size_t k);
  Decl* parse_decl();
  Decl* parse_field_rest(Expr* label_expr);
  Expr* parse_field_value();
  bool valid_label(Node* n) const;
  Expr* parse_alias_expr();
  Expr* parse_expr(int prec = 1);
  Expr* parse_unary();
  Expr* parse_primary();
  Expr* parse_operand();
  Expr* parse_string();
  StructLit* parse_struct_lit();
  ListLit* parse_list_lit();
  Comprehension* parse_comprehension();
  Node* parse_clause();
  LetClause* parse_let();
  Ident* parse_ident(bool allow_keyword);
  ImportDecl* parse_import();
  Attribute* parse_attribute();
  Expr* bad_expr(Pos start);

  // Child lists are collected on one shared stack and copied to the arena when complete, so
  // parsing a struct or list allocates nothing on the heap.
  std::vector<Node*> scratch_;
  std::vector<std::string_view> segments_;  // of interpolations
  std::string decoded_;                     // a literal's decoded text, before its copy
  struct Collect {
    Parser& p;
    size_t mark;
    explicit Collect(Parser& parser) : p(parser), mark(parser.scratch_.size()) {}
    ~Collect() { p.scratch_.resize(mark); }
    void push(Node* n) { p.scratch_.push_back(n); }
    size_t size() const { return p.scratch_.size() - mark; }
    template <class T>
    std::span<T*> finish() {
      size_t n = p.scratch_.size() - mark;
      if (n == 0) return {};
      T** out = static_cast<T**>(p.arena_.allocate(sizeof(T*) * n, alignof(T*)));
      for (size_t i = 0; i < n; ++i) out[i] = static_cast<T*>(p.scratch_[mark + i]);
      return {out, n};
    }
  };

  Arena& arena_;
  const SourceFile& src_;
  const char* data_ = src_.content().data();
  uint32_t base_ = src_.base();
  Diagnostics& diags_;
  const ParseOptions& opts_;
  Diagnostics rescan_diags_;
  Scanner scanner_;
  static constexpr size_t kLookahead = 4;  // a power of two; peek(k) needs k < kLookahead
  Token ring_[kLookahead];
  size_t head_ = 0;   // the current token
  size_t ahead_ = 0;  // tokens scanned after it
  size_t interp_i_ = 0;
  uint32_t prev_end_ = 0;
  int depth_ = 0;
  int own_budget_ = 0;
  int* errors_left_;
  bool aborted_ = false;
  uint32_t last_error_line_ = 0;
};

void Parser::error(Pos p, std::string msg) {
  if (aborted_) return;
  uint32_t line = src_.line_col(src_.file_offset(p)).line;
  if (line == last_error_line_) return;  // one error per line avoids cascades
  last_error_line_ = line;
  if (*errors_left_ <= 0) return;
  if (--*errors_left_ == 0) {
    diags_.error(p, std::move(msg));
    diags_.error(p, "too many errors");
    return;
  }
  diags_.error(p, std::move(msg));
}

std::string Parser::describe(const Token& t) const {
  switch (t.kind) {
    case Tok::Eof: return "'EOF'";
    case Tok::Comma: return t.implicit() ? "newline" : "','";
    case Tok::Ident:
    case Tok::Int:
    case Tok::Float:
    case Tok::String:
    case Tok::Attribute:
    case Tok::Illegal: {
      std::string_view s = text(t);
      if (s.size() > 24) return fmt::format("{} {}…", tok_spelling(t.kind), s.substr(0, 20));
      if (t.kind == Tok::Illegal) return fmt::format("'{}'", s);
      return fmt::format("{} {}", tok_spelling(t.kind), s);
    }
    default: return fmt::format("'{}'", tok_spelling(t.kind));
  }
}

Pos Parser::expect(Tok k) {
  Pos p = pos();
  if (kind() != k) {
    error_expected(fmt::format("'{}'", tok_spelling(k)));
    return Pos{};
  }
  next();
  return p;
}

void Parser::sync_decl() {
  int depth = 0;
  while (kind() != Tok::Eof) {
    switch (kind()) {
      case Tok::LBrace:
      case Tok::LBrack:
      case Tok::LParen: ++depth; break;
      case Tok::RBrace:
      case Tok::RBrack:
      case Tok::RParen:
        if (depth == 0) return;
        --depth;
        break;
      case Tok::Comma:
        if (depth == 0) return;
        break;
      default: break;
    }
    next();
  }
}

Expr* Parser::bad_expr(Pos start) {
  // Consume the offending token unless it closes something an outer rule is waiting for.
  switch (kind()) {
    case Tok::Eof:
    case Tok::Comma:
    case Tok::RBrace:
    case Tok::RBrack:
    case Tok::RParen: break;
    default: next();
  }
  return finish(make<BadExpr>(start));
}

// --- files ---

File* Parser::parse_file() {
  File* f = make<File>(src_.pos(0));
  f->source = &src_;
  std::vector<Decl*> decls;
  auto end_decl = [&] {
    if (kind() == Tok::Comma) {
      next();
    } else if (kind() != Tok::Eof) {
      error_expected("',' or newline");
      sync_decl();
      if (kind() == Tok::RBrace || kind() == Tok::RBrack || kind() == Tok::RParen) {
        error(pos(), fmt::format("unexpected '{}'", tok_spelling(kind())));
        next();
      }
      if (kind() == Tok::Comma) next();
    }
  };
  while (kind() == Tok::Attribute) {
    decls.push_back(parse_attribute());
    end_decl();
  }
  if (kind() == Tok::Package && !label_follows(1)) {
    Package* p = make<Package>(pos());
    next();
    p->name = parse_ident(false);
    decls.push_back(finish(p));
    end_decl();
  }
  bool seen_decl = false;
  while (kind() != Tok::Eof) {
    if (kind() == Tok::Import && !label_follows(1)) {
      if (seen_decl) error(pos(), "imports must appear before other declarations");
      decls.push_back(parse_import());
    } else if (kind() == Tok::Package && !label_follows(1)) {
      error(pos(), "the package clause must come first in a file");
      Package* p = make<Package>(pos());
      next();
      p->name = parse_ident(false);
      decls.push_back(finish(p));
    } else {
      seen_decl = true;
      decls.push_back(parse_decl());
    }
    if (kind() == Tok::RBrace || kind() == Tok::RBrack || kind() == Tok::RParen) {
      error(pos(), fmt::format("unexpected '{}'", tok_spelling(kind())));
      next();
      sync_decl();
      if (kind() == Tok::Comma) next();
      continue;
    }
    end_decl();
  }
  f->decls = arena_.copy(decls);
  f->comments = arena_.copy(scanner_.comments());
  f->end = src_.pos(static_cast<uint32_t>(src_.content().size()));
  return f;
}

Expr* Parser::parse_whole_expr() {
  Expr* e = parse_alias_expr();
  if (kind() == Tok::Comma && tok().implicit()) next();
  if (kind() != Tok::Eof) error_expected("end of expression");
  // The rest is scanned all the same, for its lexical errors.
  while (kind() != Tok::Eof) advance();
  return e;
}

ImportDecl* Parser::parse_import() {
  ImportDecl* d = make<ImportDecl>(pos());
  next();
  std::vector<ImportSpec*> specs;
  auto spec = [&]() -> ImportSpec* {
    ImportSpec* s = make<ImportSpec>(pos());
    if (kind() == Tok::Ident) s->name = parse_ident(false);
    if (kind() != Tok::String) {
      error_expected("import path string");
      sync_decl();
      return finish(s);
    }
    Expr* path = parse_string();
    s->path = as<BasicLit>(path);
    if (!s->path) error(path->pos, "import path must be a plain string");
    return finish(s);
  };
  if (kind() == Tok::LParen) {
    d->lparen = pos();
    next();
    while (kind() != Tok::RParen && kind() != Tok::Eof) {
      specs.push_back(spec());
      if (kind() == Tok::Comma) {
        next();
      } else if (kind() != Tok::RParen) {
        error_expected("',' or ')' in import list");
        sync_decl();
        if (kind() == Tok::Comma) {
          next();
        } else {
          break;  // a closing '}' or ']': the import list cannot continue
        }
      }
    }
    d->rparen = expect(Tok::RParen);
  } else {
    specs.push_back(spec());
  }
  d->specs = arena_.copy(specs);
  return finish(d);
}

Attribute* Parser::parse_attribute() {
  Attribute* a = make<Attribute>(pos());
  a->text = text(tok());
  next();
  return finish(a);
}

// --- declarations ---

bool Parser::label_follows(size_t k) {
  Tok t = peek(k).kind;
  if (t == Tok::Colon) return true;
  return (t == Tok::Option || t == Tok::Not) && peek(k + 1).kind == Tok::Colon;
}

Decl* Parser::parse_decl() {
  Pos start = pos();
  switch (kind()) {
    case Tok::Ellipsis: {
      Ellipsis* e = make<Ellipsis>(start);
      next();
      if (kind() != Tok::Comma && kind() != Tok::RBrace && kind() != Tok::Eof) {
        e->type = parse_expr();
      }
      return finish(e);
    }
    case Tok::Attribute: return parse_attribute();
    case Tok::Let:
      if (!label_follows(1)) return parse_let();
      break;
    case Tok::For:
    case Tok::If:
      if (!label_follows(1)) {
        EmbedDecl* d = make<EmbedDecl>(start);
        d->expr = parse_comprehension();
        return finish(d);
      }
      break;
    default: break;
  }
  if (is_keyword(kind()) && label_follows(1)) {
    return parse_field_rest(parse_ident(true));
  }
  // The most common declarations, `name: value` and `"name": value`, without the descent
  // through the expression grammar that would find the same label (at the same depth; an
  // interpolation, whose nested parse may abort, takes the long way).
  if ((kind() == Tok::Ident || (kind() == Tok::String && !(tok().flags & kTokInterp))) &&
      peek().kind == Tok::Colon && depth_ < opts_.max_depth) {
    Expr* label;
    {
      Depth guard(*this);
      label = kind() == Tok::Ident ? parse_ident(false) : parse_string();
    }
    return parse_field_rest(label);
  }
  Expr* e = parse_alias_expr();
  if (label_follows(0)) return parse_field_rest(e);
  if (e->kind == NodeKind::BadExpr) {
    sync_decl();
    return finish(make<BadDecl>(start));
  }
  EmbedDecl* d = make<EmbedDecl>(start);
  d->expr = e;
  return finish(d);
}

bool Parser::valid_label(Node* n) const {
  switch (n->kind) {
    case NodeKind::Ident:
    case NodeKind::Interpolation:
    case NodeKind::ParenExpr: return true;
    case NodeKind::BasicLit: {
      auto* b = static_cast<BasicLit*>(n);
      return b->tok == Tok::String && !b->is_bytes && !(b->flags & kTokMultiline);
    }
    case NodeKind::ListLit: {
      auto* l = static_cast<ListLit*>(n);
      return l->elts.size() == 1 && l->elts[0]->kind != NodeKind::Ellipsis &&
             l->elts[0]->kind != NodeKind::Comprehension;
    }
    default: return false;
  }
}

Decl* Parser::parse_field_rest(Expr* label_expr) {
  const Pos start = label_expr->pos;
  Ident* alias = nullptr;
  if (auto* a = as<Alias>(label_expr)) {
    alias = a->ident;
    label_expr = a->expr;
  }
  if (!valid_label(label_expr)) {
    error(label_expr->pos,
          label_expr->kind == NodeKind::ListLit
              ? "a pattern constraint takes exactly one expression: [pattern]: value"
              : "invalid field label: expected an identifier, a string, "
                "(expression) or [pattern]");
  }
  Constraint constraint = Constraint::None;
  if (kind() == Tok::Option) {
    constraint = Constraint::Optional;
    next();
  } else if (kind() == Tok::Not) {
    constraint = Constraint::Required;
    next();
  }
  const Pos colon = expect(Tok::Colon);
  Expr* value = parse_field_value();
  Collect attrs(*this);
  while (kind() == Tok::Attribute) attrs.push(parse_attribute());
  // The node is made last, when it is known whether it needs the room of a FieldExtra.
  Field* f;
  if (alias || attrs.size() > 0) {
    FieldExtra* x = make<FieldExtra>(start);
    x->label_alias = alias;
    x->attributes = attrs.finish<Attribute>();
    f = x;
  } else {
    f = make<Field>(start);
  }
  f->constraint = constraint;
  f->colon = colon;
  f->label = label_expr;
  f->value = value;
  return finish(f);
}

Expr* Parser::parse_field_value() {
  Depth guard(*this);
  if (aborted()) return bad_expr(pos());
  Expr* e;
  if (is_keyword(kind()) && label_follows(1)) {
    e = parse_ident(true);
  } else {
    e = parse_alias_expr();
  }
  if (!label_follows(0)) return e;
  // `a: b: c` shorthand: the value is a struct with one field.
  Decl* inner = parse_field_rest(e);
  StructLit* s = make<StructLit>(inner->pos);
  Decl** elts = static_cast<Decl**>(arena_.allocate(sizeof(Decl*), alignof(Decl*)));
  elts[0] = inner;
  s->elts = {elts, 1};
  s->end = inner->end;
  return s;
}

LetClause* Parser::parse_let() {
  LetClause* l = make<LetClause>(pos());
  next();
  l->name = parse_ident(false);
  expect(Tok::Bind);
  l->expr = parse_expr();
  return finish(l);
}

Ident* Parser::parse_ident(bool allow_keyword) {
  Ident* id = make<Ident>(pos());
  if (kind() == Tok::Ident || (allow_keyword && is_keyword(kind()))) {
    id->name = text(tok());
    next();
  } else {
    error_expected("identifier");
    id->name = "_";
  }
  return finish(id);
}

// --- expressions ---

Expr* Parser::parse_alias_expr() {
  if (kind() == Tok::Ident && peek().kind == Tok::Bind) {
    Alias* a = make<Alias>(pos());
    a->ident = parse_ident(false);
    next();  // '='
    a->expr = parse_expr();
    return finish(a);
  }
  return parse_expr();
}

Expr* Parser::parse_expr(int prec) {
  Depth guard(*this);
  if (aborted()) return bad_expr(pos());
  Pos start = pos();
  Expr* x = parse_unary();
  for (int chain = 0;; ++chain) {
    // After an operand, div/mod/quo/rem are the integer operators.
    Tok op = kind() == Tok::Ident ? infix_word(text(tok())) : kind();
    int p = binary_precedence(op);
    if (p < prec) return x;
    // Operators chain to the left (a | b | c …); later stages recurse over the chain.
    if (chain > opts_.max_depth && !aborted_) {
      error(pos(),
            fmt::format("expression too long: more than {} operators in a row", opts_.max_depth));
      abort_to_eof();
      return x;
    }
    BinaryExpr* b = make<BinaryExpr>(start);
    b->op = op;
    b->op_pos = pos();
    next();
    b->x = x;
    b->y = parse_expr(p + 1);
    x = finish(b);
  }
}

Expr* Parser::parse_unary() {
  switch (kind()) {
    case Tok::Add:
    case Tok::Sub:
    case Tok::Not:
    case Tok::Mul:
    case Tok::Lss:
    case Tok::Leq:
    case Tok::Gtr:
    case Tok::Geq:
    case Tok::Neq:
    case Tok::Mat:
    case Tok::NMat: {
      Depth guard(*this);
      if (aborted()) return bad_expr(pos());
      UnaryExpr* u = make<UnaryExpr>(pos());
      u->op = kind();
      next();
      u->x = parse_unary();
      return finish(u);
    }
    default: return parse_primary();
  }
}

Expr* Parser::parse_primary() {
  Pos start = pos();
  Expr* x = parse_operand();
  // A chain of selectors, indexes and calls nests left (f()()()): it counts as nesting, since
  // later stages walk it recursively.
  int chain = 0;
  for (;; ++chain) {
    if (chain > opts_.max_depth && !aborted_) {
      error(pos(), fmt::format("nesting too deep: more than {} levels", opts_.max_depth));
      abort_to_eof();
    }
    if (aborted_) return x;
    switch (kind()) {
      case Tok::Period: {
        SelectorExpr* s = make<SelectorExpr>(start);
        next();
        s->x = x;
        if (kind() == Tok::Ident || is_keyword(kind())) {
          s->sel = parse_ident(true);
        } else if (kind() == Tok::String && !(tok().flags & kTokInterp)) {
          s->sel = parse_string();
        } else {
          error_expected("selector (identifier or string) after '.'");
          s->sel = bad_expr(pos());
        }
        x = finish(s);
        break;
      }
      case Tok::LBrack: {
        IndexExpr* ix = make<IndexExpr>(start);
        next();
        ix->x = x;
        // x[i] or the slice x[lo:hi], either bound left out (cue v0.4 to v0.6 accept slices).
        if (kind() != Tok::Colon) ix->index = parse_expr();
        if (kind() == Tok::Colon) {
          ix->slice = true;
          next();
          if (kind() != Tok::RBrack) ix->hi = parse_expr();
        }
        expect(Tok::RBrack);
        x = finish(ix);
        break;
      }
      case Tok::LParen: {
        CallExpr* c = make<CallExpr>(start);
        next();
        c->fun = x;
        Collect args(*this);
        while (kind() != Tok::RParen && kind() != Tok::Eof) {
          args.push(parse_expr());
          if (kind() == Tok::Comma) {
            next();
          } else if (kind() != Tok::RParen) {
            error_expected("',' or ')' in argument list");
            sync_decl();
            break;
          }
        }
        expect(Tok::RParen);
        c->args = args.finish<Expr>();
        x = finish(c);
        break;
      }
      default: return x;
    }
  }
}

Expr* Parser::parse_operand() {
  Pos start = pos();
  switch (kind()) {
    case Tok::Ident: return parse_ident(false);
    case Tok::Package:
    case Tok::Import:
    case Tok::For:
    case Tok::In:
    case Tok::If:
    case Tok::Let: return parse_ident(true);  // keywords may refer to fields (`x: in`)
    case Tok::Int:
    case Tok::Float:
    case Tok::True:
    case Tok::False:
    case Tok::Null: {
      BasicLit* b = make<BasicLit>(start);
      b->tok = kind();
      b->raw = text(tok());
      next();
      return finish(b);
    }
    case Tok::String: return parse_string();
    case Tok::Bottom: {
      BottomLit* b = make<BottomLit>(start);
      next();
      return finish(b);
    }
    case Tok::LParen: {
      Depth guard(*this);
      if (aborted()) return bad_expr(start);
      ParenExpr* p = make<ParenExpr>(start);
      next();
      p->x = parse_alias_expr();
      if (kind() == Tok::RParen) {
        next();
      } else {
        error_unclosed(')', start);
      }
      return finish(p);
    }
    case Tok::LBrace: return parse_struct_lit();
    case Tok::LBrack: return parse_list_lit();
    case Tok::Illegal: return bad_expr(start);  // already reported by the scanner
    default: error_expected("expression"); return bad_expr(start);
  }
}

Expr* Parser::parse_string() {
  const Token t = tok();
  Pos start = pos(t);
  std::string_view raw = text(t);
  next();
  LiteralError err;
  auto q = parse_quote(raw, err);
  auto report = [&](const LiteralError& e) {
    // Escape errors were already reported by the scanner at the same position.
    Pos p = src_.pos(t.offset + uint32_t(e.offset));
    for (const Diagnostic& d : diags_.list()) {
      if (d.pos == p) return;
    }
    error(p, e.message);
  };
  if (!q) {
    report(err);
    BasicLit* b = make<BasicLit>(start);
    b->tok = Tok::String;
    b->raw = raw;
    return finish(b);
  }
  // The decoded text of contents [from, to) (offsets in raw): a view into the source when
  // there is nothing to decode, else a copy in the arena.
  auto decode = [&](size_t from, size_t to, bool line_start) -> std::string_view {
    std::string_view seg = raw.substr(from, to - from);
    if (!q->multiline && seg.find('\\') == std::string_view::npos &&
        seg.find('\r') == std::string_view::npos) {
      return seg;
    }
    decoded_.clear();
    if (!decode_segment(seg, from, *q, line_start, decoded_, err)) report(err);
    return arena_.copy(decoded_);
  };
  if (!(t.flags & kTokInterp)) {
    BasicLit* b = make<BasicLit>(start);
    b->tok = Tok::String;
    b->flags = t.flags;
    b->is_bytes = q->is_bytes();
    b->raw = raw;
    b->value = decode(q->content_begin, q->content_end, true);
    return finish(b);
  }
  Interpolation* in = make<Interpolation>(start);
  in->raw = raw;
  in->flags = t.flags;
  in->is_bytes = q->is_bytes();
  // Segments and expressions are collected on stacks of this parser: the expressions are
  // parsed by nested parsers, which have their own.
  const size_t segments_mark = segments_.size();
  Collect exprs(*this);
  size_t seg_begin = q->content_begin;
  bool line_start = true;
  uint32_t tok_end = t.end();
  const std::vector<Scanner::Range>& interps = scanner_.interpolations();
  while (interp_i_ < interps.size() && interps[interp_i_].begin < tok_end) {
    Scanner::Range r = interps[interp_i_++];
    if (r.begin < t.offset) continue;                  // belongs to an earlier (erroneous) token
    size_t open = r.begin - t.offset - 2 - q->hashes;  // offset of the backslash
    if (open < seg_begin) open = seg_begin;
    segments_.push_back(decode(seg_begin, open, line_start));
    // The expression is parsed by a nested parser over the same file range.
    Parser inner(arena_, src_, diags_, opts_, r.begin, r.end, depth_ + 1, errors_left_);
    Expr* e = inner.parse_whole_expr();
    if (inner.aborted_) abort_to_eof();
    exprs.push(e);
    seg_begin = r.end + 1 - t.offset;
    line_start = false;
  }
  segments_.push_back(decode(seg_begin, std::max(seg_begin, q->content_end), line_start));
  in->segments = arena_.copy(std::span<const std::string_view>(segments_).subspan(segments_mark));
  segments_.resize(segments_mark);
  in->exprs = exprs.finish<Expr>();
  return finish(in);
}

StructLit* Parser::parse_struct_lit() {
  Depth guard(*this);
  StructLit* s = make<StructLit>(pos());
  s->lbrace = pos();
  next();
  Collect elts(*this);
  while (kind() != Tok::RBrace && kind() != Tok::Eof) {
    elts.push(parse_decl());
    if (kind() == Tok::Comma) {
      next();
    } else if (kind() != Tok::RBrace) {
      error_expected("',' or '}' after a declaration in a struct");
      sync_decl();
      if (kind() == Tok::Comma) {
        next();
      } else if (kind() == Tok::RBrack || kind() == Tok::RParen) {
        break;
      }
    }
  }
  s->rbrace = pos();
  if (kind() == Tok::RBrace) {
    next();
  } else {
    error_unclosed('}', s->lbrace);
    s->rbrace = Pos{};
  }
  s->elts = elts.finish<Decl>();
  return finish(s);
}

ListLit* Parser::parse_list_lit() {
  Depth guard(*this);
  ListLit* l = make<ListLit>(pos());
  l->lbrack = pos();
  next();
  Collect elts(*this);
  bool seen_ellipsis = false;
  while (kind() != Tok::RBrack && kind() != Tok::Eof) {
    Pos start = pos();
    if (seen_ellipsis) error(start, "an ellipsis must be the last element of a list");
    if (kind() == Tok::Ellipsis) {
      Ellipsis* e = make<Ellipsis>(start);
      next();
      if (kind() != Tok::Comma && kind() != Tok::RBrack && kind() != Tok::Eof)
        e->type = parse_expr();
      elts.push(finish(e));
      seen_ellipsis = true;
    } else if (kind() == Tok::For || kind() == Tok::If) {
      elts.push(parse_comprehension());
    } else {
      elts.push(parse_alias_expr());
    }
    if (kind() == Tok::Comma) {
      next();
    } else if (kind() != Tok::RBrack) {
      error_expected("',' or ']' after a list element");
      sync_decl();
      if (kind() == Tok::Comma) {
        next();
      } else if (kind() == Tok::RBrace || kind() == Tok::RParen) {
        break;
      }
    }
  }
  l->rbrack = pos();
  if (kind() == Tok::RBrack) {
    next();
  } else {
    error_unclosed(']', l->lbrack);
    l->rbrack = Pos{};
  }
  l->elts = elts.finish<Expr>();
  return finish(l);
}

Node* Parser::parse_clause() {
  Pos start = pos();
  switch (kind()) {
    case Tok::For: {
      ForClause* f = make<ForClause>(start);
      next();
      Ident* first = parse_ident(false);
      if (kind() == Tok::Comma) {
        next();
        f->key = first;
        f->value = parse_ident(false);
      } else {
        f->value = first;
      }
      expect(Tok::In);
      f->source = parse_expr();
      return finish(f);
    }
    case Tok::If: {
      IfClause* c = make<IfClause>(start);
      next();
      c->cond = parse_expr();
      return finish(c);
    }
    case Tok::Let: return parse_let();
    default: return nullptr;
  }
}

Comprehension* Parser::parse_comprehension() {
  Depth guard(*this);
  Comprehension* c = make<Comprehension>(pos());
  std::vector<Node*> clauses;
  clauses.push_back(parse_clause());
  for (;;) {
    if (kind() == Tok::Comma &&
        (peek().kind == Tok::For || peek().kind == Tok::If || peek().kind == Tok::Let)) {
      next();
    }
    if (kind() != Tok::For && kind() != Tok::If && kind() != Tok::Let) break;
    if (aborted()) break;
    clauses.push_back(parse_clause());
  }
  c->clauses = arena_.copy(clauses);
  if (kind() == Tok::LBrace) {
    c->body = parse_struct_lit();
  } else {
    error_expected("'{' after comprehension clauses");
    c->body = make<StructLit>(pos());
  }
  return finish(c);
}

}  // namespace

File* parse_file(Arena& arena, const SourceFile& src, Diagnostics& diags,
                 const ParseOptions& opts) {
  Parser p(arena, src, diags, opts, 0, UINT32_MAX, 0, nullptr);
  return p.parse_file();
}

Expr* parse_expr(Arena& arena, const SourceFile& src, Diagnostics& diags,
                 const ParseOptions& opts) {
  Parser p(arena, src, diags, opts, 0, UINT32_MAX, 0, nullptr);
  return p.parse_whole_expr();
}

}  // namespace cfgc::syntax
