// Package strings, end to end. Expected values were checked against CUE v0.4 where CUE has
// the function.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("strings: searching") {
  CHECK(eval_expr(R"(strings.Contains("swp51", "p5"))") == "true");
  CHECK(eval_expr(R"(strings.Contains("swp51", "x"))") == "false");
  CHECK(eval_expr(R"(strings.ContainsAny("eth0", "xyz0"))") == "true");
  CHECK(eval_expr(R"(strings.ContainsAny("eth0", ""))") == "false");
  CHECK(eval_expr(R"(strings.Count("cheese", "e"))") == "3");
  CHECK(eval_expr(R"(strings.Count("five", ""))") == "5");
  CHECK(eval_expr(R"(strings.HasPrefix("swp51", "swp"))") == "true");
  CHECK(eval_expr(R"(strings.HasSuffix("swp51", "swp"))") == "false");
  CHECK(eval_expr(R"(strings.Index("chicken", "ken"))") == "4");
  CHECK(eval_expr(R"(strings.Index("chicken", "dmr"))") == "-1");
  CHECK(eval_expr(R"(strings.Index("héllo", "l"))") == "3");  // byte offset
  CHECK(eval_expr(R"(strings.IndexAny("golang", "ny"))") == "4");
  CHECK(eval_expr(R"(strings.LastIndex("go gopher", "go"))") == "3");
  CHECK(eval_expr(R"(strings.LastIndexAny("go gopher", "go"))") == "4");
  CHECK(eval_expr(R"(strings.Compare("a", "b"))") == "-1");
  CHECK(eval_expr(R"(strings.Compare("b", "b"))") == "0");
}

TEST_CASE("strings: splitting and joining") {
  CHECK(eval_expr(R"(strings.Split("a,b,c", ","))") == R"(["a","b","c"])");
  CHECK(eval_expr(R"(strings.Split("a,b", ""))") == R"(["a",",","b"])");
  CHECK(eval_expr(R"(strings.Split("", ","))") == R"([""])");
  CHECK(eval_expr(R"(strings.Split("", ""))") == "[]");
  CHECK(eval_expr(R"(strings.SplitAfter("a,b,c", ","))") == R"(["a,","b,","c"])");
  CHECK(eval_expr(R"(strings.SplitN("a,b,c", ",", 2))") == R"(["a","b,c"])");
  CHECK(eval_expr(R"(strings.SplitN("a,b,c", ",", 0))") == "[]");
  CHECK(eval_expr(R"(strings.SplitN("a,b,c", ",", -1))") == R"(["a","b","c"])");
  CHECK(eval_expr(R"(strings.SplitN("héllo", "", 3))") == R"(["h","é","llo"])");
  CHECK(eval_expr(R"(strings.SplitAfterN("a,b,c", ",", 2))") == R"(["a,","b,c"])");
  CHECK(eval_expr(R"(strings.SplitAfter("swp53", "swp"))") == R"(["swp","53"])");
  CHECK(eval_expr(R"(strings.Fields("  a b\tc\n "))") == R"(["a","b","c"])");
  CHECK(eval_expr(R"(strings.Fields("   "))") == "[]");
  CHECK(eval_expr(R"(strings.Join(["a", "b", "c"], "-"))") == R"("a-b-c")");
  CHECK(eval_expr(R"(strings.Join([], "-"))") == R"("")");
}

TEST_CASE("strings: Join checks its elements") {
  CHECK_CONTAINS(eval_expr(R"(strings.Join([1, "b"], "-"))"),
                 "strings.Join: element 0 of argument 1 is 1 (int), want string");
  // An element that is not concrete yet: incomplete, reported by export.
  CHECK_CONTAINS(run("import \"strings\"\nx: string\ny: strings.Join([x], \"-\")\n"),
                 "not concrete");
}

TEST_CASE("strings: case and trimming") {
  CHECK(eval_expr(R"(strings.ToUpper("Gopher ß é"))") == R"("GOPHER ß É")");
  CHECK(eval_expr(R"(strings.ToLower("GÖPHER"))") == R"("göpher")");
  CHECK(eval_expr(R"(strings.Title("hello wORLD-foo_bar x.y"))") == R"("Hello WORLD-Foo_bar X.Y")");
  CHECK(eval_expr(R"(strings.ToTitle("hello wORLD-foo_bar"))") == R"("Hello WORLD-foo_bar")");
  CHECK(eval_expr(R"(strings.ToCamel("Hello World"))") == R"("hello world")");
  CHECK(eval_expr(R"(strings.Trim("  xxhixx  ", " x"))") == R"("hi")");
  CHECK(eval_expr(R"(strings.TrimLeft("xxhixx", "x"))") == R"("hixx")");
  CHECK(eval_expr(R"(strings.TrimRight("xxhixx", "x"))") == R"("xxhi")");
  CHECK(eval_expr(R"(strings.TrimPrefix("swp51", "swp"))") == R"("51")");
  CHECK(eval_expr(R"(strings.TrimPrefix("swp51", "eth"))") == R"("swp51")");
  CHECK(eval_expr(R"(strings.TrimSuffix("a.cue", ".cue"))") == R"("a")");
  CHECK(eval_expr("strings.TrimSpace(\"\\t a b \\n\")") == R"("a b")");
}

TEST_CASE("strings: Repeat and Replace") {
  CHECK(eval_expr(R"(strings.Repeat("ab", 3))") == R"("ababab")");
  CHECK(eval_expr(R"(strings.Repeat("ab", 0))") == R"("")");
  CHECK_CONTAINS(eval_expr(R"(strings.Repeat("ab", -1))"), "strings.Repeat: negative count -1");
  CHECK_CONTAINS(eval_expr(R"(strings.Repeat("ab", 1000000000000))"),
                 "strings.Repeat: result too large");
  CHECK(eval_expr(R"(strings.Replace("oink oink oink", "k", "ky", 2))") == R"("oinky oinky oink")");
  CHECK(eval_expr(R"(strings.Replace("oink oink oink", "oink", "moo", -1))") == R"("moo moo moo")");
  CHECK(eval_expr(R"(strings.Replace("ab", "", "-", -1))") == R"("-a-b-")");
  CHECK(eval_expr(R"(strings.Replace("ab", "", "-", 2))") == R"("-a-b")");
}

TEST_CASE("strings: bytes and runes") {
  CHECK(eval_expr(R"(strings.ByteAt("hello", 1))") == "101");
  CHECK(eval_expr(R"(strings.ByteAt('hello', 4))") == "111");
  CHECK_CONTAINS(eval_expr(R"(strings.ByteAt("abc", 5))"),
                 "strings.ByteAt: index 5 out of range (length 3)");
  CHECK(eval_expr(R"(strings.ByteSlice("hello", 1, 3))") ==
        R"("ZWw=")");  // bytes 'el', base64 in JSON
  CHECK_CONTAINS(eval_expr(R"(strings.ByteSlice("hello", 3, 1))"), "out of range");
  CHECK(eval_expr(R"(strings.Runes("hé"))") == "[104,233]");
  CHECK(eval_expr(R"(strings.SliceRunes("héllo", 1, 3))") == R"("él")");
  CHECK_CONTAINS(eval_expr(R"(strings.SliceRunes("héllo", 1, 9))"), "out of range");
}

TEST_CASE("strings: MinRunes and MaxRunes as functions and validators") {
  CHECK(eval_expr(R"(strings.MinRunes("abc", 2))") == "true");
  CHECK(eval_expr(R"(strings.MaxRunes("héé", 3))") == "true");
  CHECK(eval_expr(R"(strings.MaxRunes("héé", 2))") == "false");
  CHECK(run("import \"strings\"\nname: strings.MinRunes(3) & strings.MaxRunes(8)\nname: "
            "\"leaf01\"\n") == R"({"name":"leaf01"})");
  CHECK_CONTAINS(run("import \"strings\"\nname: strings.MinRunes(3)\nname: \"ab\"\n"),
                 "invalid value \"ab\" (does not satisfy strings.MinRunes(3))");
  CHECK_CONTAINS(run("import \"strings\"\nname: strings.MaxRunes(2)\nname: 12\n"), "name:");
  // The bound of a partially applied validator is kind-checked too.
  CHECK_CONTAINS(run("import \"strings\"\nname: strings.MinRunes(\"x\")\nname: \"abc\"\n"),
                 "cannot use \"x\" (type string) as int in argument 2 to strings.MinRunes");
}

TEST_CASE("strings: argument kinds and counts") {
  CHECK_CONTAINS(eval_expr(R"(strings.Repeat(1, 2))"),
                 "cannot use 1 (type int) as string in argument 1 to strings.Repeat");
  CHECK_CONTAINS(eval_expr(R"(strings.Repeat("a"))"),
                 "not enough arguments in call to strings.Repeat (have 1, want 2)");
  CHECK_CONTAINS(eval_expr(R"(strings.ToUpper("a", "b"))"), "too many arguments");
  // As cue: an error where it is used, not when the file is compiled.
  CHECK_CONTAINS(run("import \"strings\"\nx: strings.Nope(\"a\")\n"), "x: undefined field Nope");
}
