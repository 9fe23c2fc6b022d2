#pragma once
// Builtin functions and validators, described as data: package, name, parameter kinds,
// result kind, implementation and a one-line doc. The core builtins (len, close, and, or,
// div, mod, quo, rem) register here; standard-library packages register from stdlib/.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/ir.h"

namespace cfgc::eval {

struct Value;
class Evaluator;

// What a builtin implementation gets: the evaluator (to allocate values and vertices) and the
// call position for errors.
struct CallContext {
  Evaluator& ev;
  Pos pos;
  std::string name;  // "strings.Join"
  // Applied as a constraint (`list.UniqueItems()` on a field) rather than called for its
  // result: a failure may then explain itself instead of returning false.
  bool validating = false;
};

struct Builtin {
  std::string pkg;               // "" for the core builtins
  std::string name;              // "Join"
  std::vector<uint16_t> params;  // kinds per parameter (kTop: anything, unevaluated vertex)
  bool variadic = false;         // last parameter repeats
  uint16_t result = kTop;
  // A validator can stand as a constraint: `net.IPv4` (no arguments) or `strings.MinRunes(3)`
  // (arguments given): the checked value becomes the first argument.
  bool validator = false;
  std::function<const Value*(CallContext&, std::span<const Value*>)> fn;
  std::string doc;
  std::string qualified() const { return pkg.empty() ? name : pkg + "." + name; }
};

// The registry. Registration happens at start-up, before any evaluation.
void register_builtin(Builtin b);
const Builtin* find_builtin(std::string_view pkg, std::string_view name);
bool has_builtin_package(std::string_view pkg);
std::vector<const Builtin*> all_builtins();

// Registers len, close, and, or, div, mod, quo, rem (idempotent).
void register_core_builtins();

}  // namespace cfgc::eval
