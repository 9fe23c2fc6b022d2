// Package time: durations and times as CUE's time package, which wraps Go's time package.
// Times are strings (RFC 3339 by default) and durations are ints (nanoseconds) or Go duration
// strings ("1h30m").
//
// Layouts are Go's: the reference time Mon Jan 2 15:04:05 MST 2006 written the way the times
// look (2006 year, 01/1/Jan/January month, 02/2/_2 day, 002/__2 day of the year, 15/03/3 hour,
// 04/4 minute, 05/5 second, PM/pm, Mon/Monday weekday, .000/.999 or ,000/,999 fractions, MST
// zone name, -0700/-07:00/-07/-070000/-07:00:00 offsets, and their Z variants that write Z for
// UTC). Every other character stands for itself; a space matches one or more spaces.
//
// Time zones are offsets only: a time carries the offset it was written with. As Go's
// ParseInLocation(…, UTC), which CUE uses, a zone name (MST, CET, GMT+2, …) is read as offset 0;
// when formatting, a zone name is UTC for offset 0 and +hhmm otherwise. Years are 0 to 9999 when
// parsing (as Go); Unix accepts any int64 seconds.
//
// CUE v0.4 and v0.6 have the same semantics for everything here.
#include <algorithm>
#include <array>
#include <cstdint>

#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

constexpr int64_t kNs = 1, kUs = 1000, kMs = 1000000, kSec = 1000000000;
constexpr int64_t kMin = 60 * kSec, kHour = 60 * kMin;

constexpr std::array<std::string_view, 12> kLongMonths{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kLongDays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

// --- civil dates (proleptic Gregorian; days counted from 1970-01-01) ---

int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int days_in(int m, int64_t y) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// A time: the civil fields in the zone of its offset.
struct Time {
  int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t nsec = 0;
  int offset = 0;    // seconds east of UTC
  std::string zone;  // the zone name it was written with, if any (for MST)

  int64_t days() const { return days_from_civil(year, month, day); }
  int weekday() const { return static_cast<int>(((days() + 4) % 7 + 7) % 7); }  // 1970-01-01: Thu
  int yday() const { return static_cast<int>(days() - days_from_civil(year, 1, 1) + 1); }
};

// The civil fields of a count of seconds since the epoch (plus nanoseconds), at an offset.
Time from_unix(int64_t sec, int64_t nsec, int offset) {
  Time t;
  int64_t local = sec + offset;
  int64_t days = floor_div(local, 86400);
  int64_t rem = local - days * 86400;
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>(rem / 60 % 60);
  t.second = static_cast<int>(rem % 60);
  t.nsec = nsec;
  t.offset = offset;
  return t;
}

int64_t to_unix(const Time& t) {
  return t.days() * 86400 + t.hour * 3600 + t.minute * 60 + t.second - t.offset;
}

// --- layouts ---

enum class Std {
  None,
  LongMonth,              // January
  Month,                  // Jan
  NumMonth,               // 1
  ZeroMonth,              // 01
  LongWeekDay,            // Monday
  WeekDay,                // Mon
  Day,                    // 2
  UnderDay,               // _2
  ZeroDay,                // 02
  UnderYearDay,           // __2
  ZeroYearDay,            // 002
  Hour,                   // 15
  Hour12,                 // 3
  ZeroHour12,             // 03
  Minute,                 // 4
  ZeroMinute,             // 04
  Second,                 // 5
  ZeroSecond,             // 05
  LongYear,               // 2006
  Year,                   // 06
  PM,                     // PM
  pm,                     // pm
  TZ,                     // MST
  ISO8601TZ,              // Z0700
  ISO8601SecondsTZ,       // Z070000
  ISO8601ShortTZ,         // Z07
  ISO8601ColonTZ,         // Z07:00
  ISO8601ColonSecondsTZ,  // Z07:00:00
  NumTZ,                  // -0700
  NumSecondsTz,           // -070000
  NumShortTZ,             // -07
  NumColonTZ,             // -07:00
  NumColonSecondsTZ,      // -07:00:00
  FracSecond0,            // .0, .00, … (trailing zeros kept)
  FracSecond9,            // .9, .99, … (trailing zeros dropped)
};

// How a numeric zone element writes the offset: -07:00 (colon), -070000 (seconds), -07
// (hours only), as the layout element says.
struct OffsetForm {
  bool colon, seconds, hours_only;
};
OffsetForm offset_form(Std s) {
  return {s == Std::ISO8601ColonTZ || s == Std::NumColonTZ || s == Std::ISO8601ColonSecondsTZ ||
              s == Std::NumColonSecondsTZ,
          s == Std::ISO8601SecondsTZ || s == Std::NumSecondsTz || s == Std::ISO8601ColonSecondsTZ ||
              s == Std::NumColonSecondsTZ,
          s == Std::ISO8601ShortTZ || s == Std::NumShortTZ};
}

struct Chunk {
  std::string_view prefix;  // literal text before the element
  Std std = Std::None;
  std::string_view elem;  // the element's text in the layout
  int digits = 0;         // fraction digits
  char sep = '.';         // fraction separator
  std::string_view rest;
};

bool starts(std::string_view s, size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }
bool digit_at(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// The next element of a layout, as Go's nextStdChunk.
Chunk next_chunk(std::string_view layout) {
  auto found = [&](size_t i, Std std, size_t len) {
    Chunk c;
    c.prefix = layout.substr(0, i);
    c.std = std;
    c.elem = layout.substr(i, len);
    c.rest = layout.substr(i + len);
    return c;
  };
  for (size_t i = 0; i < layout.size(); ++i) {
    switch (layout[i]) {
      case 'J':
        if (starts(layout, i, "January")) return found(i, Std::LongMonth, 7);
        if (starts(layout, i, "Jan")) return found(i, Std::Month, 3);
        break;
      case 'M':
        if (starts(layout, i, "Monday")) return found(i, Std::LongWeekDay, 6);
        if (starts(layout, i, "Mon")) return found(i, Std::WeekDay, 3);
        if (starts(layout, i, "MST")) return found(i, Std::TZ, 3);
        break;
      case '0':
        if (starts(layout, i, "002")) return found(i, Std::ZeroYearDay, 3);
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static constexpr Std k0x[] = {Std::ZeroMonth,  Std::ZeroDay,    Std::ZeroHour12,
                                        Std::ZeroMinute, Std::ZeroSecond, Std::Year};
          return found(i, k0x[layout[i + 1] - '1'], 2);
        }
        break;
      case '1':
        if (starts(layout, i, "15")) return found(i, Std::Hour, 2);
        return found(i, Std::NumMonth, 1);
      case '2':
        if (starts(layout, i, "2006")) return found(i, Std::LongYear, 4);
        return found(i, Std::Day, 1);
      case '_':
        if (starts(layout, i, "_2")) {
          // _2006 is an underscore and a year.
          if (starts(layout, i + 1, "2006")) return found(i + 1, Std::LongYear, 4);
          return found(i, Std::UnderDay, 2);
        }
        if (starts(layout, i, "__2")) return found(i, Std::UnderYearDay, 3);
        break;
      case '3': return found(i, Std::Hour12, 1);
      case '4': return found(i, Std::Minute, 1);
      case '5': return found(i, Std::Second, 1);
      case 'P':
        if (starts(layout, i, "PM")) return found(i, Std::PM, 2);
        break;
      case 'p':
        if (starts(layout, i, "pm")) return found(i, Std::pm, 2);
        break;
      case '-':
        if (starts(layout, i, "-070000")) return found(i, Std::NumSecondsTz, 7);
        if (starts(layout, i, "-07:00:00")) return found(i, Std::NumColonSecondsTZ, 9);
        if (starts(layout, i, "-0700")) return found(i, Std::NumTZ, 5);
        if (starts(layout, i, "-07:00")) return found(i, Std::NumColonTZ, 6);
        if (starts(layout, i, "-07")) return found(i, Std::NumShortTZ, 3);
        break;
      case 'Z':
        if (starts(layout, i, "Z070000")) return found(i, Std::ISO8601SecondsTZ, 7);
        if (starts(layout, i, "Z07:00:00")) return found(i, Std::ISO8601ColonSecondsTZ, 9);
        if (starts(layout, i, "Z0700")) return found(i, Std::ISO8601TZ, 5);
        if (starts(layout, i, "Z07:00")) return found(i, Std::ISO8601ColonTZ, 6);
        if (starts(layout, i, "Z07")) return found(i, Std::ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          char ch = layout[i + 1];
          size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) ++j;
          if (!digit_at(layout, j)) {
            Chunk c = found(i, ch == '0' ? Std::FracSecond0 : Std::FracSecond9, j - i);
            c.digits = static_cast<int>(j - i - 1);
            c.sep = layout[i];
            return c;
          }
        }
        break;
      default: break;
    }
  }
  Chunk c;
  c.prefix = layout;
  return c;
}

// --- formatting ---

void pad(std::string& out, int64_t v, int width, char fill = '0') {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  std::string digits = std::to_string(v);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += fill;
  out += digits;
}

void format_offset(std::string& out, int offset, bool colon, bool seconds, bool hours_only) {
  int zone = offset / 60;
  int secs = offset % 60;
  if (zone < 0 || secs < 0) {
    out += '-';
    zone = -zone;
    secs = -secs;
  } else {
    out += '+';
  }
  pad(out, zone / 60, 2);
  if (hours_only) return;
  if (colon) out += ':';
  pad(out, zone % 60, 2);
  if (seconds) {
    if (colon) out += ':';
    pad(out, secs, 2);
  }
}

std::string format(const Time& t, std::string_view layout) {
  std::string out;
  while (!layout.empty()) {
    Chunk c = next_chunk(layout);
    out += c.prefix;
    if (c.std == Std::None) break;
    layout = c.rest;
    int hr12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    switch (c.std) {
      case Std::None: break;
      case Std::Year: pad(out, ((t.year % 100) + 100) % 100, 2); break;
      case Std::LongYear: pad(out, t.year, 4); break;
      case Std::Month: out += kLongMonths[t.month - 1].substr(0, 3); break;
      case Std::LongMonth: out += kLongMonths[t.month - 1]; break;
      case Std::NumMonth: pad(out, t.month, 0); break;
      case Std::ZeroMonth: pad(out, t.month, 2); break;
      case Std::WeekDay: out += kLongDays[t.weekday()].substr(0, 3); break;
      case Std::LongWeekDay: out += kLongDays[t.weekday()]; break;
      case Std::Day: pad(out, t.day, 0); break;
      case Std::UnderDay: pad(out, t.day, 2, ' '); break;
      case Std::ZeroDay: pad(out, t.day, 2); break;
      case Std::UnderYearDay: pad(out, t.yday(), 3, ' '); break;
      case Std::ZeroYearDay: pad(out, t.yday(), 3); break;
      case Std::Hour: pad(out, t.hour, 2); break;
      case Std::Hour12: pad(out, hr12, 0); break;
      case Std::ZeroHour12: pad(out, hr12, 2); break;
      case Std::Minute: pad(out, t.minute, 0); break;
      case Std::ZeroMinute: pad(out, t.minute, 2); break;
      case Std::Second: pad(out, t.second, 0); break;
      case Std::ZeroSecond: pad(out, t.second, 2); break;
      case Std::PM: out += t.hour >= 12 ? "PM" : "AM"; break;
      case Std::pm: out += t.hour >= 12 ? "pm" : "am"; break;
      case Std::ISO8601TZ:
      case Std::ISO8601ColonTZ:
      case Std::ISO8601SecondsTZ:
      case Std::ISO8601ShortTZ:
      case Std::ISO8601ColonSecondsTZ:
        if (t.offset == 0) {
          out += 'Z';
          break;
        }
        [[fallthrough]];
      case Std::NumTZ:
      case Std::NumColonTZ:
      case Std::NumSecondsTz:
      case Std::NumShortTZ:
      case Std::NumColonSecondsTZ: {
        auto [colon, seconds, hours_only] = offset_form(c.std);
        format_offset(out, t.offset, colon, seconds, hours_only);
        break;
      }
      case Std::TZ:
        if (!t.zone.empty()) {
          out += t.zone;
        } else if (t.offset == 0) {
          out += "UTC";
        } else {
          format_offset(out, t.offset, false, false, false);
        }
        break;
      case Std::FracSecond0:
      case Std::FracSecond9: {
        std::string frac = fmt::format("{:09d}", t.nsec).substr(0, static_cast<size_t>(c.digits));
        if (c.std == Std::FracSecond9) {
          while (!frac.empty() && frac.back() == '0') frac.pop_back();
          if (frac.empty()) break;
        }
        out += c.sep;
        out += frac;
        break;
      }
    }
  }
  return out;
}

// --- parsing ---

// Go's ParseError text.
std::string cannot_parse(std::string_view value, std::string_view layout, std::string_view rest,
                         std::string_view elem) {
  return fmt::format("parsing time {:?} as {:?}: cannot parse {:?} as {:?}", value, layout, rest,
                     elem);
}

// A number of 1 or 2 digits (exactly 2 when fixed).
bool getnum(std::string_view& s, bool fixed, int& v) {
  if (!digit_at(s, 0)) return false;
  if (!digit_at(s, 1)) {
    if (fixed) return false;
    v = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  v = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool getnum3(std::string_view& s, bool fixed, int& v) {
  int n = 0, i = 0;
  for (; i < 3 && digit_at(s, static_cast<size_t>(i)); ++i)
    n = n * 10 + (s[static_cast<size_t>(i)] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  v = n;
  s.remove_prefix(static_cast<size_t>(i));
  return true;
}

std::string_view cut_space(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

// Matches the layout's literal text: spaces match one or more spaces.
bool skip(std::string_view& value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      prefix = cut_space(prefix);
      value = cut_space(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    value.remove_prefix(1);
    prefix.remove_prefix(1);
  }
  return true;
}

bool iprefix(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    char a = s[i], b = p[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// A month or weekday name (its full or 3-letter form), in any case: the index, or -1.
template <size_t N>
int lookup(std::string_view& s, const std::array<std::string_view, N>& names, bool short_form) {
  for (size_t i = 0; i < N; ++i) {
    std::string_view name = short_form ? names[i].substr(0, 3) : names[i];
    if (iprefix(s, name)) {
      s.remove_prefix(name.size());
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Nanoseconds of ".123…" (the separator and up to 9 digits; more are ignored).
int64_t parse_nanos(std::string_view frac) {
  int64_t ns = 0;
  int n = 0;
  for (size_t i = 1; i < frac.size() && n < 9; ++i, ++n) ns = ns * 10 + (frac[i] - '0');
  for (; n < 9; ++n) ns *= 10;
  return ns;
}

// A zone name, as Go's parseTimeZone: UTC, GMT and GMT±h, ChST, MeST, or 3 upper-case letters,
// 4 ending in T (or starting WIT), 5 ending in T. Returns the length, or 0.
size_t zone_len(std::string_view v) {
  if (v.size() < 3) return 0;
  if (starts(v, 0, "ChST") || starts(v, 0, "MeST")) return 4;
  if (starts(v, 0, "GMT")) {
    size_t n = 3;
    if (n < v.size() && (v[n] == '+' || v[n] == '-')) {
      size_t j = n + 1;
      int64_t x = 0;
      while (digit_at(v, j) && j - n <= 3) x = x * 10 + (v[j++] - '0');
      if (j == n + 1 || x > 23) return 3;
      return j;
    }
    return 3;
  }
  size_t upper = 0;
  while (upper < 6 && upper < v.size() && v[upper] >= 'A' && v[upper] <= 'Z') ++upper;
  switch (upper) {
    case 3: return 3;
    case 4: return v[3] == 'T' || starts(v, 0, "WIT") ? 4 : 0;
    case 5: return v[4] == 'T' ? 5 : 0;
    default: return 0;
  }
}

Result<Time> parse(std::string_view layout, std::string_view value) {
  const std::string_view orig_layout = layout, orig_value = value;
  int64_t year = 0;
  int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
  int64_t nsec = 0;
  bool pm_set = false, am_set = false;
  int offset = 0;
  bool have_offset = false;
  std::string zone;
  std::string range_err;

  while (true) {
    Chunk c = next_chunk(layout);
    std::string_view before = value;
    if (!skip(value, c.prefix)) {
      return Error{cannot_parse(orig_value, orig_layout, before, c.prefix)};
    }
    if (c.std == Std::None) {
      if (!value.empty()) {
        return Error{fmt::format("parsing time {:?}: extra text: {:?}", orig_value, value)};
      }
      break;
    }
    layout = c.rest;
    std::string_view hold = value;
    bool ok = true;
    switch (c.std) {
      case Std::None: break;
      case Std::Year: {
        int v;
        if (value.size() < 2 || !(ok = getnum(value, true, v))) {
          ok = false;
          break;
        }
        year = v >= 69 ? 1900 + v : 2000 + v;
        break;
      }
      case Std::LongYear:
        if (value.size() < 4 || !digit_at(value, 0) || !digit_at(value, 1) || !digit_at(value, 2) ||
            !digit_at(value, 3)) {
          ok = false;
          break;
        }
        year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 +
               (value[3] - '0');
        value.remove_prefix(4);
        break;
      case Std::Month:
      case Std::LongMonth: {
        int m = lookup(value, kLongMonths, c.std == Std::Month);
        if (m < 0) ok = false;
        month = m + 1;
        break;
      }
      case Std::NumMonth:
      case Std::ZeroMonth:
        ok = getnum(value, c.std == Std::ZeroMonth, month);
        if (ok && (month <= 0 || month > 12)) range_err = "month";
        break;
      case Std::WeekDay:
      case Std::LongWeekDay:
        // Checked as a name only, as Go does.
        ok = lookup(value, kLongDays, c.std == Std::WeekDay) >= 0;
        break;
      case Std::Day:
      case Std::UnderDay:
      case Std::ZeroDay:
        if (c.std == Std::UnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        ok = getnum(value, c.std == Std::ZeroDay, day);
        break;
      case Std::UnderYearDay:
      case Std::ZeroYearDay:
        for (int i = 0; i < 2 && c.std == Std::UnderYearDay && !value.empty() && value[0] == ' ';
             ++i) {
          value.remove_prefix(1);
        }
        ok = getnum3(value, c.std == Std::ZeroYearDay, yday);
        break;
      case Std::Hour:
        ok = getnum(value, false, hour);
        if (ok && hour > 23) range_err = "hour";
        break;
      case Std::Hour12:
      case Std::ZeroHour12:
        ok = getnum(value, c.std == Std::ZeroHour12, hour);
        if (ok && hour > 12) range_err = "hour";
        break;
      case Std::Minute:
      case Std::ZeroMinute:
        ok = getnum(value, c.std == Std::ZeroMinute, minute);
        if (ok && minute > 59) range_err = "minute";
        break;
      case Std::Second:
      case Std::ZeroSecond: {
        ok = getnum(value, c.std == Std::ZeroSecond, second);
        if (!ok) break;
        if (second > 59) {
          range_err = "second";
          break;
        }
        // A fraction the layout does not have is read all the same.
        if (value.size() >= 2 && (value[0] == '.' || value[0] == ',') && digit_at(value, 1)) {
          Std next = next_chunk(layout).std;
          if (next == Std::FracSecond0 || next == Std::FracSecond9) break;
          size_t n = 2;
          while (digit_at(value, n)) ++n;
          nsec = parse_nanos(value.substr(0, n));
          value.remove_prefix(n);
        }
        break;
      }
      case Std::PM:
      case Std::pm: {
        std::string_view p = value.substr(0, 2);
        bool upper = c.std == Std::PM;
        if (p == (upper ? "PM" : "pm")) {
          pm_set = true;
        } else if (p == (upper ? "AM" : "am")) {
          am_set = true;
        } else {
          ok = false;
          break;
        }
        value.remove_prefix(2);
        break;
      }
      case Std::ISO8601TZ:
      case Std::ISO8601ColonTZ:
      case Std::ISO8601SecondsTZ:
      case Std::ISO8601ShortTZ:
      case Std::ISO8601ColonSecondsTZ:
        if (!value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          have_offset = true;
          offset = 0;
          zone = "UTC";
          break;
        }
        [[fallthrough]];
      case Std::NumTZ:
      case Std::NumColonTZ:
      case Std::NumSecondsTz:
      case Std::NumShortTZ:
      case Std::NumColonSecondsTZ: {
        auto [colon, seconds, hours_only] = offset_form(c.std);
        // sign hh [[:]mm [[:]ss]]
        size_t need = 3 + (hours_only ? 0 : (colon ? 3 : 2)) + (seconds ? (colon ? 3 : 2) : 0);
        if (value.size() < need || (value[0] != '+' && value[0] != '-')) {
          ok = false;
          break;
        }
        std::string_view v = value.substr(1);
        int hh = 0, mm = 0, ss = 0;
        if (!getnum(v, true, hh)) ok = false;
        if (ok && !hours_only) {
          if (colon && (v.empty() || v[0] != ':')) ok = false;
          if (ok && colon) v.remove_prefix(1);
          if (ok && !getnum(v, true, mm)) ok = false;
        }
        if (ok && seconds) {
          if (colon && (v.empty() || v[0] != ':')) ok = false;
          if (ok && colon) v.remove_prefix(1);
          if (ok && !getnum(v, true, ss)) ok = false;
        }
        if (!ok) break;
        if (hh > 24) range_err = "time zone offset hour";
        if (mm > 60) range_err = "time zone offset minute";
        if (ss > 60) range_err = "time zone offset second";
        offset = (hh * 60 + mm) * 60 + ss;
        if (value[0] == '-') offset = -offset;
        have_offset = true;
        zone.clear();
        value.remove_prefix(need);
        break;
      }
      case Std::TZ: {
        if (starts(value, 0, "UTC")) {
          value.remove_prefix(3);
          have_offset = true;
          offset = 0;
          zone = "UTC";
          break;
        }
        size_t n = zone_len(value);
        if (n == 0) {
          ok = false;
          break;
        }
        // Go (ParseInLocation in UTC) keeps the wall clock of any other zone name as UTC,
        // GMT+h included: the offset is 0.
        zone = std::string(value.substr(0, n));
        have_offset = true;
        offset = 0;
        value.remove_prefix(n);
        break;
      }
      case Std::FracSecond0: {
        size_t n = 1 + static_cast<size_t>(c.digits);
        if (value.size() < n || value[0] != c.sep) {
          ok = false;
          break;
        }
        for (size_t i = 1; i < n; ++i) {
          if (!digit_at(value, i)) ok = false;
        }
        if (!ok) break;
        nsec = parse_nanos(value.substr(0, n));
        value.remove_prefix(n);
        break;
      }
      case Std::FracSecond9: {
        if (value.size() < 2 || (value[0] != '.' && value[0] != ',') || !digit_at(value, 1)) {
          break;  // the fraction may be left out
        }
        size_t n = 1;
        while (n < 10 && digit_at(value, n)) ++n;
        nsec = parse_nanos(value.substr(0, n));
        value.remove_prefix(n);
        break;
      }
    }
    if (!range_err.empty()) {
      return Error{fmt::format("parsing time {:?}: {} out of range", orig_value, range_err)};
    }
    if (!ok) return Error{cannot_parse(orig_value, orig_layout, hold, c.elem)};
  }

  if (pm_set && hour < 12) {
    hour += 12;
  } else if (am_set && hour == 12) {
    hour = 0;
  }
  if (yday >= 0) {
    int m = 0, d = 0;
    if (yday < 1 || yday > 365 + (is_leap(year) ? 1 : 0)) {
      return Error{fmt::format("parsing time {:?}: day-of-year out of range", orig_value)};
    }
    d = yday;
    m = 1;
    while (d > days_in(m, year)) d -= days_in(m++, year);
    if (month >= 0 && month != m) {
      return Error{fmt::format("parsing time {:?}: day-of-year does not match month", orig_value)};
    }
    if (day >= 0 && day != d) {
      return Error{fmt::format("parsing time {:?}: day-of-year does not match day", orig_value)};
    }
    month = m;
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > days_in(month, year)) {
    return Error{fmt::format("parsing time {:?}: day out of range", orig_value)};
  }
  Time t;
  t.year = year;
  t.month = month;
  t.day = day;
  t.hour = hour;
  t.minute = minute;
  t.second = second;
  t.nsec = nsec;
  t.offset = have_offset ? offset : 0;
  t.zone = zone == "UTC" ? "" : zone;
  return t;
}

constexpr std::string_view kRFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

std::string utc_rfc3339(const Time& t) {
  return format(from_unix(to_unix(t), t.nsec, 0), kRFC3339Nano);
}

// --- durations (Go's time.ParseDuration and Duration.String) ---

constexpr uint64_t kMaxDur = uint64_t(1) << 63;

Result<int64_t> parse_duration(std::string_view orig) {
  const Error invalid{fmt::format("time: invalid duration {:?}", orig)};
  std::string_view s = orig;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return int64_t(0);
  if (s.empty()) return invalid;
  uint64_t d = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    // The integer part.
    uint64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (v > kMaxDur / 10) return invalid;
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
      if (v > kMaxDur) return invalid;
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    // The fraction.
    uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < s.size() && s[j] >= '0' && s[j] <= '9'; ++j) {
        if (overflow) continue;
        if (f > (kMaxDur - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t y = f * 10 + static_cast<uint64_t>(s[j] - '0');
        if (y > kMaxDur) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post) return invalid;
    // The unit.
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !(s[u] >= '0' && s[u] <= '9')) ++u;
    if (u == 0) return Error{fmt::format("time: missing unit in duration {:?}", orig)};
    std::string_view unit_name = s.substr(0, u);
    s.remove_prefix(u);
    uint64_t unit = 0;
    if (unit_name == "ns") {
      unit = kNs;
    } else if (unit_name == "us" || unit_name == "\u00b5s" || unit_name == "\u03bcs") {
      unit = kUs;
    } else if (unit_name == "ms") {
      unit = kMs;
    } else if (unit_name == "s") {
      unit = kSec;
    } else if (unit_name == "m") {
      unit = kMin;
    } else if (unit_name == "h") {
      unit = kHour;
    } else {
      return Error{fmt::format("time: unknown unit {:?} in duration {:?}", unit_name, orig)};
    }
    if (v > kMaxDur / unit) return invalid;
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMaxDur) return invalid;
    }
    d += v;
    if (d > kMaxDur) return invalid;
  }
  if (neg) return d == kMaxDur ? INT64_MIN : -static_cast<int64_t>(d);
  if (d > kMaxDur - 1) return invalid;
  return static_cast<int64_t>(d);
}

// The fraction of v's last prec digits: ".5" for v = 1500 and prec 3, "" when they are zero.
// Removes those digits from v.
std::string frac(uint64_t& v, int prec) {
  std::string digits;
  for (int i = 0; i < prec; ++i) {
    digits.push_back(static_cast<char>('0' + v % 10));
    v /= 10;
  }
  while (!digits.empty() && digits.front() == '0') digits.erase(digits.begin());
  if (digits.empty()) return digits;
  std::reverse(digits.begin(), digits.end());
  return "." + digits;
}

std::string format_duration(int64_t d) {
  if (d == 0) return "0s";
  std::string sign = d < 0 ? "-" : "";
  uint64_t u = d < 0 ? uint64_t(0) - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  if (u < static_cast<uint64_t>(kSec)) {
    if (u < static_cast<uint64_t>(kUs)) return sign + std::to_string(u) + "ns";
    if (u < static_cast<uint64_t>(kMs)) {
      std::string f = frac(u, 3);
      return sign + std::to_string(u) + f + "\u00b5s";
    }
    std::string f = frac(u, 6);
    return sign + std::to_string(u) + f + "ms";
  }
  std::string f = frac(u, 9);
  std::string out = std::to_string(u % 60) + f + "s";
  u /= 60;
  if (u == 0) return sign + out;
  out = std::to_string(u % 60) + "m" + out;
  u /= 60;
  if (u == 0) return sign + out;
  return sign + std::to_string(u) + "h" + out;
}

// --- registration helpers ---

void def_int(const std::string& pkg, const char* name, int64_t v, std::string doc) {
  def_const(pkg, name, kInt, std::move(doc),
            [v](CallContext& c, Args) { return c.ev.integer(v, c.pos); });
}

void def_str(const std::string& pkg, const char* name, std::string v) {
  std::string doc = fmt::format("the layout {:?}", v);
  def_const(pkg, name, kString, std::move(doc),
            [v = std::move(v)](CallContext& c, Args) { return c.ev.string(v, c.pos); });
}

}  // namespace

void register_time() {
  const std::string P = "time";

  def_int(P, "Nanosecond", kNs, "1: a nanosecond, in nanoseconds (durations are ints)");
  def_int(P, "Microsecond", kUs, "1000: a microsecond, in nanoseconds");
  def_int(P, "Millisecond", kMs, "1000000: a millisecond, in nanoseconds");
  def_int(P, "Second", kSec, "1000000000: a second, in nanoseconds");
  def_int(P, "Minute", kMin, "60000000000: a minute, in nanoseconds");
  def_int(P, "Hour", kHour, "3600000000000: an hour, in nanoseconds");

  def_str(P, "ANSIC", "Mon Jan _2 15:04:05 2006");
  def_str(P, "UnixDate", "Mon Jan _2 15:04:05 MST 2006");
  def_str(P, "RubyDate", "Mon Jan 02 15:04:05 -0700 2006");
  def_str(P, "RFC822", "02 Jan 06 15:04 MST");
  def_str(P, "RFC822Z", "02 Jan 06 15:04 -0700");
  def_str(P, "RFC850", "Monday, 02-Jan-06 15:04:05 MST");
  def_str(P, "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST");
  def_str(P, "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700");
  def_str(P, "RFC3339", "2006-01-02T15:04:05Z07:00");
  def_str(P, "RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00");
  def_str(P, "RFC3339Date", "2006-01-02");
  def_str(P, "Kitchen", "3:04PM");
  def_str(P, "Kitchen24", "15:04");

  for (int i = 0; i < 12; ++i) {
    std::string name(kLongMonths[static_cast<size_t>(i)]);
    def_int(P, name.c_str(), i + 1, fmt::format("{}: the month {}", i + 1, name));
  }
  for (int i = 0; i < 7; ++i) {
    std::string name(kLongDays[static_cast<size_t>(i)]);
    def_int(P, name.c_str(), i, fmt::format("{}: the weekday {} (Sunday is 0)", i, name));
  }

  def_validator(P, "Duration", {kString},
                "the string is a Go duration: a signed sequence of decimal numbers with units "
                "ns, us (or µs), ms, s, m, h (\"300ms\", \"-1.5h\", \"2h45m\")",
                [](CallContext& c, Args a) -> const Value* {
                  Result<int64_t> d = parse_duration(a[0]->str);
                  if (!d) return fail(c, d.error().message);
                  return c.ev.boolean(true, c.pos);
                });
  def(P, "ParseDuration", {kString}, kInt,
      "the nanoseconds of a Go duration string (\"1h30m\" is 5400000000000)",
      [](CallContext& c, Args a) -> const Value* {
        Result<int64_t> d = parse_duration(a[0]->str);
        if (!d) return fail(c, d.error().message);
        return c.ev.integer(*d, c.pos);
      });
  def(P, "FormatDuration", {kInt}, kString,
      "a duration in nanoseconds as Go writes it: \"1h30m0s\", \"1.5s\", \"1.5ms\", \"0s\"",
      [](CallContext& c, Args a) -> const Value* {
        if (!a[0]->num.fits_int64()) {
          return failf(c, "duration {} does not fit in 64 bits", a[0]->num.str());
        }
        return c.ev.string(format_duration(a[0]->num.int_value()), c.pos);
      });

  def_validator(P, "Time", {kString},
                "the string is an RFC 3339 time (2006-01-02T15:04:05Z, fractional seconds and "
                "an offset such as +02:00 allowed)",
                [](CallContext& c, Args a) -> const Value* {
                  if (!parse(kRFC3339Nano, a[0]->str))
                    return failf(c, "invalid time {:?}", a[0]->str);
                  return c.ev.boolean(true, c.pos);
                });
  def_validator(P, "Format", {kString, kString},
                "Format(value, layout): the string is a time in the Go layout (time.Format(time."
                "RFC1123), time.Format(\"2006-01-02\"))",
                [](CallContext& c, Args a) -> const Value* {
                  if (!parse(a[1]->str, a[0]->str)) return failf(c, "invalid time {:?}", a[0]->str);
                  return c.ev.boolean(true, c.pos);
                });
  def(P, "Parse", {kString, kString}, kString,
      "Parse(layout, value): the time written in the Go layout, as an RFC 3339 string in UTC "
      "(with nanoseconds when it has them)",
      [](CallContext& c, Args a) -> const Value* {
        Result<Time> t = parse(a[0]->str, a[1]->str);
        if (!t) return fail(c, t.error().message);
        return c.ev.string(utc_rfc3339(*t), c.pos);
      });
  def(P, "FormatString", {kString, kString}, kString,
      "FormatString(layout, value): the RFC 3339 time value written in the Go layout, at the "
      "time's own offset",
      [](CallContext& c, Args a) -> const Value* {
        Result<Time> t = parse(kRFC3339Nano, a[1]->str);
        if (!t) return fail(c, t.error().message);
        return c.ev.string(format(*t, a[0]->str), c.pos);
      });
  def(P, "Unix", {kInt, kInt}, kString,
      "Unix(sec, nsec): the time sec seconds and nsec nanoseconds after 1970-01-01T00:00:00Z, "
      "as an RFC 3339 string in UTC",
      [](CallContext& c, Args a) -> const Value* {
        if (!a[0]->num.fits_int64() || !a[1]->num.fits_int64()) {
          return fail(c, "seconds and nanoseconds must fit in 64 bits");
        }
        int64_t sec = a[0]->num.int_value(), nsec = a[1]->num.int_value();
        int64_t carry = floor_div(nsec, kSec);
        nsec -= carry * kSec;
        if ((carry > 0 && sec > INT64_MAX - carry) || (carry < 0 && sec < INT64_MIN - carry)) {
          return fail(c, "time out of range");
        }
        sec += carry;
        // Beyond about 292 billion years the day count overflows; Go cannot represent those
        // either.
        if (sec > INT64_MAX / 2 || sec < INT64_MIN / 2) return fail(c, "time out of range");
        return c.ev.string(format(from_unix(sec, nsec, 0), kRFC3339Nano), c.pos);
      });
  def(P, "Split", {kString}, kStruct,
      "the parts of an RFC 3339 time, at its own offset: {year, month, day, hour, minute, "
      "second, nanosecond}",
      [](CallContext& c, Args a) -> const Value* {
        Result<Time> r = parse(kRFC3339Nano, a[0]->str);
        if (!r) return fail(c, r.error().message);
        const Time& t = *r;
        return make_struct(c, {{"year", c.ev.integer(t.year, c.pos)},
                               {"month", c.ev.integer(t.month, c.pos)},
                               {"day", c.ev.integer(t.day, c.pos)},
                               {"hour", c.ev.integer(t.hour, c.pos)},
                               {"minute", c.ev.integer(t.minute, c.pos)},
                               {"second", c.ev.integer(t.second, c.pos)},
                               {"nanosecond", c.ev.integer(t.nsec, c.pos)}});
      });
}

}  // namespace cfgc::stdlib
