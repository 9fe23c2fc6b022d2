#include "compiler/template/template_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <cmath>
#include <optional>

#include "compiler/base/utf8.h"
#include "compiler/template/template_fmt.h"
#include "compiler/template/template_lexer.h"

namespace cfgc::tmpl {

namespace {

// --- Go's strconv number syntax (base prefixes, underscores) ---

char lower(char c) { return static_cast<char>(c | 0x20); }

// Underscores only between digits (or after a base prefix), as Go's literals allow.
bool underscore_ok(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// strconv.ParseUint(s, 0, 64).
std::optional<uint64_t> parse_uint(std::string_view s0) {
  std::string_view s = s0;
  if (s.empty()) return std::nullopt;
  unsigned base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && lower(s[1]) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  uint64_t n = 0;
  bool underscores = false;
  for (char c : s) {
    unsigned d;
    if (c == '_') {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = static_cast<unsigned>(lower(c) - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (d >= base) return std::nullopt;
    if (n > (UINT64_MAX - d) / base) return std::nullopt;  // out of range
    n = n * base + d;
  }
  if (underscores && !underscore_ok(s0)) return std::nullopt;
  return n;
}

// strconv.ParseInt(s, 0, 64).
std::optional<int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  std::optional<uint64_t> u = parse_uint(s);
  if (!u) return std::nullopt;
  if (!neg && *u > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  if (neg && *u > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
  return neg ? static_cast<int64_t>(~*u + 1) : static_cast<int64_t>(*u);
}

// strconv.ParseFloat(s, 64) for the literals the lexer produces (decimal and hexadecimal).
std::optional<double> parse_float(std::string_view s0) {
  std::string_view s = s0;
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  bool hex = s.size() >= 2 && s[0] == '0' && lower(s[1]) == 'x';
  size_t i = hex ? 2 : 0;
  bool digits = false, point = false, underscores = false;
  std::string clean;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
    } else if (c == '.') {
      if (point) return std::nullopt;
      point = true;
      clean += c;
    } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      digits = true;
      clean += c;
    } else {
      break;
    }
  }
  if (!digits) return std::nullopt;
  // Exponent: e for decimal, p (required) for hexadecimal.
  int64_t exp10 = 0;
  if (i < s.size() && lower(s[i]) == (hex ? 'p' : 'e')) {
    clean += hex ? 'p' : 'e';
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    bool exp_digits = false;
    bool exp_neg = !clean.empty() && clean.back() == '-';
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      exp_digits = true;
      clean += s[i];
      if (exp10 < 100000) exp10 = exp10 * 10 + (s[i] - '0');
    }
    if (!exp_digits) return std::nullopt;
    if (exp_neg) exp10 = -exp10;
  } else if (hex) {
    return std::nullopt;  // a hexadecimal mantissa requires a 'p' exponent
  }
  if (i != s.size()) return std::nullopt;
  if (underscores && !underscore_ok(s0)) return std::nullopt;
  double v = 0;
  auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v,
                           hex ? std::chars_format::hex : std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow is an error; underflow reads as zero.
    if (hex) return std::nullopt;
    size_t lead = clean.find_first_of("123456789");
    size_t dot = clean.find('.');
    size_t mant_end = clean.find('e');
    if (mant_end == std::string::npos) mant_end = clean.size();
    if (dot == std::string::npos || dot > mant_end) dot = mant_end;
    int64_t mag = lead == std::string::npos ? 0
                  : lead < dot             ? static_cast<int64_t>(dot - lead)
                                           : -static_cast<int64_t>(lead - dot - 1);
    if (mag + exp10 > 0) return std::nullopt;
    v = 0;
  } else if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) {
    return std::nullopt;
  }
  return neg ? -v : v;
}

// --- the parser ---

struct ParseError {
  TemplateError err;
};

bool is_builtin(std::string_view name) {
  const auto& names = builtin_function_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> split_dots(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    out.emplace_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                                    : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// The variables in scope while parsing: a stack (scopes end by truncation) with a count per
// name, so that a lookup does not scan every declaration.
class VarScope {
 public:
  VarScope() { push("$"); }
  void push(const std::string& name) {
    names_.push_back(name);
    ++count_[name];
  }
  size_t size() const { return names_.size(); }
  void truncate(size_t n) {
    while (names_.size() > n) {
      auto it = count_.find(names_.back());
      if (--it->second == 0) count_.erase(it);
      names_.pop_back();
    }
  }
  bool has(std::string_view name) const { return count_.find(name) != count_.end(); }

 private:
  std::vector<std::string> names_;
  std::map<std::string, int, std::less<>> count_;
};

class Parser {
 public:
  Parser(TemplateSet& set, const ParseOptions& opts) : set_(set), opts_(opts) {
    LexOptions lo;
    lo.left_delim = opts.left_delim;
    lo.right_delim = opts.right_delim;
    auto has = [&](std::string_view n) {
      return std::find(opts.functions.begin(), opts.functions.end(), n) != opts.functions.end();
    };
    lo.break_ok = !has("break");
    lo.continue_ok = !has("continue");
    items_ = lex_template(*set.text, lo);
  }

  void run() {
    auto tree = new_tree(set_.name);
    vars_ = VarScope();
    range_depth_ = 0;
    tree->root = parse();
    add(std::move(tree));
  }

 private:
  using ListAndEnd = std::pair<std::unique_ptr<ListNode>, NodePtr>;

  // --- tokens ---

  const Item& item(size_t i) const { return items_[std::min(i, items_.size() - 1)]; }
  const Item& next() {
    const Item& it = item(idx_);
    furthest_ = std::max(furthest_, std::min(idx_, items_.size() - 1));
    ++idx_;
    return it;
  }
  void backup() { --idx_; }
  const Item& peek() {
    furthest_ = std::max(furthest_, std::min(idx_, items_.size() - 1));
    return item(idx_);
  }
  const Item& next_non_space() {
    while (true) {
      const Item& it = next();
      if (it.type != ItemType::Space) return it;
    }
  }
  const Item& peek_non_space() {
    const Item& it = next_non_space();
    backup();
    return it;
  }
  const Item& expect(ItemType t, std::string_view context) {
    const Item& it = next_non_space();
    if (it.type != t) unexpected(it, context);
    return it;
  }

  // --- errors ---

  // An error at the furthest token read (the line Go reports), or at a given offset.
  [[noreturn]] void errorf(const std::string& msg) { errorf_at(item(furthest_).pos, msg); }
  [[noreturn]] void errorf_at(size_t pos, const std::string& msg) {
    auto [line, col] = text_location(*set_.text, pos);
    throw ParseError{
        {fmt::format("template: {}:{}:{}: {}", set_.name, line, col, msg), line, col}};
  }

  [[noreturn]] void unexpected(const Item& it, std::string_view context) {
    if (it.type == ItemType::Error) {
      std::string extra;
      if (action_line_ != 0 && action_line_ != it.line) {
        extra = fmt::format(" in action started at {}:{}", set_.name, action_line_);
        if (it.val.ends_with(" action")) extra = extra.substr(std::string_view(" in action").size());
      }
      errorf_at(it.pos, it.val + extra);
    }
    errorf_at(it.pos, fmt::format("unexpected {} in {}", item_string(it), context));
  }

  // --- trees ---

  std::unique_ptr<Tree> new_tree(std::string name) {
    auto t = std::make_unique<Tree>();
    t->name = std::move(name);
    t->parse_name = set_.name;
    t->text = set_.text;
    return t;
  }

  void add(std::unique_ptr<Tree> t) {
    auto it = set_.trees.find(t->name);
    if (it == set_.trees.end() || is_empty_tree(it->second->root.get())) {
      std::string name = t->name;
      set_.trees[name] = std::move(t);
      return;
    }
    if (!is_empty_tree(t->root.get())) {
      errorf("template: multiple definition of template " + go_quote(t->name));
    }
  }

  std::string unquote(const Item& it) {
    std::optional<std::string> s = go_unquote(it.val);
    if (!s) errorf_at(it.pos, "invalid syntax");
    return std::move(*s);
  }

  // --- grammar ---

  std::unique_ptr<ListNode> parse() {
    auto root = std::make_unique<ListNode>(peek().pos);
    while (peek().type != ItemType::Eof) {
      if (peek().type == ItemType::LeftDelim) {
        size_t save = idx_;
        next();
        if (next_non_space().type == ItemType::Define) {
          parse_definition();
          continue;
        }
        idx_ = save;
      }
      NodePtr n = text_or_action();
      if (n->type == NodeType::End || n->type == NodeType::Else) errorf("unexpected " + n->str());
      root->nodes.push_back(std::move(n));
    }
    return root;
  }

  // {{define "name"}} ... {{end}}: a template of its own, with its own variables.
  void parse_definition() {
    constexpr std::string_view context = "define clause";
    const Item& name = next_non_space();
    if (name.type != ItemType::String && name.type != ItemType::RawString) {
      unexpected(name, context);
    }
    auto tree = new_tree(unquote(name));
    expect(ItemType::RightDelim, context);
    auto saved_vars = std::move(vars_);
    int saved_range = range_depth_;
    vars_ = VarScope();
    range_depth_ = 0;
    auto [list, end] = item_list();
    if (end->type != NodeType::End) {
      errorf(fmt::format("unexpected {} in {}", end->str(), context));
    }
    tree->root = std::move(list);
    add(std::move(tree));
    vars_ = std::move(saved_vars);
    range_depth_ = saved_range;
  }

  ListAndEnd item_list() {
    auto list = std::make_unique<ListNode>(peek_non_space().pos);
    while (peek_non_space().type != ItemType::Eof) {
      NodePtr n = text_or_action();
      if (n->type == NodeType::End || n->type == NodeType::Else) return {std::move(list), std::move(n)};
      list->nodes.push_back(std::move(n));
    }
    errorf("unexpected EOF");
  }

  NodePtr text_or_action() {
    const Item& tok = next_non_space();
    switch (tok.type) {
      case ItemType::Text: return std::make_unique<TextNode>(tok.pos, tok.val);
      case ItemType::LeftDelim: {
        int saved = action_line_;
        action_line_ = tok.line;
        NodePtr n = action();
        action_line_ = saved;
        return n;
      }
      case ItemType::Comment: return std::make_unique<CommentNode>(tok.pos, tok.val);
      default: unexpected(tok, "input");
    }
  }

  NodePtr action() {
    const Item& tok = next_non_space();
    switch (tok.type) {
      case ItemType::Block: return block_control();
      case ItemType::Break: return break_control(tok, NodeType::Break, "{{break}}");
      case ItemType::Continue: return break_control(tok, NodeType::Continue, "{{continue}}");
      case ItemType::Else: return else_control();
      case ItemType::End: return end_control();
      case ItemType::If: return branch(NodeType::If, "if");
      case ItemType::Range: return branch(NodeType::Range, "range");
      case ItemType::Template: return template_control();
      case ItemType::With: return branch(NodeType::With, "with");
      default: break;
    }
    backup();
    const Item& at = peek();
    size_t pos = at.pos;
    int line = at.line;
    return std::make_unique<ActionNode>(pos, line, pipeline("command", ItemType::RightDelim));
  }

  NodePtr break_control(const Item& kw, NodeType type, std::string_view name) {
    size_t pos = kw.pos;
    int line = kw.line;
    const Item& tok = next_non_space();
    if (tok.type != ItemType::RightDelim) unexpected(tok, name);
    if (range_depth_ == 0) errorf_at(pos, fmt::format("{} outside {{{{range}}}}", name));
    return std::make_unique<BreakNode>(type, pos, line);
  }

  NodePtr else_control() {
    const Item& p = peek_non_space();
    // "{{else if ...}}" and "{{else with ...}}" read as {{else}}{{if ...}}...{{end}}.
    if (p.type == ItemType::If || p.type == ItemType::With) {
      return std::make_unique<DelimNode>(NodeType::Else, p.pos, p.line);
    }
    const Item& tok = expect(ItemType::RightDelim, "else");
    return std::make_unique<DelimNode>(NodeType::Else, tok.pos, tok.line);
  }

  NodePtr end_control() {
    const Item& tok = expect(ItemType::RightDelim, "end");
    return std::make_unique<DelimNode>(NodeType::End, tok.pos, tok.line);
  }

  void enter(std::string_view what) {
    if (++depth_ > opts_.max_depth) errorf(std::string(what));
  }

  // if, range and with.
  std::unique_ptr<BranchNode> branch(NodeType type, std::string_view context) {
    enter("max nesting depth exceeded");
    size_t nvars = vars_.size();
    auto pipe = pipeline(context, ItemType::RightDelim);
    auto node = std::make_unique<BranchNode>(type, pipe->pos, pipe->line);
    if (type == NodeType::Range) ++range_depth_;
    auto [list, next_node] = item_list();
    if (type == NodeType::Range) --range_depth_;
    if (next_node->type == NodeType::Else) {
      if (type == NodeType::If && peek().type == ItemType::If) {
        next();
        node->else_list = std::make_unique<ListNode>(next_node->pos);
        node->else_list->nodes.push_back(branch(NodeType::If, "if"));
      } else if (type == NodeType::With && peek().type == ItemType::With) {
        next();
        node->else_list = std::make_unique<ListNode>(next_node->pos);
        node->else_list->nodes.push_back(branch(NodeType::With, "with"));
      } else {
        auto [else_list, end] = item_list();
        if (end->type != NodeType::End) errorf("expected end; found " + end->str());
        node->else_list = std::move(else_list);
      }
    }
    node->pipe = std::move(pipe);
    node->list = std::move(list);
    vars_.truncate(nvars);
    --depth_;
    return node;
  }

  std::string template_name(const Item& tok, std::string_view context) {
    if (tok.type != ItemType::String && tok.type != ItemType::RawString) unexpected(tok, context);
    return unquote(tok);
  }

  NodePtr template_control() {
    constexpr std::string_view context = "template clause";
    const Item& tok = next_non_space();
    size_t pos = tok.pos;
    int line = tok.line;
    std::string name = template_name(tok, context);
    std::unique_ptr<PipeNode> pipe;
    if (next_non_space().type != ItemType::RightDelim) {
      backup();
      pipe = pipeline(context, ItemType::RightDelim);  // its variables persist until {{end}}
    }
    return std::make_unique<TemplateNode>(pos, line, std::move(name), std::move(pipe));
  }

  // {{block "name" pipeline}} T {{end}}: defines "name" as T and executes it.
  NodePtr block_control() {
    constexpr std::string_view context = "block clause";
    const Item& tok = next_non_space();
    size_t pos = tok.pos;
    int line = tok.line;
    std::string name = template_name(tok, context);
    auto pipe = pipeline(context, ItemType::RightDelim);
    enter("max nesting depth exceeded");
    auto saved_vars = std::move(vars_);
    int saved_range = range_depth_;
    vars_ = VarScope();
    range_depth_ = 0;
    auto [list, end] = item_list();
    if (end->type != NodeType::End) errorf(fmt::format("unexpected {} in {}", end->str(), context));
    auto tree = new_tree(name);
    tree->root = std::move(list);
    add(std::move(tree));
    vars_ = std::move(saved_vars);
    range_depth_ = saved_range;
    --depth_;
    return std::make_unique<TemplateNode>(pos, line, std::move(name), std::move(pipe));
  }

  std::unique_ptr<PipeNode> pipeline(std::string_view context, ItemType end) {
    const Item& first = peek_non_space();
    auto pipe = std::make_unique<PipeNode>(first.pos, first.line);
  decls:
    // A variable followed by := or = (or a comma, in range) is a declaration; otherwise it is
    // the first operand and the tokens are read again.
    if (peek_non_space().type == ItemType::Variable) {
      size_t var_idx = idx_;
      const Item& v = next();
      const Item& nx = peek_non_space();
      if (nx.type == ItemType::Assign || nx.type == ItemType::Declare) {
        pipe->is_assign = nx.type == ItemType::Assign;
        next_non_space();
        pipe->decl.push_back(std::make_unique<VariableNode>(v.pos, std::vector<std::string>{v.val}));
        vars_.push(v.val);
      } else if (nx.type == ItemType::Char && nx.val == ",") {
        next_non_space();
        pipe->decl.push_back(std::make_unique<VariableNode>(v.pos, std::vector<std::string>{v.val}));
        vars_.push(v.val);
        if (context == "range" && pipe->decl.size() < 2) {
          switch (peek_non_space().type) {
            case ItemType::Variable:
            case ItemType::RightDelim:
            case ItemType::RightParen: goto decls;  // the second variable of a range
            default: errorf("range can only initialize variables");
          }
        }
        errorf(fmt::format("too many declarations in {}", context));
      } else {
        idx_ = var_idx;
      }
    }
    while (true) {
      const Item& tok = next_non_space();
      if (tok.type == end) {
        check_pipeline(*pipe, context);
        return pipe;
      }
      switch (tok.type) {
        case ItemType::Bool:
        case ItemType::CharConstant:
        case ItemType::Complex:
        case ItemType::Dot:
        case ItemType::Field:
        case ItemType::Identifier:
        case ItemType::Number:
        case ItemType::Nil:
        case ItemType::RawString:
        case ItemType::String:
        case ItemType::Variable:
        case ItemType::LeftParen:
          backup();
          pipe->cmds.push_back(command());
          break;
        default: unexpected(tok, context);
      }
    }
  }

  void check_pipeline(const PipeNode& pipe, std::string_view context) {
    if (pipe.cmds.empty()) errorf(fmt::format("missing value for {}", context));
    // Only the first command of a pipeline can start with a non-executable operand.
    for (size_t i = 1; i < pipe.cmds.size(); ++i) {
      switch (pipe.cmds[i]->args[0]->type) {
        case NodeType::Bool:
        case NodeType::Dot:
        case NodeType::Nil:
        case NodeType::Number:
        case NodeType::String:
          errorf_at(pipe.cmds[i]->pos,
                    fmt::format("non executable command in pipeline stage {}", i + 1));
        default: break;
      }
    }
  }

  std::unique_ptr<CommandNode> command() {
    auto cmd = std::make_unique<CommandNode>(peek_non_space().pos);
    while (true) {
      peek_non_space();  // skip leading spaces
      if (NodePtr op = operand()) cmd->args.push_back(std::move(op));
      const Item& tok = next();
      if (tok.type == ItemType::Space) continue;
      if (tok.type == ItemType::RightDelim || tok.type == ItemType::RightParen) {
        backup();
      } else if (tok.type != ItemType::Pipe) {
        unexpected(tok, "operand");
      }
      break;
    }
    if (cmd->args.empty()) errorf("empty command");
    return cmd;
  }

  NodePtr operand() {
    NodePtr node = term();
    if (!node) return nullptr;
    if (peek().type == ItemType::Field) {
      size_t pos = peek().pos;
      std::vector<std::string> fields;
      while (peek().type == ItemType::Field) fields.push_back(next().val.substr(1));
      switch (node->type) {
        case NodeType::Field: {
          auto ident = std::move(static_cast<FieldNode*>(node.get())->ident);
          ident.insert(ident.end(), fields.begin(), fields.end());
          return std::make_unique<FieldNode>(pos, std::move(ident));
        }
        case NodeType::Variable: {
          auto ident = std::move(static_cast<VariableNode*>(node.get())->ident);
          ident.insert(ident.end(), fields.begin(), fields.end());
          return std::make_unique<VariableNode>(pos, std::move(ident));
        }
        case NodeType::Bool:
        case NodeType::String:
        case NodeType::Number:
        case NodeType::Nil:
        case NodeType::Dot:
          errorf_at(pos, "unexpected . after term " + go_quote(node->str()));
        default: {
          auto chain = std::make_unique<ChainNode>(pos, std::move(node));
          chain->field = std::move(fields);
          return chain;
        }
      }
    }
    return node;
  }

  NodePtr term() {
    const Item& tok = next_non_space();
    switch (tok.type) {
      case ItemType::Identifier:
        if (!is_builtin(tok.val) && std::find(opts_.functions.begin(), opts_.functions.end(),
                                              tok.val) == opts_.functions.end()) {
          errorf_at(tok.pos, fmt::format("function {} not defined", go_quote(tok.val)));
        }
        return std::make_unique<IdentifierNode>(tok.pos, tok.val);
      case ItemType::Dot: return std::make_unique<DotNode>(tok.pos);
      case ItemType::Nil: return std::make_unique<NilNode>(tok.pos);
      case ItemType::Variable: {
        if (!vars_.has(tok.val)) {
          errorf_at(tok.pos, fmt::format("undefined variable {}", go_quote(tok.val)));
        }
        return std::make_unique<VariableNode>(tok.pos, std::vector<std::string>{tok.val});
      }
      case ItemType::Field:
        return std::make_unique<FieldNode>(tok.pos, split_dots(std::string_view(tok.val).substr(1)));
      case ItemType::Bool: return std::make_unique<BoolNode>(tok.pos, tok.val == "true");
      case ItemType::CharConstant:
      case ItemType::Complex:
      case ItemType::Number: return number(tok);
      case ItemType::LeftParen: {
        if (paren_depth_ >= opts_.max_depth) errorf_at(tok.pos, "max expression depth exceeded");
        ++paren_depth_;
        auto p = pipeline("parenthesized pipeline", ItemType::RightParen);
        --paren_depth_;
        return p;
      }
      case ItemType::String:
      case ItemType::RawString: {
        std::string s = unquote(tok);
        return std::make_unique<StringNode>(tok.pos, tok.val, std::move(s));
      }
      default: break;
    }
    backup();
    return nullptr;
  }

  NodePtr number(const Item& tok) {
    auto n = std::make_unique<NumberNode>(tok.pos, tok.val);
    const std::string& text = tok.val;
    if (tok.type == ItemType::CharConstant) {
      std::string_view s = std::string_view(text).substr(1);
      char32_t r;
      bool multibyte;
      if (!go_unquote_char(s, '\'', r, multibyte)) errorf_at(tok.pos, "invalid syntax");
      if (s != "'") errorf_at(tok.pos, "malformed character constant: " + text);
      n->int64 = r;
      n->is_int = true;
      n->uint64 = r;
      n->is_uint = true;
      n->float64 = r;
      n->is_float = true;
      return n;
    }
    if (tok.type == ItemType::Complex || (!text.empty() && text.back() == 'i')) {
      errorf_at(tok.pos, fmt::format("complex number {} is not supported", text));
    }
    if (auto u = parse_uint(text)) {
      n->is_uint = true;
      n->uint64 = *u;
    }
    if (auto i = parse_int(text)) {
      n->is_int = true;
      n->int64 = *i;
      if (*i == 0) n->is_uint = true;  // -0
    }
    if (n->is_int) {
      n->is_float = true;
      n->float64 = static_cast<double>(n->int64);
    } else if (n->is_uint) {
      n->is_float = true;
      n->float64 = static_cast<double>(n->uint64);
    } else if (auto f = parse_float(text)) {
      // A float that looks like an integer is one too large for 64 bits.
      if (text.find_first_of(".eEpP") == std::string::npos) {
        errorf_at(tok.pos, fmt::format("integer overflow: {}", go_quote(text)));
      }
      n->is_float = true;
      n->float64 = *f;
      if (std::trunc(*f) == *f && *f >= -9223372036854775808.0 && *f < 9223372036854775808.0) {
        n->is_int = true;
        n->int64 = static_cast<int64_t>(*f);
      }
      if (std::trunc(*f) == *f && *f >= 0 && *f < 18446744073709551616.0) {
        n->is_uint = true;
        n->uint64 = static_cast<uint64_t>(*f);
      }
    }
    if (!n->is_int && !n->is_uint && !n->is_float) {
      errorf_at(tok.pos, fmt::format("illegal number syntax: {}", go_quote(text)));
    }
    return n;
  }

  TemplateSet& set_;
  const ParseOptions& opts_;
  std::vector<Item> items_;
  size_t idx_ = 0;
  size_t furthest_ = 0;
  VarScope vars_;  // declared variables in scope
  int range_depth_ = 0;
  int action_line_ = 0;
  int depth_ = 0;        // nested control structures
  int paren_depth_ = 0;  // nested parenthesized pipelines
};

}  // namespace

const std::vector<std::string_view>& builtin_function_names() {
  static const std::vector<std::string_view> names = {
      "and", "call",  "eq",     "ge",      "gt",    "html",     "index",
      "js",  "le",    "len",    "lt",      "ne",    "not",      "or",
      "print", "printf", "println", "slice", "urlquery"};
  return names;
}


bool parse_template(std::string_view name, std::string text, TemplateSet& out, TemplateError& err,
                    const ParseOptions& opts) {
  out.name = std::string(name);
  out.text = std::make_shared<const std::string>(std::move(text));
  out.trees.clear();
  try {
    Parser p(out, opts);
    p.run();
  } catch (ParseError& e) {
    err = std::move(e.err);
    out.trees.clear();
    return false;
  }
  return true;
}

}  // namespace cfgc::tmpl
