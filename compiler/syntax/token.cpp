#include "compiler/syntax/token.h"

#include <array>

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

bool is_keyword(Tok t) { return t >= Tok::Package && t <= Tok::Null; }

Tok lookup_keyword(std::string_view s) {
  if (s.size() < 2 || s.size() > 7) return Tok::Ident;
  static constexpr std::array<std::pair<std::string_view, Tok>, 9> kKeywords{{
      {"package", Tok::Package},
      {"import", Tok::Import},
      {"for", Tok::For},
      {"in", Tok::In},
      {"if", Tok::If},
      {"let", Tok::Let},
      {"true", Tok::True},
      {"false", Tok::False},
      {"null", Tok::Null},
  }};
  for (auto& [name, tok] : kKeywords) {
    if (name == s) return tok;
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

int binary_precedence(Tok t) {
  switch (t) {
    case Tok::Or: return 1;
    case Tok::And: return 2;
    case Tok::LOr: return 3;
    case Tok::LAnd: return 4;
    case Tok::Eql:
    case Tok::Neq:
    case Tok::Lss:
    case Tok::Leq:
    case Tok::Gtr:
    case Tok::Geq:
    case Tok::Mat:
    case Tok::NMat: return 5;
    case Tok::Add:
    case Tok::Sub: return 6;
    case Tok::Mul:
    case Tok::Quo:
    case Tok::IDiv:
    case Tok::IMod:
    case Tok::IQuo:
    case Tok::IRem: return 7;
    default: return 0;
  }
}

}  // namespace cfgc::syntax
