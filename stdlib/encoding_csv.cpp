// Package encoding/csv: comma-separated values (RFC 4180) as lists of lists of strings. As in
// CUE, whose package wraps Go's encoding/csv with its defaults: Decode expects every record to
// have as many fields as the first, skips empty lines, accepts quoted fields across lines and
// reports a stray quote with its line and column; Encode quotes a field only when it must and
// writes a non-string value as compact JSON.
#include <fmt/format.h>

#include "stdlib/encoding.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

// The reader of Go's encoding/csv with its defaults (',' separator, no comments, strict
// quotes, FieldsPerRecord 0), with the same error messages.
class CsvReader {
 public:
  explicit CsvReader(std::string_view in) : in_(in) {}

  // All records, or false with error() set.
  bool read_all(std::vector<std::vector<std::string>>& out) {
    size_t fields_per_record = 0;
    for (;;) {
      std::vector<std::string> rec;
      int rec_line = 0;
      Status s = read_record(rec, rec_line);
      if (s == Status::End) return true;
      if (s == Status::Error) return false;
      if (out.empty()) {
        fields_per_record = rec.size();
      } else if (rec.size() != fields_per_record) {
        error_ = fmt::format("record on line {}: wrong number of fields", rec_line);
        return false;
      }
      out.push_back(std::move(rec));
    }
  }
  const std::string& error() const { return error_; }

 private:
  enum class Status { Record, End, Error };

  // The next line with its '\n' (a last line without one gets none), "\r\n" read as "\n";
  // false at the end of the input.
  bool read_line(std::string& line) {
    if (pos_ >= in_.size()) return false;
    size_t nl = in_.find('\n', pos_);
    size_t end = nl == std::string_view::npos ? in_.size() : nl + 1;
    line.assign(in_.substr(pos_, end - pos_));
    pos_ = end;
    ++line_no_;
    if (nl == std::string_view::npos) {
      if (!line.empty() && line.back() == '\r') line.pop_back();  // a '\r' before the end
    } else if (line.size() >= 2 && line[line.size() - 2] == '\r') {
      line.erase(line.size() - 2, 1);
    }
    return true;
  }

  // Columns count characters (runes), from 0, as Go's reader.
  static int runes(std::string_view s) {
    int n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
  }

  Status fail_at(int start_line, int column, std::string_view what) {
    if (start_line != line_no_) {
      error_ = fmt::format("record on line {}; parse error on line {}, column {}: {}", start_line,
                           line_no_, column, what);
    } else {
      error_ = fmt::format("parse error on line {}, column {}: {}", line_no_, column, what);
    }
    return Status::Error;
  }

  Status read_record(std::vector<std::string>& rec, int& rec_line) {
    std::string full;
    // Skip empty lines.
    for (;;) {
      if (!read_line(full)) return Status::End;
      if (full != "\n") break;
    }
    rec_line = line_no_;
    std::string_view line = full;
    for (;;) {
      if (line.empty() || line[0] != '"') {
        // An unquoted field: up to the next comma or the end of the line.
        size_t comma = line.find(',');
        std::string_view field = line.substr(0, comma);
        if (comma == std::string_view::npos && !field.empty() && field.back() == '\n')
          field.remove_suffix(1);
        if (size_t q = field.find('"'); q != std::string_view::npos) {
          int col = runes(std::string_view(full).substr(0, full.size() - line.size() + q));
          return fail_at(rec_line, col, "bare \" in non-quoted-field");
        }
        rec.emplace_back(field);
        if (comma == std::string_view::npos) return Status::Record;
        line.remove_prefix(comma + 1);
        continue;
      }
      // A quoted field, perhaps over several lines.
      line.remove_prefix(1);
      std::string field;
      for (;;) {
        size_t q = line.find('"');
        if (q != std::string_view::npos) {
          field.append(line.substr(0, q));
          line.remove_prefix(q + 1);
          if (!line.empty() && line[0] == '"') {
            field += '"';  // "" is a quote
            line.remove_prefix(1);
          } else if (!line.empty() && line[0] == ',') {
            line.remove_prefix(1);
            rec.push_back(std::move(field));
            break;
          } else if (line.empty() || line == "\n") {
            rec.push_back(std::move(field));
            return Status::Record;
          } else {
            int col = runes(std::string_view(full).substr(0, full.size() - line.size() - 1));
            return fail_at(rec_line, col, "extraneous or missing \" in quoted-field");
          }
        } else if (!line.empty()) {
          field.append(line);
          if (!read_line(full)) {
            full.clear();
            ++line_no_;  // Go's reader counts the line it found empty at the end
            return fail_at(rec_line, 0, "extraneous or missing \" in quoted-field");
          }
          line = full;
        } else {
          return fail_at(rec_line, runes(full), "extraneous or missing \" in quoted-field");
        }
      }
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  int line_no_ = 0;
  std::string error_;
};

// Go's csv.Writer: quotes a field that holds a comma, a quote, '\r' or '\n', starts with a
// space, or is `\.`; doubles quotes inside.
void write_field(std::string& out, std::string_view f) {
  bool quote = !f.empty() && (f == "\\." || f.find_first_of(",\"\r\n") != std::string_view::npos ||
                              f[0] == ' ' || f[0] == '\t' || f[0] == '\v' || f[0] == '\f');
  if (!quote) {
    out.append(f);
    return;
  }
  out += '"';
  for (char ch : f) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

void register_encoding_csv() {
  const std::string P = "encoding/csv";
  def(P, "Decode", {kBytes | kString}, kList,
      "Decode(data): the records of CSV text, each a list of strings (every record must have "
      "as many fields as the first; empty lines are skipped)",
      [](CallContext& c, Args a) -> const Value* {
        CsvReader r(a[0]->str);
        std::vector<std::vector<std::string>> recs;
        if (!r.read_all(recs)) return fail(c, r.error());
        std::vector<const Value*> rows;
        rows.reserve(recs.size());
        for (const auto& rec : recs) rows.push_back(string_list(c, rec));
        return make_list(c, rows);
      });
  def(P, "Encode", {kList}, kString,
      "Encode(rows): CSV text of a list of lists, a line per row (strings as they are, other "
      "values as compact JSON; fields quoted only where needed)",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<const Value*> rows;
        if (const Value* e = list_elems(c, a[0], rows)) return e;
        std::string out;
        for (const Value* row : rows) {
          if (!is_list(row)) return failf(c, "cannot use {} as a row: want a list", type_of(row));
          std::vector<const Value*> cols;
          if (const Value* e = list_elems(c, row, cols)) return e;
          for (size_t i = 0; i < cols.size(); ++i) {
            if (i > 0) out += ',';
            if (cols[i]->vk == VK::String) {
              write_field(out, cols[i]->str);
              continue;
            }
            std::string json;
            if (const Value* e = marshal_json(c, cols[i], json)) return e;
            write_field(out, json);
          }
          out += '\n';
        }
        return c.ev.string(out, c.pos);
      });
}

}  // namespace cfgc::stdlib
