#pragma once
// Result<T>: the outcome of an operation that may fail outside evaluation (reading a file,
// decoding a literal, encoding a document, finding a module): a value, or an Error with a
// message and, when it has one, a position.
//
// cfgc has one error channel with two kinds of errors (docs/architecture.md):
//   - evaluation errors are values: a bottom (eval/value.h) stored where it occurs;
//   - everything a run reports is a Diagnostic (base/diagnostic.h), collected and sorted.
// A Result carries an Error up to the place that turns it into one of those two.

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "compiler/base/source.h"

namespace cfgc {

struct Error {
  std::string message;
  Pos pos;  // may be invalid: a file that cannot be opened has no position
};

template <class T = void>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error e) : v_(std::in_place_index<1>, std::move(e)) {}
  // Anything T is made from: `return "json";` for a Result<std::string>.
  template <class U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Error>) Result(U&& value)
      : v_(std::in_place_index<0>, std::forward<U>(value)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T&& operator*() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// A Result without a value (Result<>): success, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error e) : err_(std::move(e)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return err_; }
  Error&& error() && { return std::move(err_); }

 private:
  Error err_;
  bool failed_ = false;
};

}  // namespace cfgc
