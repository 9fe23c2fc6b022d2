#pragma once
// The parse tree of a template (Go's text/template/parse nodes) and the set of named templates
// one parse produces ({{define}} and {{block}} add templates beside the main one).
//
// Every node knows its byte offset in the template text; str() renders a node back as template
// source the way Go's Node.String() does, which is how execution errors name the failing
// action ("executing \"frr.conf\" at <.bgp.asn>").

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfgc::tmpl {

enum class NodeType : uint8_t {
  Text,
  Action,
  Bool,
  Chain,
  Command,
  Dot,
  Field,
  Identifier,
  If,
  List,
  Nil,
  Number,
  Pipe,
  Range,
  String,
  Template,
  Variable,
  With,
  Comment,
  Break,
  Continue,
  // Only while parsing: the {{else}} and {{end}} that close a list.
  Else,
  End,
};

struct Node {
  Node(NodeType t, size_t p) : type(t), pos(p) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Appends the node as template source.
  virtual void write(std::string& out) const = 0;
  std::string str() const {
    std::string out;
    write(out);
    return out;
  }

  NodeType type;
  size_t pos;  // byte offset in the template text
};

using NodePtr = std::unique_ptr<Node>;

struct ListNode : Node {
  explicit ListNode(size_t p) : Node(NodeType::List, p) {}
  void write(std::string& out) const override;
  std::vector<NodePtr> nodes;
};

struct TextNode : Node {
  TextNode(size_t p, std::string t) : Node(NodeType::Text, p), text(std::move(t)) {}
  void write(std::string& out) const override { out += text; }
  std::string text;
};

struct CommentNode : Node {
  CommentNode(size_t p, std::string t) : Node(NodeType::Comment, p), text(std::move(t)) {}
  void write(std::string& out) const override;
  std::string text;  // "/* ... */"
};

struct VariableNode : Node {
  VariableNode(size_t p, std::vector<std::string> id) : Node(NodeType::Variable, p), ident(std::move(id)) {}
  void write(std::string& out) const override;
  std::vector<std::string> ident;  // "$x", then field names
};

struct CommandNode : Node {
  explicit CommandNode(size_t p) : Node(NodeType::Command, p) {}
  void write(std::string& out) const override;
  std::vector<NodePtr> args;  // the function or operand, then its arguments
};

struct PipeNode : Node {
  PipeNode(size_t p, int l) : Node(NodeType::Pipe, p), line(l) {}
  void write(std::string& out) const override;
  int line;
  bool is_assign = false;  // $x = ... rather than $x := ...
  std::vector<std::unique_ptr<VariableNode>> decl;
  std::vector<std::unique_ptr<CommandNode>> cmds;
};

struct ActionNode : Node {
  ActionNode(size_t p, int l, std::unique_ptr<PipeNode> pp)
      : Node(NodeType::Action, p), line(l), pipe(std::move(pp)) {}
  void write(std::string& out) const override;
  int line;
  std::unique_ptr<PipeNode> pipe;
};

struct IdentifierNode : Node {
  IdentifierNode(size_t p, std::string id) : Node(NodeType::Identifier, p), ident(std::move(id)) {}
  void write(std::string& out) const override { out += ident; }
  std::string ident;
};

struct DotNode : Node {
  explicit DotNode(size_t p) : Node(NodeType::Dot, p) {}
  void write(std::string& out) const override { out += '.'; }
};

struct NilNode : Node {
  explicit NilNode(size_t p) : Node(NodeType::Nil, p) {}
  void write(std::string& out) const override { out += "nil"; }
};

struct FieldNode : Node {
  FieldNode(size_t p, std::vector<std::string> id) : Node(NodeType::Field, p), ident(std::move(id)) {}
  void write(std::string& out) const override;
  std::vector<std::string> ident;  // field names, without dots
};

// (pipeline).Field1.Field2, or a field chain on some other operand.
struct ChainNode : Node {
  ChainNode(size_t p, NodePtr n) : Node(NodeType::Chain, p), node(std::move(n)) {}
  void write(std::string& out) const override;
  NodePtr node;
  std::vector<std::string> field;
};

struct BoolNode : Node {
  BoolNode(size_t p, bool v) : Node(NodeType::Bool, p), value(v) {}
  void write(std::string& out) const override { out += value ? "true" : "false"; }
  bool value;
};

struct NumberNode : Node {
  NumberNode(size_t p, std::string t) : Node(NodeType::Number, p), text(std::move(t)) {}
  void write(std::string& out) const override { out += text; }
  bool is_int = false, is_uint = false, is_float = false;
  int64_t int64 = 0;
  uint64_t uint64 = 0;
  double float64 = 0;
  std::string text;  // as written
};

struct StringNode : Node {
  StringNode(size_t p, std::string q, std::string t)
      : Node(NodeType::String, p), quoted(std::move(q)), text(std::move(t)) {}
  void write(std::string& out) const override { out += quoted; }
  std::string quoted;  // as written, with quotes
  std::string text;    // the value
};

// if, range and with: a pipeline, a list, and an optional else list.
struct BranchNode : Node {
  BranchNode(NodeType t, size_t p, int l) : Node(t, p), line(l) {}
  void write(std::string& out) const override;
  int line;
  std::unique_ptr<PipeNode> pipe;
  std::unique_ptr<ListNode> list;
  std::unique_ptr<ListNode> else_list;  // may be null
};

struct BreakNode : Node {
  BreakNode(NodeType t, size_t p, int l) : Node(t, p), line(l) {}  // Break or Continue
  void write(std::string& out) const override {
    out += type == NodeType::Break ? "{{break}}" : "{{continue}}";
  }
  int line;
};

struct TemplateNode : Node {
  TemplateNode(size_t p, int l, std::string n, std::unique_ptr<PipeNode> pp)
      : Node(NodeType::Template, p), line(l), name(std::move(n)), pipe(std::move(pp)) {}
  void write(std::string& out) const override;
  int line;
  std::string name;
  std::unique_ptr<PipeNode> pipe;  // may be null
};

// {{else}} / {{end}} while parsing.
struct DelimNode : Node {
  DelimNode(NodeType t, size_t p, int l) : Node(t, p), line(l) {}
  void write(std::string& out) const override {
    out += type == NodeType::Else ? "{{else}}" : "{{end}}";
  }
  int line;
};

// One named template.
struct Tree {
  std::string name;        // the template's name ("frr.conf", or a {{define}} name)
  std::string parse_name;  // the name of the top-level template it was parsed with
  std::unique_ptr<ListNode> root;
  std::shared_ptr<const std::string> text;  // the whole parsed text

  // 1-based line and 0-based byte column of an offset in text (as Go reports them).
  std::pair<int, int> location(size_t pos) const;
};

// The 1-based line and 0-based byte column of an offset in a text.
std::pair<int, int> text_location(std::string_view text, size_t pos);

// The templates of one parse, by name.
struct TemplateSet {
  std::string name;  // the top-level template
  std::shared_ptr<const std::string> text;
  std::map<std::string, std::unique_ptr<Tree>, std::less<>> trees;

  const Tree* lookup(std::string_view n) const {
    auto it = trees.find(n);
    return it == trees.end() ? nullptr : it->second.get();
  }
};

// A parse or execution error. `message` is complete, as Go formats it:
//   template: frr.conf:12: unexpected "}" in operand            (Go; cfgc adds the column)
//   template: frr.conf:12:15: executing "frr.conf" at <.bgp.asn>: nil pointer evaluating ...
// line (1-based) and col (0-based byte offset in the line, as Go counts) locate it in the
// template text; both are 0 when there is no position.
struct TemplateError {
  std::string message;
  int line = 0;
  int col = 0;
};

// Go's parse.IsEmptyTree: only white space text, comments and empty lists.
bool is_empty_tree(const Node* n);

}  // namespace cfgc::tmpl
