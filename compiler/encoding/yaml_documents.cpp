#include "compiler/encoding/yaml_documents.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include <istream>
#include <streambuf>
#include <string>

namespace cfgc::encoding {

namespace {

// Forwards the event stream to another handler (if any), proving on the way that every
// document makes progress.
class ProgressCheck : public YAML::EventHandler {
 public:
  ProgressCheck(std::string_view text, YAML::EventHandler* next) : text_(text), next_(next) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (started_ && mark.pos == last_start_.pos) {
      char c =
          mark.pos >= 0 && static_cast<size_t>(mark.pos) < text_.size() ? text_[mark.pos] : ' ';
      throw YAML::ParserException(
          mark, c == ',' ? "unexpected ',' outside a flow collection ([...] or {...})"
                         : fmt::format("unexpected '{}'", c));
    }
    started_ = true;
    last_start_ = mark;
    if (next_) next_->OnDocumentStart(mark);
  }
  void OnDocumentEnd() override {
    if (next_) next_->OnDocumentEnd();
  }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (next_) next_->OnNull(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (next_) next_->OnAlias(mark, anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (next_) next_->OnScalar(mark, tag, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    if (next_) next_->OnSequenceStart(mark, tag, anchor, style);
  }
  void OnSequenceEnd() override {
    if (next_) next_->OnSequenceEnd();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    if (next_) next_->OnMapStart(mark, tag, anchor, style);
  }
  void OnMapEnd() override {
    if (next_) next_->OnMapEnd();
  }

 private:
  std::string_view text_;
  YAML::EventHandler* next_;
  bool started_ = false;
  YAML::Mark last_start_;
};

// An input stream over bytes in memory, which yaml-cpp reads without a copy.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // only read: the get area
    setg(p, p, p + text.size());
  }
};

// A mark at byte offset `offset` of `text` (yaml-cpp's Mark has no public constructor).
YAML::Mark mark_at(std::string_view text, size_t offset) {
  YAML::Mark m;
  m.pos = static_cast<int>(offset);
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.column = 0;
    } else {
      ++m.column;
    }
  }
  return m;
}

}  // namespace

// Whether some ',' in `text` could be a token where a document's root node belongs (the
// stall above), judged from its line alone so that the common case costs one scan and no
// second parse. Such a ',' starts a token right after another token, so what precedes it on
// its line is nothing, or a word that ends in punctuation (a closing quote or bracket,
// `---`, `-`, `?`, `:`) or is a property or header (`&a`, `*a`, `!t`, `|2`, `%YAML`). A ','
// after a word ending in a letter or digit continues a plain scalar (`a: 1, 2` is the string
// "1, 2"), or is inside a flow collection, where the parser consumes it. False positives
// only cost the check.
bool yaml_cpp_may_stall(std::string_view text) {
  auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  for (size_t comma = text.find(','); comma != std::string_view::npos;
       comma = text.find(',', comma + 1)) {
    size_t end = comma;  // the word before the comma is [begin, end)
    while (end > 0 && blank(text[end - 1])) --end;
    if (end == 0 || text[end - 1] == '\n' || !alnum(text[end - 1])) return true;
    size_t begin = end;
    // Stopping at the previous ',' keeps the scan linear; that comma was judged already.
    while (begin > 0 && !blank(text[begin - 1]) && text[begin - 1] != '\n' &&
           text[begin - 1] != ',')
      --begin;
    if (std::string_view("&*!|>%").find(text[begin]) != std::string_view::npos) return true;
  }
  return false;
}

size_t first_invalid_yaml_char(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) return i;
  }
  return std::string_view::npos;
}

namespace {

// Throws at the first character YAML does not allow.
void check_yaml_chars(std::string_view text) {
  if (size_t i = first_invalid_yaml_char(text); i != std::string_view::npos)
    throw YAML::ParserException(
        mark_at(text, i),
        fmt::format("control character U+{:04X} (YAML allows only tab, line feed and carriage "
                    "return)",
                    static_cast<unsigned char>(text[i])));
}

}  // namespace

std::vector<YAML::Node> load_yaml_documents(std::string_view text) {
  check_yaml_chars(text);
  if (yaml_cpp_may_stall(text)) {
    MemoryBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    ProgressCheck check(text, nullptr);
    while (parser.HandleNextDocument(check)) {
    }
  }
  MemoryBuffer buffer(text);
  std::istream in(&buffer);
  return YAML::LoadAll(in);
}

}  // namespace cfgc::encoding
