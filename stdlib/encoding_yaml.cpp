// Package encoding/yaml: YAML marshalling, unmarshalling and validation.
//
// Marshal writes YAML as cue v0.6's yaml.Marshal does, byte for byte (yaml.v3's layout and
// quoting, see compiler/export/yaml_writer.cpp): strings that a YAML reader would take for
// something else ("on", "yes", "0755", "1e3") are double-quoted.
//
// Unmarshal reads YAML as data files are read (compiler/encoding/yaml_scalar.h, cue v0.6's
// reading): 0b/0o/0x integers, `_` separators, 0755 as an octal integer; "on" and "yes" are
// strings. Merge keys
// (`<<: *anchor`) are applied; duplicate keys are errors; .inf and .nan are errors (CUE numbers
// are finite).
#include <yaml-cpp/yaml.h>

#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
#include "compiler/encoding/yaml_documents.h"
#include "compiler/encoding/yaml_scalar.h"
#include "compiler/export/export.h"
#include "stdlib/encoding.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

constexpr int kMaxDepth = 1000;

const Value* number_or_error(CallContext& c, std::string_view text, bool is_float, bool neg) {
  auto n = Number::parse(text, is_float);
  if (!n) return failf(c, "number {}: {}", text, n.error().message);
  if (neg) {
    n = Number::neg(*n);
    if (!n) return failf(c, "number {}: {}", text, n.error().message);
  }
  return c.ev.number(*n, c.pos);
}

// The value of a plain (unquoted, untagged) scalar, as data files read it (yaml_scalar.h).
const Value* resolve_plain(CallContext& c, const std::string& s) {
  using K = encoding::CueYamlScalar::Kind;
  encoding::CueYamlScalar t = encoding::resolve_cue_yaml_scalar(s);
  switch (t.kind) {
    case K::String: return c.ev.string(s, c.pos);
    case K::Null: return c.ev.null_value(c.pos);
    case K::Bool: return c.ev.boolean(t.literal == "true", c.pos);
    case K::NotFinite: return failf(c, "{} is not a CUE number (numbers are finite)", s);
    case K::Int:
    case K::Float: break;
  }
  return number_or_error(c, t.literal, t.kind == K::Float, t.negative);
}

const Value* from_yaml(CallContext& c, const YAML::Node& n, int depth, size_t& budget);

const Value* from_scalar(CallContext& c, const YAML::Node& n) {
  const std::string& s = n.Scalar();
  const std::string& tag = n.Tag();
  if (tag == "?" || tag.empty()) return resolve_plain(c, s);
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return c.ev.string(s, c.pos);
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
      tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
    const Value* v = resolve_plain(c, s);
    uint16_t want = tag.ends_with(":int")     ? kInt
                    : tag.ends_with(":float") ? kNumber
                    : tag.ends_with(":bool")  ? kBool
                                              : kNull;
    if (v->vk != VK::Bottom && !(eval::kind_of(v) & want)) {
      return failf(c, "cannot read {} as {}", json_quote(s), tag.substr(tag.rfind(':') + 1));
    }
    return v;
  }
  if (tag == "tag:yaml.org,2002:binary") {
    std::string clean;
    for (char ch : s) {
      if (ch != '\n' && ch != ' ' && ch != '\r') clean += ch;
    }
    Result<std::string> out = base64_decode(clean);
    if (!out) return failf(c, "!!binary: {}", out.error().message);
    return c.ev.bytes(*out, c.pos);
  }
  return c.ev.string(s, c.pos);  // an application tag (!vault, …): the text
}

const Value* from_map(CallContext& c, const YAML::Node& n, int depth, size_t& budget) {
  std::vector<std::pair<std::string, const Value*>> fields;
  std::vector<std::pair<std::string, const Value*>> merged;  // from << (explicit keys win)
  auto has = [](const auto& fs, const std::string& k) {
    for (const auto& f : fs) {
      if (f.first == k) return true;
    }
    return false;
  };
  for (const auto& kv : n) {
    YAML::Node k = kv.first;  // copies: the iterator yields temporaries
    if (!k.IsScalar() && !k.IsNull())
      return fail(c, "a map key must be a scalar (a string, number or bool)");
    std::string key = k.IsNull() ? "null" : k.Scalar();
    if (key == "<<" && k.Tag() == "?") {
      YAML::Node m = kv.second;
      std::vector<YAML::Node> sources;
      if (m.IsMap()) {
        sources.push_back(m);
      } else if (m.IsSequence()) {
        for (const auto& e : m) sources.push_back(e);
      }
      for (const YAML::Node& src : sources) {
        if (!src.IsMap()) return fail(c, "a merge key (<<) needs a map or a list of maps");
        const Value* v = from_map(c, src, depth + 1, budget);
        if (v->vk == VK::Bottom) return v;
        for (Vertex* f : c.ev.regular_fields(v->vertex)) {
          std::string name(eval::label_name(f->label));
          if (!has(merged, name)) merged.emplace_back(name, c.ev.vertex_value(f, c.pos));
        }
      }
      continue;
    }
    if (has(fields, key)) return failf(c, "mapping key {} already defined", json_quote(key));
    const Value* v = from_yaml(c, kv.second, depth + 1, budget);
    if (v->vk == VK::Bottom) return v;
    fields.emplace_back(std::move(key), v);
  }
  for (auto& m : merged) {
    if (!has(fields, m.first)) fields.push_back(m);
  }
  return make_struct(c, fields);
}

// `budget` is the number of values still allowed: aliases share nodes, so anchors nested in
// anchors ("billion laughs") would otherwise expand without end.
const Value* from_yaml(CallContext& c, const YAML::Node& n, int depth, size_t& budget) {
  if (depth > kMaxDepth) return fail(c, "YAML nested too deeply");
  if (budget == 0) return fail(c, "aliases expand the YAML to too many values");  // see load()
  --budget;
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return c.ev.null_value(c.pos);
    case YAML::NodeType::Scalar: return from_scalar(c, n);
    case YAML::NodeType::Sequence: {
      std::vector<const Value*> xs;
      for (const auto& e : n) {
        const Value* v = from_yaml(c, e, depth + 1, budget);
        if (v->vk == VK::Bottom) return v;
        xs.push_back(v);
      }
      return make_list(c, xs);
    }
    case YAML::NodeType::Map: return from_map(c, n, depth, budget);
  }
  return c.ev.null_value(c.pos);
}

// The documents of a YAML stream, or an error.
const Value* load(CallContext& c, std::string_view text, std::vector<const Value*>& docs) {
  std::vector<YAML::Node> nodes;
  try {
    nodes = encoding::load_yaml_documents(text);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) return fail(c, e.msg);
    return failf(c, "line {}, column {}: {}", e.mark.line + 1, e.mark.column + 1, e.msg);
  } catch (const std::exception& e) {
    return failf(c, "{}", e.what());
  }
  const size_t max_values = 16 * text.size() + 200'000;  // as the data file reader allows
  size_t budget = max_values;
  for (const YAML::Node& n : nodes) {
    const Value* v = from_yaml(c, n, 0, budget);
    if (budget == 0 && v->vk == VK::Bottom)
      return failf(c, "aliases expand the YAML to more than {} values", max_values);
    if (v->vk == VK::Bottom) return v;
    docs.push_back(v);
  }
  return nullptr;
}

const Value* validate(CallContext& c, Args a, bool concrete) {
  if (a[0]->vk != VK::String && a[0]->vk != VK::Bytes)
    return failf(c, "{} is not a string", c.ev.value_str(a[0]));
  std::vector<const Value*> docs;
  if (const Value* e = load(c, a[0]->str, docs)) return e;
  if (docs.empty()) docs.push_back(c.ev.null_value(c.pos));
  for (const Value* d : docs) {
    if (const Value* e = validate_against(c, d, a[1], concrete)) return e;
  }
  return c.ev.boolean(true, c.pos);
}

}  // namespace

const Value* marshal_yaml(CallContext& c, const Value* v, std::string& out) {
  if (const Value* e = check_concrete(c, v)) return e;
  const Value* x = c.ev.resolve(v);
  exporter::write_yaml(c.ev, c.ev.vertex_of(x), out, exporter::YamlStyle::CueMarshal);
  return nullptr;
}

void register_encoding_yaml() {
  const std::string P = "encoding/yaml";
  const uint16_t T = kString | kBytes;

  def(P, "Marshal", {kTop}, kString,
      "the value as a YAML document, as cue writes it (an error if it is not concrete); "
      "strings that YAML readers would misread (on, yes, 0755) are quoted",
      [](CallContext& c, Args a) -> const Value* {
        std::string out;
        if (const Value* e = marshal_yaml(c, a[0], out)) return e;
        return c.ev.string(out, c.pos);
      });
  def(P, "MarshalStream", {kList}, kString,
      "each element of the list as a YAML document, separated by ---",
      [](CallContext& c, Args a) { return marshal_stream(c, a[0], true); });
  def(P, "Unmarshal", {T}, kTop,
      "the value of a YAML document (null for an empty one; an error for several)",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<const Value*> docs;
        if (const Value* e = load(c, a[0]->str, docs)) return e;
        if (docs.empty()) return c.ev.null_value(c.pos);
        if (docs.size() > 1)
          return failf(c, "{} documents in the input (use yaml.UnmarshalStream)", docs.size());
        return docs[0];
      });
  def(P, "UnmarshalStream", {T}, kList, "the documents of a YAML stream, as a list",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<const Value*> docs;
        if (const Value* e = load(c, a[0]->str, docs)) return e;
        return make_list(c, docs);
      });
  def_validator(P, "Validate", {T, kTop},
                "Validate(data, schema): every document of the YAML data unifies with schema and "
                "is concrete (yaml.Validate(#Config) as a constraint on a string)",
                [](CallContext& c, Args a) { return validate(c, a, true); });
  def_validator(P, "ValidatePartial", {T, kTop},
                "ValidatePartial(data, schema): every document of the YAML data unifies with "
                "schema (it need not be concrete or complete)",
                [](CallContext& c, Args a) { return validate(c, a, false); });
}

}  // namespace cfgc::stdlib
