#include "compiler/template/template_lexer.h"

#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"
#include "compiler/template/template_fmt.h"

namespace cfgc::tmpl {

namespace {

constexpr char32_t kEof = 0xFFFFFFFE;
constexpr std::string_view kLeftComment = "/*";
constexpr std::string_view kRightComment = "*/";
constexpr size_t kTrimMarkerLen = 2;  // "- " or " -"

bool is_space(char32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }

bool is_alnum(char32_t r) {
  return r == '_' || (r != kEof && (unicode::is_letter(r) || unicode::is_digit(r)));
}

bool has_left_trim_marker(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && is_space(static_cast<unsigned char>(s[1]));
}

bool has_right_trim_marker(std::string_view s) {
  return s.size() >= 2 && is_space(static_cast<unsigned char>(s[0])) && s[1] == '-';
}

size_t left_trim_length(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_space(static_cast<unsigned char>(s[n]))) ++n;
  return n;
}

size_t right_trim_length(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_space(static_cast<unsigned char>(s[s.size() - 1 - n]))) ++n;
  return n;
}

class Lexer {
 public:
  Lexer(std::string_view in, const LexOptions& opts) : in_(in), opts_(opts) {}

  std::vector<Item> run() {
    State st = State::Text;
    while (st != State::Done) st = step(st);
    // Lines, from the positions (items are in input order).
    int line = 1;
    size_t at = 0;
    for (Item& it : items_) {
      for (; at < it.pos && at < in_.size(); ++at) {
        if (in_[at] == '\n') ++line;
      }
      it.line = line;
    }
    return std::move(items_);
  }

 private:
  enum class State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Quote,
    RawQuote,
    Char,
    Number,
    Identifier,
    Field,
    Variable,
    Done
  };

  State step(State st) {
    switch (st) {
      case State::Text: return lex_text();
      case State::LeftDelim: return lex_left_delim();
      case State::Comment: return lex_comment();
      case State::RightDelim: return lex_right_delim();
      case State::InsideAction: return lex_inside_action();
      case State::Space: return lex_space();
      case State::Quote: return lex_quote('"', ItemType::String, "unterminated quoted string");
      case State::RawQuote: return lex_raw_quote();
      case State::Char:
        return lex_quote('\'', ItemType::CharConstant, "unterminated character constant");
      case State::Number: return lex_number();
      case State::Identifier: return lex_identifier();
      case State::Field: return lex_field_or_variable(ItemType::Field);
      case State::Variable: return lex_field_or_variable(ItemType::Variable);
      case State::Done: break;
    }
    return State::Done;
  }

  // --- reading ---

  char32_t next() {
    if (pos_ >= in_.size()) {
      width_ = 0;
      return kEof;
    }
    size_t len;
    char32_t r = utf8::decode(in_, pos_, len);
    if (r == utf8::kInvalid) r = 0xFFFD;
    width_ = len;
    pos_ += len;
    return r;
  }
  void backup() { pos_ -= width_; }
  char32_t peek() {
    char32_t r = next();
    backup();
    return r;
  }
  bool accept(std::string_view valid) {
    char32_t r = next();
    if (r != kEof && r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos) {
      return true;
    }
    backup();
    return false;
  }
  void accept_run(std::string_view valid) {
    while (accept(valid)) {
    }
  }
  std::string_view rest(size_t at) const { return at <= in_.size() ? in_.substr(at) : ""; }

  // --- emitting ---

  void emit(ItemType t) {
    items_.push_back(Item{t, start_, 0, std::string(in_.substr(start_, pos_ - start_))});
    start_ = pos_;
  }
  void ignore() { start_ = pos_; }
  State error(std::string msg) {
    items_.push_back(Item{ItemType::Error, start_, 0, std::move(msg)});
    return State::Done;
  }

  // Whether the input at pos_ is the right delimiter, possibly preceded by a trim marker.
  std::pair<bool, bool> at_right_delim() const {
    std::string_view r = rest(pos_);
    if (has_right_trim_marker(r) && r.substr(kTrimMarkerLen).starts_with(opts_.right_delim)) {
      return {true, true};
    }
    if (r.starts_with(opts_.right_delim)) return {true, false};
    return {false, false};
  }

  bool at_terminator() {
    char32_t r = peek();
    if (r == kEof || is_space(r)) return true;
    switch (r) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(': return true;
      default: break;
    }
    return rest(pos_).starts_with(opts_.right_delim);
  }

  // --- states ---

  State lex_text() {
    size_t x = in_.find(opts_.left_delim, pos_);
    if (x != std::string_view::npos) {
      if (x > pos_) {
        pos_ = x;
        size_t trim = 0;
        if (has_left_trim_marker(rest(pos_ + opts_.left_delim.size()))) {
          trim = right_trim_length(in_.substr(start_, pos_ - start_));
        }
        pos_ -= trim;
        if (pos_ > start_) emit(ItemType::Text);
        pos_ += trim;
        ignore();
      }
      return State::LeftDelim;
    }
    pos_ = in_.size();
    if (pos_ > start_) emit(ItemType::Text);
    emit(ItemType::Eof);
    return State::Done;
  }

  State lex_left_delim() {
    pos_ += opts_.left_delim.size();
    bool trim = has_left_trim_marker(rest(pos_));
    size_t after = trim ? kTrimMarkerLen : 0;
    if (rest(pos_ + after).starts_with(kLeftComment)) {
      pos_ += after;
      ignore();
      return State::Comment;
    }
    emit(ItemType::LeftDelim);
    pos_ += after;
    ignore();
    paren_depth_ = 0;
    return State::InsideAction;
  }

  State lex_comment() {
    pos_ += kLeftComment.size();
    size_t x = in_.find(kRightComment, pos_);
    if (x == std::string_view::npos) return error("unclosed comment");
    pos_ = x + kRightComment.size();
    auto [delim, trim] = at_right_delim();
    if (!delim) return error("comment ends before closing delimiter");
    emit(ItemType::Comment);
    if (trim) pos_ += kTrimMarkerLen;
    pos_ += opts_.right_delim.size();
    if (trim) pos_ += left_trim_length(rest(pos_));
    ignore();
    return State::Text;
  }

  State lex_right_delim() {
    auto [delim, trim] = at_right_delim();
    (void)delim;
    if (trim) {
      pos_ += kTrimMarkerLen;
      ignore();
    }
    pos_ += opts_.right_delim.size();
    emit(ItemType::RightDelim);
    if (trim) {
      pos_ += left_trim_length(rest(pos_));
      ignore();
    }
    return State::Text;
  }

  State lex_inside_action() {
    auto [delim, trim] = at_right_delim();
    (void)trim;
    if (delim) {
      if (paren_depth_ == 0) return State::RightDelim;
      return error("unclosed left paren");
    }
    char32_t r = next();
    if (r == kEof) return error("unclosed action");
    if (is_space(r)) {
      backup();  // the space may be part of " -}}"
      return State::Space;
    }
    switch (r) {
      case '=': emit(ItemType::Assign); return State::InsideAction;
      case ':':
        if (next() != '=') return error("expected :=");
        emit(ItemType::Declare);
        return State::InsideAction;
      case '|': emit(ItemType::Pipe); return State::InsideAction;
      case '"': return State::Quote;
      case '`': return State::RawQuote;
      case '$': return State::Variable;
      case '\'': return State::Char;
      case '.':
        // ".field", or a number such as ".5".
        if (pos_ < in_.size() && (in_[pos_] < '0' || in_[pos_] > '9')) return State::Field;
        backup();
        return State::Number;
      case '(':
        ++paren_depth_;
        emit(ItemType::LeftParen);
        return State::InsideAction;
      case ')':
        if (--paren_depth_ < 0) return error("unexpected right paren");
        emit(ItemType::RightParen);
        return State::InsideAction;
      default: break;
    }
    if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
      backup();
      return State::Number;
    }
    if (is_alnum(r)) {
      backup();
      return State::Identifier;
    }
    if (r < 0x80 && r > ' ' && r < 0x7F) {
      emit(ItemType::Char);
      return State::InsideAction;
    }
    return error("unrecognized character in action: " + go_unicode_name(r));
  }

  State lex_space() {
    size_t spaces = 0;
    while (is_space(peek())) {
      next();
      ++spaces;
    }
    // A space followed by "-}}" is a trim marker, not a separator.
    if (pos_ > 0 && has_right_trim_marker(rest(pos_ - 1)) &&
        rest(pos_ - 1 + kTrimMarkerLen).starts_with(opts_.right_delim)) {
      pos_ -= 1;
      if (spaces == 1) return State::InsideAction;
    }
    emit(ItemType::Space);
    return State::InsideAction;
  }

  State lex_quote(char32_t quote, ItemType type, const char* unterminated) {
    while (true) {
      char32_t r = next();
      if (r == '\\') {
        r = next();
        if (r != kEof && r != '\n') continue;
        return error(unterminated);
      }
      if (r == kEof || r == '\n') return error(unterminated);
      if (r == quote) break;
    }
    emit(type);
    return State::InsideAction;
  }

  State lex_raw_quote() {
    while (true) {
      char32_t r = next();
      if (r == kEof) return error("unterminated raw quoted string");
      if (r == '`') break;
    }
    emit(ItemType::RawString);
    return State::InsideAction;
  }

  bool scan_number() {
    accept("+-");
    std::string_view digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    accept_run(digits);
    if (accept(".")) accept_run(digits);
    if (digits.size() == 11 && accept("eE")) {
      accept("+-");
      accept_run("0123456789_");
    }
    if (digits.size() == 23 && accept("pP")) {
      accept("+-");
      accept_run("0123456789_");
    }
    accept("i");  // imaginary
    if (is_alnum(peek())) {
      next();
      return false;
    }
    return true;
  }

  State lex_number() {
    auto bad = [&] {
      return error("bad number syntax: " + go_quote(in_.substr(start_, pos_ - start_)));
    };
    if (!scan_number()) return bad();
    char32_t sign = peek();
    if (sign == '+' || sign == '-') {
      // Complex: 1+2i, no spaces, ending in 'i'.
      if (!scan_number() || in_[pos_ - 1] != 'i') return bad();
      emit(ItemType::Complex);
      return State::InsideAction;
    }
    emit(ItemType::Number);
    return State::InsideAction;
  }

  State lex_identifier() {
    while (true) {
      char32_t r = next();
      if (is_alnum(r)) continue;
      backup();
      if (!at_terminator()) return error("bad character " + go_unicode_name(r));
      std::string_view word = in_.substr(start_, pos_ - start_);
      ItemType t = ItemType::Identifier;
      if (word == "block") t = ItemType::Block;
      else if (word == "break") t = opts_.break_ok ? ItemType::Break : ItemType::Identifier;
      else if (word == "continue") t = opts_.continue_ok ? ItemType::Continue : ItemType::Identifier;
      else if (word == "define") t = ItemType::Define;
      else if (word == "else") t = ItemType::Else;
      else if (word == "end") t = ItemType::End;
      else if (word == "if") t = ItemType::If;
      else if (word == "nil") t = ItemType::Nil;
      else if (word == "range") t = ItemType::Range;
      else if (word == "template") t = ItemType::Template;
      else if (word == "with") t = ItemType::With;
      else if (word == "true" || word == "false") t = ItemType::Bool;
      emit(t);
      return State::InsideAction;
    }
  }

  // After '.' or '$': a field (.name), a variable ($name), or alone the dot or $.
  State lex_field_or_variable(ItemType type) {
    if (at_terminator()) {
      emit(type == ItemType::Variable ? ItemType::Variable : ItemType::Dot);
      return State::InsideAction;
    }
    char32_t r;
    while (true) {
      r = next();
      if (!is_alnum(r)) {
        backup();
        break;
      }
    }
    if (!at_terminator()) return error("bad character " + go_unicode_name(r));
    emit(type);
    return State::InsideAction;
  }

  std::string_view in_;
  const LexOptions& opts_;
  size_t pos_ = 0;
  size_t start_ = 0;
  size_t width_ = 0;
  int paren_depth_ = 0;
  std::vector<Item> items_;
};

}  // namespace

std::vector<Item> lex_template(std::string_view input, const LexOptions& opts) {
  return Lexer(input, opts).run();
}

std::string item_string(const Item& item) {
  if (item.type == ItemType::Eof) return "EOF";
  if (item.type == ItemType::Error) return item.val;
  if (item.type > ItemType::Keyword) return "<" + item.val + ">";
  if (item.val.size() > 10) return go_quote_prefix(item.val, 10) + "...";
  return go_quote(item.val);
}

std::string_view item_type_name(ItemType t) {
  switch (t) {
    case ItemType::Error: return "Error";
    case ItemType::Bool: return "Bool";
    case ItemType::Char: return "Char";
    case ItemType::CharConstant: return "CharConstant";
    case ItemType::Comment: return "Comment";
    case ItemType::Complex: return "Complex";
    case ItemType::Assign: return "Assign";
    case ItemType::Declare: return "Declare";
    case ItemType::Eof: return "Eof";
    case ItemType::Field: return "Field";
    case ItemType::Identifier: return "Identifier";
    case ItemType::LeftDelim: return "LeftDelim";
    case ItemType::LeftParen: return "LeftParen";
    case ItemType::Number: return "Number";
    case ItemType::Pipe: return "Pipe";
    case ItemType::RawString: return "RawString";
    case ItemType::RightDelim: return "RightDelim";
    case ItemType::RightParen: return "RightParen";
    case ItemType::Space: return "Space";
    case ItemType::String: return "String";
    case ItemType::Text: return "Text";
    case ItemType::Variable: return "Variable";
    case ItemType::Keyword: return "Keyword";
    case ItemType::Block: return "Block";
    case ItemType::Break: return "Break";
    case ItemType::Continue: return "Continue";
    case ItemType::Dot: return "Dot";
    case ItemType::Define: return "Define";
    case ItemType::Else: return "Else";
    case ItemType::End: return "End";
    case ItemType::If: return "If";
    case ItemType::Nil: return "Nil";
    case ItemType::Range: return "Range";
    case ItemType::Template: return "Template";
    case ItemType::With: return "With";
  }
  return "?";
}

}  // namespace cfgc::tmpl
