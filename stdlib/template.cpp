// Package text/template: Go's text/template over CUE data, as CUE's package (Execute,
// HTMLEscape, JSEscape). The engine is compiler/template/; this file converts the CUE argument
// the way CUE decodes a value into a Go interface{} (structs become maps of their regular
// fields, lists lists, ints int, floats float64 keeping their plain decimal text, null nil) and
// turns template errors into CUE errors.
//
// As in CUE, the template is parsed with the empty name, so errors read
//   template.Execute: template: :3:12: executing "" at <.bgp.asn>: ...
// with the line and (0-based) column in the template text.
#include <map>
#include <memory>
#include <mutex>

#include "compiler/template/template_escape.h"
#include "compiler/template/template_exec.h"
#include "compiler/template/template_parser.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using tmpl::TemplateValue;

constexpr int kMaxDepth = 1000;

// The template data for a concrete CUE value (check_concrete first), or the error to return.
const Value* to_template(CallContext& c, const Value* v, TemplateValue& out, int depth) {
  v = c.ev.resolve(v);
  if (depth > kMaxDepth) return fail(c, "data too deeply nested");
  switch (v->vk) {
    case VK::Bottom: return v;
    case VK::Null: out = TemplateValue::null(); return nullptr;
    case VK::Bool: out = TemplateValue::boolean(v->b); return nullptr;
    case VK::Num:
      if (!v->num.is_int()) {
        // Plain decimals print as CUE wrote them (1.50); CUE's exponent forms (1.5E+3) print
        // as Go prints the float64 (1500).
        std::string text = v->num.str();
        if (text.find_first_of("eE") != std::string::npos) text.clear();
        out = TemplateValue::floating(v->num.to_double(), std::move(text));
      } else if (v->num.fits_int64()) {
        out = TemplateValue::integer(v->num.int_value());
      } else {
        out = TemplateValue::integer(int_of(v), v->num.str());
      }
      return nullptr;
    case VK::String:
    case VK::Bytes: out = TemplateValue::string(std::string(v->str)); return nullptr;
    case VK::Vertex: {
      Vertex* x = v->vertex;
      if (x->is_list) {
        TemplateValue::List elems;
        for (Vertex* a : c.ev.regular_fields(x)) {
          TemplateValue e;
          if (const Value* err = to_template(c, c.ev.vertex_value(a), e, depth + 1)) return err;
          elems.push_back(std::move(e));
        }
        out = TemplateValue::list(std::move(elems));
        return nullptr;
      }
      TemplateValue::Map fields;
      for (Vertex* a : c.ev.regular_fields(x)) {
        TemplateValue e;
        if (const Value* err = to_template(c, c.ev.vertex_value(a), e, depth + 1)) return err;
        fields.set(std::string(eval::label_name(a->label)), std::move(e));
      }
      out = TemplateValue::map(std::move(fields));
      return nullptr;
    }
    default: return incomplete(c, fmt::format("incomplete value {}", c.ev.value_str(v)));
  }
}

// Where line:col of the template text is, when the text is a whole file read with @embed
// (the string starts at the file's first byte and is its content): errors can then point
// into the .tmpl file. Invalid otherwise (a string literal in CUE has quotes and escapes).
Pos template_pos(CallContext& c, const Value* text, const tmpl::TemplateError& err) {
  const FileSet* files = c.ev.files();
  if (!files || err.line <= 0 || !text->pos.valid()) return {};
  const SourceFile* f = files->file_of(text->pos);
  if (!f || f->pos(0) != text->pos || f->content() != text->str) return {};
  std::string_view content = f->content();
  size_t off = 0;
  for (int line = 1; line < err.line; ++line) {
    size_t nl = content.find('\n', off);
    if (nl == std::string_view::npos) return {};
    off = nl + 1;
  }
  off += static_cast<size_t>(std::max(err.col, 0));
  if (off > content.size()) return {};
  return f->pos(static_cast<uint32_t>(off));
}

// A template error: at its line in the template file when known, with the call's position.
const Value* template_error(CallContext& c, const Value* text, const tmpl::TemplateError& err) {
  Pos at = template_pos(c, text, err);
  if (!at.valid()) return fail(c, err.message);
  return c.ev.bottom(at, fmt::format("{}: {}", c.name, err.message), eval::Bottom::Error, {c.pos});
}

// Parsed templates by their text: a fabric renders one template for each of its thousand
// devices, and parsing it again each time costs as much as executing it. Parsed sets are
// immutable; the cache is shared by the threads that evaluate instances.
class TemplateCache {
 public:
  std::shared_ptr<const tmpl::TemplateSet> get(std::string_view text, tmpl::TemplateError& err) {
    {
      std::lock_guard lock(mu_);
      if (auto it = sets_.find(text); it != sets_.end()) return it->second;
    }
    auto set = std::make_shared<tmpl::TemplateSet>();
    if (!tmpl::parse_template("", std::string(text), *set, err)) return nullptr;
    std::lock_guard lock(mu_);
    if (sets_.size() >= kMaxEntries) sets_.clear();  // a bound, not a policy: rarely reached
    return sets_.try_emplace(std::string(text), std::move(set)).first->second;
  }

 private:
  static constexpr size_t kMaxEntries = 256;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const tmpl::TemplateSet>, std::less<>> sets_;
};

// Execute and ExecuteStrict.
const Value* execute(CallContext& c, Args a, bool strict) {
  static TemplateCache cache;
  tmpl::TemplateError err;
  std::shared_ptr<const tmpl::TemplateSet> parsed = cache.get(a[0]->str, err);
  if (!parsed) return template_error(c, a[0], err);
  const tmpl::TemplateSet& set = *parsed;
  if (const Value* e = check_concrete(c, a[1])) return e;
  TemplateValue data;
  if (const Value* e = to_template(c, a[1], data, 0)) return e;
  std::string out;
  tmpl::ExecOptions opts;
  opts.missing_print_error = strict;
  if (!tmpl::execute_template(set, "", data, out, err, opts)) return template_error(c, a[0], err);
  return c.ev.string(out, c.pos);
}

}  // namespace

void register_text_template() {
  const std::string P = "text/template";

  def(P, "Execute", {kString, kTop}, kString,
      "Execute(template, data): the output of the Go text/template `template` executed with "
      "`data` as dot (structs are maps iterated in key order; an error if data is not concrete)",
      [](CallContext& c, Args a) { return execute(c, a, false); });
  def(P, "ExecuteStrict", {kString, kTop}, kString,
      "*cfgc*: ExecuteStrict(template, data): as Execute, but printing a value the data does not "
      "have ({{.misspelt}}) is an error instead of <no value>; {{if}} and {{with}} on a missing "
      "field stay false, so optional fields work",
      [](CallContext& c, Args a) { return execute(c, a, true); });
  def(P, "HTMLEscape", {kString}, kString,
      "the string with \" ' & < > escaped as HTML entities (&#34; &#39; &amp; &lt; &gt;)",
      [](CallContext& c, Args a) { return c.ev.string(tmpl::html_escape(a[0]->str), c.pos); });
  def(P, "JSEscape", {kString}, kString,
      "the string escaped for a JavaScript string literal (\\' \\\" \\\\, \\u003C for <, "
      "control characters as \\uXXXX)",
      [](CallContext& c, Args a) { return c.ev.string(tmpl::js_escape(a[0]->str), c.pos); });
}

}  // namespace cfgc::stdlib
