#include "compiler/syntax/ast.h"

namespace cfgc::syntax {

std::string_view Attribute::name() const {
  std::string_view t = text.substr(1);  // drop '@'
  size_t paren = t.find('(');
  return paren == std::string_view::npos ? t : t.substr(0, paren);
}

std::string_view Attribute::body() const {
  size_t open = text.find('(');
  if (open == std::string_view::npos || text.size() < open + 2) return {};
  return text.substr(open + 1, text.size() - open - 2);
}

std::string_view File::package_name() const {
  for (Node* d : decls) {
    if (auto* p = as<Package>(d)) return p->name ? p->name->name : std::string_view{};
  }
  return {};
}

}  // namespace cfgc::syntax
