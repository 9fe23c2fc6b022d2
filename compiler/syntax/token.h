#pragma once
// Lexical tokens of the CUE language (see the spec's "Lexical elements").

#include <cstdint>
#include <string_view>

namespace cfgc::syntax {

enum class Tok : uint8_t {
  Illegal,
  Eof,
  // Literals and names.
  Ident,      // foo  #Def  _hidden  _#hiddenDef  $x
  Int,        // 12  0x1F  1_000  1Ki
  Float,      // 1.5  1e3  .5
  String,     // "a"  'b'  """…"""  #"raw"#  (possibly with interpolations)
  Attribute,  // @name(…)
  Bottom,     // _|_
  // Keywords.
  Package,
  Import,
  For,
  In,
  If,
  Let,
  True,
  False,
  Null,
  // Operators and punctuation.
  Add,  // +
  Sub,  // -
  Mul,  // *
  Quo,  // /
  // The integer operators `div`, `mod`, `quo`, `rem`: spelled as identifiers (they are also
  // the builtins div(a, b), …), operators only between two operands.
  IDiv,
  IMod,
  IQuo,
  IRem,
  And,       // &
  Or,        // |
  LAnd,      // &&
  LOr,       // ||
  Eql,       // ==
  Neq,       // !=
  Lss,       // <
  Leq,       // <=
  Gtr,       // >
  Geq,       // >=
  Mat,       // =~
  NMat,      // !~
  Not,       // !
  Bind,      // =
  LParen,    // (
  RParen,    // )
  LBrack,    // [
  RBrack,    // ]
  LBrace,    // {
  RBrace,    // }
  Comma,     // ,  (or a newline-inserted comma)
  Period,    // .
  Ellipsis,  // ...
  Colon,     // :
  Option,    // ?
  Count_
};

// Token flags.
enum : uint8_t {
  kTokImplicit = 1,   // a comma inserted at a newline or EOF
  kTokInterp = 2,     // a string literal that contains interpolations
  kTokMultiline = 4,  // a """ or ''' string literal
  kTokSecret = 8,     // a literal injected by a tag: never shown in messages
};

// One token: kind and its byte range in the file (file-relative offsets). The scanner writes
// tokens in place (Scanner::next(Token&)): returned by value, a Token was assembled in memory
// and read back whole, which stalled the scanner.
struct Token {
  uint32_t offset = 0;
  uint32_t length = 0;
  Tok kind = Tok::Illegal;
  uint8_t flags = 0;
  uint32_t end() const { return offset + length; }
  bool implicit() const { return flags & kTokImplicit; }
};

// The fixed spelling of a keyword or operator ("+", "for"), or a description ("identifier").
std::string_view tok_spelling(Tok t);
inline bool is_keyword(Tok t) { return t >= Tok::Package && t <= Tok::Null; }
// Keyword lookup for an identifier spelling; returns Tok::Ident if it is not a keyword.
Tok lookup_keyword(std::string_view s);

// Binary operator precedence (spec: "Operator precedence"), 0 if not a binary operator.
inline int binary_precedence(Tok t) {
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
// The operator an identifier spells in infix position (`7 div 2`), or Tok::Ident.
Tok infix_word(std::string_view s);
inline constexpr int kLowestPrec = 0;
inline constexpr int kUnaryPrec = 8;

}  // namespace cfgc::syntax
