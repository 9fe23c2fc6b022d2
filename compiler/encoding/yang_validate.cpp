#include "compiler/encoding/yang_validate.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "compiler/base/quote.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/yang_context.h"

namespace cfgc::encoding {

namespace {

// A JSON value that keeps numbers as written (a decimal64 must not pass through a double).
struct JsonMember;
struct Json {
  enum Kind { Object, Array, String, Number, Bool, Null } kind = Null;
  std::string text;  // a string's value, a number as written, "true"/"false"
  // (not std::pair<std::string, Json>: clang 14 with libstdc++ 12 rejects the pair of an
  // incomplete type, which breaks the clang builds of scripts/fuzz)
  std::vector<JsonMember> members;
  std::vector<Json> items;
};
struct JsonMember {
  std::string first;
  Json second;
};

// Builds a Json tree from nlohmann's SAX events.
class JsonReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  Json root;
  std::string error;

  bool null() override { return put(Json{}); }
  bool boolean(bool b) override { return put(Json{Json::Bool, b ? "true" : "false", {}, {}}); }
  bool number_integer(number_integer_t v) override {
    return put(Json{Json::Number, std::to_string(v), {}, {}});
  }
  bool number_unsigned(number_unsigned_t v) override {
    return put(Json{Json::Number, std::to_string(v), {}, {}});
  }
  bool number_float(number_float_t, const string_t& s) override {
    return put(Json{Json::Number, s, {}, {}});
  }
  bool string(string_t& s) override { return put(Json{Json::String, s, {}, {}}); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    stack_.push_back(open(Json{Json::Object, {}, {}, {}}));
    return true;
  }
  bool key(string_t& k) override {
    stack_.back()->members.push_back(JsonMember{k, Json{}});
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    stack_.push_back(open(Json{Json::Array, {}, {}, {}}));
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception& e) override {
    error = fmt::format("at byte {}: {}", at, e.what());
    return false;
  }

 private:
  Json* open(Json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    Json* top = stack_.back();
    if (top->kind == Json::Array) {
      top->items.push_back(std::move(v));
      return &top->items.back();
    }
    top->members.back().second = std::move(v);
    return &top->members.back().second;
  }
  bool put(Json v) {
    open(std::move(v));
    return true;
  }
  std::vector<Json*> stack_;
};

void write(const Json& v, std::string& out) {
  switch (v.kind) {
    case Json::Object: {
      out += '{';
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        out += json_quote(v.members[i].first) + ':';
        write(v.members[i].second, out);
      }
      out += '}';
      break;
    }
    case Json::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        write(v.items[i], out);
      }
      out += ']';
      break;
    case Json::String:
      out += json_quote(v.text);
      break;
    case Json::Null:
      out += "null";
      break;
    default:
      out += v.text;
  }
}

const lysc_type* real_type(const lysc_type* t) {
  while (t->basetype == LY_TYPE_LEAFREF) t = reinterpret_cast<const lysc_type_leafref*>(t)->realtype;
  return t;
}

bool is_64(LY_DATA_TYPE b) { return b == LY_TYPE_INT64 || b == LY_TYPE_UINT64 || b == LY_TYPE_DEC64; }
bool is_small_int(LY_DATA_TYPE b) {
  return (b >= LY_TYPE_UINT8 && b <= LY_TYPE_UINT32) || (b >= LY_TYPE_INT8 && b <= LY_TYPE_INT32);
}

// What a number of this type is in JSON_IETF: a string for the 64-bit types (and a union whose
// numeric members are only those).
bool number_as_string(const lysc_type* t) {
  t = real_type(t);
  if (t->basetype != LY_TYPE_UNION) return is_64(t->basetype);
  auto* u = reinterpret_cast<const lysc_type_union*>(t);
  bool wide = false;
  LY_ARRAY_COUNT_TYPE i;
  LY_ARRAY_FOR(u->types, i) {
    const lysc_type* m = real_type(u->types[i]);
    if (is_small_int(m->basetype)) return false;
    if (m->basetype == LY_TYPE_UNION) {
      if (!number_as_string(m)) return false;
      wide = true;
    }
    wide |= is_64(m->basetype);
  }
  return wide;
}

bool has_empty(const lysc_type* t) {
  t = real_type(t);
  if (t->basetype == LY_TYPE_EMPTY) return true;
  if (t->basetype != LY_TYPE_UNION) return false;
  auto* u = reinterpret_cast<const lysc_type_union*>(t);
  LY_ARRAY_COUNT_TYPE i;
  LY_ARRAY_FOR(u->types, i) {
    if (has_empty(u->types[i])) return true;
  }
  return false;
}

Json leaf_value(const lysc_type* t, const Json& v) {
  if (v.kind == Json::Number && number_as_string(t)) return Json{Json::String, v.text, {}, {}};
  if (v.kind == Json::Bool && v.text == "true" && has_empty(t) &&
      real_type(t)->basetype != LY_TYPE_UNION) {
    Json arr{Json::Array, {}, {}, {}};
    arr.items.push_back(Json{});
    return arr;
  }
  return v;
}

class Renderer {
 public:
  explicit Renderer(const ly_ctx* ctx) : ctx_(ctx) {}

  // The members of a container, list entry or (parent null) the top level.
  Json object(const lysc_node* parent, const Json& v) {
    if (v.kind != Json::Object) return v;
    Json out{Json::Object, {}, {}, {}};
    for (const auto& [name, value] : v.members) {
      const lysc_node* s = child(parent, name);
      out.members.push_back(JsonMember{name, s ? node_value(s, value) : value});
    }
    return out;
  }

 private:
  const lysc_node* child(const lysc_node* parent, const std::string& name) const {
    std::string local = name;
    const lys_module* mod = parent ? parent->module : nullptr;
    if (size_t c = name.find(':'); c != std::string::npos) {
      mod = ly_ctx_get_module_implemented(ctx_, name.substr(0, c).c_str());
      local = name.substr(c + 1);
    }
    if (!mod) return nullptr;
    return lys_find_child(parent, mod, local.c_str(), 0, 0, 0);
  }

  Json node_value(const lysc_node* s, const Json& v) {
    switch (s->nodetype) {
      case LYS_CONTAINER:
        return object(s, v);
      case LYS_LIST: {
        Json arr{Json::Array, {}, {}, {}};
        if (v.kind == Json::Object) {
          for (const auto& entry : v.members) arr.items.push_back(object(s, entry.second));
        } else if (v.kind == Json::Array) {
          for (const Json& entry : v.items) arr.items.push_back(object(s, entry));
        } else {
          return v;
        }
        return arr;
      }
      case LYS_LEAF:
        return leaf_value(reinterpret_cast<const lysc_node_leaf*>(s)->type, v);
      case LYS_LEAFLIST: {
        if (v.kind != Json::Array) return v;
        Json arr{Json::Array, {}, {}, {}};
        for (const Json& item : v.items)
          arr.items.push_back(leaf_value(reinterpret_cast<const lysc_node_leaflist*>(s)->type, item));
        return arr;
      }
      default:
        return v;
    }
  }

  const ly_ctx* ctx_;
};

// The quoted path in `Data location "/a:b/c", line number 1.` (or Schema location).
std::string location(std::string_view path, std::string_view kind) {
  size_t at = path.find(kind);
  if (at == std::string_view::npos) return {};
  size_t q1 = path.find('"', at);
  size_t q2 = q1 == std::string_view::npos ? q1 : path.find('"', q1 + 1);
  if (q2 == std::string_view::npos) return {};
  return std::string(path.substr(q1 + 1, q2 - q1 - 1));
}

}  // namespace

std::string yang_data_path_to_labels(std::string_view p) {
  std::vector<std::string> labels;
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '/') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < p.size() && p[j] != '/' && p[j] != '[') ++j;
    labels.push_back(label_text(p.substr(i, j - i)));
    // Predicates: [k='v'][k2='v2'] give the entry's label "v v2"; [N] a position (from 1).
    std::string key;
    bool positional = false;
    while (j < p.size() && p[j] == '[') {
      size_t k = j + 1;
      char quote = 0;
      std::string value;
      bool in_value = false;
      bool dot = k < p.size() && p[k] == '.';
      for (; k < p.size(); ++k) {
        char c = p[k];
        if (quote) {
          if (c == quote) {
            quote = 0;
          } else {
            value += c;
          }
          continue;
        }
        if (c == ']') break;
        if (c == '\'' || c == '"') {
          quote = c;
          in_value = true;
          continue;
        }
        if (c == '=') continue;
        if (!in_value && std::isdigit(static_cast<unsigned char>(c)) && k == j + 1) {
          size_t e = p.find(']', k);
          value = std::string(p.substr(k, e - k));
          positional = true;
          k = e;
          break;
        }
      }
      if (!dot) key += (key.empty() ? "" : " ") + value;
      j = k < p.size() ? k + 1 : k;
    }
    if (!key.empty()) {
      if (positional) {
        labels.push_back(fmt::format("{}", std::max(0, std::atoi(key.c_str()) - 1)));
      } else {
        labels.push_back(label_text(key));
      }
    }
    i = j;
  }
  std::string out;
  for (const std::string& l : labels) out += (out.empty() ? "" : ".") + l;
  return out;
}

Result<YangValidation> yang_validate(std::string_view json, const YangValidateOptions& opts) {
  YangContext yc;
  YangSources src{opts.search_dirs, opts.modules, opts.features};
  if (Result<> r = yc.load(src); !r) return Error{r.error().message, {}};
  JsonReader reader;
  if (!nlohmann::json::sax_parse(json, &reader) || !reader.error.empty()) {
    return Error{"the value is not JSON: " + reader.error, {}};
  }
  YangValidation out;
  Json ietf = Renderer(yc.ctx()).object(nullptr, reader.root);
  write(ietf, out.json_ietf);
  yc.take_messages();
  lyd_node* tree = nullptr;
  LY_ERR r = lyd_parse_data_mem(yc.ctx(), out.json_ietf.c_str(), LYD_JSON,
                                LYD_PARSE_STRICT | LYD_PARSE_NO_STATE,
                                LYD_VALIDATE_PRESENT | LYD_VALIDATE_NO_STATE, &tree);
  std::vector<YangLogMessage> ms = yc.take_messages();
  if (tree) lyd_free_all(tree);
  if (r == LY_SUCCESS) return out;
  for (const YangLogMessage& m : ms) {
    if (m.level != LY_LLERR) continue;
    std::string data = location(m.path, "Data location");
    std::string schema = location(m.path, "Schema location");
    std::string where = data.empty() ? schema : data;
    out.errors.push_back(YangDataError{where.empty() ? "" : yang_data_path_to_labels(where), m.text,
                                       where});
  }
  if (out.errors.empty()) out.errors.push_back(YangDataError{"", "libyang rejects the data", ""});
  return out;
}

}  // namespace cfgc::encoding
