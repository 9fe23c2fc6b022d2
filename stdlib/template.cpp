// Package text/template: Go's text/template over CUE data, as CUE's package (Execute,
// HTMLEscape, JSEscape). The engine is compiler/template/; this file converts the CUE argument
// the way CUE decodes a value into a Go interface{} (structs become maps of their regular
// fields, lists lists, ints int, floats float64 keeping their plain decimal text, null nil) and
// turns template errors into CUE errors.
//
// As in CUE, the template is parsed with the empty name, so errors read
//   template.Execute: template: :3:12: executing "" at <.bgp.asn>: ...
// with the line and (0-based) column in the template text.
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
        for (Vertex* a : regular_fields(c.ev, x)) {
          TemplateValue e;
          if (const Value* err = to_template(c, c.ev.vertex_value(a), e, depth + 1)) return err;
          elems.push_back(std::move(e));
        }
        out = TemplateValue::list(std::move(elems));
        return nullptr;
      }
      TemplateValue::Map fields;
      for (Vertex* a : regular_fields(c.ev, x)) {
        TemplateValue e;
        if (const Value* err = to_template(c, c.ev.vertex_value(a), e, depth + 1)) return err;
        fields.set(std::string(eval::label_name(a->label)), std::move(e));
      }
      out = TemplateValue::map(std::move(fields));
      return nullptr;
    }
    default:
      return incomplete(c, fmt::format("incomplete value {}", c.ev.value_str(v)));
  }
}

}  // namespace

void register_text_template() {
  const std::string P = "text/template";

  def(P, "Execute", {kString, kTop}, kString,
      "Execute(template, data): the output of the Go text/template `template` executed with "
      "`data` as dot (structs are maps iterated in key order; an error if data is not concrete)",
      [](CallContext& c, Args a) -> const Value* {
        tmpl::TemplateSet set;
        tmpl::TemplateError err;
        if (!tmpl::parse_template("", std::string(a[0]->str), set, err)) return fail(c, err.message);
        if (const Value* e = check_concrete(c, a[1])) return e;
        TemplateValue data;
        if (const Value* e = to_template(c, a[1], data, 0)) return e;
        std::string out;
        if (!tmpl::execute_template(set, "", data, out, err)) return fail(c, err.message);
        return c.ev.string(out, c.pos);
      });
  def(P, "HTMLEscape", {kString}, kString,
      "the string with \" ' & < > escaped as HTML entities (&#34; &#39; &amp; &lt; &gt;)",
      [](CallContext& c, Args a) { return c.ev.string(tmpl::html_escape(a[0]->str), c.pos); });
  def(P, "JSEscape", {kString}, kString,
      "the string escaped for a JavaScript string literal (\\' \\\" \\\\, \\u003C for <, "
      "control characters as \\uXXXX)",
      [](CallContext& c, Args a) { return c.ev.string(tmpl::js_escape(a[0]->str), c.pos); });
}

}  // namespace cfgc::stdlib
