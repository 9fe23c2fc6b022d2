#include "compiler/base/source.h"

#include <algorithm>
#include <stdexcept>

namespace cfgc {

SourceFile::SourceFile(std::string name, std::string content, uint32_t base, uint32_t id)
    : name_(std::move(name)), content_(std::move(content)), base_(base), id_(id) {}

void SourceFile::build_lines() const {
  std::call_once(lines_once_, [this] {
    line_starts_.push_back(0);
    const char* d = content_.data();
    for (size_t i = 0, n = content_.size(); i < n; ++i) {
      if (d[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  });
}

SourceFile::LineCol SourceFile::line_col(uint32_t off) const {
  build_lines();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  return {line, off - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  build_lines();
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t b = line_starts_[line - 1];
  uint32_t e = line < line_starts_.size() ? line_starts_[line] - 1 : uint32_t(content_.size());
  std::string_view t(content_.data() + b, e - b);
  if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
  return t;
}

uint32_t SourceFile::line_count() const {
  build_lines();
  return static_cast<uint32_t>(line_starts_.size());
}

std::string Location::str() const {
  if (!file) return "-";
  return file->name() + ":" + std::to_string(line) + ":" + std::to_string(col);
}

FileSet::FileSet() = default;

const SourceFile& FileSet::add(std::string name, std::string content) {
  std::lock_guard lock(mu_);
  uint64_t size = content.size();
  if (next_base_ + size + 1 > UINT32_MAX) {
    throw std::length_error("cfgc: total source size exceeds 4 GiB");
  }
  auto base = static_cast<uint32_t>(next_base_);
  next_base_ += size + 1;  // +1 so an EOF position never aliases the next file's start
  files_.push_back(std::make_unique<SourceFile>(std::move(name), std::move(content), base,
                                                static_cast<uint32_t>(files_.size())));
  return *files_.back();
}

size_t FileSet::size() const {
  std::lock_guard lock(mu_);
  return files_.size();
}

const SourceFile& FileSet::at(size_t i) const {
  std::lock_guard lock(mu_);
  return *files_.at(i);
}

const SourceFile* FileSet::file_of(Pos p) const {
  if (!p.valid()) return nullptr;
  std::lock_guard lock(mu_);
  auto it = std::upper_bound(files_.begin(), files_.end(), p.offset,
                             [](uint32_t off, const auto& f) { return off < f->base(); });
  if (it == files_.begin()) return nullptr;
  const SourceFile* f = (it - 1)->get();
  return f->contains(p) ? f : nullptr;
}

Location FileSet::resolve(Pos p) const {
  const SourceFile* f = file_of(p);
  if (!f) return {};
  auto lc = f->line_col(f->file_offset(p));
  return {f, lc.line, lc.col};
}

}  // namespace cfgc
