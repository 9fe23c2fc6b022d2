#pragma once
// The lexer of Go's text/template language: splits a template into text, comments and the
// tokens of actions between the delimiters ({{ and }} by default).
//
// Trim markers remove white space around an action: "{{- " removes the white space (space,
// tab, CR, LF) before it, " -}}" the white space after it. A comment is "{{/* ... */}}" (the
// "/*" right after the delimiter or trim marker, the "*/" right before the closing one).
// Inside actions, newlines are white space.
//
// Lexing stops at the first error: the last item is then an Error item whose text is the
// message ("unclosed action", "bad number syntax: \"3x\"", ...); otherwise it is Eof.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::tmpl {

enum class ItemType : uint8_t {
  Error,         // a lexing error; the text is the message
  Bool,          // true, false
  Char,          // a printable ASCII character not otherwise used, such as ','
  CharConstant,  // 'a'
  Comment,       // /* ... */
  Complex,       // 1+2i
  Assign,        // =
  Declare,       // :=
  Eof,
  Field,       // .name
  Identifier,  // a function name
  LeftDelim,
  LeftParen,
  Number,
  Pipe,  // |
  RawString,
  RightDelim,
  RightParen,
  Space,  // a run of white space inside an action
  String,
  Text,      // plain text outside actions
  Variable,  // $, $name
  // Keywords; every type after Keyword is one.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,  // .
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
};

struct Item {
  ItemType type = ItemType::Eof;
  size_t pos = 0;    // byte offset in the input
  int line = 1;      // 1-based line of pos
  std::string val;   // the token as written, or an error message
};

struct LexOptions {
  std::string left_delim = "{{";
  std::string right_delim = "}}";
  // Whether "break" and "continue" are keywords (they are not when functions have those names).
  bool break_ok = true;
  bool continue_ok = true;
};

// Every item of the input, ending with Eof or Error.
std::vector<Item> lex_template(std::string_view input, const LexOptions& opts = {});

// An item as Go prints it in parse errors: EOF, the error message, <keyword>, or the quoted
// text (at most 10 runes, then "...").
std::string item_string(const Item& item);

// The name of an item type, for tests: "Text", "LeftDelim", "Field", ...
std::string_view item_type_name(ItemType t);

}  // namespace cfgc::tmpl
