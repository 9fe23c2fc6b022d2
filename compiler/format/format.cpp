#include "compiler/format/format.h"

#include <algorithm>
#include <vector>

namespace cfgc::format {

using namespace cfgc::syntax;

namespace {

// Prints a syntax tree. Output goes to `out_`; a node can be rendered into a separate string
// (to measure it for alignment) by swapping the buffer. Comments come from the file's
// comment list in source order: before a node is printed, the comments that precede it are.
class Printer {
 public:
  explicit Printer(const File& file, int indent_spaces = 0)
      : src_(*file.source), comments_(file.comments), indent_spaces_(indent_spaces) {}
  explicit Printer(const SourceFile& src) : src_(src) {}

  std::string print_expr_only(const Node& e) {
    line_start_ = false;
    // cue eval prints the struct literals of an expression it could not compute one field per
    // line (`json.Marshal({\n    a: string\n})`), however they were written.
    expand_structs_ = true;
    print_expr(&e);
    return std::move(out_);
  }

  std::string print_file(const File& file) {
    print_decls(file.decls, file.end, /*top=*/true, /*brace_line=*/0);
    flush_comments_before(UINT32_MAX, /*own_lines=*/true, 0);
    // Exactly one trailing newline.
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == '\t')) out_.pop_back();
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  // --- low-level output ---

  void write(std::string_view s) {
    if (s.empty()) return;
    if (line_start_) {
      append_indent(out_, indent_);
      line_start_ = false;
    }
    out_ += s;
  }
  // `depth` levels of indentation: tabs (cfgc fmt, cue fmt) or spaces (cue eval's layout).
  void append_indent(std::string& out, int depth) const {
    if (indent_spaces_ > 0)
      out.append(static_cast<size_t>(depth) * indent_spaces_, ' ');
    else
      out.append(static_cast<size_t>(depth), '\t');
  }

  void newline() {
    // Never leave trailing whitespace.
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_ += '\n';
    line_start_ = true;
  }
  void blank_line() {
    if (out_.size() >= 2 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n') return;
    newline();
  }

  uint32_t off(Pos p) const { return src_.file_offset(p); }
  uint32_t line_of(uint32_t file_off) const { return src_.line_col(file_off).line; }
  uint32_t line(Pos p) const { return line_of(off(p)); }
  // Whether the source has a line break between two positions.
  bool breaks(Pos a, Pos b) const {
    if (!a.valid() || !b.valid()) return false;
    uint32_t x = off(a), y = off(b);
    if (x > y) std::swap(x, y);
    return src_.content().substr(x, y - x).find('\n') != std::string_view::npos;
  }
  bool has_comment_in(Pos a, Pos b) const {
    if (!a.valid() || !b.valid()) return false;
    uint32_t x = off(a), y = off(b);
    auto it = std::lower_bound(comments_.begin(), comments_.end(), x,
                               [](const Comment& c, uint32_t o) { return c.offset < o; });
    return it != comments_.end() && it->offset < y;
  }
  // A comment between a and b that is not a trailing comment on a's line.
  bool has_own_line_comment_in(Pos a, Pos b) const {
    uint32_t x = off(a), y = off(b);
    auto it = std::lower_bound(comments_.begin(), comments_.end(), x,
                               [](const Comment& c, uint32_t o) { return c.offset < o; });
    for (; it != comments_.end() && it->offset < y; ++it) {
      if (line_of(it->offset) != line_of(x)) return true;
    }
    return false;
  }
  std::string_view comment_text(const Comment& c) const {
    std::string_view t = src_.content().substr(c.offset, c.length);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
      t.remove_suffix(1);
    return t;
  }

  // Prints the comments that start before file offset `limit`, each on its own line, keeping
  // one blank line where the source had blank lines. `prev_line` is the source line of what
  // was printed last (0: nothing yet on this level).
  uint32_t flush_comments_before(uint32_t limit, bool own_lines, uint32_t prev_line) {
    while (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit) {
      const Comment& c = comments_[next_comment_++];
      uint32_t l = line_of(c.offset);
      if (!own_lines && !line_start_) {
        write(" ");
        write(comment_text(c));
        newline();
        prev_line = l;
        continue;
      }
      if (!line_start_) newline();
      if (prev_line != 0 && l > prev_line + 1) blank_line();
      write(comment_text(c));
      newline();
      prev_line = l;
    }
    return prev_line;
  }

  // A comment on the same source line as `end_off` and after it: printed at the end of the
  // current line.
  // A comment after a later declaration on the same line is that one's (`x: 1, y: 2 // y`):
  // `next_decl_` is where the next declaration starts.
  void trailing_comment(uint32_t end_off) {
    if (next_comment_ >= comments_.size()) return;
    const Comment& c = comments_[next_comment_];
    if (c.offset >= end_off && line_of(c.offset) == line_of(end_off) && c.offset < next_decl_) {
      ++next_comment_;
      write(" ");
      write(comment_text(c));
    }
  }

  // --- declarations ---

  // A field whose value may be aligned with its neighbours'.
  bool alignable(const Node* d) const {
    auto* f = as<Field>(d);
    if (!f || !f->value) return false;
    const Node* v = f->value;
    if (auto* a = as<Alias>(v)) v = a->expr;
    // Only fields written on one line, without comments inside, line up.
    return v->kind != NodeKind::StructLit && v->kind != NodeKind::ListLit &&
           line(f->pos) == line(f->end) && !has_comment_in(f->pos, f->end);
  }

  // A field whose value spans lines but is no struct, list or string literal (`g: {…} | {…}`): as in
  // cue, its first line lines up with the fields just before it, and ends their run.
  bool alignable_last(const Node* d) const {
    auto* f = as<Field>(d);
    if (!f || !f->value) return false;
    const Node* v = f->value;
    if (auto* a = as<Alias>(v)) v = a->expr;
    // Multi-line strings ("""…""") do not line up either.
    bool block = v->kind == NodeKind::StructLit || v->kind == NodeKind::ListLit ||
                 v->kind == NodeKind::BasicLit || v->kind == NodeKind::Interpolation;
    return !block && line(f->pos) == line(v->pos) && line(f->pos) != line(f->end) &&
           !has_comment_in(f->pos, f->end);
  }

  // Renders `fn` into a string, starting mid-line at the current indentation.
  template <class Fn>
  std::string render(Fn&& fn) {
    std::string saved;
    std::swap(saved, out_);
    bool saved_start = line_start_;
    line_start_ = false;
    fn();
    std::string result;
    std::swap(result, out_);
    out_ = std::move(saved);
    line_start_ = saved_start;
    return result;
  }

  // Prints the declarations of a struct body (multi-line form) or of a file.
  void print_decls(std::span<Decl* const> elts, Pos close, bool top, uint32_t brace_line) {
    uint32_t prev_line = brace_line;
    size_t i = 0;
    while (i < elts.size()) {
      // A run of alignable fields, with nothing (no comment, no blank line) between them.
      size_t j = i;
      while (j < elts.size() && alignable(elts[j])) {
        // Fields written on one line (`a: 1, bb: 2`) are printed one per line, so they align
        // with each other and with the lines around them: a second pass changes nothing.
        if (j > i && (line(elts[j]->pos) > line(elts[j - 1]->end) + 1 ||
                      has_own_line_comment_in(elts[j - 1]->end, elts[j]->pos))) {
          break;
        }
        ++j;
      }
      if (j > i && j < elts.size() && alignable_last(elts[j]) &&
          line(elts[j]->pos) == line(elts[j - 1]->end) + 1 &&
          !has_own_line_comment_in(elts[j - 1]->end, elts[j]->pos)) {
        ++j;
      }
      if (j - i >= 2) {
        next_decl_ = j < elts.size() ? off(elts[j]->pos) : UINT32_MAX;
        print_aligned_run(elts.subspan(i, j - i), prev_line, top, i == 0);
        next_decl_ = UINT32_MAX;
        prev_line = line(elts[j - 1]->end);
        i = j;
        continue;
      }
      const Node* d = elts[i];
      prev_line = before_decl(d, prev_line, top, i == 0);
      print_decl(d);
      next_decl_ = i + 1 < elts.size() ? off(elts[i + 1]->pos) : UINT32_MAX;
      trailing_comment(off(d->end));
      next_decl_ = UINT32_MAX;
      newline();
      prev_line = line(d->end);
      ++i;
    }
    if (close.valid()) flush_comments_before(off(close), true, prev_line);
  }

  // Leading comments and blank lines before a declaration; returns the updated line.
  uint32_t before_decl(const Node* d, uint32_t prev_line, bool top, bool first) {
    uint32_t start = off(d->pos);
    uint32_t first_line = line_of(start);
    if (next_comment_ < comments_.size() && comments_[next_comment_].offset < start) {
      first_line = line_of(comments_[next_comment_].offset);
    }
    if (prev_line != 0 && first_line > prev_line + 1 && !(first && !top)) blank_line();
    uint32_t l = flush_comments_before(start, true, 0);
    if (l != 0 && line(d->pos) > l + 1) blank_line();
    return l;
  }

  void print_aligned_run(std::span<Decl* const> run, uint32_t prev_line, bool top, bool first) {
    std::vector<std::pair<std::string, std::string>> parts;
    size_t width = 0;
    for (size_t k = 0; k < run.size(); ++k) {
      auto* f = static_cast<const Field*>(run[k]);
      if (k == 0) before_decl(f, prev_line, top, first);
      std::string label = render([&] { print_label(f); });
      uint32_t after_run = next_decl_;
      std::string rest = render([&] {
        print_value_and_attrs(f);
        next_decl_ = k + 1 < run.size() ? off(run[k + 1]->pos) : after_run;
        trailing_comment(off(f->end));
        next_decl_ = after_run;
      });
      width = std::max(width, label.size());
      parts.emplace_back(std::move(label), std::move(rest));
    }
    for (auto& [label, rest] : parts) {
      write(label);
      write(std::string(width - label.size() + 1, ' '));
      write(rest);
      newline();
    }
  }

  void print_decl(const Node* d) {
    switch (d->kind) {
      case NodeKind::Field: {
        auto* f = static_cast<const Field*>(d);
        print_label(f);
        const Node* v = f->value;
        bool block = v->kind == NodeKind::StructLit || v->kind == NodeKind::ListLit;
        if (!block && !continuation_ && breaks(f->colon, v->pos)) {
          // The value starts on the next line (`#enum:` then alternatives): keep it there,
          // one level deeper.
          trailing_comment(off(f->colon));
          ++indent_;
          continuation_ = true;
          newline();
          print_value_and_attrs(f);
          continuation_ = false;
          --indent_;
          return;
        }
        write(" ");
        print_value_and_attrs(f);
        return;
      }
      case NodeKind::EmbedDecl: print_expr(static_cast<const EmbedDecl*>(d)->expr); return;
      case NodeKind::LetClause: print_clause(d); return;
      case NodeKind::Ellipsis: print_expr(d); return;
      case NodeKind::Attribute: write(static_cast<const Attribute*>(d)->text); return;
      case NodeKind::Package:
        write("package ");
        print_expr(static_cast<const Package*>(d)->name);
        return;
      case NodeKind::ImportDecl: print_import(static_cast<const ImportDecl*>(d)); return;
      default: print_expr(d); return;
    }
  }

  void print_import(const ImportDecl* d) {
    auto spec = [&](const ImportSpec* s) {
      if (s->name) {
        print_expr(s->name);
        write(" ");
      }
      print_expr(s->path);
    };
    if (!d->lparen.valid() && d->specs.size() == 1) {
      write("import ");
      spec(d->specs[0]);
      return;
    }
    write("import (");
    newline();
    ++indent_;
    uint32_t prev_line = 0;
    for (const ImportSpec* s : d->specs) {
      prev_line = before_decl(s, prev_line, false, prev_line == 0);
      spec(s);
      trailing_comment(off(s->end));
      newline();
      prev_line = line(s->end);
    }
    if (d->rparen.valid()) flush_comments_before(off(d->rparen), true, prev_line);
    --indent_;
    write(")");
  }

  // `alias=label?:` including the colon.
  // A field name that needs no quotes: an identifier not read as hidden or a definition.
  static bool bare_label(std::string_view s) {
    if (s.empty() || s[0] == '_' || s[0] == '#') return false;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = s[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                (i > 0 && c >= '0' && c <= '9');
      if (!ok) return false;
    }
    return true;
  }

  void print_label(const Field* f) {
    if (f->alias()) {
      print_expr(f->alias());
      write("=");
    }
    // As cue eval prints a computed struct: a quoted label that reads as a plain field name
    // is written bare (`"s": s` as `s: s`).
    auto* lit = as<BasicLit>(f->label);
    if (expand_structs_ && lit && lit->tok == Tok::String && !lit->is_bytes &&
        bare_label(lit->value)) {
      write(lit->value);
    } else {
      print_expr(f->label);
    }
    if (f->constraint == Constraint::Optional) write("?");
    if (f->constraint == Constraint::Required) write("!");
    write(":");
  }

  void print_value_and_attrs(const Field* f) {
    print_expr(f->value);
    for (const Attribute* a : f->attrs()) {
      write(" ");
      write(a->text);
    }
  }

  // --- expressions ---

  void print_clause(const Node* c) {
    switch (c->kind) {
      case NodeKind::ForClause: {
        auto* f = static_cast<const ForClause*>(c);
        write("for ");
        if (f->key) {
          print_expr(f->key);
          write(", ");
        }
        print_expr(f->value);
        write(" in ");
        print_expr(f->source);
        return;
      }
      case NodeKind::IfClause:
        write("if ");
        print_expr(static_cast<const IfClause*>(c)->cond);
        return;
      case NodeKind::LetClause: {
        auto* l = static_cast<const LetClause*>(c);
        write("let ");
        print_expr(l->name);
        write(" = ");
        print_expr(l->expr);
        return;
      }
      default: print_expr(c);
    }
  }

  // cue fmt's blanks around binary operators (Go's printer rule): an operator is surrounded by
  // blanks when its precedence is below the cutoff of the expression it is in, which depends
  // on the precedences mixed there and on the depth of nesting (`a*2 + 3`, `x+y & >=5`,
  // `f(a+b)` inside a product). depth_ is that depth: 1 for a field's value or a list element.
  static void walk_binary(const BinaryExpr* e, bool& has6, bool& has7, bool& has8,
                          int& max_problem) {
    int prec = binary_precedence(e->op);
    has6 = has6 || prec == 6;
    has7 = has7 || prec == 7;
    has8 = has8 || prec == 8;
    if (auto* l = as<BinaryExpr>(e->x); l && binary_precedence(l->op) >= prec)
      walk_binary(l, has6, has7, has8, max_problem);
    if (auto* r = as<BinaryExpr>(e->y); r && binary_precedence(r->op) > prec) {
      walk_binary(r, has6, has7, has8, max_problem);
    } else if (auto* u = as<UnaryExpr>(e->y)) {
      std::string pair = std::string(tok_spelling(e->op)) + std::string(tok_spelling(u->op));
      if (pair == "/*") max_problem = 8;
      if ((pair == "++" || pair == "--") && max_problem < 6) max_problem = 6;
    }
  }

  static int cutoff(const BinaryExpr* e, int depth) {
    bool has6 = false, has7 = false, has8 = false;
    int max_problem = 0;
    walk_binary(e, has6, has7, has8, max_problem);
    if (max_problem > 0) return max_problem + 1;
    if ((has6 || has7) && has8) return depth == 1 ? 8 : has7 ? 7 : 6;
    if (has6 && has7) return depth == 1 ? 7 : 6;
    return depth == 1 ? 8 : 6;
  }

  // Prints e at the given depth of nesting.
  void print_expr_at(const Node* e, int depth) {
    int saved = depth_;
    depth_ = std::max(1, depth);
    print_expr(e);
    depth_ = saved;
  }

  void print_binary(const BinaryExpr* b, int cutoff, int depth) {
    int prec = binary_precedence(b->op);
    auto* xb = as<BinaryExpr>(b->x);
    print_expr_at(b->x, depth + (xb && binary_precedence(xb->op) == prec ? 0 : 1));
    // Word operators (`7 div 2`) always need their blanks.
    bool word =
        b->op == Tok::IDiv || b->op == Tok::IMod || b->op == Tok::IQuo || b->op == Tok::IRem;
    bool blank = prec < cutoff || word;
    bool brk = breaks(b->x->end, b->y->pos);
    if (blank) write(" ");
    write(tok_spelling(b->op));
    if (brk) {
      trailing_comment(off(b->op_pos));
      if (!continuation_) {
        ++indent_;
        continuation_ = true;
        newline();
        print_expr_at(b->y, depth + 1);
        continuation_ = false;
        --indent_;
      } else {
        newline();
        print_expr_at(b->y, depth + 1);
      }
      return;
    }
    if (blank) write(" ");
    print_expr_at(b->y, depth + 1);
  }

  void print_expr(const Node* e) {
    // What a struct, list or comprehension holds is printed at depth 1 again.
    if (depth_ != 1 && (e->kind == NodeKind::StructLit || e->kind == NodeKind::ListLit ||
                        e->kind == NodeKind::Comprehension)) {
      print_expr_at(e, 1);
      return;
    }
    switch (e->kind) {
      case NodeKind::BadExpr:
      case NodeKind::BadDecl: write("_|_"); return;
      case NodeKind::Ident: write(static_cast<const Ident*>(e)->name); return;
      case NodeKind::BasicLit: {
        auto* b = static_cast<const BasicLit*>(e);
        if (b->tok == Tok::String && (b->flags & kTokMultiline)) {
          print_multiline(b->raw);
        } else {
          write(b->raw);
        }
        return;
      }
      case NodeKind::BottomLit: write("_|_"); return;
      case NodeKind::Interpolation: {
        auto* in = static_cast<const Interpolation*>(e);
        if (in->flags & kTokMultiline) {
          print_multiline(in->raw);
        } else {
          write(in->raw);
        }
        // The expressions inside are printed verbatim as part of the literal; skip their comments.
        skip_comments_before(off(e->end));
        return;
      }
      case NodeKind::StructLit: print_struct(static_cast<const StructLit*>(e)); return;
      case NodeKind::ListLit: print_list(static_cast<const ListLit*>(e)); return;
      case NodeKind::Ellipsis: {
        write("...");
        if (auto* t = static_cast<const Ellipsis*>(e)->type) print_expr(t);
        return;
      }
      case NodeKind::UnaryExpr: {
        auto* u = static_cast<const UnaryExpr*>(e);
        write(tok_spelling(u->op));
        print_expr(u->x);
        return;
      }
      case NodeKind::BinaryExpr: {
        auto* b = static_cast<const BinaryExpr*>(e);
        print_binary(b, cutoff(b, depth_), depth_);
        return;
      }
      case NodeKind::ParenExpr:
        write("(");
        print_expr_at(static_cast<const ParenExpr*>(e)->x, depth_ - 1);  // parens undo a level
        write(")");
        return;
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<const SelectorExpr*>(e);
        print_expr(s->x);
        write(".");
        print_expr(s->sel);
        return;
      }
      case NodeKind::IndexExpr: {
        auto* x = static_cast<const IndexExpr*>(e);
        print_expr_at(x->x, 1);
        write("[");
        if (x->index) print_expr_at(x->index, depth_ + 1);
        if (x->slice) {
          write(":");
          if (x->hi) print_expr_at(x->hi, depth_ + 1);
        }
        write("]");
        return;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<const CallExpr*>(e);
        int depth = depth_ + (c->args.size() > 1 ? 1 : 0);
        print_expr_at(c->fun, depth);
        write("(");
        for (size_t i = 0; i < c->args.size(); ++i) {
          if (i) write(", ");
          print_expr_at(c->args[i], depth);
        }
        write(")");
        return;
      }
      case NodeKind::Alias: {
        auto* a = static_cast<const Alias*>(e);
        print_expr(a->ident);
        write("=");
        print_expr(a->expr);
        return;
      }
      case NodeKind::Comprehension: {
        auto* c = static_cast<const Comprehension*>(e);
        // Clauses written one per line stay so (as cue fmt keeps them).
        for (size_t i = 0; i < c->clauses.size(); ++i) {
          print_clause(c->clauses[i]);
          const Node* next = i + 1 < c->clauses.size() ? c->clauses[i + 1] : nullptr;
          if (next && breaks(c->clauses[i]->end, next->pos)) {
            newline();
          } else {
            write(" ");
          }
        }
        print_struct(c->body);
        return;
      }
      case NodeKind::ForClause:
      case NodeKind::IfClause:
      case NodeKind::LetClause: print_clause(e); return;
      default: print_decl(e); return;
    }
  }

  void skip_comments_before(uint32_t limit) {
    while (next_comment_ < comments_.size() && comments_[next_comment_].offset < limit)
      ++next_comment_;
  }

  // Whether a struct or list was written over several lines: a line break or a comment
  // between its opening bracket, its elements and its closing bracket. Breaks inside an
  // element do not count, so `[...{` + a multi-line struct + `}]` stays as written.
  bool gaps_break(Pos open, std::span<Node* const> elts, Pos close) const {
    Pos prev = open;
    for (const Node* e : elts) {
      if (breaks(prev, e->pos) || has_comment_in(prev, e->pos)) return true;
      prev = e->end;
    }
    return breaks(prev, close) || has_comment_in(prev, close);
  }

  void print_struct(const StructLit* s) {
    if (s->implicit()) {
      // `a: b: c` shorthand: one field, printed inline.
      if (s->elts.size() == 1 && s->elts[0]->kind == NodeKind::Field) {
        print_decl(s->elts[0]);
        return;
      }
    }
    if (s->elts.empty() && !has_comment_in(s->pos, s->end)) {
      write("{}");
      return;
    }
    bool one_line =
        !expand_structs_ && s->rbrace.valid() && !gaps_break(s->lbrace, s->elts, s->rbrace);
    if (one_line) {
      write("{");
      for (size_t i = 0; i < s->elts.size(); ++i) {
        if (i) write(", ");
        print_decl(s->elts[i]);
      }
      write("}");
      return;
    }
    write("{");
    newline();
    ++indent_;
    bool saved = continuation_;
    continuation_ = false;
    print_decls(s->elts, s->rbrace, false, line(s->lbrace));
    continuation_ = saved;
    --indent_;
    write("}");
  }

  void print_list(const ListLit* l) {
    bool one_line = l->rbrack.valid() && !gaps_break(l->lbrack, l->elts, l->rbrack);
    if (l->elts.empty() && !has_comment_in(l->pos, l->end)) {
      write("[]");
      return;
    }
    if (one_line) {
      // A comprehension right after the bracket is set off by a blank, as cue fmt (v0.4-v0.6)
      // writes it: `[ for x in y {x}]`.
      write(l->elts[0]->kind == NodeKind::Comprehension ? "[ " : "[");
      for (size_t i = 0; i < l->elts.size(); ++i) {
        if (i) write(", ");
        print_expr(l->elts[i]);
      }
      write("]");
      return;
    }
    write("[");
    newline();
    ++indent_;
    bool saved = continuation_;
    continuation_ = false;
    uint32_t prev_line = line(l->lbrack);
    for (size_t i = 0; i < l->elts.size(); ++i) {
      const Node* e = l->elts[i];
      prev_line = before_decl(e, prev_line, false, i == 0);
      print_expr(e);
      write(",");
      trailing_comment(off(e->end));
      newline();
      prev_line = line(e->end);
    }
    if (l->rbrack.valid()) flush_comments_before(off(l->rbrack), true, prev_line);
    continuation_ = saved;
    --indent_;
    write("]");
  }

  // Re-indents a multi-line string literal: every content line and the closing quotes move to
  // one tab deeper than the current line. The decoded value is unchanged, because the
  // indentation defined by the closing quotes is stripped from every line.
  void print_multiline(std::string_view raw) {
    size_t close_nl = raw.rfind('\n');
    size_t first_nl = raw.find('\n');
    if (close_nl == std::string_view::npos) {
      write(raw);
      return;
    }
    std::string_view old_indent = raw.substr(close_nl + 1);
    size_t q = old_indent.find_first_not_of(" \t");
    old_indent = old_indent.substr(0, q);
    std::string new_indent;
    append_indent(new_indent, indent_ + 1);
    write(raw.substr(0, first_nl));
    std::string_view rest = raw.substr(first_nl + 1);
    // Every line below the opening one, including the closing line.
    size_t pos = 0;
    while (pos <= rest.size()) {
      size_t nl = rest.find('\n', pos);
      std::string_view ln =
          rest.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      out_ += '\n';
      std::string_view body = ln;
      if (body.substr(0, old_indent.size()) == old_indent) {
        body.remove_prefix(old_indent.size());
        bool blank = body.empty() || body == "\r";
        if (!blank) out_ += new_indent;
        out_ += body;
      } else {
        // A blank line (or whitespace-only shorter line): keep it empty.
        out_ += ln.find_first_not_of(" \t\r") == std::string_view::npos ? std::string_view{} : ln;
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    line_start_ = false;
  }

  const SourceFile& src_;
  std::span<const Comment> comments_;
  size_t next_comment_ = 0;
  uint32_t next_decl_ = UINT32_MAX;  // see trailing_comment
  std::string out_;
  int indent_ = 0;
  int indent_spaces_ = 0;  // 0: tabs
  bool line_start_ = true;
  bool continuation_ = false;  // inside a binary expression already broken over lines
  int depth_ = 1;              // nesting of the expression being printed (print_binary)
  bool expand_structs_ = false;  // struct literals one field per line (format_expr)
};

}  // namespace

std::string format_expr(const Node& expr, const SourceFile& src) {
  Printer p(src);
  return p.print_expr_only(expr);
}

std::string format_file(const File& file, const FormatOptions& opts) {
  Printer p(file, opts.indent_spaces);
  return p.print_file(file);
}

}  // namespace cfgc::format
