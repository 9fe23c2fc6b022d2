#pragma once
// Buffered output for the writers. Text accumulates in a buffer; when a flush function is
// given, full chunks are handed to it as the buffer grows, so exporting thousands of devices
// never holds the whole document in memory. Without one, everything stays in the buffer.

#include <functional>
#include <string>
#include <string_view>

namespace cfgc::exporter {

class Sink {
 public:
  using FlushFn = std::function<bool(std::string_view)>;

  Sink() = default;
  explicit Sink(FlushFn flush) : flush_(std::move(flush)) {}

  Sink& operator+=(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  Sink& operator+=(const std::string& s) {
    buf_.append(s);
    return *this;
  }
  Sink& operator+=(const char* s) {
    buf_.append(s);
    return *this;
  }
  Sink& operator+=(char c) {
    buf_ += c;
    return *this;
  }
  void append(size_t n, char c) { buf_.append(n, c); }

  // Called by writers between elements: passes the buffer on once it is large.
  void maybe_flush() {
    if (flush_ && buf_.size() >= kChunk) flush_now();
  }
  // Passes on what is left; false if the flush function failed at any point.
  bool finish() {
    if (flush_ && !buf_.empty()) flush_now();
    return ok_;
  }
  // Everything written so far (only meaningful without a flush function).
  std::string& str() { return buf_; }

 private:
  void flush_now() {
    if (ok_) ok_ = flush_(buf_);
    buf_.clear();
  }
  static constexpr size_t kChunk = 1 << 16;
  FlushFn flush_;
  std::string buf_;
  bool ok_ = true;
};

}  // namespace cfgc::exporter
