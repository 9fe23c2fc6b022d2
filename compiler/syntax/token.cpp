#include "compiler/syntax/token.h"

namespace cfgc::syntax {

std::string_view tok_spelling(Tok t) {
  switch (t) {
    case Tok::Illegal: return "illegal token";
    case Tok::Eof: return "EOF";
    case Tok::Ident: return "identifier";
    case Tok::Int: return "integer literal";
    case Tok::Float: return "float literal";
    case Tok::String: return "string literal";
    case Tok::Attribute: return "attribute";
    case Tok::Bottom: return "_|_";
    case Tok::Package: return "package";
    case Tok::Import: return "import";
    case Tok::For: return "for";
    case Tok::In: return "in";
    case Tok::If: return "if";
    case Tok::Let: return "let";
    case Tok::True: return "true";
    case Tok::False: return "false";
    case Tok::Null: return "null";
    case Tok::Add: return "+";
    case Tok::Sub: return "-";
    case Tok::Mul: return "*";
    case Tok::Quo: return "/";
    case Tok::IDiv: return "div";
    case Tok::IMod: return "mod";
    case Tok::IQuo: return "quo";
    case Tok::IRem: return "rem";
    case Tok::And: return "&";
    case Tok::Or: return "|";
    case Tok::LAnd: return "&&";
    case Tok::LOr: return "||";
    case Tok::Eql: return "==";
    case Tok::Neq: return "!=";
    case Tok::Lss: return "<";
    case Tok::Leq: return "<=";
    case Tok::Gtr: return ">";
    case Tok::Geq: return ">=";
    case Tok::Mat: return "=~";
    case Tok::NMat: return "!~";
    case Tok::Not: return "!";
    case Tok::Bind: return "=";
    case Tok::LParen: return "(";
    case Tok::RParen: return ")";
    case Tok::LBrack: return "[";
    case Tok::RBrack: return "]";
    case Tok::LBrace: return "{";
    case Tok::RBrace: return "}";
    case Tok::Comma: return ",";
    case Tok::Period: return ".";
    case Tok::Ellipsis: return "...";
    case Tok::Colon: return ":";
    case Tok::Option: return "?";
    case Tok::Count_: break;
  }
  return "?";
}

Tok lookup_keyword(std::string_view s) {
  // By length first: most identifiers are decided without comparing a byte.
  switch (s.size()) {
    case 2:
      if (s == "in") return Tok::In;
      if (s == "if") return Tok::If;
      break;
    case 3:
      if (s == "for") return Tok::For;
      if (s == "let") return Tok::Let;
      break;
    case 4:
      if (s == "true") return Tok::True;
      if (s == "null") return Tok::Null;
      break;
    case 5:
      if (s == "false") return Tok::False;
      break;
    case 6:
      if (s == "import") return Tok::Import;
      break;
    case 7:
      if (s == "package") return Tok::Package;
      break;
    default: break;
  }
  return Tok::Ident;
}

Tok infix_word(std::string_view s) {
  if (s == "div") return Tok::IDiv;
  if (s == "mod") return Tok::IMod;
  if (s == "quo") return Tok::IQuo;
  if (s == "rem") return Tok::IRem;
  return Tok::Ident;
}

}  // namespace cfgc::syntax
