// Fuzz entry point for the evaluator: any byte string is parsed, compiled, evaluated and
// exported as JSON, YAML and CUE (as `cfgc export` and `cfgc eval` would), with the stdlib
// available. Errors are expected; crashes, sanitizer reports and runaways are not. A memory
// limit of 256 MiB turns a program whose evaluation explodes into MemoryLimitExceeded, the
// error `cfgc` reports for it, instead of an out-of-memory report.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/export/export.h"
#include "compiler/syntax/parser.h"
#include "stdlib/register.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool init = [] {
    cfgc::stdlib::register_all();
    cfgc::Arena::set_memory_limit(size_t{256} << 20);
    return true;
  }();
  (void)init;
  cfgc::FileSet files;
  const cfgc::SourceFile& src =
      files.add("fuzz.cue", std::string(reinterpret_cast<const char*>(data), size));
  cfgc::Arena arena;
  cfgc::Diagnostics diags;
  try {
    cfgc::syntax::File* file = cfgc::syntax::parse_file(arena, src, diags);
    if (diags.has_errors()) return 0;
    cfgc::eval::Compiler compiler(arena, diags);
    std::vector<cfgc::syntax::File*> parsed{file};
    cfgc::eval::CompiledPackage pkg = compiler.compile_package(parsed);
    if (diags.has_errors()) return 0;
    cfgc::eval::Evaluator ev(arena);
    ev.set_files(&files);
    cfgc::eval::Vertex* root = ev.add_package(pkg);
    ev.finalize(root);
    std::vector<cfgc::Diagnostic> errors = ev.errors(root, true);
    for (const cfgc::Diagnostic& d : errors) (void)cfgc::format_with_source(files, d);
    std::string out;
    if (errors.empty()) {
      cfgc::exporter::write_json(ev, root, out);
      out.clear();
      cfgc::exporter::write_yaml(ev, root, out);
    }
    out.clear();
    cfgc::exporter::CueOptions opts;
    opts.files = &files;
    cfgc::exporter::write_cue(ev, root, out, opts);
  } catch (const cfgc::MemoryLimitExceeded&) {
    // The program needs more memory than allowed: cfgc reports exactly this.
  }
  return 0;
}
