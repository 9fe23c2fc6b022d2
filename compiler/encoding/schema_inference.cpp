#include "compiler/encoding/schema_inference.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "compiler/base/quote.h"
#include "compiler/encoding/data_import.h"
#include "compiler/encoding/data_members.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

// What was seen at one value path, over every occurrence: how many of each kind, the range of
// the numbers, the distinct strings (up to a cap), the fields of the structs and the elements of
// the lists (merged into one Shape each).
struct SchemaInference::Shape {
  uint32_t count = 0;  // occurrences
  uint32_t nulls = 0, bools = 0, ints = 0, floats = 0, strings = 0, bytes = 0, structs = 0,
           lists = 0, unknown = 0;

  // Numbers: the smallest and largest, with their text as written.
  bool has_range = false;
  long double min = 0, max = 0;
  std::string min_text, max_text;

  // Strings: distinct values in the order first seen, while there are at most `cap` of them.
  std::vector<std::string> values;
  bool too_many_values = false;
  uint32_t opaque_strings = 0;  // strings whose text is not known (an Ansible !vault value)
  uint32_t ipv4 = 0, ipv6 = 0, cidr = 0;

  // Structs: the fields in the order first seen; a field's count is how many structs had it.
  std::vector<std::pair<std::string, std::unique_ptr<Shape>>> fields;
  std::unordered_map<std::string, size_t> field_index;

  // Lists: every element of every list.
  std::unique_ptr<Shape> elem;

  Shape& field(const std::string& key) {
    auto [it, added] = field_index.try_emplace(key, fields.size());
    if (added) fields.emplace_back(key, std::make_unique<Shape>());
    return *fields[it->second].second;
  }
};

namespace {

using Shape = SchemaInference::Shape;

// How many distinct strings are remembered per path: enough for any enum and for "always x".
constexpr size_t kValueCap = 64;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ipv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    std::string_view part = s.substr(i, j - i);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    if (std::atoi(std::string(part).c_str()) > 255) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.' || parts == 4) return false;
    i = j + 1;
  }
  return parts == 4;
}

bool is_ipv6(std::string_view s) {
  if (s.find(':') == std::string_view::npos || s.size() > 45) return false;
  unsigned char buf[16];
  return inet_pton(AF_INET6, std::string(s).c_str(), buf) == 1;
}

bool is_cidr(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view addr = s.substr(0, slash), len = s.substr(slash + 1);
  if (!all_digits(len) || len.size() > 3 || (len.size() > 1 && len[0] == '0')) return false;
  int n = std::atoi(std::string(len).c_str());
  if (is_ipv4(addr)) return n <= 32;
  return is_ipv6(addr) && n <= 128;
}

// A number literal's value (0x…, 0o…, 0b…, 1_000, SI suffixes are not data and are not seen).
long double number_value(std::string_view raw) {
  std::string digits;
  for (char c : raw) {
    if (c != '_') digits += c;
  }
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0') {
    char b = static_cast<char>(digits[1] | 0x20);
    base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 10;
    if (base != 10) digits = digits.substr(2);
  }
  if (base == 10) return std::strtold(digits.c_str(), nullptr);
  return static_cast<long double>(std::strtoull(digits.c_str(), nullptr, base));
}

void see_number(Shape& s, const BasicLit* b, bool negative) {
  (b->tok == Tok::Int ? s.ints : s.floats)++;
  long double v = number_value(b->raw);
  std::string text(b->raw);
  if (negative) {
    v = -v;
    text = "-" + text;
  }
  if (!s.has_range || v < s.min) s.min = v, s.min_text = text;
  if (!s.has_range || v > s.max) s.max = v, s.max_text = text;
  s.has_range = true;
}

void see_string(Shape& s, std::string_view v) {
  s.strings++;
  if (is_ipv4(v)) {
    s.ipv4++;
  } else if (is_ipv6(v)) {
    s.ipv6++;
  } else if (is_cidr(v)) {
    s.cidr++;
  }
  if (s.too_many_values) return;
  if (std::find(s.values.begin(), s.values.end(), v) != s.values.end()) return;
  if (s.values.size() == kValueCap) {
    s.too_many_values = true;
    s.values.clear();
    return;
  }
  s.values.emplace_back(v);
}

void observe(Shape& s, const Node* n) {
  s.count++;
  if (auto* st = as<StructLit>(n)) {
    s.structs++;
    for (const Node* d : st->elts) {
      if (auto* f = as<Field>(d)) observe(s.field(std::string(key_of(f))), f->value);
    }
    return;
  }
  if (auto* l = as<ListLit>(n)) {
    s.lists++;
    if (!s.elem) s.elem = std::make_unique<Shape>();
    for (const Node* e : l->elts) observe(*s.elem, e);
    return;
  }
  if (auto* u = as<UnaryExpr>(n); u && (u->op == Tok::Sub || u->op == Tok::Add)) {
    auto* b = as<BasicLit>(u->x);
    if (b && (b->tok == Tok::Int || b->tok == Tok::Float))
      return see_number(s, b, u->op == Tok::Sub);
  }
  if (auto* b = as<BasicLit>(n)) {
    switch (b->tok) {
      case Tok::Null: s.nulls++; return;
      case Tok::True:
      case Tok::False: s.bools++; return;
      case Tok::Int:
      case Tok::Float: return see_number(s, b, false);
      case Tok::String:
        if (b->is_bytes) {
          s.bytes++;
        } else {
          see_string(s, b->value);
        }
        return;
      default: break;
    }
  }
  // An inventory's !vault value is read as the type `string`: its text is not known.
  if (auto* id = as<Ident>(n); id && id->name == "string") {
    s.strings++;
    s.opaque_strings++;
    s.too_many_values = true;
    s.values.clear();
    return;
  }
  s.unknown++;
}

void merge(Shape& into, const Shape& from) {
  into.count += from.count;
  into.nulls += from.nulls;
  into.bools += from.bools;
  into.ints += from.ints;
  into.floats += from.floats;
  into.bytes += from.bytes;
  into.structs += from.structs;
  into.lists += from.lists;
  into.unknown += from.unknown;
  if (from.has_range) {
    if (!into.has_range || from.min < into.min) into.min = from.min, into.min_text = from.min_text;
    if (!into.has_range || from.max > into.max) into.max = from.max, into.max_text = from.max_text;
    into.has_range = true;
  }
  into.strings += from.strings;
  into.opaque_strings += from.opaque_strings;
  into.ipv4 += from.ipv4;
  into.ipv6 += from.ipv6;
  into.cidr += from.cidr;
  if (from.too_many_values) {
    into.too_many_values = true;
    into.values.clear();
  }
  for (const std::string& v : from.values) {
    if (into.too_many_values) break;
    if (std::find(into.values.begin(), into.values.end(), v) != into.values.end()) continue;
    if (into.values.size() == kValueCap) {
      into.too_many_values = true;
      into.values.clear();
      break;
    }
    into.values.push_back(v);
  }
  for (const auto& [key, f] : from.fields) merge(into.field(key), *f);
  if (from.elem) {
    if (!into.elem) into.elem = std::make_unique<Shape>();
    merge(*into.elem, *from.elem);
  }
}

// The kinds other than null seen at a path.
int kinds_besides_null(const Shape& s) {
  return (s.bools > 0) + (s.ints + s.floats > 0) + (s.strings > 0) + (s.bytes > 0) +
         (s.structs > 0) + (s.lists > 0) + (s.unknown > 0);
}

// Interface names as network operating systems spell them: a known prefix, an optional '-',
// then numbers separated by '/', ':', '.', '-' or 's' (swp1, swp1s0, Ethernet1/1,
// ethernet-1/1, Port-Channel10, xe-0/0/1, Loopback0, Vlan10, bond0, eth0).
bool is_interface_name(std::string_view key) {
  static constexpr std::string_view kPrefixes[] = {"hundredgigabitethernet",
                                                   "fortygigabitethernet",
                                                   "tengigabitethernet",
                                                   "gigabitethernet",
                                                   "twentyfivegige",
                                                   "fourhundredgige",
                                                   "hundredgige",
                                                   "fastethernet",
                                                   "port-channel",
                                                   "portchannel",
                                                   "management",
                                                   "ethernet",
                                                   "loopback",
                                                   "peerlink",
                                                   "tunnel",
                                                   "vlanif",
                                                   "bridge",
                                                   "vxlan",
                                                   "mgmt",
                                                   "bond",
                                                   "vlan",
                                                   "eth",
                                                   "swp",
                                                   "irb",
                                                   "nve",
                                                   "fxp",
                                                   "et",
                                                   "po",
                                                   "lo",
                                                   "ma",
                                                   "xe",
                                                   "ge",
                                                   "ae",
                                                   "em"};
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (std::string_view p : kPrefixes) {
    if (!std::string_view(lower).starts_with(p)) continue;
    std::string_view rest = std::string_view(lower).substr(p.size());
    if (rest.starts_with('-')) rest.remove_prefix(1);
    if (rest.empty() || rest[0] < '0' || rest[0] > '9') continue;
    bool ok = true;
    bool after_sep = false;
    for (char c : rest) {
      if (c >= '0' && c <= '9') {
        after_sep = false;
      } else if ((c == '/' || c == ':' || c == '.' || c == '-' || c == 's') && !after_sep) {
        after_sep = true;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && !after_sep) return true;
  }
  return false;
}

bool is_mac(std::string_view s) {
  if (s.size() != 17) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i % 3 == 2) {
      if (c != ':' && c != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// The letters before a name's trailing number (`leaf` of `leaf12`), or "" if it has none.
std::string_view family_of(std::string_view key) {
  size_t end = key.size();
  while (end > 0 && key[end - 1] >= '0' && key[end - 1] <= '9') --end;
  if (end == key.size() || end == 0) return {};
  return key.substr(0, end);
}

enum class MapKeys { NotAMap, Numbers, Names };

// Whether a struct's keys are names of things (a map) rather than field names.
MapKeys map_keys(const Shape& s) {
  if (s.fields.empty()) return MapKeys::NotAMap;
  bool numbers = true, names = true;
  for (const auto& [key, f] : s.fields) {
    bool number = all_digits(key) && key.size() <= 10;
    numbers = numbers && number;
    names = names && (number || is_interface_name(key) || is_ipv4(key) || is_ipv6(key) ||
                      is_cidr(key) || is_mac(key));
  }
  if (numbers) return MapKeys::Numbers;
  if (names) return MapKeys::Names;
  // A family: three or more keys with the same letters and different numbers (leaf1, leaf2…).
  if (s.fields.size() < 3) return MapKeys::NotAMap;
  std::string_view family = family_of(s.fields[0].first);
  if (family.empty()) return MapKeys::NotAMap;
  for (const auto& [key, f] : s.fields) {
    if (family_of(key) != family) return MapKeys::NotAMap;
  }
  return MapKeys::Names;
}

// "host" for "hosts".
std::string_view singular(std::string_view noun) {
  return noun.ends_with('s') ? noun.substr(0, noun.size() - 1) : noun;
}

// Whether a field's name says its value is a secret (ansible_password, bgp_md5_key,
// snmp_community, api_token): its values are never written, not even as an enum or a comment.
bool is_secret_name(std::string_view name) {
  static constexpr std::string_view kWords[] = {"password", "passwd",    "secret",     "token",
                                                "key",      "community", "credential", "psk",
                                                "md5",      "auth"};
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : kWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string plural(uint32_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Writes the schema from the shapes.
class SchemaWriter {
 public:
  explicit SchemaWriter(const InferOptions& o) : o_(o) {}

  bool uses_net = false;

  // The type at a path, and notes for a comment about it (the range seen, the only value).
  // `secret`: the value is a secret's (its field's name says so): no value is written.
  std::string type(const Shape& s, std::vector<std::string>& notes, bool top = false,
                   bool secret = false) {
    if (s.unknown > 0) return "_";
    std::vector<std::string> parts;
    if (s.nulls > 0) parts.push_back("null");
    if (s.bools > 0) parts.push_back("bool");
    std::vector<std::string> number_notes;
    if (s.ints + s.floats > 0) parts.push_back(number_type(s, secret ? number_notes : notes));
    if (s.strings > 0) parts.push_back(string_type(s, notes, secret));
    if (s.bytes > 0) parts.push_back("bytes");
    if (s.structs > 0) parts.push_back(struct_type(s, top, secret));
    if (s.lists > 0) parts.push_back(list_type(s, secret));
    if (parts.empty()) return "_";
    if (parts.size() == 1 && parts[0] == "null") {
      notes.push_back("only null in the samples");
      return "_";
    }
    std::string out;
    for (const std::string& p : parts) {
      if (!out.empty()) out += " | ";
      // A disjunct that is a conjunction or an enum is parenthesized to read unambiguously.
      bool group = parts.size() > 1 && (p.find(" & ") != std::string::npos ||
                                        (p.find(" | ") != std::string::npos && p[0] != '{'));
      out += group ? "(" + p + ")" : p;
    }
    return out;
  }

  // The fields of a struct shape, one per line.
  std::string fields(const Shape& s, std::string_view noun, bool secret) {
    std::string out;
    for (const auto& [key, f] : s.fields) {
      std::vector<std::string> notes;
      bool required = f->count == s.structs;
      if (!required) {
        notes.push_back(noun.empty() ? fmt::format("in {} of {}", f->count, s.structs)
                                     : fmt::format("in {} of {} {}", f->count, s.structs, noun));
      }
      std::string t = type(*f, notes, false, secret || is_secret_name(key));
      std::string comment;
      for (const std::string& n : notes) comment += (comment.empty() ? "// " : "; ") + n;
      std::string line = label_text(key) + (required ? "!: " : "?: ") + t;
      if (comment.empty()) {
        out += line + "\n";
      } else if (t.find('\n') != std::string::npos) {
        out += comment + "\n" + line + "\n";
      } else {
        out += line + " " + comment + "\n";
      }
    }
    return out;
  }

 private:
  std::string number_type(const Shape& s, std::vector<std::string>& notes) {
    std::string kind = s.floats > 0 ? "number" : "int";
    if (!s.has_range) return kind;
    if (s.min == s.max) {
      if (s.ints + s.floats > 1) notes.push_back("always " + s.min_text);
      return kind;
    }
    if (o_.bounds) return fmt::format("{} & >={} & <={}", kind, s.min_text, s.max_text);
    notes.push_back(fmt::format("{} to {} in the samples", s.min_text, s.max_text));
    return kind;
  }

  std::string string_type(const Shape& s, std::vector<std::string>& notes, bool secret) {
    if (secret) return "string";
    uint32_t known = s.strings - s.opaque_strings;
    if (known > 0 && s.opaque_strings == 0) {
      const char* validator = s.ipv4 == known            ? "net.IPv4"
                              : s.ipv6 == known          ? "net.IPv6"
                              : s.ipv4 + s.ipv6 == known ? "net.IP"
                              : s.cidr == known          ? "net.IPCIDR"
                                                         : nullptr;
      if (validator) {
        uses_net = true;
        return fmt::format("string & {}", validator);
      }
    }
    if (s.too_many_values || s.values.empty()) return "string";
    size_t distinct = s.values.size();
    // Words such as roles and modes; not free text, and not names of things (swp51, leaf1:
    // the next device or port would not be allowed).
    bool words = std::all_of(s.values.begin(), s.values.end(), [](const std::string& v) {
      return !v.empty() && v.size() <= 40 && !std::isdigit(static_cast<unsigned char>(v.back())) &&
             std::none_of(v.begin(), v.end(),
                          [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
    });
    if (words && distinct >= 2 && distinct <= static_cast<size_t>(o_.enum_max) &&
        known >= 2 * distinct) {
      std::string out;
      for (const std::string& v : s.values) {
        if (!out.empty()) out += " | ";
        out += cue_quote(v);
      }
      return out;
    }
    if (distinct == 1 && known > 1 && s.values[0].find('\n') == std::string::npos &&
        s.values[0].size() <= 60) {
      notes.push_back("always " + cue_quote(s.values[0]));
    }
    return "string";
  }

  std::string struct_type(const Shape& s, bool top, bool secret) {
    MapKeys keys = top ? MapKeys::NotAMap : map_keys(s);
    if (keys != MapKeys::NotAMap) {
      Shape values;
      for (const auto& [key, f] : s.fields) merge(values, *f);
      if (kinds_besides_null(values) <= 1) {
        std::vector<std::string> ignored;
        std::string pattern = keys == MapKeys::Numbers ? "[=~\"^[0-9]+$\"]" : "[string]";
        std::string comment = fmt::format(
            "// a map: {} seen, such as {}\n",
            plural(static_cast<uint32_t>(s.fields.size()), "key", "keys"), example_keys(s));
        return "{\n" + comment + pattern + ": " + type(values, ignored, false, secret) + "\n}";
      }
    }
    if (s.fields.empty()) return "{...}";
    return "{\n" + fields(s, top ? o_.sample_noun : std::string_view{}, secret) + "}";
  }

  static std::string example_keys(const Shape& s) {
    std::string out;
    for (size_t i = 0; i < s.fields.size() && i < 3; ++i) {
      if (i) out += ", ";
      out += s.fields[i].first;
    }
    return out;
  }

  std::string list_type(const Shape& s, bool secret) {
    if (!s.elem || s.elem->count == 0) return "[...]";
    std::vector<std::string> ignored;
    std::string t = type(*s.elem, ignored, false, secret);
    if (t.find(" | ") != std::string::npos && t[0] != '{') t = "(" + t + ")";
    return "[..." + t + "]";
  }

  const InferOptions& o_;
};

// Text as `//` comment lines of at most 80 columns (a longer word stays whole).
std::string comment_lines(std::string_view text) {
  std::string out, line;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    if (!line.empty() && line.size() + 1 + word.size() > 77) {
      out += "// " + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j + 1;
  }
  if (!line.empty()) out += "// " + line + "\n";
  return out;
}

}  // namespace

SchemaInference::SchemaInference(InferOptions options)
    : options_(std::move(options)), root_(std::make_unique<Shape>()) {}

SchemaInference::~SchemaInference() = default;

void SchemaInference::add(const Node* value) { observe(*root_, value); }

void SchemaInference::add_fields(const File* file) {
  root_->count++;
  root_->structs++;
  for (const Node* d : file->decls) {
    if (auto* f = as<Field>(d)) observe(root_->field(std::string(key_of(f))), f->value);
  }
}

uint32_t SchemaInference::samples() const { return root_->count; }

std::string SchemaInference::cue_text() const {
  SchemaWriter w(options_);
  std::vector<std::string> notes;
  std::string body = root_->count == 0 ? "_" : w.type(*root_, notes, true);
  std::string out;
  if (w.uses_net) out += "import \"net\"\n\n";
  std::string doc = fmt::format(
      "{} was inferred by `cfgc infer` from {}{}: a starting point to edit. Fields set "
      "everywhere are required (!), the others optional (?); enums list the values seen; "
      "ranges seen are comments (--bounds makes them constraints).",
      options_.definition,
      plural(root_->count, singular(options_.sample_noun), options_.sample_noun),
      options_.source.empty() ? "" : " of " + options_.source);
  out += comment_lines(doc);
  out += options_.definition + ": " + body + "\n";
  return out;
}

}  // namespace cfgc::encoding
