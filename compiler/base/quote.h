#pragma once
// Quoting and unquoting string literals: the one home for every literal syntax cfgc writes or
// reads. JSON (export), CUE (literals in messages and `eval` output) and Go (the strconv
// package, text/template's %q and its string literals).

#include <optional>
#include <string>
#include <string_view>

namespace cfgc {

// A JSON string literal, escaped as Go's encoding/json does without HTML escaping: ", \,
// \b \f \n \r \t, other control characters as \u00XX, U+2028 and U+2029 as \u2028 and \u2029,
// invalid UTF-8 as \ufffd.
std::string json_quote(std::string_view s);
// Also <, > and & as \u003c, \u003e and \u0026, as Go's json.Marshal (export --escape).
std::string json_quote_html(std::string_view s);

// A CUE double-quoted string: ", \, \n \r \t, other control characters and DEL as \u00XX,
// invalid UTF-8 as \ufffd.
std::string cue_quote(std::string_view s);
// A CUE single-quoted bytes literal: ', \, \n \t, other bytes outside printable ASCII as \xXX.
std::string cue_quote_bytes(std::string_view b);

// A CUE multi-line literal as cue prints string values that hold a newline: `"""`, every line
// on its own (indented by one tab), the closing quotes on a line of their own; quotes are not
// escaped, other escapes as in cue_quote (cue_quote_bytes and `'''` for bytes). When the text
// holds the closing quotes it takes the `#"""` form, whose escapes are `\#t`.
std::string cue_quote_multiline(std::string_view s, bool bytes = false);

// Go's strconv.Quote ("\"a\\n\""), or strconv.QuoteToASCII with `ascii_only`: printable runes
// as they are, the rest as \a \b \f \n \r \t \v \xXX \uXXXX \UXXXXXXXX; invalid UTF-8 bytes as
// \xXX.
std::string go_quote(std::string_view s, bool ascii_only = false);
// Go's strconv.QuoteRune ("'a'"); invalid code points become U+FFFD.
std::string go_quote_rune(char32_t r, bool ascii_only = false);
// Appends one rune escaped as go_quote does inside `quote` ('"' or '\'').
void append_go_escaped_rune(std::string& out, char32_t r, char quote, bool ascii_only);

// Go's strconv.UnquoteChar: decodes the first character or escape of a quoted literal's body
// and advances s. `multibyte` tells whether value is a code point to encode as UTF-8 (an
// escape \x or octal gives a single byte). False on a syntax error.
bool go_unquote_char(std::string_view& s, char quote, char32_t& value, bool& multibyte);
// Go's strconv.Unquote: "…" with escapes, `…` raw (carriage returns dropped), '…' one
// character. The result may hold bytes that are not UTF-8 (from \x escapes).
std::optional<std::string> go_unquote(std::string_view literal);

// The value of a hexadecimal digit (0-9, a-f, A-F), or -1.
int hex_digit_value(char c);

// The character a one-letter escape stands for: \a \b \f \n \r \t \v (Go, Python and C share
// them), or 0 for another letter.
char simple_escape(char letter);

}  // namespace cfgc
