// Fuzz entry point for the text/template engine (compiler/template/): any byte string must
// either parse or fail with a positioned "template: fuzz:LINE:COL: ..." error, without
// crashing, tripping a sanitizer or running away. A template that parses is rendered back as
// source (which must parse to the same source again) and executed over fixed data under tight
// limits, once as Go's default and once with missingkey=error. Built against libFuzzer with
// -DCFGC_LIBFUZZER=ON, or with standalone_main.cpp to replay a corpus (the
// "fuzz: template corpus" ctest test).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/template/template_exec.h"
#include "compiler/template/template_parser.h"

namespace {

using cfgc::tmpl::TemplateValue;

TemplateValue fuzz_data() {
  TemplateValue::Map peer1, peer2, nested, inner, root;
  peer1.set("ip", TemplateValue::string("10.0.0.1"));
  peer1.set("asn", TemplateValue::integer(65002));
  peer2.set("ip", TemplateValue::string("10.0.0.2"));
  peer2.set("asn", TemplateValue::integer(65003));
  peer2.set("description", TemplateValue::string("spine <2> & \"b\""));
  inner.set("y", TemplateValue::string("deep"));
  nested.set("x", TemplateValue::map(inner));
  root.set("name", TemplateValue::string("leaf1"));
  root.set("asn", TemplateValue::integer(65001));
  root.set("ratio", TemplateValue::floating(1.5, "1.50"));
  root.set("big", TemplateValue::integer(INT64_MAX, "170141183460469231731687303715884105727"));
  root.set("up", TemplateValue::boolean(true));
  root.set("down", TemplateValue::boolean(false));
  root.set("empty", TemplateValue::string(""));
  root.set("nothing", TemplateValue::null());
  root.set("list", TemplateValue::list({TemplateValue::integer(1), TemplateValue::integer(2),
                                        TemplateValue::integer(3)}));
  root.set("strs", TemplateValue::list({TemplateValue::string("a"), TemplateValue::string("é")}));
  root.set("none", TemplateValue::list({}));
  root.set("nested", TemplateValue::map(nested));
  root.set("peers", TemplateValue::list({TemplateValue::map(peer1), TemplateValue::map(peer2)}));
  return TemplateValue::map(std::move(root));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  cfgc::tmpl::TemplateSet set;
  cfgc::tmpl::TemplateError err;
  if (!cfgc::tmpl::parse_template("fuzz", text, set, err)) {
    // A parse error names the template and a position inside the text.
    if (err.message.rfind("template: fuzz:", 0) != 0 || err.line < 1) std::abort();
    return 0;
  }
  if (!set.lookup("fuzz")) std::abort();  // the top-level template always exists

  // Every tree renders back as source that parses to the same source.
  for (const auto& [name, tree] : set.trees) {
    std::string src = tree->root->str();
    cfgc::tmpl::TemplateSet again;
    if (cfgc::tmpl::parse_template(name, src, again, err)) {
      if (again.lookup(name) && again.lookup(name)->root->str() != src) std::abort();
    }
  }

  static const TemplateValue kData = fuzz_data();
  cfgc::tmpl::ExecOptions opts;
  opts.max_output = size_t(1) << 20;
  opts.max_steps = 200000;
  opts.max_template_depth = 200;
  for (bool strict : {false, true}) {
    opts.missing_key_error = strict;
    std::string out;
    if (!cfgc::tmpl::execute_template(set, "fuzz", kData, out, err, opts)) {
      if (err.message.rfind("template: fuzz", 0) != 0) std::abort();
    }
    if (out.size() > opts.max_output) std::abort();
  }
  return 0;
}
