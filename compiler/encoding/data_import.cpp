#include "compiler/encoding/data_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/encoding/data_labels.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/syntax/parser.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

Result<DataFormat> data_format_of(std::string_view path) {
  auto ends_with = [&](std::string_view ext) {
    return path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends_with(".json")) return DataFormat::Json;
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".ldjson")) {
    return DataFormat::JsonLines;
  }
  if (ends_with(".yaml") || ends_with(".yml")) return DataFormat::Yaml;
  return Error{fmt::format("{}: unknown data format: import reads .json, .jsonl, .ndjson, .yaml "
                           "and .yml files",
                           path),
               {}};
}

namespace {

// Accepts exactly the JSON grammar (nlohmann's SAX parser, values discarded) and remembers
// where the first error is.
struct JsonChecker {
  using json = nlohmann::json;
  size_t error_at = 0;  // bytes read when the error was found (1-based), 0: none
  std::string message;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(size_t) { return true; }
  bool key(json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_at = position;
    message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error while
    // parsing value - invalid literal; last read: '{"a'": keep what follows the position.
    if (size_t p = message.find(": "); p != std::string::npos) message = message.substr(p + 2);
    if (message.rfind("syntax error while parsing ", 0) == 0) {
      if (size_t p = message.find(" - "); p != std::string::npos) message = message.substr(p + 3);
    }
    return false;
  }
};

// Checks one JSON text (the bytes [begin, end) of src); reports the first error.
bool check_json(const SourceFile& src, uint32_t begin, uint32_t end, Diagnostics& diags) {
  std::string_view text = src.content().substr(begin, end - begin);
  JsonChecker checker;
  bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &checker,
                                      nlohmann::json::input_format_t::json, true);
  if (ok) return true;
  size_t at = checker.error_at == 0 ? 0 : checker.error_at - 1;
  if (at > text.size()) at = text.size();
  diags.error(src.pos(begin + static_cast<uint32_t>(at)),
              fmt::format("invalid JSON: {}", checker.message));
  return false;
}

std::vector<DataDocument> read_json(Arena& arena, const SourceFile& src, bool lines,
                                    Diagnostics& diags) {
  std::string_view text = src.content();
  bool ok = true;
  if (lines) {
    // JSON Lines: one JSON value per line, blank lines skipped.
    size_t start = 0;
    while (ok && start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        ok = check_json(src, static_cast<uint32_t>(start), static_cast<uint32_t>(nl), diags);
      }
      start = nl + 1;
    }
  } else if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diags.error(src.pos(0), "invalid JSON: the file is empty");
    ok = false;
  } else {
    ok = check_json(src, 0, static_cast<uint32_t>(text.size()), diags);
  }
  if (!ok) return {};
  // JSON is CUE syntax: the CUE parser gives the tree, one embedded value per document.
  size_t errors_before = diags.error_count();  // an earlier file's errors are not this one's
  File* f = parse_file(arena, src, diags);
  if (diags.error_count() > errors_before) return {};
  std::vector<DataDocument> out;
  for (Node* d : f->decls) {
    if (auto* e = as<EmbedDecl>(d)) out.push_back({e->expr, &src, false});
  }
  return out;
}

}  // namespace

std::vector<DataDocument> read_data_documents(Arena& arena, const SourceFile& src,
                                              DataFormat format, Diagnostics& diags) {
  if (format != DataFormat::Yaml)
    return read_json(arena, src, format == DataFormat::JsonLines, diags);
  std::vector<DataDocument> out;
  for (File* f : parse_yaml(arena, src, diags)) {
    if (f->decls.size() == 1 && as<EmbedDecl>(f->decls[0])) {
      out.push_back({as<EmbedDecl>(f->decls[0])->expr, &src, true});
      continue;
    }
    // A mapping: its fields are the file's declarations.
    auto* s = arena.make<StructLit>();
    s->elts = f->decls;
    s->pos = s->end = f->decls.empty() ? f->pos : f->decls[0]->pos;
    out.push_back({s, &src, true});
  }
  return out;
}

std::string label_text(std::string_view key) {
  return is_identifier_key(key) ? std::string(key) : cue_quote(key);
}

namespace {

std::string indent(int depth) { return std::string(static_cast<size_t>(depth), '\t'); }

std::string_view field_key(const Field* f) {
  if (auto* id = as<Ident>(f->label)) return id->name;
  if (auto* b = as<BasicLit>(f->label)) return b->value;
  return {};
}

// Writes a document as CUE text. Comments are found in the YAML source by position: yaml-cpp
// drops them, but every key and value keeps the offset where it starts.
class DataWriter {
 public:
  explicit DataWriter(const DataDocument& doc)
      : src_(*doc.source), text_(doc.source->content()), yaml_(doc.yaml) {}

  // `field_value`: n is a field's value, so a struct of one field may be written `a: b: c`.
  std::string value(const Node* n, int depth, bool field_value = true) {
    if (auto* s = as<StructLit>(n)) return struct_text(s, depth, field_value);
    if (auto* l = as<ListLit>(n)) return list_text(l, depth);
    if (auto* u = as<UnaryExpr>(n)) return std::string("-") + value(u->x, depth);
    if (auto* b = as<BasicLit>(n)) {
      if (b->tok != Tok::String) return std::string(b->raw);
      if (b->value.find('\n') != std::string_view::npos) return cue_quote_multiline(b->value);
      return cue_quote(b->value);
    }
    return "_|_";  // not reached: documents with errors are not written
  }

  // Whether n is a struct with fields written in block style (not `{a: 1}` on one line).
  bool block_struct(const Node* n) const {
    auto* s = as<StructLit>(n);
    return s && !s->elts.empty() && !one_line(s);
  }

  // A block struct as a list element cue cuddles: `{` fields `}` at `depth`, its braces
  // on the list's lines (`[{`, `}, {`, `}]`).
  std::string cuddled(const Node* n, int depth) {
    return "{\n" + fields(static_cast<const StructLit*>(n), depth + 1) + indent(depth) + "}";
  }

  // The fields of a struct, one per line at `depth`, with their comments.
  std::string fields(const StructLit* s, int depth) {
    std::string out;
    for (const Node* d : s->elts) {
      if (auto* f = as<Field>(d)) out += field_text(f, depth);
    }
    return out;
  }

 private:
  uint32_t off(Pos p) const { return src_.file_offset(p); }
  uint32_t line_of(uint32_t o) const { return src_.line_col(o).line; }

  // Whether a collection is written in flow style on one line (and holds no multi-line
  // string): it stays on one line.
  bool one_line(const Node* n) const {
    auto* s = as<StructLit>(n);
    auto* l = as<ListLit>(n);
    if (!s && !l) {
      auto* b = as<BasicLit>(n);
      return !(b && b->tok == Tok::String && b->value.find('\n') != std::string_view::npos);
    }
    std::span<Node* const> elts = s ? s->elts : l->elts;
    if (elts.empty()) return true;
    uint32_t start = off(n->pos);
    if (start >= text_.size() || (text_[start] != '{' && text_[start] != '[')) return false;
    uint32_t last = last_offset(n);
    if (!yaml_) last = std::max(last, off(n->end) > 0 ? off(n->end) - 1 : 0);
    if (text_.substr(start, last - start).find('\n') != std::string_view::npos) return false;
    for (const Node* e : elts) {
      if (auto* f = as<Field>(e)) e = f->value;
      if (!one_line(e)) return false;
    }
    return true;
  }

  // Where the last scalar inside n starts.
  uint32_t last_offset(const Node* n) const {
    if (auto* f = as<Field>(n)) return last_offset(f->value);
    if (auto* s = as<StructLit>(n)) {
      return s->elts.empty() ? off(n->pos) : last_offset(s->elts.back());
    }
    if (auto* l = as<ListLit>(n))
      return l->elts.empty() ? off(n->pos) : last_offset(l->elts.back());
    return off(n->pos);
  }

  std::string struct_text(const StructLit* s, int depth, bool field_value) {
    if (s->elts.empty()) return "{}";
    if (one_line(s)) {
      std::string out = "{";
      for (size_t i = 0; i < s->elts.size(); ++i) {
        auto* f = static_cast<const Field*>(s->elts[i]);
        if (i) out += ", ";
        out += label_text(field_key(f)) + std::string(": ") + value(f->value, depth);
      }
      return out + "}";
    }
    // One field without comments of its own: `a: b: c`, as cue writes it.
    if (s->elts.size() == 1 && field_value) {
      auto* f = static_cast<const Field*>(s->elts[0]);
      Comments c = comments_of(f);
      if (c.head.empty() && c.trailing.empty()) {
        return label_text(field_key(f)) + std::string(": ") + value(f->value, depth);
      }
      return std::string("{\n") + field_text(f, depth + 1, &c) + indent(depth) + "}";
    }
    return std::string("{\n") + fields(s, depth + 1) + indent(depth) + "}";
  }

  std::string list_text(const ListLit* l, int depth) {
    if (l->elts.empty()) return "[]";
    if (one_line(l)) {
      std::string out = "[";
      for (size_t i = 0; i < l->elts.size(); ++i) {
        if (i) out += ", ";
        out += value(l->elts[i], depth, false);
      }
      return out + "]";
    }
    // Block structs only, none with comments of its own: `[{…}, {…}]`, as cue writes them.
    bool structs = std::all_of(l->elts.begin(), l->elts.end(), [&](const Node* e) {
      return block_struct(e) && !has_head_comments(e->pos);
    });
    if (structs) {
      std::string out = "[";
      for (size_t i = 0; i < l->elts.size(); ++i) {
        if (i) out += ", ";
        out += cuddled(l->elts[i], depth);
      }
      return out + "]";
    }
    std::string out = "[\n";
    for (const Node* e : l->elts) {
      Comments c = item_comments(e);
      for (const std::string& h : c.head) out += h.empty() ? "\n" : indent(depth + 1) + h + "\n";
      out += indent(depth + 1) + value(e, depth + 1, false) + ",";
      if (!c.trailing.empty()) out += " " + c.trailing;
      out += "\n";
    }
    return out + indent(depth) + "]";
  }

  struct Comments {
    std::vector<std::string> head;  // CUE comment lines; "" for a blank line between groups
    std::string trailing;           // a CUE comment for the end of the line, or ""
  };

  // Whether a value is written on its key's line: a scalar, or a one-line flow collection.
  bool inline_value(const Node* key, const Node* v) const {
    return one_line(v) && line_of(off(v->pos)) == line_of(off(key->pos));
  }

  Comments comments_of(const Field* f) {
    Comments c;
    if (!yaml_) return c;
    c.head = head_comments(f->pos);
    std::string on_line = line_comment(off(f->pos));
    if (on_line.empty()) return c;
    if (inline_value(f, f->value)) {
      c.trailing = std::move(on_line);
    } else {
      c.head.push_back(std::move(on_line));  // `key: # about key`, the value below
    }
    return c;
  }

  Comments item_comments(const Node* e) {
    Comments c;
    if (!yaml_) return c;
    c.head = head_comments(e->pos);
    if (one_line(e)) c.trailing = line_comment(off(e->pos));
    return c;
  }

  std::string field_text(const Field* f, int depth, const Comments* given = nullptr) {
    Comments c = given ? *given : comments_of(f);
    std::string out;
    for (const std::string& h : c.head) out += h.empty() ? "\n" : indent(depth) + h + "\n";
    out += indent(depth) + label_text(field_key(f)) + std::string(": ") + value(f->value, depth);
    if (!c.trailing.empty()) out += " " + c.trailing;
    return out + "\n";
  }

  // A YAML comment as a CUE comment.
  std::string cue_comment(std::string_view hash_text) {
    hash_text.remove_prefix(1);  // '#'
    while (!hash_text.empty() &&
           (hash_text.back() == '\r' || hash_text.back() == ' ' || hash_text.back() == '\t')) {
      hash_text.remove_suffix(1);
    }
    // The YAML reader skips a comment's bytes, the CUE scanner checks them: invalid UTF-8 would
    // make the CUE text unparsable, so each bad byte becomes U+FFFD.
    std::string out = "//";
    for (size_t i = 0; i < hash_text.size();) {
      size_t len;
      char32_t cp = utf8::decode(hash_text, i, len);
      if (cp == utf8::kInvalid) {
        utf8::encode(0xFFFD, out);
      } else {
        out.append(hash_text.substr(i, len));
      }
      i += len;
    }
    return out;
  }

  // The comment lines right above the line of `at` (blank lines between them kept as ""), not
  // indented deeper than `at` (deeper lines belong to a block scalar above).
  std::vector<std::string> head_comments(Pos at) {
    std::vector<std::string> out;
    auto lc = src_.line_col(off(at));
    uint32_t col = lc.col;
    for (uint32_t l = lc.line; l-- > 1;) {
      std::string_view t = src_.line_text(l);
      size_t first = t.find_first_not_of(" \t\r");
      if (first == std::string_view::npos) {
        out.push_back("");
        continue;
      }
      if (t[first] != '#' || first + 1 > col) break;
      uint32_t o = static_cast<uint32_t>(t.data() - text_.data() + first);
      if (!claimed_.insert(o).second) break;
      out.push_back(cue_comment(t.substr(first)));
    }
    while (!out.empty() && out.back().empty()) out.pop_back();  // blank lines above the comments
    std::reverse(out.begin(), out.end());
    while (!out.empty() && out.back().empty()) out.pop_back();  // between comments and key
    return out;
  }

  // Whether head_comments(at) has comments to give (it claims them; this only looks).
  bool has_head_comments(Pos at) const {
    auto lc = src_.line_col(off(at));
    for (uint32_t l = lc.line; l-- > 1;) {
      std::string_view t = src_.line_text(l);
      size_t first = t.find_first_not_of(" \t\r");
      if (first == std::string_view::npos) continue;
      if (t[first] != '#' || first + 1 > lc.col) return false;
      return !claimed_.count(static_cast<uint32_t>(t.data() - text_.data() + first));
    }
    return false;
  }

  // A comment after `from` on its line, skipping quoted scalars ("a # b" is no comment).
  std::string line_comment(uint32_t from) {
    char quote = 0;
    for (uint32_t i = from; i < text_.size() && text_[i] != '\n'; ++i) {
      char ch = text_[i];
      if (quote) {
        if (quote == '"' && ch == '\\') {
          ++i;
        } else if (ch == quote) {
          if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
            ++i;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      bool token_start =
          i == from || std::string_view(" \t[{,:").find(text_[i - 1]) != std::string_view::npos;
      if ((ch == '"' || ch == '\'') && token_start) {
        quote = ch;
      } else if (ch == '#' && i > from && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) {
        if (!claimed_.insert(i).second) return "";
        size_t nl = text_.find('\n', i);
        return cue_comment(text_.substr(i, nl == std::string_view::npos ? nl : nl - i));
      }
    }
    return "";
  }

  const SourceFile& src_;
  std::string_view text_;
  bool yaml_;
  std::unordered_set<uint32_t> claimed_;  // offsets of the comments written already
};

// Reports a key written twice in a JSON object (YAML's are reported by its reader).
Result<> check_duplicates(const Node* n, const SourceFile& src) {
  if (auto* s = as<StructLit>(n)) {
    std::unordered_set<std::string_view> seen;
    for (const Node* d : s->elts) {
      auto* f = as<Field>(d);
      if (!f) continue;
      if (!seen.insert(field_key(f)).second) {
        return Error{fmt::format("duplicate key {}", cue_quote(field_key(f))), f->pos};
      }
      if (Result<> r = check_duplicates(f->value, src); !r) return r;
    }
  } else if (auto* l = as<ListLit>(n)) {
    for (const Node* e : l->elts) {
      if (Result<> r = check_duplicates(e, src); !r) return r;
    }
  }
  return {};
}

}  // namespace

std::string data_value_text(const DataDocument& doc, int depth) {
  DataWriter w(doc);
  return w.value(doc.value, depth, false);
}

Result<std::vector<std::string>> parse_label_path(std::string_view path) {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  const SourceFile& src = files.add("--path", std::string(path));
  Node* e = parse_expr(arena, src, diags);
  Error bad{fmt::format("--path {}: expected a label path such as a.b or \"x-y\".c", path), {}};
  if (diags.has_errors()) return bad;
  std::vector<std::string> out;
  while (true) {
    Node* label = e;
    auto* sel = as<SelectorExpr>(e);
    if (sel) label = sel->sel;
    if (auto* id = as<Ident>(label)) {
      out.push_back(std::string(id->name));
    } else if (auto* b = as<BasicLit>(label); b && b->tok == Tok::String && !b->is_bytes) {
      out.push_back(label_text(b->value));
    } else {
      return bad;
    }
    if (!sel) break;
    e = sel->x;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string data_file_text(const DataDocument& doc) {
  DataWriter w(doc);
  if (auto* s = as<StructLit>(doc.value)) return w.fields(s, 0);
  return w.value(doc.value, 0) + "\n";
}

namespace {

// Documents gathered into a list (--list): `[{…}, {…}]` when every one is a struct written in
// block style, as cue writes them; else one element per line.
std::string document_list(const std::vector<const PlacedDocument*>& docs) {
  bool structs = std::all_of(docs.begin(), docs.end(), [](const PlacedDocument* d) {
    return DataWriter(d->doc).block_struct(d->doc.value);
  });
  std::string out = structs ? "[" : "[\n";
  for (size_t i = 0; i < docs.size(); ++i) {
    DataWriter w(docs[i]->doc);
    if (structs) {
      out += (i ? ", " : "") + w.cuddled(docs[i]->doc.value, 0);
    } else {
      out += "\t" + w.value(docs[i]->doc.value, 1, false) + ",\n";
    }
  }
  return out + "]\n";
}

}  // namespace

Result<std::string> place_documents(std::span<const PlacedDocument> docs, const Placement& how) {
  bool labelled = !docs.empty() && !docs[0].labels.empty();
  if (docs.size() > 1 && !labelled && !how.list && how.prefix.empty()) {
    return Error{fmt::format("{} documents: place them with -l, --list or --path", docs.size()),
                 docs[1].doc.value->pos};
  }
  for (const PlacedDocument& d : docs) {
    if (!d.doc.yaml) {
      if (Result<> r = check_duplicates(d.doc.value, *d.doc.source); !r)
        return std::move(r).error();
    }
  }
  std::string out;
  auto path_prefix = [](const std::vector<std::string>& labels) {
    std::string p;
    for (const std::string& l : labels) p += l + ": ";
    return p;
  };
  std::string prefix = path_prefix(how.prefix);
  if (docs.empty()) {
    if (how.list) out += prefix + "[]\n";
    return out;
  }
  if (!labelled && how.list) {
    std::vector<const PlacedDocument*> all;
    for (const PlacedDocument& d : docs) all.push_back(&d);
    return prefix + document_list(all);
  }
  if (!labelled) {
    for (const PlacedDocument& d : docs) {
      if (prefix.empty()) {
        out += data_file_text(d.doc);
      } else {
        DataWriter w(d.doc);
        out += prefix + w.value(d.doc.value, 0) + "\n";
      }
    }
    return out;
  }
  if (!how.list) {
    for (const PlacedDocument& d : docs) {
      DataWriter w(d.doc);
      std::vector<std::string> path = how.prefix;
      path.insert(path.end(), d.labels.begin(), d.labels.end());
      out += path_prefix(path) + w.value(d.doc.value, 0) + "\n";
    }
    return out;
  }
  // --list with -l: the documents at each path, in the order the paths first appear.
  std::vector<std::pair<std::vector<std::string>, std::vector<const PlacedDocument*>>> groups;
  for (const PlacedDocument& d : docs) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == d.labels; });
    if (it == groups.end()) {
      groups.push_back({d.labels, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(&d);
  }
  for (const auto& [labels, members] : groups) {
    std::vector<std::string> path = how.prefix;
    path.insert(path.end(), labels.begin(), labels.end());
    out += path_prefix(path) + document_list(members);
  }
  return out;
}

}  // namespace cfgc::encoding
