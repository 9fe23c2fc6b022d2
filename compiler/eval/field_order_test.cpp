// Field order (field_order.h): cue's topological sort of the literals' field sequences.
#include "compiler/eval/field_order.h"

#include <doctest/doctest.h>

#include <string>

#include "compiler/eval/eval_test_util.h"

using cfgc::eval::Feature;
using cfgc::eval::testing::run;

namespace {

// Sequences of one-letter labels ("ab", "c") sorted; the result as letters.
std::string sorted(std::vector<std::string> seqs) {
  std::vector<std::vector<Feature>> in;
  for (const auto& s : seqs) in.emplace_back(s.begin(), s.end());
  auto ranks = cfgc::eval::topological_field_ranks(in);
  std::string out(ranks.size(), '?');
  for (auto [f, r] : ranks) out[r] = static_cast<char>(f);
  return out;
}

}  // namespace

TEST_CASE("field order: cue's topological sort of literal field sequences") {
  CHECK(sorted({"c", "abc"}) == "abc");
  CHECK(sorted({"xc", "abc"}) == "xabc");
  CHECK(sorted({"cx", "abc"}) == "abcx");
  // The successor is released only while more than one field is left: {c} & {a, b} & {a, b, c}.
  CHECK(sorted({"c", "ab", "abc"}) == "acb");
  // A cycle between sequences is broken at the first sequence's head.
  CHECK(sorted({"c", "ba", "abc"}) == "cba");
  CHECK(sorted({"ca", "abc"}) == "cab");
  CHECK(sorted({"ab", "ba"}) == "ab");
  CHECK(sorted({}).empty());
}

TEST_CASE("field order: evaluation records the literals in unification order") {
  CHECK(run("_A: {a: 1, b: 2, c: 3}\nx: {c: 3} & {a: 1, b: 2} & _A\n") ==
        R"({"x":{"a":1,"c":3,"b":2}})");
  // A comprehension's body is one more literal; fields no literal declares (dynamic) one
  // more sequence. cue's quirk (a successor is released only while two fields are left)
  // places them before the literal's last field.
  CHECK(run("y: {a: 1, for k in [1] {b: 2}, c: 3}\n") == R"({"y":{"a":1,"b":2,"c":3}})");
  CHECK(run("z: {a: 1, b: 2, c: 3, for k in [1] {e: 5, f: 6}}\n") ==
        R"({"z":{"a":1,"b":2,"e":5,"c":3,"f":6}})");
  CHECK(run("x: {a: 1, b: 2, c: 3, (\"d\"): 4}\n") == R"({"x":{"a":1,"b":2,"d":4,"c":3}})");
}
