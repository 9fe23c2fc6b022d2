// Package struct: constraints on the number of fields of a struct. Only regular fields count:
// not definitions, hidden, optional or required-but-absent fields.
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

void register_struct() {
  const std::string P = "struct";
  def_validator(P, "MinFields", {kStruct, kInt},
                "the struct has at least n regular fields (struct.MinFields(1))",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_struct(a[0])) return failf(c, "{} is not a struct", c.ev.value_str(a[0]));
                  size_t n = c.ev.regular_fields(a[0]->vertex).size();
                  int64_t min = int_of(a[1]);
                  if (static_cast<int64_t>(n) >= min) return c.ev.boolean(true, c.pos);
                  // An open struct may still get its fields (as cue has it).
                  if (!a[0]->vertex->closed_struct) {
                    return incomplete(c, fmt::format("len(fields) < MinFields({}) ({} < {}) so far: the struct is open", min, n, min));
                  }
                  return failf(c, "len(fields) < MinFields({}) ({} < {})", min, n, min);
                });
  def_validator(P, "MaxFields", {kStruct, kInt},
                "the struct has at most n regular fields (struct.MaxFields(8))",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_struct(a[0])) return failf(c, "{} is not a struct", c.ev.value_str(a[0]));
                  size_t n = c.ev.regular_fields(a[0]->vertex).size();
                  int64_t max = int_of(a[1]);
                  if (static_cast<int64_t>(n) <= max) return c.ev.boolean(true, c.pos);
                  return failf(c, "len(fields) > MaxFields({}) ({} > {})", max, n, max);
                });
}

}  // namespace cfgc::stdlib
