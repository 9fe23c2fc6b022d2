// INI inventory sources, read as Ansible's ini inventory plugin reads them:
//
//   gw1 ansible_host=10.0.0.1        hosts before any section are in `ungrouped`
//   [leaf]                           a group and its hosts
//   leaf[01:04] asn=65001            host patterns with key=value variables (split like a
//                                    shell line: quotes, backslashes, # comments)
//   [fabric:children]                child groups (they may be declared further down)
//   leaf
//   [fabric:vars]                    group variables: key=value, one a line
//   mtu=9214
//
// Values are typed with Python's literal rules (inventory_pyliteral.cpp), in host lines and in
// [group:vars] alike: 9214 is an int, True a bool, [1, 2] a list, 'x' a string, yes a string.

#include <fmt/format.h>
#include <re2/re2.h>

#include <unordered_map>

#include "compiler/encoding/yaml11.h"
#include "compiler/load/inventory_internal.h"

namespace cfgc::load::inventory_detail {

using namespace cfgc::encoding;

using syntax::Tok;

namespace {

struct Token {
  std::string text;
  std::vector<uint32_t> offsets;  // source offset of every byte of text
};

struct ShlexError {
  std::string message;
};

bool shell_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Python's shlex.split(line, comments=True) in POSIX mode, keeping where each byte came from.
std::vector<Token> shlex_split(std::string_view line, const std::vector<uint32_t>& offsets) {
  enum class St { Space, Word, Single, Double, Escape };
  std::vector<Token> out;
  Token cur;
  bool quoted = false;
  St st = St::Space, escaped_from = St::Word;
  auto emit = [&] {
    out.push_back(std::move(cur));
    cur = Token{};
    quoted = false;
  };
  auto add = [&](char c, size_t i) {
    cur.text += c;
    cur.offsets.push_back(offsets[i]);
  };
  size_t i = 0;
  for (; i < line.size(); ++i) {
    char c = line[i];
    switch (st) {
      case St::Space:
      case St::Word:
        if (shell_space(c)) {
          if (st == St::Word && (!cur.text.empty() || quoted)) emit();
          st = St::Space;
          continue;
        }
        if (c == '#') {
          if (st == St::Word && (!cur.text.empty() || quoted)) emit();
          i = line.size();  // a comment runs to the end of the line
          goto done;
        }
        st = St::Word;
        if (c == '\'') {
          st = St::Single;
          quoted = true;
        } else if (c == '"') {
          st = St::Double;
          quoted = true;
        } else if (c == '\\') {
          escaped_from = St::Word;
          st = St::Escape;
        } else {
          add(c, i);
        }
        break;
      case St::Single:
        if (c == '\'') {
          st = St::Word;
        } else {
          add(c, i);
        }
        break;
      case St::Double:
        if (c == '"') {
          st = St::Word;
        } else if (c == '\\') {
          escaped_from = St::Double;
          st = St::Escape;
        } else {
          add(c, i);
        }
        break;
      case St::Escape:
        // Inside double quotes only " and \ are escaped; the backslash stays before others.
        if (escaped_from == St::Double && c != '"' && c != '\\') add('\\', i - 1);
        add(c, i);
        st = escaped_from;
        break;
    }
  }
  if (st == St::Single || st == St::Double) throw ShlexError{"No closing quotation"};
  if (st == St::Escape) throw ShlexError{"No escaped character"};
done:
  if (!cur.text.empty() || quoted) emit();
  return out;
}

bool py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= 0x1c && c <= 0x1f);
}

struct Pending {
  std::string name;
  uint32_t line = 0;
  Pos pos;
  bool vars = false;                 // [name:vars] before the group was declared
  std::vector<std::string> parents;  // listed in [parent:children] before declared
};

class IniReader {
 public:
  IniReader(Model& model, const SourceFile& src, Arena& arena, Diagnostics& diags)
      : m_(model), src_(src), arena_(arena), diags_(diags) {}

  void read() {
    std::string_view text = src_.content();
    size_t start = 0;
    uint32_t lineno = 0;
    while (start <= text.size()) {
      size_t end = start;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
      ++lineno;
      line(text.substr(start, end - start), static_cast<uint32_t>(start), lineno);
      if (end >= text.size()) break;
      start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    }
    for (const Pending& p : pending_) {
      if (p.vars) {
        throw SourceError{p.pos,
                          fmt::format("{}:{}: Section [{}:vars] not valid for undefined group: {}",
                                      src_.name(), p.line, p.name, p.name)};
      }
      throw SourceError{p.pos,
                        fmt::format("{}:{}: Section [{}:children] includes undefined group: {}{}",
                                    src_.name(), p.line, p.parents.back(), p.name,
                                    m_.suggest_entity(p.name))};
    }
  }

 private:
  enum class State { Hosts, Children, Vars };

  [[noreturn]] void fail(Pos at, const std::string& msg) {
    throw SourceError{at, fmt::format("{}:{}: {}", src_.name(), lineno_, msg)};
  }

  Pending* pending(const std::string& name) {
    for (Pending& p : pending_) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
  void drop_pending(const std::string& name) {
    for (size_t i = 0; i < pending_.size(); ++i) {
      if (pending_[i].name == name) {
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }

  void line(std::string_view raw, uint32_t offset, uint32_t lineno) {
    lineno_ = lineno;
    size_t b = 0, e = raw.size();
    while (b < e && py_space(raw[b])) ++b;
    while (e > b && py_space(raw[e - 1])) --e;
    std::string_view l = raw.substr(b, e - b);
    uint32_t at = offset + static_cast<uint32_t>(b);
    Pos pos = src_.pos(at);
    if (l.empty() || l[0] == '#' || l[0] == ';') return;

    static const RE2 section_re(R"(\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?)");
    std::string name, tag;
    if (RE2::FullMatch(re2::StringPiece(l.data(), l.size()), section_re, &name, &tag)) {
      std::string state = tag.empty() ? "hosts" : tag;
      if (state != "hosts" && state != "children" && state != "vars") {
        fail(pos, fmt::format("Section [{}] has unknown type: {}", name + ":" + tag, state));
      }
      group_ = name;
      state_ = state == "hosts"      ? State::Hosts
               : state == "children" ? State::Children
                                     : State::Vars;
      section_vars_.clear();
      if (m_.find_group(name) < 0) {
        // [name:vars] alone does not declare a group: it must be declared somewhere.
        if (state_ == State::Vars && !pending(name))
          pending_.push_back(Pending{name, lineno, pos, true, {}});
        m_.add_group(name);
      }
      if (Pending* p = pending(name); p && state_ != State::Vars) {
        if (!p->vars) {
          add_pending_children(name);
        } else {
          drop_pending(name);
        }
      }
      return;
    }
    if (l.front() == '[' && l.back() == ']') {
      fail(pos, fmt::format("Invalid section entry: '{}'. Please make sure that there are no "
                            "spaces in the section "
                            "entry, and that there are no other invalid characters",
                            l));
    }
    std::vector<uint32_t> offsets(l.size());
    for (size_t i = 0; i < l.size(); ++i) offsets[i] = at + static_cast<uint32_t>(i);
    switch (state_) {
      case State::Hosts: host_line(l, offsets, pos); break;
      case State::Vars: vars_line(l, offsets, pos); break;
      case State::Children: {
        static const RE2 group_re(R"(([^:\]\s]+)\s*(?:#.*)?)");
        std::string child;
        if (!RE2::FullMatch(re2::StringPiece(l.data(), l.size()), group_re, &child)) {
          fail(pos, fmt::format("Expected group name, got: {}", l));
        }
        if (m_.find_group(child) < 0) {
          if (Pending* p = pending(child)) {
            p->parents.push_back(group_);
          } else {
            pending_.push_back(Pending{child, lineno, pos, false, {group_}});
          }
        } else {
          m_.add_child(m_.find_group(group_), child, pos);
        }
        break;
      }
    }
  }

  void add_pending_children(const std::string& group) {
    Pending* p = pending(group);
    if (!p) return;
    std::vector<std::string> parents = p->parents;
    Pos at = p->pos;
    for (const std::string& parent : parents) {
      m_.add_child(m_.find_group(parent), group, at);
      if (Pending* pp = pending(parent); pp && !pp->vars) add_pending_children(parent);
    }
    drop_pending(group);
  }

  // The value of `key=value`: a Python literal, or the text as a string.
  syntax::Expr* value(std::string_view text, const std::vector<uint32_t>& offsets, Pos fallback) {
    if (syntax::Expr* e = python_literal(text, offsets, src_, arena_, diags_)) return e;
    return string_node(arena_, offsets.empty() ? fallback : src_.pos(offsets[0]), text);
  }

  void warn_duplicate(std::unordered_map<std::string, Pos>& seen, const std::string& key, Pos at) {
    auto [it, fresh] = seen.emplace(key, at);
    if (fresh) return;
    Diagnostic d;
    d.severity = Severity::Warning;
    d.pos = at;
    d.message = fmt::format(
        "variable \"{}\" is set twice (first at line {}): the last one is used, as Ansible does",
        key, src_.line_col(src_.file_offset(it->second)).line);
    d.related.push_back(it->second);
    diags_.add(std::move(d));
    it->second = at;
  }

  void vars_line(std::string_view l, const std::vector<uint32_t>& offsets, Pos pos) {
    size_t eq = l.find('=');
    if (eq == std::string_view::npos) fail(pos, fmt::format("Expected key=value, got: {}", l));
    size_t kb = 0, ke = eq;
    while (kb < ke && py_space(l[kb])) ++kb;
    while (ke > kb && py_space(l[ke - 1])) --ke;
    size_t vb = eq + 1, ve = l.size();
    while (vb < ve && py_space(l[vb])) ++vb;
    while (ve > vb && py_space(l[ve - 1])) --ve;
    std::string key(l.substr(kb, ke - kb));
    std::vector<uint32_t> voffs(offsets.begin() + static_cast<std::ptrdiff_t>(vb),
                                offsets.begin() + static_cast<std::ptrdiff_t>(ve));
    Pos key_pos = src_.pos(offsets[kb < offsets.size() ? kb : eq]);
    Pos after_eq = src_.pos(offsets[eq] + 1);
    syntax::Field* f =
        make_field(arena_, key, key_pos, value(l.substr(vb, ve - vb), voffs, after_eq));
    warn_duplicate(section_vars_, key, key_pos);
    m_.set_var(group_, Var{key, f}, key_pos);
  }

  void host_line(std::string_view l, const std::vector<uint32_t>& offsets, Pos pos) {
    std::vector<Token> tokens;
    try {
      tokens = shlex_split(l, offsets);
    } catch (const ShlexError& e) {
      fail(pos, fmt::format("Error parsing host definition '{}': {}", l, e.message));
    }
    if (tokens.empty()) fail(pos, fmt::format("Expected a host definition, got: {}", l));
    ExpandedHosts hosts = expand_host_pattern(tokens[0].text, tokens[0].offsets, src_, true);
    std::vector<Var> vars;
    std::unordered_map<std::string, Pos> seen;
    for (size_t t = 1; t < tokens.size(); ++t) {
      const Token& tok = tokens[t];
      Pos tok_pos = tok.offsets.empty() ? pos : src_.pos(tok.offsets[0]);
      size_t eq = tok.text.find('=');
      if (eq == std::string::npos)
        fail(tok_pos,
             fmt::format("Expected key=value host variable assignment, got: {}", tok.text));
      std::string key = tok.text.substr(0, eq);
      std::vector<uint32_t> voffs(tok.offsets.begin() + static_cast<std::ptrdiff_t>(eq + 1),
                                  tok.offsets.end());
      Pos after_eq = src_.pos(tok.offsets[eq] + 1);
      syntax::Field* f = make_field(
          arena_, key, tok_pos, value(std::string_view(tok.text).substr(eq + 1), voffs, after_eq));
      warn_duplicate(seen, key, tok_pos);
      bool replaced = false;
      for (Var& v : vars) {
        if (v.name == key) {
          v.field = f;  // a Python dict: the first key's place, the last value
          replaced = true;
        }
      }
      if (!replaced) vars.push_back(Var{key, f});
    }
    syntax::Field* port = port_field(arena_, hosts);
    int group = m_.find_group(group_);
    for (const std::string& name : hosts.names) {
      if (name.empty()) fail(pos, "Invalid empty host name provided");
      m_.add_host(name, group, port);
      for (const Var& v : vars) m_.set_var(name, v, v.field->pos);
    }
  }

  Model& m_;
  const SourceFile& src_;
  Arena& arena_;
  Diagnostics& diags_;
  std::string group_ = "ungrouped";
  State state_ = State::Hosts;
  uint32_t lineno_ = 0;
  std::vector<Pending> pending_;  // in the order first seen, as Ansible reports them
  std::unordered_map<std::string, Pos> section_vars_;
};

}  // namespace

void parse_ini_inventory(Model& model, const SourceFile& src, Arena& arena, Diagnostics& diags) {
  IniReader(model, src, arena, diags).read();
}

}  // namespace cfgc::load::inventory_detail
