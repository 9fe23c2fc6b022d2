// Package text/tabwriter: aligns tab-separated columns, as CUE's tabwriter.Write (Go's
// text/tabwriter with minimal width 0, tab width 4, padding 1 and spaces): a column block is
// a run of lines that have a cell in that column; each is as wide as its widest cell plus one.
// The last cell of a line (not ended by a tab) is not aligned.
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

struct Cell {
  std::string text;
  int width = 0;  // in characters
};

class TabWriter {
 public:
  void write(std::string_view s) {
    for (char ch : s) {
      if (ch == '\t' || ch == '\v') {
        end_cell();
      } else if (ch == '\n' || ch == '\f') {
        end_cell();
        lines_.emplace_back();
      } else {
        cell_ += ch;
      }
    }
  }

  std::string flush() {
    if (!cell_.empty()) end_cell();
    format(0, lines_.size());
    return std::move(out_);
  }

 private:
  static constexpr int kPadding = 1;

  void end_cell() {
    int w = 0;
    for (unsigned char ch : cell_) w += (ch & 0xC0) != 0x80;
    lines_.back().push_back({std::move(cell_), w});
    cell_.clear();
  }

  void write_lines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; ++i) {
      const std::vector<Cell>& line = lines_[i];
      for (size_t j = 0; j < line.size(); ++j) {
        out_ += line[j].text;
        if (j < widths_.size()) out_.append(static_cast<size_t>(widths_[j] - line[j].width), ' ');
      }
      if (i + 1 < lines_.size()) out_ += '\n';
    }
  }

  // Go's recursive column-block formatting: widths_ holds the widths of the columns to the
  // left of the one being laid out.
  void format(size_t line0, size_t line1) {
    int column = static_cast<int>(widths_.size());
    for (size_t t = line0; t < line1; ++t) {
      if (column >= static_cast<int>(lines_[t].size()) - 1) continue;
      write_lines(line0, t);
      line0 = t;
      int width = 0;
      for (; t < line1; ++t) {
        if (column >= static_cast<int>(lines_[t].size()) - 1) break;
        width = std::max(width, lines_[t][static_cast<size_t>(column)].width + kPadding);
      }
      widths_.push_back(width);
      format(line0, t);
      widths_.pop_back();
      line0 = t;
      if (t >= line1) break;
    }
    write_lines(line0, line1);
  }

  std::vector<std::vector<Cell>> lines_{1};
  std::string cell_;
  std::vector<int> widths_;
  std::string out_;
};

}  // namespace

void register_text_tabwriter() {
  def("text/tabwriter", "Write", {kString | kBytes | kList}, kString,
      "Write(data): text (or a list of lines) with its tab-separated columns aligned by "
      "spaces, each column one wider than its widest cell",
      [](CallContext& c, Args a) -> const Value* {
        TabWriter tw;
        if (is_list(a[0])) {
          std::vector<const Value*> lines;
          if (const Value* e = list_elems(c, a[0], lines, kString | kBytes)) return e;
          for (const Value* l : lines) {
            tw.write(l->str);
            tw.write("\n");
          }
        } else {
          tw.write(a[0]->str);
        }
        return c.ev.string(tw.flush(), c.pos);
      });
}

}  // namespace cfgc::stdlib
