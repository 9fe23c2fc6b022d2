// Package struct, end to end.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("struct: MinFields and MaxFields") {
  CHECK(eval_expr("struct.MinFields({a: 1, b: 2}, 2)") == "true");
  CHECK_CONTAINS(eval_expr("struct.MinFields({a: 1}, 2)"),
                 "struct.MinFields: len(fields) < MinFields(2) (1 < 2)");
  CHECK(eval_expr("struct.MaxFields({a: 1}, 2)") == "true");
  CHECK_CONTAINS(eval_expr("struct.MaxFields({a: 1, b: 2, c: 3}, 2)"),
                 "len(fields) > MaxFields(2) (3 > 2)");
  // Only regular fields count: not optional, hidden or definition fields.
  CHECK(eval_expr("struct.MaxFields({a: 1, b?: 2, _c: 3, #d: 4}, 1)") == "true");
  CHECK_CONTAINS(eval_expr("struct.MinFields({a?: 1}, 1)"), "(0 < 1)");
  CHECK_CONTAINS(eval_expr("struct.MinFields([1], 1)"),
                 "cannot use [1] (type list) as struct in argument 1");
  // As constraints (struct.MinFields(2) & {...}) these need evaluator support for validators on
  // structs; see the report.
}
