#include "compiler/encoding/yaml_events.h"

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>
#include <yaml.h>

#include <string>
#include <unordered_map>

#include "compiler/encoding/yaml_documents.h"

namespace cfgc::encoding {

namespace {

// The length of the UTF-8 sequence at text[i], or 0 when the byte there does not start a valid
// one (Go's utf8.DecodeRune reads such a byte as one U+FFFD, and so does cue's YAML reader).
size_t utf8_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xc2 && c <= 0xdf   ? 2
             : c >= 0xe0 && c <= 0xef ? 3
             : c >= 0xf0 && c <= 0xf4 ? 4
                                      : 0;
  if (n == 0) return 0;
  unsigned char lo = 0x80, hi = 0xbf;  // the second byte's range
  if (c == 0xe0) lo = 0xa0;
  if (c == 0xed) hi = 0x9f;
  if (c == 0xf0) lo = 0x90;
  if (c == 0xf4) hi = 0x8f;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
  }
  return n;
}

// The text for libyaml: `text` itself, or a copy whose invalid UTF-8 bytes are each one U+FFFD
// (libyaml refuses them; cue reads them so). Either way one character per character of `text`.
std::string_view parser_text(std::string_view text, std::string& copy) {
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  for (; i < text.size();) {
    size_t n = utf8_length(text, i);
    if (n == 0) break;
    i += n;
  }
  if (i == text.size()) return text;
  copy.reserve(text.size() + 16);
  for (size_t k = 0; k < text.size();) {
    size_t n = utf8_length(text, k);
    if (n == 0) {
      copy += "\xef\xbf\xbd";
      ++k;
    } else {
      copy.append(text.substr(k, n));
      k += n;
    }
  }
  return copy;
}

// libyaml's marks count characters; the builder wants byte offsets into the source. Events
// come in text order, so a cursor that walks forward converts each in amortized constant time
// (and text that is all ASCII needs no walk at all).
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : text_(text) {
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        ascii_ = false;
        break;
      }
    }
  }

  size_t operator()(size_t char_index) {
    if (ascii_) return std::min(char_index, text_.size());
    if (char_index < chars_) chars_ = bytes_ = 0;  // backwards: start again
    while (chars_ < char_index && bytes_ < text_.size()) {
      size_t n = utf8_length(text_, bytes_);
      bytes_ += n == 0 ? 1 : n;
      ++chars_;
    }
    return std::min(bytes_, text_.size());
  }

 private:
  std::string_view text_;
  bool ascii_ = true;
  size_t chars_ = 0, bytes_ = 0;
};

// Owns one libyaml parser and its current event.
struct Parser {
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  Parser() { yaml_parser_initialize(&parser); }
  ~Parser() {
    if (has_event) yaml_event_delete(&event);
    yaml_parser_delete(&parser);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

bool null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

}  // namespace

void read_yaml_events(std::string_view text, YAML::EventHandler& handler) {
  if (size_t i = first_invalid_yaml_char(text); i != std::string_view::npos) {
    YAML::Mark m;
    m.pos = static_cast<int>(i);
    for (size_t k = 0; k < i; ++k) {
      if (text[k] == '\n') {
        ++m.line;
        m.column = 0;
      } else {
        ++m.column;
      }
    }
    throw YAML::ParserException(
        m, fmt::format("control character U+{:04X} (YAML allows only tab, line feed and "
                       "carriage return)",
                       static_cast<unsigned char>(text[i])));
  }
  // A byte order mark is not content: libyaml reads what follows it, and marks count from
  // there.
  size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  ByteOffsets offsets(text.substr(bom));
  auto mark_of = [&](const yaml_mark_t& m) {
    YAML::Mark out;
    out.pos = static_cast<int>(bom + offsets(m.index));
    out.line = static_cast<int>(m.line);
    out.column = static_cast<int>(m.column);
    return out;
  };
  std::string copy;
  std::string_view input = parser_text(text.substr(bom), copy);
  Parser p;
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(input.data()),
                               input.size());
  yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
  std::unordered_map<std::string, YAML::anchor_t> anchors;  // of the current document
  YAML::anchor_t next_anchor = 1;
  auto define = [&](const yaml_char_t* name) -> YAML::anchor_t {
    if (!name) return YAML::NullAnchor;
    YAML::anchor_t id = next_anchor++;
    anchors[reinterpret_cast<const char*>(name)] = id;
    return id;
  };
  auto tag_of = [](const yaml_char_t* tag, bool plain) -> std::string {
    if (tag) return reinterpret_cast<const char*>(tag);
    return plain ? "?" : "!";
  };
  for (;;) {
    if (p.has_event) {
      yaml_event_delete(&p.event);
      p.has_event = false;
    }
    if (!yaml_parser_parse(&p.parser, &p.event)) {
      const yaml_parser_t& y = p.parser;
      std::string msg = y.problem ? y.problem : "invalid YAML";
      if (y.context) msg += fmt::format(" ({} at line {})", y.context, y.context_mark.line + 1);
      YAML::Mark at = mark_of(y.problem_mark);
      // libyaml's words for a stray ',' do not name it.
      if (static_cast<size_t>(at.pos) < text.size() && text[at.pos] == ',' &&
          msg.starts_with("did not find expected node content")) {
        msg += ": unexpected ',' outside a flow collection ([...] or {...})";
      }
      throw YAML::ParserException(at, msg);
    }
    p.has_event = true;
    const yaml_event_t& e = p.event;
    switch (e.type) {
      case YAML_STREAM_END_EVENT: return;
      case YAML_DOCUMENT_START_EVENT:
        anchors.clear();
        next_anchor = 1;
        handler.OnDocumentStart(mark_of(e.start_mark));
        break;
      case YAML_DOCUMENT_END_EVENT: handler.OnDocumentEnd(); break;
      case YAML_ALIAS_EVENT: {
        std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
        auto it = anchors.find(name);
        if (it == anchors.end()) {
          throw YAML::ParserException(mark_of(e.start_mark),
                                      fmt::format("unknown anchor '{}' referenced", name));
        }
        handler.OnAlias(mark_of(e.start_mark), it->second);
        break;
      }
      case YAML_SCALAR_EVENT: {
        const auto& s = e.data.scalar;
        std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        YAML::Mark m = mark_of(e.start_mark);
        YAML::anchor_t anchor = define(s.anchor);
        if (!s.tag && plain && null_word(value)) {
          handler.OnNull(m, anchor);
        } else {
          handler.OnScalar(m, tag_of(s.tag, plain), anchor, std::string(value));
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT: {
        const auto& s = e.data.sequence_start;
        YAML::Mark m = mark_of(e.start_mark);
        YAML::anchor_t anchor = define(s.anchor);
        handler.OnSequenceStart(m, tag_of(s.tag, true), anchor,
                                s.style == YAML_FLOW_SEQUENCE_STYLE ? YAML::EmitterStyle::Flow
                                                                    : YAML::EmitterStyle::Block);
        break;
      }
      case YAML_SEQUENCE_END_EVENT: handler.OnSequenceEnd(); break;
      case YAML_MAPPING_START_EVENT: {
        const auto& s = e.data.mapping_start;
        YAML::Mark m = mark_of(e.start_mark);
        YAML::anchor_t anchor = define(s.anchor);
        handler.OnMapStart(m, tag_of(s.tag, true), anchor,
                           s.style == YAML_FLOW_MAPPING_STYLE ? YAML::EmitterStyle::Flow
                                                              : YAML::EmitterStyle::Block);
        break;
      }
      case YAML_MAPPING_END_EVENT: handler.OnMapEnd(); break;
      default: break;  // stream start, no event
    }
  }
}

}  // namespace cfgc::encoding
