// Package net: IP addresses, CIDR prefixes, host names and host:port pairs, with the
// semantics of CUE's net package (Go's net/netip: strict dotted-quad IPv4 without leading
// zeros, IPv6 zones, an IPv4-mapped IPv6 address is IPv6).
//
// cfgc additions for address planning (not in CUE): HostAddress, HostCIDR, Subnet,
// PrefixNetwork, PrefixBroadcast, PrefixLength and PrefixSize. Together with CUE's AddIP and
// AddIPCIDR they number hosts and subnets within a prefix, for IPv4 and IPv6, with an error
// (not a wraparound) when a number falls outside the prefix.
#include <algorithm>
#include <cctype>
#include <optional>

#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using u128 = unsigned __int128;
using i128 = __int128;

struct Addr {
  bool v6 = false;
  uint8_t b[16] = {};  // IPv4: b[0..3]
  std::string zone;

  int bits() const { return v6 ? 128 : 32; }
  int bytes() const { return v6 ? 16 : 4; }
  bool is_4in6() const {
    if (!v6) return false;
    for (int i = 0; i < 10; ++i) {
      if (b[i]) return false;
    }
    return b[10] == 0xff && b[11] == 0xff;
  }
  Addr unmap() const {
    if (!is_4in6()) return *this;
    Addr a;
    for (int i = 0; i < 4; ++i) a.b[i] = b[12 + i];
    return a;
  }
  u128 value() const {
    u128 v = 0;
    for (int i = 0; i < bytes(); ++i) v = (v << 8) | b[i];
    return v;
  }
  static Addr from(u128 v, bool v6) {
    Addr a;
    a.v6 = v6;
    for (int i = a.bytes() - 1; i >= 0; --i) {
      a.b[i] = static_cast<uint8_t>(v & 0xff);
      v >>= 8;
    }
    return a;
  }
};

struct Prefix {
  Addr addr;
  int len = 0;
  u128 mask() const;
  Addr network() const;  // host bits cleared
  Addr last() const;     // host bits set (the IPv4 broadcast address)
};

bool parse_v4(std::string_view s, uint8_t* out) {
  int field = 0;
  size_t i = 0;
  while (field < 4) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      if (i - start >= 3 || v > 255) return false;
      ++i;
    }
    size_t n = i - start;
    if (n == 0 || (n > 1 && s[start] == '0')) return false;  // empty field or leading zero
    out[field++] = static_cast<uint8_t>(v);
    if (field < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  char l = static_cast<char>(ch | 0x20);
  if (l >= 'a' && l <= 'f') return l - 'a' + 10;
  return -1;
}

bool parse_v6(std::string_view s, Addr& a) {
  a.v6 = true;
  if (size_t pct = s.find('%'); pct != std::string_view::npos) {
    a.zone = std::string(s.substr(pct + 1));
    if (a.zone.empty()) return false;
    s = s.substr(0, pct);
  }
  int ellipsis = -1;  // index (in bytes) where :: was
  int i = 0;          // bytes written
  size_t p = 0;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = 0;
    p = 2;
    if (p == s.size()) return true;
  }
  while (i < 16) {
    size_t start = p;
    int v = 0;
    while (p < s.size() && hex_digit(s[p]) >= 0) {
      v = v * 16 + hex_digit(s[p]);
      if (p - start >= 4) return false;
      ++p;
    }
    if (p == start) return false;
    if (p < s.size() && s[p] == '.') {
      // An embedded IPv4 address ends the address.
      if ((ellipsis < 0 && i != 12) || i + 4 > 16) return false;
      if (!parse_v4(s.substr(start), a.b + i)) return false;
      i += 4;
      p = s.size();
      break;
    }
    a.b[i] = static_cast<uint8_t>(v >> 8);
    a.b[i + 1] = static_cast<uint8_t>(v & 0xff);
    i += 2;
    if (p == s.size()) break;
    if (s[p] != ':') return false;
    ++p;
    if (p < s.size() && s[p] == ':') {
      if (ellipsis >= 0) return false;  // a second ::
      ellipsis = i;
      ++p;
      if (p == s.size()) break;
    } else if (p == s.size()) {
      return false;  // trailing single colon
    }
  }
  if (p != s.size()) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    int n = 16 - i;
    for (int j = i - 1; j >= ellipsis; --j) a.b[j + n] = a.b[j];
    for (int j = ellipsis; j < ellipsis + n; ++j) a.b[j] = 0;
  } else if (ellipsis >= 0) {
    return false;  // :: must stand for at least one group
  }
  return true;
}

std::optional<Addr> parse_addr(std::string_view s) {
  Addr a;
  if (s.find(':') != std::string_view::npos) {
    if (!parse_v6(s, a)) return std::nullopt;
    return a;
  }
  if (!parse_v4(s, a.b)) return std::nullopt;
  return a;
}

std::string addr_string(const Addr& a) {
  if (!a.v6) return fmt::format("{}.{}.{}.{}", a.b[0], a.b[1], a.b[2], a.b[3]);
  std::string out;
  if (a.is_4in6()) {
    out = fmt::format("::ffff:{}.{}.{}.{}", a.b[12], a.b[13], a.b[14], a.b[15]);
  } else {
    uint16_t g[8];
    for (int i = 0; i < 8; ++i) g[i] = static_cast<uint16_t>((a.b[2 * i] << 8) | a.b[2 * i + 1]);
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
      if (g[i] != 0) {
        ++i;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) ++j;
      if (j - i > best_len && j - i >= 2) {
        best = i;
        best_len = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; ++i) {
      if (i == best) {
        out += "::";
        i += best_len - 1;
        continue;
      }
      if (!out.empty() && out.back() != ':') out += ':';
      out += fmt::format("{:x}", g[i]);
    }
  }
  if (!a.zone.empty()) out += "%" + a.zone;
  return out;
}

Result<Prefix> parse_prefix(std::string_view s) {
  size_t slash = s.rfind('/');
  if (slash == std::string_view::npos) {
    return Error{"no '/'"};
  }
  std::string_view as = s.substr(0, slash), bs = s.substr(slash + 1);
  if (as.find('%') != std::string_view::npos) {
    return Error{"IPv6 zones cannot be present in a prefix"};
  }
  auto a = parse_addr(as);
  if (!a) {
    return Error{fmt::format("invalid IP address \"{}\"", as)};
  }
  if (bs.empty() || bs.size() > 3 || (bs.size() > 1 && bs[0] == '0') ||
      bs.find_first_not_of("0123456789") != std::string_view::npos) {
    return Error{fmt::format("bad bits after slash: \"{}\"", bs)};
  }
  int len = std::stoi(std::string(bs));
  if (len > a->bits()) {
    return Error{"prefix length out of range"};
  }
  return Prefix{*a, len};
}

u128 mask_of(int len, int bits) {
  if (len == 0) return 0;
  u128 all = bits == 128 ? ~u128(0) : (u128(1) << bits) - 1;
  return all & ~((bits - len == 128 ? ~u128(0) : (u128(1) << (bits - len)) - 1));
}

u128 max_of(int bits) { return bits == 128 ? ~u128(0) : (u128(1) << bits) - 1; }

u128 Prefix::mask() const { return mask_of(len, addr.bits()); }
Addr Prefix::network() const { return Addr::from(addr.value() & mask(), addr.v6); }
Addr Prefix::last() const {
  return Addr::from(network().value() | (max_of(addr.bits()) & ~mask()), addr.v6);
}

std::string u128_str(u128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v) {
    s += static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  return {s.rbegin(), s.rend()};
}

// An IP from a string, bytes or a list of 4 or 16 byte values; nullopt if invalid.
std::optional<Addr> ip_of(CallContext& c, const Value* v) {
  if (v->vk == VK::String || v->vk == VK::Bytes) return parse_addr(v->str);
  if (!is_list(v)) return std::nullopt;
  std::vector<const Value*> xs;
  if (list_elems(c, v, xs, kInt)) return std::nullopt;
  if (xs.size() != 4 && xs.size() != 16) return std::nullopt;
  Addr a;
  a.v6 = xs.size() == 16;
  for (size_t i = 0; i < xs.size(); ++i) {
    int64_t x = int_of(xs[i]);
    if (x < 0 || x > 255) return std::nullopt;
    a.b[i] = static_cast<uint8_t>(x);
  }
  return a;
}

// The IP argument in out; returns the error value to give back, or null.
const Value* ip_arg(CallContext& c, const Value* v, Addr& out) {
  if (is_list(v)) {
    std::vector<const Value*> xs;
    if (const Value* e = list_elems(c, v, xs, kInt)) return e;
  }
  auto a = ip_of(c, v);
  if (!a) return failf(c, "invalid IP address {}", c.ev.value_str(v));
  out = *a;
  return nullptr;
}

// The CIDR prefix argument in out; returns the error value to give back, or null.
const Value* prefix_arg(CallContext& c, const Value* v, Prefix& out) {
  if (v->vk != VK::String && v->vk != VK::Bytes) {
    return failf(c, "invalid CIDR prefix {}: not a string", c.ev.value_str(v));
  }
  Result<Prefix> p = parse_prefix(v->str);
  if (!p) return failf(c, "invalid CIDR prefix {}: {}", c.ev.value_str(v), p.error().message);
  out = *p;
  return nullptr;
}

const Value* ip_list(CallContext& c, const Addr& a) {
  std::vector<int64_t> out(a.b, a.b + a.bytes());
  return int_list(c, out);
}

Addr to16(const Addr& a) {
  if (a.v6) return a;
  Addr r;
  r.v6 = true;
  r.b[10] = r.b[11] = 0xff;
  for (int i = 0; i < 4; ++i) r.b[12 + i] = a.b[i];
  return r;
}

// Address classes (Go's netip; an IPv4-mapped address is classified as its IPv4 address).
bool is_loopback(const Addr& x) {
  Addr a = x.unmap();
  if (!a.v6) return a.b[0] == 127;
  return a.value() == 1;
}
bool is_multicast(const Addr& x) {
  Addr a = x.unmap();
  return a.v6 ? a.b[0] == 0xff : (a.b[0] & 0xf0) == 0xe0;
}
bool is_link_local_multicast(const Addr& x) {
  Addr a = x.unmap();
  if (!a.v6) return a.b[0] == 224 && a.b[1] == 0 && a.b[2] == 0;
  return a.b[0] == 0xff && (a.b[1] & 0x0f) == 0x02;
}
bool is_interface_local_multicast(const Addr& x) {
  Addr a = x.unmap();
  return a.v6 && a.b[0] == 0xff && (a.b[1] & 0x0f) == 0x01;
}
bool is_link_local_unicast(const Addr& x) {
  Addr a = x.unmap();
  if (!a.v6) return a.b[0] == 169 && a.b[1] == 254;
  return a.b[0] == 0xfe && (a.b[1] & 0xc0) == 0x80;
}
bool is_unspecified(const Addr& a) { return a.value() == 0 && a.zone.empty(); }
bool is_global_unicast(const Addr& x) {
  Addr a = x.unmap();
  if (!a.v6 && a.value() == 0xffffffffu) return false;
  return !is_unspecified(a) && !is_loopback(a) && !is_multicast(a) && !is_link_local_unicast(a);
}

// Adds a signed offset to an address within its family; nullopt on over- or underflow.
Result<Addr> add(const Addr& a, i128 off) {
  u128 v = a.value(), max = max_of(a.bits());
  if (off < 0) {
    u128 d = static_cast<u128>(-(off + 1)) + 1;
    if (d > v) {
      return Error{"IP address arithmetic resulted in out-of-range address (underflow)"};
    }
    v -= d;
  } else {
    u128 d = static_cast<u128>(off);
    if (d > max - v) {
      return Error{"IP address arithmetic resulted in out-of-range address (overflow)"};
    }
    v += d;
  }
  return Addr::from(v, a.v6);
}

std::string prefix_string(const Addr& a, int len) {
  return fmt::format("{}/{}", addr_string(a), len);
}

// Index n within count items (count 0 stands for 2^128); a negative n counts from the end.
// Sets ok to false when n is out of range.
u128 index_in(i128 n, u128 count, bool& ok) {
  ok = true;
  if (n >= 0) {
    if (count != 0 && static_cast<u128>(n) >= count) ok = false;  // count 0 stands for 2^128
    return static_cast<u128>(n);
  }
  u128 back = static_cast<u128>(-(n + 1)) + 1;
  if (count != 0 && back > count) ok = false;
  return count - back;  // wraps correctly for count 0 (2^128)
}

std::string count_str(u128 count) { return count == 0 ? "2^128" : u128_str(count); }

// FQDN as CUE's net.FQDN: ASCII letters, digits and hyphens; labels of 1 to 63 characters not
// starting or ending with a hyphen (and no "--" at positions 3 and 4 except in xn-- labels);
// at most 253 characters; an optional final dot.
bool is_fqdn(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('.', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view label = s.substr(start, end - start);
    if (label.empty() || label.size() > 63) return false;
    for (char ch : label) {
      bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '-';
      if (!ok) return false;
    }
    if (label.front() == '-' || label.back() == '-') return false;
    if (label.size() >= 4 && label[2] == '-' && label[3] == '-') {
      std::string lower;
      for (char ch : label.substr(0, 2)) lower += static_cast<char>(ch | 0x20);
      if (lower != "xn") return false;
    }
    start = end + 1;
  }
  return true;
}

// Go's net.SplitHostPort; returns the error text or "".
std::string split_host_port(std::string_view hp, std::string& host, std::string& port) {
  auto err = [&](const char* why) { return fmt::format("address {}: {}", hp, why); };
  size_t i = hp.rfind(':');
  if (i == std::string_view::npos) return err("missing port in address");
  size_t j = 0, k = 0;
  if (!hp.empty() && hp[0] == '[') {
    size_t end = hp.find(']');
    if (end == std::string_view::npos) return err("missing ']' in address");
    if (end + 1 == hp.size()) return err("missing port in address");
    if (end + 1 != i)
      return hp[end + 1] == ':' ? err("too many colons in address")
                                : err("missing port in address");
    host = std::string(hp.substr(1, end - 1));
    j = 1;
    k = end + 1;
  } else {
    host = std::string(hp.substr(0, i));
    if (host.find(':') != std::string::npos) return err("too many colons in address");
  }
  if (hp.substr(j).find('[') != std::string_view::npos) return err("unexpected '[' in address");
  if (hp.substr(k).find(']') != std::string_view::npos) return err("unexpected ']' in address");
  port = std::string(hp.substr(i + 1));
  return "";
}

const uint16_t kIP = kString | kBytes | kList;

void ip_validator(const char* name, const char* doc, bool (*test)(const Addr&)) {
  def_validator("net", name, {kIP}, doc, [test](CallContext& c, Args a) -> const Value* {
    auto ip = ip_of(c, a[0]);
    return c.ev.boolean(ip && test(*ip), c.pos);
  });
}

// Address n of prefix a[0] (a negative n counts back from the last), for HostAddress and
// HostCIDR. Returns an error value, or null with the address in r and the length in len.
const Value* nth_host(CallContext& c, Args a, Addr& r, int& len) {
  Prefix p;
  if (const Value* err = prefix_arg(c, a[0], p)) return err;
  int bits = p.addr.bits();
  int host_bits = bits - p.len;
  u128 count = host_bits == 128 ? 0 : u128(1) << host_bits;
  bool ok;
  u128 idx = index_in(a[1]->num.int128_value(), count, ok);
  Addr network = p.network();
  if (!ok) {
    return failf(c, "host {} is out of range for {} ({} addresses)", a[1]->num.str(),
                 prefix_string(network, p.len), count_str(count));
  }
  r = Addr::from(network.value() | idx, p.addr.v6);
  len = p.len;
  return nullptr;
}

}  // namespace

namespace {

// Go's shouldEscape for path segments (query=false) and query components (query=true).
bool url_keeps(unsigned char c, bool query) {
  if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') return true;
  if (query) return false;
  return c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@';
}

std::string url_escape(std::string_view s, bool query) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (url_keeps(c, query)) {
      out += static_cast<char>(c);
    } else if (c == ' ' && query) {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Result<std::string> url_unescape(std::string_view s, bool query) {
  auto hexval = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
        std::string_view bad = s.substr(i, std::min<size_t>(3, s.size() - i));
        return Error{fmt::format("invalid URL escape \"{}\"", bad)};
      }
      out += static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && query) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

void register_net() {
  const std::string P = "net";
  const uint16_t S = kString, I = kInt;

  def_const(P, "IPv4len", I, "4, the length of an IPv4 address in bytes",
            [](CallContext& c, Args) { return c.ev.integer(4, c.pos); });
  def_const(P, "IPv6len", I, "16, the length of an IPv6 address in bytes",
            [](CallContext& c, Args) { return c.ev.integer(16, c.pos); });

  ip_validator("IP", "an IPv4 or IPv6 address (a string, or a list of 4 or 16 bytes)",
               [](const Addr&) { return true; });
  ip_validator("IPv4", "an IPv4 address in dotted-decimal form, without leading zeros (or 4 bytes)",
               [](const Addr& a) { return !a.v6; });
  ip_validator("IPv6",
               "an IPv6 address, including IPv4-mapped ones such as ::ffff:10.0.0.1 (or 16 bytes)",
               [](const Addr& a) { return a.v6; });
  ip_validator("LoopbackIP", "a loopback address (127.0.0.0/8, ::1)", is_loopback);
  ip_validator("MulticastIP", "a multicast address (224.0.0.0/4, ff00::/8)", is_multicast);
  ip_validator("InterfaceLocalMulticastIP", "an interface-local multicast address (ff01::/16)",
               is_interface_local_multicast);
  ip_validator("LinkLocalMulticastIP", "a link-local multicast address (224.0.0.0/24, ff02::/16)",
               is_link_local_multicast);
  ip_validator("LinkLocalUnicastIP", "a link-local unicast address (169.254.0.0/16, fe80::/10)",
               is_link_local_unicast);
  ip_validator("GlobalUnicastIP",
               "a global unicast address: not unspecified, loopback, multicast, link-local or "
               "255.255.255.255 (private ranges such as 10.0.0.0/8 are global unicast)",
               is_global_unicast);
  ip_validator("UnspecifiedIP", "the unspecified address 0.0.0.0 or ::", is_unspecified);
  def_validator(P, "IPCIDR", {kString | kBytes},
                "an IPv4 or IPv6 prefix in CIDR notation (10.0.0.0/24; host bits may be set)",
                [](CallContext& c, Args a) -> const Value* {
                  Prefix p;
                  if (const Value* err = prefix_arg(c, a[0], p)) return err;
                  return c.ev.boolean(true, c.pos);
                });

  def(P, "ParseIP", {S}, kList, "the bytes of an IP address: 4 for IPv4, 16 for IPv6",
      [](CallContext& c, Args a) -> const Value* {
        auto ip = parse_addr(a[0]->str);
        if (!ip) return failf(c, "invalid IP address {}", c.ev.value_str(a[0]));
        return ip_list(c, *ip);
      });
  def(P, "ParseCIDR", {S}, kStruct,
      "the parts of a CIDR prefix: {prefix_mask: \"255.255.255.0\", prefix_len: 24, prefix_addr: "
      "\"10.20.30.0\", broadcast_addr: \"10.20.30.255\"} (broadcast_addr only for IPv4)",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        std::vector<std::pair<std::string, const Value*>> fields{
            {"prefix_mask", c.ev.string(addr_string(Addr::from(p.mask(), p.addr.v6)), c.pos)},
            {"prefix_len", c.ev.integer(p.len, c.pos)},
            {"prefix_addr", c.ev.string(addr_string(p.network()), c.pos)},
        };
        if (!p.addr.v6) {
          fields.emplace_back("broadcast_addr", c.ev.string(addr_string(p.last()), c.pos));
        }
        return make_struct(c, fields);
      });
  def(P, "ToIP4", {kIP}, kList, "the 4 bytes of an IPv4 (or IPv4-mapped IPv6) address",
      [](CallContext& c, Args a) -> const Value* {
        Addr ip;
        if (const Value* err = ip_arg(c, a[0], ip)) return err;
        Addr u = ip.unmap();
        if (u.v6) return failf(c, "cannot convert {} to IPv4", addr_string(ip));
        return ip_list(c, u);
      });
  def(P, "ToIP16", {kIP}, kList, "the 16 bytes of an IP address (IPv4 as ::ffff:a.b.c.d)",
      [](CallContext& c, Args a) -> const Value* {
        Addr ip;
        if (const Value* err = ip_arg(c, a[0], ip)) return err;
        return ip_list(c, to16(ip));
      });
  def(P, "IPString", {kIP}, S, "the canonical text of an IP address (10.0.0.1, 2001:db8::1)",
      [](CallContext& c, Args a) -> const Value* {
        Addr ip;
        if (const Value* err = ip_arg(c, a[0], ip)) return err;
        return c.ev.string(addr_string(ip), c.pos);
      });
  def(P, "InCIDR", {kIP, kString | kBytes}, kBool,
      "InCIDR(ip, prefix): whether the address is in the prefix (an IPv4 address is never in an "
      "IPv6 "
      "prefix, nor the reverse)",
      [](CallContext& c, Args a) -> const Value* {
        Addr ip;
        if (const Value* err = ip_arg(c, a[0], ip)) return err;
        Prefix p;
        if (const Value* err = prefix_arg(c, a[1], p)) return err;
        if (ip.v6 != p.addr.v6 || !ip.zone.empty()) return c.ev.boolean(false, c.pos);
        return c.ev.boolean((ip.value() & p.mask()) == p.network().value(), c.pos);
      });
  def(P, "CompareIP", {kIP, kIP}, I,
      "-1, 0 or +1 as the first address sorts before, equal to or after the second "
      "(IPv4 before IPv6)",
      [](CallContext& c, Args a) -> const Value* {
        Addr x;
        if (const Value* err = ip_arg(c, a[0], x)) return err;
        Addr y;
        if (const Value* err = ip_arg(c, a[1], y)) return err;
        int r;
        if (x.v6 != y.v6) {
          r = x.v6 ? 1 : -1;
        } else if (x.value() != y.value()) {
          r = x.value() < y.value() ? -1 : 1;
        } else {
          r = x.zone < y.zone ? -1 : x.zone > y.zone ? 1 : 0;
        }
        return c.ev.integer(r, c.pos);
      });
  def(P, "AddIP", {kIP, I}, S,
      "AddIP(ip, offset): the address offset addresses further (or back); a prefix such as "
      "10.0.0.0/24 keeps its length (10.0.0.5/24)",
      [](CallContext& c, Args a) -> const Value* {
        i128 off = a[1]->num.int128_value();
        if ((a[0]->vk == VK::String || a[0]->vk == VK::Bytes) &&
            a[0]->str.find('/') != std::string_view::npos) {
          Prefix p;
          if (const Value* err = prefix_arg(c, a[0], p)) return err;
          Result<Addr> r = add(p.addr, off);
          if (!r) return fail(c, r.error().message);
          return c.ev.string(prefix_string(*r, p.len), c.pos);
        }
        Addr ip;
        if (const Value* err = ip_arg(c, a[0], ip)) return err;
        Result<Addr> r = add(ip, off);
        if (!r) return fail(c, r.error().message);
        return c.ev.string(addr_string(*r), c.pos);
      });
  def(P, "AddIPCIDR", {kString | kBytes, I}, S,
      "AddIPCIDR(prefix, n): the prefix n prefixes of the same length further (or back): "
      "AddIPCIDR(\"10.0.0.0/24\", 2) is \"10.0.2.0/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        i128 n = a[1]->num.int128_value();
        int shift = p.addr.bits() - p.len;
        i128 limit = shift >= 127 ? 0 : i128(1) << (126 - shift);
        if (n != 0 && (shift >= 127 || n >= limit || n <= -limit)) {
          return fail(c, "IP address arithmetic resulted in out-of-range address (overflow)");
        }
        Result<Addr> r = add(p.addr, n * (i128(1) << shift));
        if (!r) return fail(c, r.error().message);
        return c.ev.string(prefix_string(*r, p.len), c.pos);
      });
  def(P, "FQDN", {S}, kBool,
      "whether the string is a valid fully qualified domain name: ASCII letters, digits and "
      "hyphens "
      "(RFC 1034), labels of 1-63 characters, at most 253 in all",
      [](CallContext& c, Args a) { return c.ev.boolean(is_fqdn(a[0]->str), c.pos); });
  def(P, "SplitHostPort", {S}, kList,
      "the [host, port] of \"host:port\", \"[host]:port\" or \"[host%zone]:port\" (IPv6 addresses "
      "need the brackets)",
      [](CallContext& c, Args a) -> const Value* {
        std::string host, port;
        std::string err = split_host_port(a[0]->str, host, port);
        if (!err.empty()) return fail(c, err);
        return string_list(c, {host, port});
      });
  def(P, "JoinHostPort", {kIP, kString | kBytes | kInt}, S,
      "JoinHostPort(host, port): \"host:port\", or \"[host]:port\" when host contains a colon "
      "(IPv6); "
      "host may be a list of IP bytes, port an int",
      [](CallContext& c, Args a) -> const Value* {
        std::string host;
        if (is_list(a[0])) {
          Addr ip;
          if (const Value* err = ip_arg(c, a[0], ip)) return err;
          host = addr_string(ip);
        } else {
          host = std::string(a[0]->str);
        }
        std::string port = a[1]->vk == VK::Num ? a[1]->num.str() : std::string(a[1]->str);
        if (host.find(':') != std::string::npos)
          return c.ev.string(fmt::format("[{}]:{}", host, port), c.pos);
        return c.ev.string(fmt::format("{}:{}", host, port), c.pos);
      });

  // --- cfgc additions: address planning ---

  def(P, "HostAddress", {kString | kBytes, I}, S,
      "cfgc: HostAddress(prefix, n): address n of the prefix, counting from its network address "
      "(0); a negative n counts back from the last address (-1). HostAddress(\"10.0.0.0/24\", 5) "
      "is "
      "\"10.0.0.5\"",
      [](CallContext& c, Args a) -> const Value* {
        Addr r;
        int len;
        if (const Value* err = nth_host(c, a, r, len)) return err;
        return c.ev.string(addr_string(r), c.pos);
      });
  def(P, "HostCIDR", {kString | kBytes, I}, S,
      "cfgc: HostCIDR(prefix, n): as HostAddress, with the prefix length: an interface address. "
      "HostCIDR(\"10.0.0.0/24\", 1) is \"10.0.0.1/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Addr r;
        int len;
        if (const Value* err = nth_host(c, a, r, len)) return err;
        return c.ev.string(prefix_string(r, len), c.pos);
      });
  def(P, "Subnet", {kString | kBytes, I, I}, S,
      "cfgc: Subnet(prefix, newlen, n): subnet n of length newlen within the prefix (a negative n "
      "counts back from the last). Subnet(\"10.0.0.0/16\", 24, 5) is \"10.0.5.0/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        int bits = p.addr.bits();
        int64_t newlen = int_of(a[1]);
        if (newlen < p.len || newlen > bits) {
          return failf(c, "new prefix length {} must be between {} and {}", newlen, p.len, bits);
        }
        int sub_bits = static_cast<int>(newlen) - p.len;
        u128 count = sub_bits == 128 ? 0 : u128(1) << sub_bits;
        bool ok;
        u128 idx = index_in(a[2]->num.int128_value(), count, ok);
        u128 net = p.network().value();
        if (!ok) {
          return failf(c, "subnet {} is out of range: {} has {} subnets of length /{}",
                       a[2]->num.str(), prefix_string(p.network(), p.len),
                       count_str(count), newlen);
        }
        int shift = bits - static_cast<int>(newlen);
        u128 v = net | (shift == 128 ? 0 : idx << shift);
        return c.ev.string(prefix_string(Addr::from(v, p.addr.v6), static_cast<int>(newlen)),
                           c.pos);
      });
  def(P, "PrefixNetwork", {kString | kBytes}, S,
      "cfgc: the network address of a prefix (its host bits cleared): \"10.1.2.0\" for "
      "\"10.1.2.3/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        return c.ev.string(addr_string(p.network()), c.pos);
      });
  def(P, "PrefixBroadcast", {kString | kBytes}, S,
      "cfgc: the last address of a prefix (the broadcast address for IPv4): \"10.1.2.255\" for "
      "\"10.1.2.3/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        return c.ev.string(addr_string(p.last()), c.pos);
      });
  def(P, "PrefixLength", {kString | kBytes}, I,
      "cfgc: the length of a prefix: 24 for \"10.1.2.0/24\"",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        return c.ev.integer(p.len, c.pos);
      });
  def(P, "PrefixSize", {kString | kBytes}, I,
      "cfgc: the number of addresses in a prefix: 256 for \"10.1.2.0/24\" (an error beyond 2^126)",
      [](CallContext& c, Args a) -> const Value* {
        Prefix p;
        if (const Value* err = prefix_arg(c, a[0], p)) return err;
        int host_bits = p.addr.bits() - p.len;
        if (host_bits > 126)
          return failf(c, "{} has 2^{} addresses: too many for an integer", a[0]->str, host_bits);
        return c.ev.number(Number::from_int128(i128(1) << host_bits), c.pos);
      });

  // URL escaping as Go's net/url does it (what CUE's net package calls).
  def(P, "PathEscape", {S}, S, "s escaped to stand as one URL path segment (/ becomes %2F, space %20)",
      [](CallContext& c, Args a) { return c.ev.string(url_escape(a[0]->str, false), c.pos); });
  def(P, "QueryEscape", {S}, S, "s escaped to stand in a URL query (space becomes +)",
      [](CallContext& c, Args a) { return c.ev.string(url_escape(a[0]->str, true), c.pos); });
  def(P, "PathUnescape", {S}, S, "the inverse of PathEscape (%XX decoded, + kept)",
      [](CallContext& c, Args a) -> const Value* {
        Result<std::string> r = url_unescape(a[0]->str, false);
        if (!r) return fail(c, r.error().message);
        return c.ev.string(*r, c.pos);
      });
  def(P, "QueryUnescape", {S}, S, "the inverse of QueryEscape (%XX decoded, + becomes a space)",
      [](CallContext& c, Args a) -> const Value* {
        Result<std::string> r = url_unescape(a[0]->str, true);
        if (!r) return fail(c, r.error().message);
        return c.ev.string(*r, c.pos);
      });
}

}  // namespace cfgc::stdlib
