// The executor. It follows Go's text/template evaluation closely, because the observable
// behaviour (what prints as <no value> or <nil>, which type an error names) comes from how Go
// moves values around: data decoded into interface{} values is "boxed" (its static type is
// interface {}) when it comes out of a map or list, each pipeline stage unboxes its result, and
// a missing map key is an invalid (zero) reflect.Value. Val models exactly that.
#include "compiler/template/template_exec.h"

#include <fmt/format.h>

#include <vector>

#include "compiler/base/utf8.h"
#include "compiler/template/template_escape.h"
#include "compiler/template/template_fmt.h"

namespace cfgc::tmpl {

namespace {

using K = TemplateValue::Kind;

// A value during execution.
struct Val {
  enum State : uint8_t {
    Invalid,  // no value: a missing map key, nil data (Go's zero reflect.Value)
    Direct,   // a value of its own type (int, string, []interface {}, ...)
    Boxed,    // a value in an interface {} (an element of a list or map); may hold nil
  };
  State state = Invalid;
  TemplateValue v;

  static Val direct(TemplateValue x) {
    if (x.is_null()) return {};
    return {Direct, std::move(x)};
  }
  static Val boxed(TemplateValue x) { return {Boxed, std::move(x)}; }
  bool valid() const { return state != Invalid; }
};

// Go's indirectInterface: the value inside an interface; a nil interface is no value.
Val unbox(const Val& x) {
  if (x.state == Val::Boxed) return Val::direct(x.v);
  return x;
}

// The static Go type of a value, as errors name it.
std::string type_of(const Val& x) {
  if (x.state == Val::Boxed) return "interface {}";
  return std::string(go_type_name(x.v));
}

bool truth(const Val& x0) {
  Val x = unbox(x0);
  if (!x.valid()) return false;
  switch (x.v.kind()) {
    case K::Null: return false;
    case K::Bool: return x.v.as_bool();
    case K::Int: return x.v.as_int() != 0;
    case K::Float: return x.v.as_float() != 0;
    case K::String:
    case K::List:
    case K::Map: return x.v.size() > 0;
  }
  return false;
}

// An argument as a function taking `any` sees it: nil for no value.
TemplateValue any_of(const Val& x) { return x.valid() ? x.v : TemplateValue(); }

enum class ArgKind : uint8_t {
  Any,    // interface{}: nil for no value
  Value,  // reflect.Value: the value as it is, also no value
  String  // string (printf's format)
};

enum class Builtin : uint8_t {
  And, Or, Not, Len, Index, Slice, Call, Print, Printf, Println,
  Html, Js, Urlquery, Eq, Ne, Lt, Le, Gt, Ge, Custom
};

struct Signature {
  Builtin fn;
  std::vector<ArgKind> params;
  bool variadic;
};

const Signature* find_builtin(std::string_view name) {
  using A = ArgKind;
  static const std::map<std::string_view, Signature> table = {
      {"and", {Builtin::And, {A::Value, A::Value}, true}},
      {"or", {Builtin::Or, {A::Value, A::Value}, true}},
      {"not", {Builtin::Not, {A::Value}, false}},
      {"len", {Builtin::Len, {A::Value}, false}},
      {"index", {Builtin::Index, {A::Value, A::Value}, true}},
      {"slice", {Builtin::Slice, {A::Value, A::Value}, true}},
      {"call", {Builtin::Call, {A::Value, A::Value}, true}},
      {"print", {Builtin::Print, {A::Any}, true}},
      {"printf", {Builtin::Printf, {A::String, A::Any}, true}},
      {"println", {Builtin::Println, {A::Any}, true}},
      {"html", {Builtin::Html, {A::Any}, true}},
      {"js", {Builtin::Js, {A::Any}, true}},
      {"urlquery", {Builtin::Urlquery, {A::Any}, true}},
      {"eq", {Builtin::Eq, {A::Value, A::Value}, true}},
      {"ne", {Builtin::Ne, {A::Value, A::Value}, false}},
      {"lt", {Builtin::Lt, {A::Value, A::Value}, false}},
      {"le", {Builtin::Le, {A::Value, A::Value}, false}},
      {"gt", {Builtin::Gt, {A::Value, A::Value}, false}},
      {"ge", {Builtin::Ge, {A::Value, A::Value}, false}},
  };
  auto it = table.find(name);
  return it == table.end() ? nullptr : &it->second;
}

const Signature kCustom{Builtin::Custom, {ArgKind::Any}, true};

// An error a builtin reports; the executor turns it into "error calling NAME: MESSAGE".
struct CallError {
  std::string message;
};

// --- comparison ---

enum class BasicKind : uint8_t { Invalid, Bool, Int, Float, String };

BasicKind basic_kind(const Val& x) {
  if (!x.valid()) return BasicKind::Invalid;
  switch (x.v.kind()) {
    case K::Bool: return BasicKind::Bool;
    case K::Int: return BasicKind::Int;
    case K::Float: return BasicKind::Float;
    case K::String: return BasicKind::String;
    default: return BasicKind::Invalid;
  }
}

const char* const kBadComparisonType = "invalid type for comparison";
const char* const kBadComparison = "incompatible types for comparison";

bool eq(const Val& arg1, std::span<const Val> rest) {
  Val a = unbox(arg1);
  if (rest.empty()) throw CallError{"missing argument for comparison"};
  BasicKind k1 = basic_kind(a);
  for (const Val& r : rest) {
    Val b = unbox(r);
    BasicKind k2 = basic_kind(b);
    bool t = false;
    if (k1 != k2) {
      if (a.valid() && b.valid()) throw CallError{kBadComparison};
    } else {
      switch (k1) {
        case BasicKind::Bool: t = a.v.as_bool() == b.v.as_bool(); break;
        case BasicKind::Int: t = a.v.as_int() == b.v.as_int(); break;
        case BasicKind::Float: t = a.v.as_float() == b.v.as_float(); break;
        case BasicKind::String: t = a.v.as_string() == b.v.as_string(); break;
        case BasicKind::Invalid:
          if (!a.valid() || !b.valid()) {
            t = !a.valid() && !b.valid();  // nil == nil
          } else if (a.v.kind() != b.v.kind()) {
            throw CallError{fmt::format("non-comparable types {}: {}, {}: {}", go_format_value(a.v),
                                        go_type_name(a.v), go_type_name(b.v),
                                        go_format_value(b.v))};
          } else {
            throw CallError{fmt::format("non-comparable type {}: {}", go_format_value(b.v),
                                        go_type_name(b.v))};
          }
          break;
      }
    }
    if (t) return true;
  }
  return false;
}

bool lt(const Val& arg1, const Val& arg2) {
  Val a = unbox(arg1);
  BasicKind k1 = basic_kind(a);
  if (k1 == BasicKind::Invalid) throw CallError{kBadComparisonType};
  Val b = unbox(arg2);
  BasicKind k2 = basic_kind(b);
  if (k2 == BasicKind::Invalid) throw CallError{kBadComparisonType};
  if (k1 != k2) throw CallError{kBadComparison};
  switch (k1) {
    case BasicKind::Int: return a.v.as_int() < b.v.as_int();
    case BasicKind::Float: return a.v.as_float() < b.v.as_float();
    case BasicKind::String: return a.v.as_string() < b.v.as_string();
    default: throw CallError{kBadComparisonType};
  }
}

bool le(const Val& a, const Val& b) {
  if (lt(a, b)) return true;
  Val rest[1] = {b};
  return eq(a, rest);
}

// --- index and slice ---

int64_t index_arg(const Val& index, size_t cap, bool for_slice) {
  Val x = unbox(index);
  if (!x.valid()) throw CallError{"cannot index slice/array with nil"};
  if (x.v.kind() != K::Int) {
    throw CallError{fmt::format("cannot index slice/array with type {}", go_type_name(x.v))};
  }
  int64_t i = x.v.as_int();
  if (i < 0 || static_cast<uint64_t>(i) > cap || (!for_slice && static_cast<uint64_t>(i) == cap)) {
    throw CallError{fmt::format("index out of range: {}", i)};
  }
  return i;
}

Val index(const Val& item0, std::span<const Val> indexes) {
  Val item = unbox(item0);
  if (!item.valid()) throw CallError{"index of untyped nil"};
  for (const Val& idx : indexes) {
    if (item.state == Val::Boxed) {
      if (item.v.is_null()) throw CallError{"index of nil pointer"};
      item = Val::direct(item.v);
    }
    switch (item.v.kind()) {
      case K::List: {
        int64_t i = index_arg(idx, item.v.size(), false);
        item = Val::boxed(item.v.as_list()[static_cast<size_t>(i)]);
        break;
      }
      case K::String: {
        int64_t i = index_arg(idx, item.v.size(), false);
        item = Val::direct(TemplateValue::integer(
            static_cast<unsigned char>(item.v.as_string()[static_cast<size_t>(i)])));
        break;
      }
      case K::Map: {
        Val key = unbox(idx);
        if (!key.valid()) throw CallError{"value is nil; should be of type string"};
        if (key.v.kind() != K::String) {
          throw CallError{
              fmt::format("value has type {}; should be string", go_type_name(key.v))};
        }
        const TemplateValue* found = item.v.as_map().find(key.v.as_string());
        item = Val::boxed(found ? *found : TemplateValue());
        break;
      }
      default:
        throw CallError{fmt::format("can't index item of type {}", go_type_name(item.v))};
    }
  }
  return item;
}

Val slice(const Val& item0, std::span<const Val> indexes) {
  Val item = unbox(item0);
  if (!item.valid()) throw CallError{"slice of untyped nil"};
  if (indexes.size() > 3) throw CallError{fmt::format("too many slice indexes: {}", indexes.size())};
  K kind = item.v.kind();
  if (kind == K::String) {
    if (indexes.size() == 3) throw CallError{"cannot 3-index slice a string"};
  } else if (kind != K::List) {
    throw CallError{fmt::format("can't slice item of type {}", go_type_name(item.v))};
  }
  size_t cap = item.v.size();
  int64_t idx[3] = {0, static_cast<int64_t>(cap), 0};
  for (size_t i = 0; i < indexes.size(); ++i) idx[i] = index_arg(indexes[i], cap, true);
  if (idx[0] > idx[1]) throw CallError{fmt::format("invalid slice index: {} > {}", idx[0], idx[1])};
  if (indexes.size() == 3 && idx[1] > idx[2]) {
    throw CallError{fmt::format("invalid slice index: {} > {}", idx[1], idx[2])};
  }
  size_t from = static_cast<size_t>(idx[0]), to = static_cast<size_t>(idx[1]);
  if (kind == K::String) {
    return Val::direct(TemplateValue::string(item.v.as_string().substr(from, to - from)));
  }
  const TemplateValue::List& l = item.v.as_list();
  return Val::direct(TemplateValue::list(TemplateValue::List(
      l.begin() + static_cast<std::ptrdiff_t>(from), l.begin() + static_cast<std::ptrdiff_t>(to))));
}

// The text the escaping functions work on: a lone string as is, else the arguments printed
// (a nil argument as "<no value>").
std::string escaper_input(std::span<const Val> args, size_t limit) {
  if (args.size() == 1 && args[0].valid() && args[0].v.kind() == K::String) {
    return args[0].v.as_string();
  }
  std::vector<TemplateValue> xs;
  for (const Val& a : args) {
    xs.push_back(a.valid() && !a.v.is_null() ? a.v : TemplateValue::string("<no value>"));
  }
  return go_sprint(xs, limit);
}

// --- the executor ---

struct ExecError {
  TemplateError err;
};

enum class Flow : uint8_t { Normal, Break, Continue };

class Exec {
 public:
  Exec(const TemplateSet& set, const ExecOptions& opts, std::string& out)
      : set_(set), opts_(opts), out_(out) {}

  void run(const Tree* t, const Val& data) {
    tmpl_ = t;
    vars_.clear();
    vars_.emplace_back("$", data);
    walk(data, t->root.get());
  }

 private:
  // --- errors and limits ---

  [[noreturn, gnu::cold, gnu::noinline]] void errorf(const std::string& msg) {
    if (!at_) {
      throw ExecError{{fmt::format("template: {}: {}", tmpl_->name, msg), 0, 0}};
    }
    auto [line, col] = tmpl_->location(at_->pos);
    std::string context = at_->str();
    if (context.size() > 20) {
      size_t i = 0;
      for (int k = 0; k < 20 && i < context.size(); ++k) {
        size_t len;
        utf8::decode(context, i, len);
        i += len;
      }
      context = context.substr(0, i) + "...";
    }
    throw ExecError{{fmt::format("template: {}:{}:{}: executing {} at <{}>: {}", tmpl_->parse_name,
                                 line, col, go_quote(tmpl_->name), context, msg),
                     line, col}};
  }

  [[noreturn, gnu::cold, gnu::noinline]] void too_deep() {
    errorf(fmt::format("exceeded maximum nesting depth ({})", opts_.max_nesting));
  }

  void at(const Node* n) { at_ = n; }

  void step() {
    if (++steps_ > opts_.max_steps) {
      errorf(fmt::format("execution stopped after {} steps (the step limit)", opts_.max_steps));
    }
  }

  // Work proportional to `bytes` (strings built or compared, elements copied, variables
  // scanned): one step per kBytesPerStep, so that the step limit bounds the time taken.
  static constexpr size_t kBytesPerStep = 256;
  void charge(size_t bytes) {
    if (bytes < kBytesPerStep) return;
    steps_ += bytes / kBytesPerStep;
    step();
  }

  void check_size(size_t n) {
    if (n > opts_.max_output) {
      errorf(fmt::format("output exceeds the limit of {} bytes", opts_.max_output));
    }
  }

  void write(std::string_view s) {
    check_size(out_.size() + s.size());
    out_ += s;
  }

  // Counts the control structures and template calls being executed: with template recursion
  // they nest without bound in the text, and each level takes stack.
  struct Nest {
    explicit Nest(Exec& e) : e_(e) {
      if (++e_.nesting_ > e_.opts_.max_nesting) e_.too_deep();
    }
    ~Nest() { --e_.nesting_; }
    Exec& e_;
  };

  // --- variables ---

  size_t mark() const { return vars_.size(); }
  void pop(size_t m) { vars_.resize(m); }
  void push(std::string_view name, Val v) { vars_.emplace_back(name, std::move(v)); }
  // The innermost variable of that name. Lookups scan the stack; a long scan counts as work.
  Val& find_var(std::string_view name) {
    for (size_t i = vars_.size(); i-- > 0;) {
      if (vars_[i].first == name) {
        charge((vars_.size() - i) * 16);
        return vars_[i].second;
      }
    }
    errorf(fmt::format("undefined variable: {}", name));
  }
  void set_var(std::string_view name, Val v) { find_var(name) = std::move(v); }
  void set_top_var(size_t n, Val v) { vars_[vars_.size() - n].second = std::move(v); }
  const Val& var_value(std::string_view name) { return find_var(name); }

  // --- walking ---

  // The specialised walkers are not inlined here: walk recurses once per list and node, and
  // their locals would make every level's frame large.
  Flow walk(const Val& dot, const Node* node) {
    at(node);
    if (node->type != NodeType::List) step();
    switch (node->type) {
      case NodeType::Action: {
        const auto* a = static_cast<const ActionNode*>(node);
        // Variables declared here persist until the enclosing {{end}}; a declaration prints
        // nothing.
        Val v = eval_pipeline(dot, a->pipe.get());
        if (a->pipe->decl.empty()) print_value(node, v);
        return Flow::Normal;
      }
      case NodeType::Break: return Flow::Break;
      case NodeType::Continue: return Flow::Continue;
      case NodeType::Comment: return Flow::Normal;
      case NodeType::If:
      case NodeType::With: {
        Nest n(*this);
        return walk_if_or_with(dot, static_cast<const BranchNode*>(node));
      }
      case NodeType::List:
        for (const NodePtr& n : static_cast<const ListNode*>(node)->nodes) {
          Flow f = walk(dot, n.get());
          if (f != Flow::Normal) return f;
        }
        return Flow::Normal;
      case NodeType::Range: {
        Nest n(*this);
        return walk_range(dot, static_cast<const BranchNode*>(node));
      }
      case NodeType::Template: walk_template(dot, static_cast<const TemplateNode*>(node)); return Flow::Normal;
      case NodeType::Text: write(static_cast<const TextNode*>(node)->text); return Flow::Normal;
      default: errorf("unknown node: " + node->str());
    }
  }

  [[gnu::noinline]] void print_value(const Node* n, const Val& v) {
    at(n);
    if (!v.valid()) {
      if (opts_.missing_print_error) errorf("no value to print: the data has no such field (a misspelt name?)");
      write("<no value>");
      return;
    }
    write(go_format_value(v.v, opts_.max_output));
  }

  [[gnu::noinline]] Flow walk_if_or_with(const Val& dot, const BranchNode* b) {
    size_t m = mark();
    Val v = eval_pipeline(dot, b->pipe.get());
    Flow f = Flow::Normal;
    if (truth(v)) {
      f = walk(b->type == NodeType::With ? v : dot, b->list.get());
    } else if (b->else_list) {
      f = walk(dot, b->else_list.get());
    }
    pop(m);
    return f;
  }

  [[gnu::noinline]] Flow walk_range(const Val& dot, const BranchNode* r) {
    at(r);
    size_t outer = mark();
    Val v = eval_pipeline(dot, r->pipe.get());
    size_t m = mark();  // the range's own variables are below
    const PipeNode* pipe = r->pipe.get();
    // One iteration: sets the variables ($v, or $i and $v) and walks the body. False on break.
    auto iteration = [&](const Val& index, const Val& elem) {
      at(r);
      step();
      if (!pipe->decl.empty()) {
        if (pipe->is_assign) {
          set_var(pipe->decl[0]->ident[0], pipe->decl.size() > 1 ? index : elem);
        } else {
          set_top_var(1, elem);
        }
      }
      if (pipe->decl.size() > 1) {
        if (pipe->is_assign) {
          set_var(pipe->decl[1]->ident[0], elem);
        } else {
          set_top_var(2, index);
        }
      }
      Flow f = walk(elem, r->list.get());
      pop(m);
      return f != Flow::Break;
    };
    bool ran = false;
    if (v.valid()) {
      switch (v.v.kind()) {
        case K::List: {
          const TemplateValue::List& l = v.v.as_list();
          for (size_t i = 0; i < l.size(); ++i) {
            ran = true;
            if (!iteration(Val::direct(TemplateValue::integer(static_cast<int64_t>(i))),
                           Val::boxed(l[i]))) {
              break;
            }
          }
          break;
        }
        case K::Map: {
          for (const TemplateValue::Map::Entry* e : v.v.as_map().sorted()) {
            ran = true;
            if (!iteration(Val::direct(TemplateValue::string(e->first)), Val::boxed(e->second))) {
              break;
            }
          }
          break;
        }
        case K::Int: {
          if (pipe->decl.size() > 1) {
            errorf(fmt::format("can't use {} to iterate over more than one variable",
                               go_format_value(v.v)));
          }
          for (int64_t i = 0; i < v.v.as_int(); ++i) {
            ran = true;
            if (!iteration(Val{}, Val::direct(TemplateValue::integer(i)))) break;
          }
          break;
        }
        default: errorf(fmt::format("range can't iterate over {}", go_format_value(v.v)));
      }
    }
    Flow f = Flow::Normal;
    if (!ran && r->else_list) f = walk(dot, r->else_list.get());
    pop(outer);
    return f;
  }

  [[gnu::noinline]] void walk_template(const Val& dot, const TemplateNode* t) {
    at(t);
    const Tree* tmpl = set_.lookup(t->name);
    if (!tmpl) errorf(fmt::format("template {} not defined", go_quote(t->name)));
    if (depth_ >= opts_.max_template_depth) {
      errorf(fmt::format("exceeded maximum template depth ({})", opts_.max_template_depth));
    }
    Nest nest(*this);
    Val new_dot = eval_pipeline(dot, t->pipe.get());  // its variables persist
    // A template sees no variables but $, which is its dot.
    std::vector<std::pair<std::string_view, Val>> saved;
    saved.swap(vars_);
    const Tree* saved_tmpl = tmpl_;
    vars_.emplace_back("$", new_dot);
    tmpl_ = tmpl;
    ++depth_;
    walk(new_dot, tmpl->root.get());
    --depth_;
    tmpl_ = saved_tmpl;
    vars_.swap(saved);
  }

  // --- evaluation ---

  Val eval_pipeline(const Val& dot, const PipeNode* pipe) {
    if (!pipe) return {};
    at(pipe);
    Val value;
    bool first = true;
    for (const auto& cmd : pipe->cmds) {
      value = eval_command(dot, cmd.get(), first ? nullptr : &value);
      first = false;
      value = unbox(value);  // each stage's result loses its interface
    }
    for (const auto& v : pipe->decl) {
      if (pipe->is_assign) {
        set_var(v->ident[0], value);
      } else {
        push(v->ident[0], value);
      }
    }
    return value;
  }

  void not_a_function(const std::vector<NodePtr>& args, const Val* final) {
    if (args.size() > 1 || final) errorf("can't give argument to non-function " + args[0]->str());
  }

  // `final` is the value piped in from the previous command (null: none).
  Val eval_command(const Val& dot, const CommandNode* cmd, const Val* final) {
    step();
    const Node* first = cmd->args[0].get();
    switch (first->type) {
      case NodeType::Field:
        return eval_field_node(dot, static_cast<const FieldNode*>(first), cmd->args, final);
      case NodeType::Chain:
        return eval_chain_node(dot, static_cast<const ChainNode*>(first), cmd->args, final);
      case NodeType::Identifier:
        return eval_function(dot, static_cast<const IdentifierNode*>(first), cmd, cmd->args, final);
      case NodeType::Pipe:
        not_a_function(cmd->args, final);
        return eval_pipeline(dot, static_cast<const PipeNode*>(first));
      case NodeType::Variable:
        return eval_variable_node(dot, static_cast<const VariableNode*>(first), cmd->args, final);
      default: break;
    }
    at(first);
    not_a_function(cmd->args, final);
    switch (first->type) {
      case NodeType::Bool:
        return Val::direct(TemplateValue::boolean(static_cast<const BoolNode*>(first)->value));
      case NodeType::Dot: return dot;
      case NodeType::Nil: errorf("nil is not a command");
      case NodeType::Number: return ideal_constant(static_cast<const NumberNode*>(first));
      case NodeType::String:
        return Val::direct(TemplateValue::string(static_cast<const StringNode*>(first)->text));
      default: break;
    }
    errorf("can't evaluate command " + go_quote(first->str()));
  }

  // A number constant without a type from context: a float if written as one, else an int.
  Val ideal_constant(const NumberNode* n) {
    at(n);
    const std::string& t = n->text;
    bool hex_int = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') &&
                   t.find_first_of("pP") == std::string::npos;
    bool rune_int = !t.empty() && t[0] == '\'';
    if (n->is_float && !hex_int && !rune_int && t.find_first_of(".eEpP") != std::string::npos) {
      return Val::direct(TemplateValue::floating(n->float64));
    }
    if (n->is_int) return Val::direct(TemplateValue::integer(n->int64));
    if (n->is_uint) errorf(t + " overflows int");
    return {};
  }

  Val eval_field_node(const Val& dot, const FieldNode* f, const std::vector<NodePtr>& args,
                      const Val* final) {
    at(f);
    return eval_field_chain(dot, dot, f, f->ident, 0, args, final);
  }

  Val eval_chain_node(const Val& dot, const ChainNode* c, const std::vector<NodePtr>& args,
                      const Val* final) {
    at(c);
    if (c->node->type == NodeType::Nil) errorf("indirection through explicit nil in " + c->str());
    Val pipe = eval_arg(dot, ArgKind::Any, c->node.get());
    return eval_field_chain(dot, pipe, c, c->field, 0, args, final);
  }

  Val eval_variable_node(const Val& dot, const VariableNode* v, const std::vector<NodePtr>& args,
                         const Val* final) {
    at(v);
    Val value = var_value(v->ident[0]);
    if (v->ident.size() == 1) {
      not_a_function(args, final);
      return value;
    }
    return eval_field_chain(dot, value, v, v->ident, 1, args, final);
  }

  // receiver.ident[from].ident[from+1]...; the last field gets the arguments.
  Val eval_field_chain(const Val& dot, Val receiver, const Node* node,
                       const std::vector<std::string>& ident, size_t from,
                       const std::vector<NodePtr>& args, const Val* final) {
    static const std::vector<NodePtr> kNoArgs;
    for (size_t i = from; i + 1 < ident.size(); ++i) {
      receiver = eval_field(dot, ident[i], node, kNoArgs, nullptr, receiver);
    }
    return eval_field(dot, ident.back(), node, args, final, receiver);
  }

  Val eval_field(const Val&, const std::string& name, const Node*, const std::vector<NodePtr>& args,
                 const Val* final, const Val& receiver) {
    if (!receiver.valid()) {
      if (opts_.missing_key_error) errorf(fmt::format("nil data; no entry for key {}", go_quote(name)));
      return {};
    }
    std::string typ = type_of(receiver);
    if (receiver.state == Val::Boxed && receiver.v.is_null()) {
      errorf(fmt::format("nil pointer evaluating {}.{}", typ, name));
    }
    bool has_args = args.size() > 1 || final;
    if (receiver.v.kind() == K::Map) {
      if (has_args) errorf(name + " is not a method but has arguments");
      if (const TemplateValue* v = receiver.v.as_map().find(name)) return Val::boxed(*v);
      if (opts_.missing_key_error) errorf(fmt::format("map has no entry for key {}", go_quote(name)));
      return {};
    }
    errorf(fmt::format("can't evaluate field {} in type {}", name, typ));
  }

  // An argument of a function call, evaluated for a parameter of the given kind.
  Val eval_arg(const Val& dot, ArgKind kind, const Node* n) {
    at(n);
    switch (n->type) {
      case NodeType::Dot: return validate(dot, kind);
      case NodeType::Nil:
        if (kind == ArgKind::String) errorf("cannot assign nil to string");
        return {};
      case NodeType::Field: {
        static const std::vector<NodePtr> kNoArgs;
        const auto* f = static_cast<const FieldNode*>(n);
        return validate(eval_field_chain(dot, dot, f, f->ident, 0, kNoArgs, nullptr), kind);
      }
      case NodeType::Variable: {
        static const std::vector<NodePtr> kNoArgs;
        return validate(eval_variable_node(dot, static_cast<const VariableNode*>(n), kNoArgs, nullptr),
                        kind);
      }
      case NodeType::Pipe: return validate(eval_pipeline(dot, static_cast<const PipeNode*>(n)), kind);
      case NodeType::Identifier: {
        static const std::vector<NodePtr> kNoArgs;
        return validate(
            eval_function(dot, static_cast<const IdentifierNode*>(n), n, kNoArgs, nullptr), kind);
      }
      case NodeType::Chain: {
        static const std::vector<NodePtr> kNoArgs;
        return validate(eval_chain_node(dot, static_cast<const ChainNode*>(n), kNoArgs, nullptr),
                        kind);
      }
      default: break;
    }
    if (kind == ArgKind::String) {
      if (n->type == NodeType::String) {
        return Val::direct(TemplateValue::string(static_cast<const StringNode*>(n)->text));
      }
      errorf("expected string; found " + n->str());
    }
    switch (n->type) {
      case NodeType::Bool:
        return Val::direct(TemplateValue::boolean(static_cast<const BoolNode*>(n)->value));
      case NodeType::Number: return ideal_constant(static_cast<const NumberNode*>(n));
      case NodeType::String:
        return Val::direct(TemplateValue::string(static_cast<const StringNode*>(n)->text));
      default: break;
    }
    errorf("can't handle " + n->str() + " for arg of type interface {}");
  }

  // A value passed to a parameter of the given kind.
  Val validate(const Val& v, ArgKind kind) {
    if (kind != ArgKind::String) return v;
    if (!v.valid()) errorf("invalid value; expected string");
    if (v.v.kind() == K::String) return Val::direct(v.v);
    if (v.state == Val::Boxed && v.v.is_null()) {
      errorf("wrong type for value; expected string; got interface {}");
    }
    errorf(fmt::format("wrong type for value; expected string; got {}", go_type_name(v.v)));
  }

  Val eval_function(const Val& dot, const IdentifierNode* id, const Node* cmd,
                    const std::vector<NodePtr>& args, const Val* final) {
    at(id);
    const std::string& name = id->ident;
    const TemplateFunc* custom = nullptr;
    if (opts_.funcs) {
      auto it = opts_.funcs->find(name);
      if (it != opts_.funcs->end()) custom = &it->second;
    }
    const Signature* sig = custom ? &kCustom : find_builtin(name);
    if (!sig) errorf(fmt::format("{} is not a defined function", go_quote(name)));
    return eval_call(dot, *sig, custom, cmd, name, args, final);
  }

  Val eval_call(const Val& dot, const Signature& sig, const TemplateFunc* custom, const Node* node,
                const std::string& name, const std::vector<NodePtr>& all_args, const Val* final) {
    // The first argument node is the function itself.
    std::span<const NodePtr> args =
        all_args.empty() ? std::span<const NodePtr>() : std::span<const NodePtr>(all_args).subspan(1);
    size_t num_in = args.size() + (final ? 1 : 0);
    size_t num_fixed = args.size();
    if (sig.variadic) {
      num_fixed = sig.params.size() - 1;
      if (num_in < num_fixed) {
        errorf(fmt::format("wrong number of args for {}: want at least {} got {}", name, num_fixed,
                           args.size()));
      }
    } else if (num_in != sig.params.size()) {
      errorf(fmt::format("wrong number of args for {}: want {} got {}", name, sig.params.size(),
                         num_in));
    }

    // and / or short-circuit: the first falsy (and) or truthy (or) argument, else the last.
    if (sig.fn == Builtin::And || sig.fn == Builtin::Or) {
      bool want = sig.fn == Builtin::Or;
      Val v;
      for (const NodePtr& a : args) {
        v = eval_arg(dot, ArgKind::Value, a.get());
        if (truth(v) == want) return v;
      }
      if (final) v = *final;
      return v;
    }

    std::vector<Val> argv;
    argv.reserve(num_in);
    size_t i = 0;
    for (; i < num_fixed && i < args.size(); ++i) argv.push_back(eval_arg(dot, sig.params[i], args[i].get()));
    if (sig.variadic) {
      for (; i < args.size(); ++i) argv.push_back(eval_arg(dot, sig.params.back(), args[i].get()));
    }
    if (final) {
      ArgKind k = sig.params.back();
      if (sig.variadic && num_in - 1 < num_fixed) k = sig.params[num_in - 1];
      argv.push_back(validate(*final, k));
    }
    try {
      const Node* last = at_;
      at(node);  // limit errors name the call
      Val result = call(sig.fn, custom, argv);
      if (result.valid() && result.v.kind() == K::String) {
        check_size(result.v.size());
        charge(result.v.size());
      } else if (result.valid() && result.v.kind() == K::List && sig.fn == Builtin::Slice) {
        charge(result.v.size() * 16);
      }
      at_ = last;
      return result;
    } catch (CallError& e) {
      at(node);
      errorf(fmt::format("error calling {}: {}", name, e.message));
    }
  }

  Val compare(Builtin fn, std::span<const Val> a) {
    size_t bytes = 0;
    for (const Val& x : a) {
      if (x.valid() && x.v.kind() == K::String) bytes += x.v.size();
    }
    charge(bytes);
    auto boolean = [](bool b) { return Val::direct(TemplateValue::boolean(b)); };
    switch (fn) {
      case Builtin::Eq: return boolean(eq(a[0], a.subspan(1)));
      case Builtin::Ne: return boolean(!eq(a[0], a.subspan(1)));
      case Builtin::Lt: return boolean(lt(a[0], a[1]));
      case Builtin::Le: return boolean(le(a[0], a[1]));
      case Builtin::Gt: return boolean(!le(a[0], a[1]));
      default: return boolean(!lt(a[0], a[1]));
    }
  }

  Val call(Builtin fn, const TemplateFunc* custom, std::span<const Val> a) {
    auto str = [](std::string s) { return Val::direct(TemplateValue::string(std::move(s))); };
    auto boolean = [](bool b) { return Val::direct(TemplateValue::boolean(b)); };
    auto anys = [](std::span<const Val> xs) {
      std::vector<TemplateValue> out;
      out.reserve(xs.size());
      for (const Val& x : xs) out.push_back(any_of(x));
      return out;
    };
    switch (fn) {
      case Builtin::Not: return boolean(!truth(a[0]));
      case Builtin::Len: {
        const Val& x = a[0];
        if (x.state == Val::Boxed && x.v.is_null()) throw CallError{"len of nil pointer"};
        if (!x.valid()) throw CallError{"reflect: call of reflect.Value.Type on zero Value"};
        switch (x.v.kind()) {
          case K::String:
          case K::List:
          case K::Map: return Val::direct(TemplateValue::integer(static_cast<int64_t>(x.v.size())));
          default: throw CallError{fmt::format("len of type {}", go_type_name(x.v))};
        }
      }
      case Builtin::Index: return index(a[0], a.subspan(1));
      case Builtin::Slice: return slice(a[0], a.subspan(1));
      case Builtin::Call: {
        Val f = unbox(a[0]);
        if (!f.valid()) throw CallError{"call of nil"};
        throw CallError{fmt::format("non-function of type {}", go_type_name(f.v))};
      }
      case Builtin::Print: return str(go_sprint(anys(a), opts_.max_output));
      case Builtin::Println: return str(go_sprintln(anys(a), opts_.max_output));
      case Builtin::Printf:
        return str(go_sprintf(a[0].v.as_string(), anys(a.subspan(1)), opts_.max_output));
      case Builtin::Html: return str(html_escape(escaper_input(a, opts_.max_output)));
      case Builtin::Js: return str(js_escape(escaper_input(a, opts_.max_output)));
      case Builtin::Urlquery: return str(url_query_escape(escaper_input(a, opts_.max_output)));
      case Builtin::Eq:
      case Builtin::Ne:
      case Builtin::Lt:
      case Builtin::Le:
      case Builtin::Gt:
      case Builtin::Ge: return compare(fn, a);
      case Builtin::Custom: {
        std::vector<TemplateValue> xs = anys(a);
        Result<TemplateValue> r = (*custom)(xs);
        if (!r) throw CallError{r.error().message};
        return Val::direct(std::move(*r));
      }
      case Builtin::And:
      case Builtin::Or: break;  // handled by eval_call
    }
    return {};
  }

  const TemplateSet& set_;
  const ExecOptions& opts_;
  std::string& out_;
  const Tree* tmpl_ = nullptr;  // the template being executed
  const Node* at_ = nullptr;    // the node being evaluated, for errors
  std::vector<std::pair<std::string_view, Val>> vars_;
  int depth_ = 0;    // template calls
  int nesting_ = 0;  // control structures and template calls
  uint64_t steps_ = 0;
};

}  // namespace

bool execute_template(const TemplateSet& set, std::string_view name, const TemplateValue& data,
                      std::string& out, TemplateError& err, const ExecOptions& opts) {
  const Tree* t = set.lookup(name);
  if (!t || !t->root) {
    err = {fmt::format("template: no template {} associated with template {}", go_quote(name),
                       go_quote(set.name)),
           0, 0};
    return false;
  }
  try {
    Exec e(set, opts, out);
    e.run(t, Val::direct(data));
  } catch (ExecError& e) {
    err = std::move(e.err);
    return false;
  }
  return true;
}

}  // namespace cfgc::tmpl
