#include "compiler/base/diagnostic.h"

#include <algorithm>
#include <span>

namespace cfgc {

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.kind == ErrorKind::Io) ++io_errors_;
  list_.push_back(std::move(d));
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos == b.pos && a.message == b.message && a.path == b.path;
  };
  auto end = std::unique(list_.begin(), list_.end(), same);
  list_.erase(end, list_.end());
  errors_ = std::count_if(list_.begin(), list_.end(),
                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kReset = "\x1b[0m";

// `text` wrapped in an SGR sequence when colouring.
std::string paint(bool color, std::string_view sgr, std::string_view text) {
  if (!color || text.empty()) return std::string(text);
  std::string out;
  out.reserve(sgr.size() + text.size() + kReset.size());
  out += sgr;
  out += text;
  out += kReset;
  return out;
}

bool is_error(const Diagnostic& d) { return d.severity == Severity::Error; }

}  // namespace

std::string format_header(const Diagnostic& d, bool color) {
  std::string out;
  if (d.severity == Severity::Warning) out += paint(color, kYellow, "warning") + ": ";
  if (!d.path.empty()) out += paint(color, kBold, d.path) + ": ";
  out += is_error(d) ? paint(color, kRed, d.message) : d.message;
  return out;
}

namespace {

void append_positions(std::string& out, const FileSet& fs, std::span<const Pos> positions) {
  for (Pos p : positions) {
    Location r = fs.resolve(p);
    if (r.valid()) out += "    " + r.str() + "\n";
  }
}

}  // namespace

std::string format_with_source(const FileSet& fs, const Diagnostic& d, bool color) {
  std::string out;
  Location loc = fs.resolve(d.pos);
  if (loc.valid()) out += loc.str() + ": ";
  out += format_header(d, color);
  out += '\n';
  if (loc.valid()) {
    std::string_view text = loc.file->line_text(loc.line);
    out += "    ";
    out += text;
    out += "\n    ";
    // The caret sits under the column; tabs are kept so it lines up in a terminal.
    for (uint32_t i = 0; i + 1 < loc.col && i < text.size(); ++i) out += text[i] == '\t' ? '\t' : ' ';
    out += paint(color, is_error(d) ? kRed : kYellow, "^");
    out += '\n';
  }
  append_positions(out, fs, d.related);
  // The reasons that make up this one (why each reader refused a file), indented.
  for (const Diagnostic& c : d.children) {
    std::string child = format_with_source(fs, c, color);
    for (size_t at = 0; at < child.size();) {
      size_t nl = child.find('\n', at);
      out += "    " + child.substr(at, nl == std::string::npos ? std::string::npos : nl - at + 1);
      at = nl == std::string::npos ? child.size() : nl + 1;
    }
  }
  return out;
}

std::string format_cue_style(const FileSet& fs, const Diagnostic& d, bool color) {
  std::string out;
  if (!d.children.empty()) {
    if (!d.path.empty()) out += paint(color, kBold, d.path) + ": ";
    out += is_error(d) ? paint(color, kRed, d.message) : d.message;
    out += ":\n";
    for (const Diagnostic& c : d.children) out += format_cue_style(fs, c, color);
    return out;
  }
  out += format_header(d, color);
  std::vector<Pos> all;
  if (d.pos.valid()) all.push_back(d.pos);
  all.insert(all.end(), d.related.begin(), d.related.end());
  if (all.empty()) return out + "\n";
  out += ":\n";
  append_positions(out, fs, all);
  return out;
}

}  // namespace cfgc
