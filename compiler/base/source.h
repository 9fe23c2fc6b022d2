#pragma once
// Source files and positions.
//
// Every loaded file is registered in a FileSet, which gives it a base in one global 32-bit
// address space (as Go's token.FileSet does). A Pos is an offset in that space: 4 bytes per
// node, comparable across files, and resolved to file:line:column only when a message is
// printed. The line table of a file is built lazily, on first use.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc {

// A position in the FileSet address space; 0 means "no position".
struct Pos {
  uint32_t offset = 0;
  constexpr bool valid() const { return offset != 0; }
  constexpr auto operator<=>(const Pos&) const = default;
};

// A source file: its display name, its bytes and where it starts in the FileSet.
class SourceFile {
 public:
  SourceFile(std::string name, std::string content, uint32_t base, uint32_t id);

  const std::string& name() const { return name_; }
  // The file's bytes. content().data()[content().size()] is always '\0' (a scanner sentinel).
  std::string_view content() const { return content_; }
  uint32_t base() const { return base_; }
  uint32_t id() const { return id_; }
  Pos pos(uint32_t file_offset) const { return Pos{base_ + file_offset}; }
  uint32_t file_offset(Pos p) const { return p.offset - base_; }
  bool contains(Pos p) const { return p.offset >= base_ && p.offset <= base_ + content_.size(); }

  // 1-based line and byte column of a file offset.
  struct LineCol {
    uint32_t line = 0, col = 0;
  };
  LineCol line_col(uint32_t file_offset) const;
  // The text of a 1-based line, without its newline.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const;

 private:
  void build_lines() const;

  std::string name_;
  std::string content_;
  uint32_t base_;
  uint32_t id_;
  mutable std::once_flag lines_once_;
  mutable std::vector<uint32_t> line_starts_;
};

// A resolved position, for printing.
struct Location {
  const SourceFile* file = nullptr;
  uint32_t line = 0, col = 0;
  bool valid() const { return file != nullptr; }
  // "name:line:col", or "-" for an invalid location.
  std::string str() const;
};

// All files of one compilation. Thread-safe: loaders may add files from several threads.
class FileSet {
 public:
  FileSet();
  FileSet(const FileSet&) = delete;
  FileSet& operator=(const FileSet&) = delete;

  // Registers a file; the returned reference stays valid for the FileSet's lifetime.
  // Throws std::length_error when the 4 GiB address space is exhausted.
  const SourceFile& add(std::string name, std::string content);

  // The file containing p, or nullptr.
  const SourceFile* file_of(Pos p) const;
  // The files in the order they were added.
  size_t size() const;
  const SourceFile& at(size_t i) const;
  Location resolve(Pos p) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<SourceFile>> files_;  // ordered by base
  uint64_t next_base_ = 1;                          // 0 is "no position"
};

}  // namespace cfgc
