// `cfgc fmt`: rewrites CUE files in canonical style, or checks/diffs them for CI.
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "cmd/command.h"
#include "compiler/base/file_io.h"
#include "compiler/base/line_diff.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

namespace cfgc::cli {

namespace {

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
  bool diff = false;
};

int run_fmt(const FmtOptions& opts) {
  std::vector<Error> errors;
  std::vector<std::string> args = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  bool use_stdin = args.size() == 1 && args[0] == "-";
  std::vector<std::string> files = use_stdin ? args : expand_paths(args, {".cue"}, errors);
  int status = kExitOk;
  for (const auto& e : errors) {
    fmt::print(stderr, "cfgc fmt: {}\n", e.message);
    status = kExitUsage;
  }

  FileSet fs;
  for (const std::string& path : files) {
    auto content = read_file(path);
    if (!content) {
      fmt::print(stderr, "cfgc fmt: {}\n", content.error().message);
      status = kExitUsage;
      continue;
    }
    const SourceFile& src = fs.add(path == "-" ? "<stdin>" : path, std::move(*content));
    Arena arena;
    Diagnostics diags;
    syntax::File* file = syntax::parse_file(arena, src, diags);
    if (diags.has_errors()) {
      diags.sort();
      for (const Diagnostic& d : diags.list()) fmt::print(stderr, "{}", format_with_source(fs, d));
      if (status == kExitOk) status = kExitInvalid;
      continue;
    }
    std::string formatted = format::format_file(*file);
    bool changed = formatted != src.content();
    if (use_stdin && !opts.check && !opts.diff) {
      fmt::print("{}", formatted);
      continue;
    }
    if (!changed) continue;
    if (opts.diff) {
      fmt::print("{}", unified_diff(src.content(), formatted, src.name() + " (original)",
                                    src.name() + " (formatted)"));
    }
    if (opts.check) {
      if (!opts.diff) fmt::print("{}\n", src.name());
      if (status == kExitOk) status = kExitInvalid;
      continue;
    }
    if (opts.diff) continue;
    if (Result<> w = write_file_atomic(path, formatted); !w) {
      fmt::print(stderr, "cfgc fmt: {}\n", w.error().message);
      status = kExitUsage;
    }
  }
  return status;
}

}  // namespace

Command fmt_command() {
  auto opts = std::make_shared<FmtOptions>();
  Command c{"fmt", "Format CUE files in the canonical style"};
  c.footer =
      "Format CUE files in the canonical style: tabs, aligned field values, one element per\n"
      "line in multi-line structs and lists, comments kept. Formatting never changes meaning.\n\n"
      "Paths are files or directories (walked recursively; hidden and _-prefixed entries and\n"
      "cue.mod are skipped); `./...` is accepted too; `-` reads standard input and writes the\n"
      "result to standard output. Without paths the current directory is formatted.\n\n"
      "Examples:\n"
      "  cfgc fmt ./...                  rewrite every .cue file below this directory\n"
      "  cfgc fmt --check ./...          CI: list files that need formatting, exit 1 if any\n"
      "  cfgc fmt -d schemas/bgp.cue     show what would change, touch nothing";
  c.flags = {
      {"paths", "Files or directories (default: .)", &opts->paths},
      {"--check", "Do not write; list the files that would change and exit 1 if there are any",
       &opts->check},
      {"-d,--diff", "Do not write; print a unified diff of the changes", &opts->diff},
  };
  c.run = [opts] { return run_fmt(*opts); };
  return c;
}

}  // namespace cfgc::cli
