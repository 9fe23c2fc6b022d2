#pragma once
// The data a template is executed over, independent of the CUE evaluator: null, bool, number,
// string, list and map. It models what Go's text/template sees when it executes over decoded
// JSON-like data (interface{} values: nil, bool, int, float64, string, []interface{},
// map[string]interface{}).
//
// Numbers are int64 or double. A number may keep the decimal text it came from (a CUE float
// 1.50, an integer beyond 64 bits); printing with %v uses that text, arithmetic-free builtins
// (comparisons, printf's %d/%f) use the binary value.
//
// A map keeps its keys in insertion order (entries()) and, like Go's range and fmt over maps,
// is iterated sorted by key (sorted()). Values are immutable and cheap to copy: strings, lists
// and maps are shared.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfgc::tmpl {

class TemplateValue {
 public:
  enum class Kind : uint8_t { Null, Bool, Int, Float, String, List, Map };
  class Map;
  using List = std::vector<TemplateValue>;

  TemplateValue() = default;  // null
  static TemplateValue null() { return {}; }
  static TemplateValue boolean(bool b) {
    TemplateValue v;
    v.kind_ = Kind::Bool;
    v.b_ = b;
    return v;
  }
  // An integer; `text` is its decimal form when it does not fit int64 (then `i` saturates).
  static TemplateValue integer(int64_t i, std::string text = {}) {
    TemplateValue v;
    v.kind_ = Kind::Int;
    v.i_ = i;
    if (!text.empty()) v.s_ = std::make_shared<const std::string>(std::move(text));
    return v;
  }
  // A float; `text` is the decimal it was written as (printed by %v instead of Go's shortest
  // float64 form), or empty.
  static TemplateValue floating(double d, std::string text = {}) {
    TemplateValue v;
    v.kind_ = Kind::Float;
    v.d_ = d;
    if (!text.empty()) v.s_ = std::make_shared<const std::string>(std::move(text));
    return v;
  }
  static TemplateValue string(std::string s) {
    TemplateValue v;
    v.kind_ = Kind::String;
    v.s_ = std::make_shared<const std::string>(std::move(s));
    return v;
  }
  static TemplateValue list(List elems) {
    TemplateValue v;
    v.kind_ = Kind::List;
    v.l_ = std::make_shared<const List>(std::move(elems));
    return v;
  }
  static TemplateValue map(Map m);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool as_bool() const { return b_; }
  int64_t as_int() const { return i_; }
  double as_float() const { return kind_ == Kind::Int ? static_cast<double>(i_) : d_; }
  // The decimal text a number keeps for printing, or "".
  std::string_view number_text() const {
    return (kind_ == Kind::Int || kind_ == Kind::Float) && s_ ? std::string_view(*s_)
                                                             : std::string_view();
  }
  const std::string& as_string() const { return kind_ == Kind::String ? *s_ : empty_string(); }
  const List& as_list() const { return kind_ == Kind::List ? *l_ : empty_list(); }
  inline const Map& as_map() const;
  // Length as Go's len: bytes of a string, elements of a list, entries of a map; 0 otherwise.
  inline size_t size() const;

 private:
  static const std::string& empty_string() {
    static const std::string s;
    return s;
  }
  static const List& empty_list() {
    static const List l;
    return l;
  }

  Kind kind_ = Kind::Null;
  bool b_ = false;
  int64_t i_ = 0;
  double d_ = 0;
  std::shared_ptr<const std::string> s_;  // String, or a number's text
  std::shared_ptr<const List> l_;
  std::shared_ptr<const Map> m_;
};

class TemplateValue::Map {
 public:
  using Entry = std::pair<std::string, TemplateValue>;

  // Adds a key, or replaces the value of an existing key (which keeps its place).
  void set(std::string key, TemplateValue value) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      entries_[it->second].second = std::move(value);
      return;
    }
    index_.emplace(key, entries_.size());
    entries_.emplace_back(std::move(key), std::move(value));
  }
  const TemplateValue* find(std::string_view key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
  }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // In insertion order.
  const std::vector<Entry>& entries() const { return entries_; }
  // Sorted by key, bytewise (the order of Go's range over a map and of fmt's map printing).
  std::vector<const Entry*> sorted() const {
    std::vector<const Entry*> out;
    out.reserve(entries_.size());
    for (const auto& [key, i] : index_) out.push_back(&entries_[i]);
    return out;
  }

 private:
  std::vector<Entry> entries_;
  std::map<std::string, size_t, std::less<>> index_;
};

inline TemplateValue TemplateValue::map(Map m) {
  TemplateValue v;
  v.kind_ = Kind::Map;
  v.m_ = std::make_shared<const Map>(std::move(m));
  return v;
}

inline const TemplateValue::Map& TemplateValue::as_map() const {
  static const Map empty;
  return kind_ == Kind::Map ? *m_ : empty;
}

inline size_t TemplateValue::size() const {
  switch (kind_) {
    case Kind::String: return s_->size();
    case Kind::List: return l_->size();
    case Kind::Map: return m_->size();
    default: return 0;
  }
}

}  // namespace cfgc::tmpl
