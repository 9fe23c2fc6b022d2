// YAML data files as syntax trees: documents, and errors at their position.
#include "compiler/encoding/yaml_adapter.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>

using namespace cfgc;

TEST_CASE("yaml adapter: one file per document") {
  FileSet files;
  const SourceFile& src = files.add("two.yaml", "a: 1\n---\nb: [x, y]\n");
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(docs.size() == 2);
}

TEST_CASE("yaml adapter: invalid text is one error at its position") {
  FileSet files;
  // This input made yaml-cpp loop forever (found by the yaml fuzz target).
  const SourceFile& src = files.add("hang.yaml", std::string(",\0\x0e{\"", 5));
  const SourceFile& comma = files.add("comma.yaml", "a: 1\n---\n  , b\n");
  Arena arena;
  for (const SourceFile* f : {&src, &comma}) {
    Diagnostics diags;
    CHECK(encoding::parse_yaml(arena, *f, diags).empty());
    REQUIRE(diags.error_count() == 1);
    const Diagnostic& d = diags.list()[0];
    Location l = files.resolve(d.pos);
    if (f == &src) {
      CHECK(d.message.find("control character U+0000") != std::string::npos);
      CHECK(l.line == 1);
      CHECK(l.col == 2);
    } else {
      CHECK(d.message.find("unexpected ','") != std::string::npos);
      CHECK(l.line == 3);
      CHECK(l.col == 3);
    }
  }
}

namespace {

using encoding::YamlMode;
using syntax::as;

// The value of field `key` of a struct (or of a file's top level), or null.
syntax::Node* field(std::span<syntax::Decl*> decls, std::string_view key) {
  for (syntax::Decl* d : decls) {
    auto* f = as<syntax::Field>(d);
    if (!f) continue;
    std::string_view label;
    if (auto* id = as<syntax::Ident>(f->label)) label = id->name;
    if (auto* b = as<syntax::BasicLit>(f->label)) label = b->value;
    if (label == key) return f->value;
  }
  return nullptr;
}
syntax::Node* field(syntax::Node* n, std::string_view key) {
  auto* s = as<syntax::StructLit>(n);
  return s ? field(s->elts, key) : nullptr;
}
syntax::Node* elem(syntax::Node* n, size_t i) {
  auto* l = as<syntax::ListLit>(n);
  return l && i < l->elts.size() ? l->elts[i] : nullptr;
}
// The keys of a struct, in order.
std::string keys(syntax::Node* n) {
  std::string out;
  auto* s = as<syntax::StructLit>(n);
  if (!s) return "(not a struct)";
  for (syntax::Decl* d : s->elts) {
    auto* f = as<syntax::Field>(d);
    if (auto* id = as<syntax::Ident>(f->label)) out += std::string(id->name) + " ";
    if (auto* b = as<syntax::BasicLit>(f->label)) out += std::string(b->value) + " ";
  }
  return out;
}
// The raw text of a literal ("1", "true", "x" for the string x), or "" for anything else.
std::string lit(syntax::Node* n) {
  if (auto* u = as<syntax::UnaryExpr>(n)) {
    std::string out(1, '-');
    out += lit(u->x);
    return out;
  }
  auto* b = as<syntax::BasicLit>(n);
  if (!b) return as<syntax::BadExpr>(n) ? "(bad)" : "";
  return std::string(b->tok == syntax::Tok::String ? b->value : b->raw);
}

struct Parsed {
  FileSet files;
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs;
  syntax::File* doc() { return docs.empty() ? nullptr : docs[0]; }
  syntax::Node* get(std::string_view key) { return doc() ? field(doc()->decls, key) : nullptr; }
  std::string at(const syntax::Node* n) {
    if (!n) return "(none)";
    Location l = files.resolve(n->pos);
    return fmt::format("{}:{}", l.line, l.col);
  }
  std::string messages() {
    std::string out;
    for (const Diagnostic& d : diags.list()) {
      Location l = files.resolve(d.pos);
      out += fmt::format("{}:{}: {}\n", l.line, l.col, d.message);
    }
    return out;
  }
};

std::unique_ptr<Parsed> parse(std::string text, YamlMode mode = YamlMode::Cue, bool warn = false) {
  auto p = std::make_unique<Parsed>();
  const SourceFile& src = p->files.add("t.yaml", std::move(text));
  p->docs = encoding::parse_yaml(p->arena, src, p->diags, mode, warn);
  return p;
}

}  // namespace

TEST_CASE("yaml adapter: anchors inside sequences, aliases at the anchor's position") {
  auto p = parse("ports:\n  - &up {name: swp1, mtu: 9216}\n  - *up\n  - [&v 10, *v]\n");
  REQUIRE_FALSE(p->diags.has_errors());
  syntax::Node* ports = p->get("ports");
  CHECK(lit(field(elem(ports, 0), "mtu")) == "9216");
  CHECK(lit(field(elem(ports, 1), "name")) == "swp1");
  CHECK(elem(ports, 0) != elem(ports, 1));  // a new tree for each alias
  CHECK(p->at(field(elem(ports, 1), "mtu")) == "2:27");
  CHECK(lit(elem(elem(ports, 2), 1)) == "10");
  CHECK(p->at(elem(elem(ports, 2), 1)) == "4:6");
}

TEST_CASE("yaml adapter: nested aliases and aliases as keys") {
  auto p = parse(
      "base: &base {mtu: 9000}\n"
      "leaf: &leaf {iface: *base, list: [*base]}\n"
      "pod: {a: *leaf, b: *leaf}\n"
      "name: &k swp1\n"
      "byname: {*k : up}\n");
  REQUIRE_FALSE(p->diags.has_errors());
  CHECK(lit(field(field(field(p->get("pod"), "b"), "iface"), "mtu")) == "9000");
  CHECK(lit(field(elem(field(field(p->get("pod"), "a"), "list"), 0), "mtu")) == "9000");
  CHECK(lit(field(p->get("byname"), "swp1")) == "up");
}

TEST_CASE("yaml adapter: merge keys, lists of merges, precedence and order") {
  auto p = parse(
      "d1: &d1 {mtu: 1500, speed: 10, a: 1}\n"
      "d2: &d2 {mtu: 9000, vrf: x, a: 2}\n"
      "h: {speed: 100, <<: [*d1, *d2], z: 1}\n"
      "k: {z: 1, <<: *d2, <<: *d1}\n"
      "m: {<<: *d1, speed: 40}\n"
      "n: {<<: {<<: *d1, a: 5}, b: 6}\n"
      "o: {<<: {x: 1}, x: 2, <<: {x: 3}}\n");
  REQUIRE_FALSE(p->diags.has_errors());
  CHECK(keys(p->get("h")) == "speed mtu vrf a z ");
  CHECK(lit(field(p->get("h"), "speed")) == "100");
  CHECK(lit(field(p->get("h"), "mtu")) == "1500");
  CHECK(lit(field(p->get("h"), "a")) == "1");
  CHECK(keys(p->get("k")) == "z mtu vrf a speed ");
  CHECK(lit(field(p->get("k"), "mtu")) == "1500");
  CHECK(keys(p->get("m")) == "mtu speed a ");
  CHECK(lit(field(p->get("m"), "speed")) == "40");
  CHECK(keys(p->get("n")) == "mtu speed a b ");  // a merged mapping's own merges apply
  CHECK(lit(field(p->get("n"), "a")) == "5");
  CHECK(lit(field(p->get("o"), "x")) == "2");
}

// The node-tree converter assigned through yaml-cpp node handles, which rewrote the anchored
// mapping: swp2 got mtu 1500 too.
TEST_CASE("yaml adapter: overriding a merged key leaves the anchor as it is") {
  auto p = parse(
      "defaults: &defaults {mtu: 9216, speed: 100}\n"
      "swp1: {<<: *defaults, mtu: 1500}\n"
      "swp2: {<<: *defaults}\n"
      "swp3: {<<: [{mtu: 1}, *defaults]}\n"
      "swp4: *defaults\n");
  REQUIRE_FALSE(p->diags.has_errors());
  CHECK(lit(field(p->get("swp1"), "mtu")) == "1500");
  CHECK(lit(field(p->get("swp2"), "mtu")) == "9216");
  CHECK(lit(field(p->get("swp3"), "mtu")) == "1");
  CHECK(lit(field(p->get("swp4"), "mtu")) == "9216");
  CHECK(lit(field(p->get("defaults"), "mtu")) == "9216");
}

TEST_CASE("yaml adapter: a merge of something else than mappings is an error") {
  auto p = parse("s: &s x\na: {<<: *s}\nb: {<<: 1, c: 2}\nc: {<<: [*s]}\n");
  CHECK(p->messages() ==
        "2:5: merge key << needs a mapping or a list of mappings\n"
        "3:5: merge key << needs a mapping or a list of mappings\n");
  CHECK(lit(field(p->get("b"), "c")) == "2");
  CHECK(keys(p->get("c")).empty());
}

TEST_CASE("yaml adapter: positions of nested values") {
  auto p = parse(
      "# devices\n"
      "leaf1:\n"
      "  interfaces:\n"
      "    - name: swp1\n"
      "      vlans: [10, -20]\n"
      "  asn: 65001\n");
  REQUIRE_FALSE(p->diags.has_errors());
  syntax::Node* leaf = p->get("leaf1");
  syntax::Node* ifaces = field(leaf, "interfaces");
  CHECK(p->at(leaf) == "3:3");
  CHECK(p->at(ifaces) == "4:5");
  CHECK(p->at(field(elem(ifaces, 0), "name")) == "4:13");
  syntax::Node* vlans = field(elem(ifaces, 0), "vlans");
  CHECK(p->at(vlans) == "5:14");
  CHECK(p->at(elem(vlans, 1)) == "5:19");
  CHECK(lit(elem(vlans, 1)) == "-20");
  CHECK(p->at(field(leaf, "asn")) == "6:8");
  auto* f = as<syntax::StructLit>(leaf)->elts[1];
  CHECK(p->at(f) == "6:3");  // a field is at its key
}

TEST_CASE("yaml adapter: an error in a scalar leaves the rest of the document") {
  auto p = parse("a: 1\nb: .inf\nc: [x, .nan]\nd: 4\n");
  CHECK(p->messages() ==
        "2:4: unsupported YAML number .inf: CUE has no infinity or NaN\n"
        "3:8: unsupported YAML number .nan: CUE has no infinity or NaN\n");
  CHECK(lit(p->get("b")) == "(bad)");
  CHECK(lit(p->get("d")) == "4");
}

TEST_CASE("yaml adapter: a syntax error mid-document gives its position and no documents") {
  auto p = parse("a: 1\nb:\n  c: [1, 2\n  d: 3\ne: 5\n");
  CHECK(p->docs.empty());
  REQUIRE(p->diags.error_count() == 1);
  CHECK(p->messages().find("invalid YAML") != std::string::npos);
  auto q = parse("a: 1\nb: *nope\n");
  CHECK(q->docs.empty());
  CHECK(q->messages().find("2:4: invalid YAML") == 0);
}

TEST_CASE("yaml adapter: duplicate keys, in small and large mappings") {
  std::string big;
  for (int i = 0; i < 40; ++i) big += fmt::format("k{}: {}\n", i, i);
  big += "k7: again\n";
  auto p = parse("a: 1\nb: 2\na: 3\n" + big);
  CHECK(p->messages() ==
        "3:1: duplicate key \"a\" (first at line 1)\n"
        "44:1: duplicate key \"k7\" (first at line 11)\n");
  CHECK(lit(p->get("a")) == "1");
  CHECK(lit(p->get("k7")) == "7");
  CHECK(p->diags.list()[0].related.size() == 1);

  auto q = parse("a: 1\nb: 2\na: 3\n" + big, YamlMode::Ansible);
  CHECK_FALSE(q->diags.has_errors());
  CHECK(q->diags.list().size() == 2);
  CHECK(lit(q->get("a")) == "3");  // the last value, at the first key's place
  CHECK(lit(q->get("k7")) == "again");
  auto* first = as<syntax::Field>(q->doc()->decls[0]);
  CHECK(lit(first->value) == "3");
}

TEST_CASE("yaml adapter: non-scalar keys are errors and their values are skipped") {
  auto p = parse("? [a, b]\n: {x: 1}\n? {k: v}\n: 2\nok: 3\n~: 4\n");
  CHECK(p->messages() ==
        "1:3: only scalar mapping keys are supported\n"
        "3:3: only scalar mapping keys are supported\n"
        "6:1: only scalar mapping keys are supported\n");
  CHECK(p->doc()->decls.size() == 1);
  CHECK(lit(p->get("ok")) == "3");
}

TEST_CASE("yaml adapter: an alias inside its own anchor is an error, not a hang") {
  auto p = parse("a: &a [1, *a]\nb: &b {c: *b}\nd: *a\n");
  // At the key of the value when there is one, else at the anchored node.
  CHECK(p->messages() ==
        "1:4: an alias refers to a list that contains it: the value would be infinite (anchored "
        "at line 1)\n"
        "2:8: an alias refers to a mapping that contains it: the value would be infinite "
        "(anchored at line 2)\n"
        "1:4: an alias refers to a list that contains it: the value would be infinite (anchored "
        "at line 1)\n");
}

TEST_CASE("yaml adapter: aliases cannot nest values deeper than the limit") {
  std::string a = std::string(400, '[') + "x" + std::string(400, ']');
  std::string b = std::string(400, '[') + "*a" + std::string(400, ']');
  std::string c = std::string(300, '[') + "*b" + std::string(300, ']');
  auto p = parse("a: &a " + a + "\nb: &b " + b + "\nc: " + c + "\n");
  CHECK(p->diags.error_count() == 1);
  CHECK(p->messages().find("nesting too deep: more than 1000 levels") != std::string::npos);
}

TEST_CASE("yaml adapter: Ansible's YAML 1.1, keys and tags") {
  auto p = parse(
      "yes: on\n"
      "0755: 0755\n"
      "u: !unsafe '{{ x }}'\n"
      "v: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3961\n"
      "n:\n"
      "e: !unsafe\n"
      "s: !!str 12\n",
      YamlMode::Ansible);
  REQUIRE_FALSE(p->diags.has_errors());
  CHECK(lit(p->get("true")) == "true");
  CHECK(lit(p->get("493")) == "493");
  CHECK(lit(p->get("u")) == "{{ x }}");
  auto* v = as<syntax::Ident>(p->get("v"));
  REQUIRE(v);
  CHECK(v->name == "string");
  CHECK(lit(p->get("n")) == "null");
  CHECK(p->at(p->get("n")) == "7:1");  // a null written as nothing is at its key
  CHECK(lit(p->get("e")).empty());
  CHECK(as<syntax::BasicLit>(p->get("e"))->tok == syntax::Tok::String);
  CHECK(lit(p->get("s")) == "12");
}

TEST_CASE("yaml adapter: CUE's reading of scalars, with YAML 1.1 warnings") {
  auto p = parse("a: on\nb: 0755\nc: 10.0.0.1\nd: description text\ne: '0755'\nf: 12\n",
                 YamlMode::Cue, true);
  CHECK_FALSE(p->diags.has_errors());
  CHECK(lit(p->get("a")) == "on");
  CHECK(lit(p->get("b")) == "0o755");
  CHECK(lit(p->get("e")) == "0755");
  CHECK(p->messages() ==
        "1:4: \"on\" is the string \"on\" here (as CUE reads YAML) but the bool true to Ansible "
        "(YAML 1.1); quote it if it must be a string everywhere\n");
}

TEST_CASE("yaml adapter: documents, empty and scalar") {
  auto p = parse("---\n---\n42\n---\n- a\n");
  REQUIRE(p->docs.size() == 3);
  CHECK(p->docs[0]->decls.empty());
  REQUIRE(p->docs[1]->decls.size() == 1);
  CHECK(lit(as<syntax::EmbedDecl>(p->docs[1]->decls[0])->expr) == "42");
  CHECK(as<syntax::ListLit>(as<syntax::EmbedDecl>(p->docs[2]->decls[0])->expr));
  // Anchors are per document.
  auto q = parse("a: &x 1\n---\nb: *x\n");
  CHECK(q->docs.empty());
  CHECK(q->diags.error_count() == 1);
}

TEST_CASE("yaml adapter: positions are byte offsets past a byte order mark and multi-byte text") {
  FileSet files;
  // libyaml skips the mark and counts characters; positions must stay right in bytes.
  const SourceFile& src = files.add("bom.yaml", "\xEF\xBB\xBFn\xC3\xA9: caf\xC3\xA9\nmtu: x\n");
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(docs.size() == 1);
  REQUIRE(docs[0]->decls.size() == 2);
  auto* mtu = syntax::as<syntax::Field>(docs[0]->decls[1]);
  REQUIRE(mtu);
  Location l = files.resolve(mtu->value->pos);
  CHECK(l.line == 2);
  CHECK(l.col == 6);
  Location first = files.resolve(syntax::as<syntax::Field>(docs[0]->decls[0])->value->pos);
  CHECK(first.line == 1);
  CHECK(first.col == 9);  // columns count bytes: the mark (3) and "né: " (5) come first
}

TEST_CASE("yaml adapter: bytes that are not UTF-8 read as U+FFFD, as cue reads them") {
  FileSet files;
  const SourceFile& src = files.add("latin1.yaml", "# caf\xE9\na: caf\xE9\nb: 1\n");
  Arena arena;
  Diagnostics diags;
  std::vector<syntax::File*> docs = encoding::parse_yaml(arena, src, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(docs.size() == 1);
  auto* a = syntax::as<syntax::BasicLit>(syntax::as<syntax::Field>(docs[0]->decls[0])->value);
  REQUIRE(a);
  CHECK(a->value == "caf\xEF\xBF\xBD");
  Location b = files.resolve(syntax::as<syntax::Field>(docs[0]->decls[1])->value->pos);
  CHECK(b.line == 3);
  CHECK(b.col == 4);
}
