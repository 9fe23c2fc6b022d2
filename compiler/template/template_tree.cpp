#include "compiler/template/template_tree.h"

#include <algorithm>

#include "compiler/template/template_fmt.h"

namespace cfgc::tmpl {

void ListNode::write(std::string& out) const {
  for (const NodePtr& n : nodes) n->write(out);
}

void CommentNode::write(std::string& out) const {
  out += "{{";
  out += text;
  out += "}}";
}

void VariableNode::write(std::string& out) const {
  for (size_t i = 0; i < ident.size(); ++i) {
    if (i > 0) out += '.';
    out += ident[i];
  }
}

void CommandNode::write(std::string& out) const {
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    if (args[i]->type == NodeType::Pipe) {
      out += '(';
      args[i]->write(out);
      out += ')';
    } else {
      args[i]->write(out);
    }
  }
}

void PipeNode::write(std::string& out) const {
  if (!decl.empty()) {
    for (size_t i = 0; i < decl.size(); ++i) {
      if (i > 0) out += ", ";
      decl[i]->write(out);
    }
    out += is_assign ? " = " : " := ";
  }
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (i > 0) out += " | ";
    cmds[i]->write(out);
  }
}

void ActionNode::write(std::string& out) const {
  out += "{{";
  pipe->write(out);
  out += "}}";
}

void FieldNode::write(std::string& out) const {
  for (const std::string& id : ident) {
    out += '.';
    out += id;
  }
}

void ChainNode::write(std::string& out) const {
  if (node->type == NodeType::Pipe) {
    out += '(';
    node->write(out);
    out += ')';
  } else {
    node->write(out);
  }
  for (const std::string& f : field) {
    out += '.';
    out += f;
  }
}

void BranchNode::write(std::string& out) const {
  out += "{{";
  out += type == NodeType::If ? "if" : type == NodeType::Range ? "range" : "with";
  out += ' ';
  pipe->write(out);
  out += "}}";
  list->write(out);
  if (else_list) {
    out += "{{else}}";
    else_list->write(out);
  }
  out += "{{end}}";
}

void TemplateNode::write(std::string& out) const {
  out += "{{template ";
  out += go_quote(name);
  if (pipe) {
    out += ' ';
    pipe->write(out);
  }
  out += "}}";
}

std::pair<int, int> Tree::location(size_t pos) const {
  return text_location(text ? std::string_view(*text) : std::string_view(), pos);
}

std::pair<int, int> text_location(std::string_view t, size_t pos) {
  pos = std::min(pos, t.size());
  std::string_view before = t.substr(0, pos);
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  size_t nl = before.rfind('\n');
  int col = static_cast<int>(nl == std::string_view::npos ? pos : pos - (nl + 1));
  return {line, col};
}

bool is_empty_tree(const Node* n) {
  if (!n) return true;
  switch (n->type) {
    case NodeType::Comment: return true;
    case NodeType::List:
      for (const NodePtr& c : static_cast<const ListNode*>(n)->nodes) {
        if (!is_empty_tree(c.get())) return false;
      }
      return true;
    case NodeType::Text: {
      const std::string& s = static_cast<const TextNode*>(n)->text;
      return s.find_first_not_of(" \t\n\v\f\r") == std::string::npos;
    }
    default: return false;
  }
}

}  // namespace cfgc::tmpl
