// Vertices: arc lookup (and its hash index), list_len, and the vertex API of evaluator.h.
#include <string>

#include "compiler/eval/eval_test_util.h"

using namespace cfgc::eval;
using cfgc::eval::testing::EvalProgram;

namespace {

int64_t int_of(const Value* v) {
  REQUIRE(v);
  REQUIRE(v->vk == VK::Num);
  REQUIRE(v->num.is_int());
  return v->num.int_value();
}

std::vector<std::string> names(const std::vector<Vertex*>& vs) {
  std::vector<std::string> out;
  for (Vertex* v : vs) out.push_back(label_for_path(v->label));
  return out;
}

// "f7" (built with append: GCC 12 warns falsely on "f" + std::to_string(i)).
std::string fname(int i) {
  std::string s = "f";
  s.append(std::to_string(i));
  return s;
}

}  // namespace

TEST_CASE("eval vertex: lookup in a small struct") {
  EvalProgram p("s: {a: 1, b: 2, c: 3}");
  Vertex* s = p.field("s");
  REQUIRE(s);
  CHECK(s->arcs.size == 3);
  CHECK(int_of(s->lookup(intern_label("b"))->value) == 2);
  CHECK(s->lookup(intern_label("b"))->parent == s);
  CHECK(s->lookup(intern_label("d")) == nullptr);
  // Labels of different kinds are different features.
  CHECK(s->lookup(intern_label("a", LabelKind::Hidden)) == nullptr);
  CHECK(s->lookup(intern_label("a", LabelKind::Definition)) == nullptr);
}

TEST_CASE("eval vertex: lookup in a struct with many fields uses a hash index") {
  std::string src = "s: {\n";
  for (int i = 0; i < 200; ++i) {
    src += fname(i);
    src += ": ";
    src += std::to_string(i);
    src += "\n";
  }
  src += "}\ns: f200: 200\n";  // one more from another conjunct
  EvalProgram p(src);
  REQUIRE(p.errors() == "");
  Vertex* s = p.field("s");
  REQUIRE(s);
  CHECK(s->arcs.size == 201);
  REQUIRE(s->ext);
  CHECK(s->ext->index_cap >= 2 * 201);
  for (int i = 0; i <= 200; ++i) {
    CAPTURE(i);
    Vertex* a = s->lookup(intern_label(fname(i)));
    REQUIRE(a);
    CHECK(label_name(a->label) == fname(i));
    CHECK(int_of(a->value) == i);
  }
  CHECK(s->lookup(intern_label("f201")) == nullptr);
  CHECK(s->lookup(intern_label("zz_not_a_field")) == nullptr);
  CHECK(s->lookup(intern_label("f1", LabelKind::Hidden)) == nullptr);
  // References through the index see the same fields.
  EvalProgram q(src + "r: s.f150 + s.f7\n");
  CHECK(int_of(q.field("r")->value) == 157);
}

TEST_CASE("eval vertex: lookup in a list with many elements") {
  std::string src = "l: [";
  for (int i = 0; i < 100; ++i) {
    src += std::to_string(i * 2);
    src += ", ";
  }
  src += "]\n";
  EvalProgram p(src);
  Vertex* l = p.field("l");
  REQUIRE(l);
  CHECK(list_len(l) == 100);
  for (uint32_t i = 0; i < 100; ++i) CHECK(int_of(l->lookup(index_feature(i))->value) == i * 2);
  CHECK(l->lookup(index_feature(100)) == nullptr);
}

TEST_CASE("eval vertex: list_len") {
  EvalProgram p("a: [1, 2, 3]\nb: []\nc: [...int] & [4, 5]\nd: [1, 2] + [3]\n");
  CHECK(list_len(p.field("a")) == 3);
  CHECK(list_len(p.field("b")) == 0);
  CHECK(list_len(p.field("c")) == 2);
  CHECK(list_len(p.field("d")) == 3);
  CHECK(bool(p.field("a")->is_list));
  CHECK(!p.field("a")->is_struct());
}

TEST_CASE("eval vertex: list_elements and regular_fields") {
  EvalProgram p(R"(
l: [1, {x: 2}, "s"]
s: {
	a: 1
	_h: 2
	#d: 3
	o?: 4
	let L = 6
	b: L
}
)");
  Evaluator& ev = p.ev();
  std::vector<Vertex*> elems = ev.list_elements(p.field("l"));
  REQUIRE(elems.size() == 3);
  CHECK(int_of(elems[0]->value) == 1);
  CHECK(elems[1]->is_struct());
  CHECK(ev.value_str(elems[2]->value) == "\"s\"");
  CHECK(names(ev.regular_fields(p.field("s"))) == std::vector<std::string>{"a", "b"});
  CHECK(names(ev.regular_fields(p.field("l"))) == std::vector<std::string>{"0", "1", "2"});
}

TEST_CASE("eval vertex: concrete_value") {
  EvalProgram p("d: *1 | 2\ns: {a: 1}\ni: 3\n");
  Evaluator& ev = p.ev();
  CHECK(int_of(ev.concrete_value(p.field("d"))) == 1);
  CHECK(int_of(ev.concrete_value(p.field("i"))) == 3);
  const Value* s = ev.concrete_value(p.field("s"));
  REQUIRE(s->vk == VK::Vertex);
  CHECK(s->vertex == p.field("s"));
}

TEST_CASE("eval vertex: vertex_of and value_expr") {
  EvalProgram p("s: {a: 1}");
  Evaluator& ev = p.ev();
  // A struct's value gives back its own vertex; a scalar gets a vertex holding it.
  CHECK(ev.vertex_of(ev.vertex_value(p.field("s"))) == p.field("s"));
  Vertex* five = ev.vertex_of(ev.integer(5));
  REQUIRE(five);
  CHECK(int_of(ev.concrete_value(five)) == 5);
  // value_expr stands for the value as a conjunct.
  const Expr* parts[] = {ev.value_expr(ev.integer(7), {}), ev.value_expr(ev.basic_type(kInt), {})};
  Vertex* n = ev.new_unification(parts, {});
  ev.finalize(n);
  CHECK(int_of(ev.concrete_value(n)) == 7);
}

TEST_CASE("eval vertex: unify_values") {
  EvalProgram p(
      "schema: {a: int, b: *\"x\" | string}\ndata: {a: 1}\n#C: {a: int}\nbad: {a: 1, z: 2}\n");
  Evaluator& ev = p.ev();
  {
    const Value* parts[] = {ev.integer(1), ev.basic_type(kInt)};
    Vertex* n = ev.unify_values(parts, {});
    CHECK(n->err == nullptr);
    CHECK(int_of(ev.concrete_value(n)) == 1);
  }
  {
    const Value* parts[] = {ev.integer(1), ev.integer(2)};
    Vertex* n = ev.unify_values(parts, {});
    ev.finalize(n);
    REQUIRE(n->err);
    CHECK_CONTAINS(std::string(n->err->message), "conflicting values");
  }
  {
    // Data unified with a schema: the schema's defaults fill in.
    const Value* parts[] = {ev.vertex_value(p.field("schema")), ev.vertex_value(p.field("data"))};
    Vertex* n = ev.unify_values(parts, {});
    ev.finalize(n);
    CHECK(ev.errors(n, true).empty());
    std::string out;
    cfgc::exporter::write_json(ev, n, out);
    CHECK(cfgc::eval::testing::compact_json(out) == R"({"a":1,"b":"x"})");
  }
  {
    // A definition keeps closing what it is unified with.
    const Value* parts[] = {ev.vertex_value(p.field("#C")), ev.vertex_value(p.field("bad"))};
    Vertex* n = ev.unify_values(parts, {});
    ev.finalize(n);
    std::vector<cfgc::Diagnostic> errs = ev.errors(n, false);
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].path == "z");
    CHECK(errs[0].message == "field not allowed");
  }
}

TEST_CASE("eval vertex: new_unification and add_conjunct") {
  EvalProgram p("a: {x: 1}\nb: {y: 2}\nc: {x: 3}\n");
  Evaluator& ev = p.ev();
  const Expr* parts[] = {ev.vertex_expr(p.field("a"), {}), ev.vertex_expr(p.field("b"), {})};
  Vertex* n = ev.new_unification(parts, {});
  CHECK(n->status == Status::Unevaluated);
  ev.add_conjunct(n, ev.value_expr(ev.vertex_value(p.field("b")), {}), {});
  ev.finalize(n);
  CHECK(names(ev.regular_fields(n)) == std::vector<std::string>{"x", "y"});
  CHECK(int_of(n->lookup(intern_label("y"))->value) == 2);
  // Conflicting structs: the error is on the field.
  const Expr* clash[] = {ev.vertex_expr(p.field("a"), {}), ev.vertex_expr(p.field("c"), {})};
  Vertex* m = ev.new_unification(clash, {});
  ev.finalize(m);
  std::vector<cfgc::Diagnostic> errs = ev.errors(m, false);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].path == "x");
  CHECK_CONTAINS(errs[0].message, "conflicting values");
  // The operands are not changed.
  CHECK(int_of(p.field("a.x")->value) == 1);
}

TEST_CASE("eval vertex: equal_data") {
  EvalProgram p(R"(
one: 1
onef: 1.0
two: 2
str: "1"
t: true
f: false
n: null
s1: {a: 1, _h: 1, #d: 1, o?: 1}
s2: {a: 1.0, _h: 2}
s3: {a: 1, b: 2}
s4: {b: 2, a: 1}
l1: [1, {a: 1}]
l2: [1.0, {a: 1, _x: 0}]
l3: [1]
)");
  Evaluator& ev = p.ev();
  auto val = [&](const char* f) { return ev.concrete_value(p.field(f)); };
  auto eq = [&](const char* a, const char* b) { return ev.equal_data(val(a), val(b)); };
  CHECK(eq("one", "onef"));  // 1 == 1.0 as data
  CHECK(!eq("one", "two"));
  CHECK(!eq("one", "str"));
  CHECK(eq("t", "t"));
  CHECK(!eq("t", "f"));
  CHECK(eq("n", "n"));
  CHECK(!eq("n", "f"));
  // Structs compare their regular fields only, in any order.
  CHECK(eq("s1", "s2"));
  CHECK(!eq("s1", "s3"));
  CHECK(!eq("s3", "s1"));
  CHECK(eq("s3", "s4"));
  // Lists element by element.
  CHECK(eq("l1", "l2"));
  CHECK(!eq("l1", "l3"));
  CHECK(!eq("l3", "one"));
  // Values built by hand.
  CHECK(ev.equal_data(ev.integer(1), val("onef")));
  CHECK(ev.equal_data(ev.string("1"), val("str")));
  CHECK(!ev.equal_data(ev.string("1"), ev.bytes("1")));
}

TEST_CASE("eval vertex: path_of") {
  EvalProgram p("a: b: [0, {\"c-d\": 1}]");
  CHECK(Evaluator::path_of(p.field("a.b.1.c-d")) == "a.b.1.\"c-d\"");
  CHECK(Evaluator::path_of(p.root()) == "");
}
