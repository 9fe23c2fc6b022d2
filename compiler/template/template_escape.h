#pragma once
// The escapers behind text/template's html, js and urlquery builtins (Go's
// template.HTMLEscapeString, template.JSEscapeString and url.QueryEscape).

#include <string>
#include <string_view>

namespace cfgc::tmpl {

// " ' & < > become &#34; &#39; &amp; &lt; &gt;; a NUL byte becomes U+FFFD.
std::string html_escape(std::string_view s);
// \ ' " become \\ \' \"; < > & = become \u003C \u003E \u0026 \u003D; control characters and
// non-printable runes become \uXXXX.
std::string js_escape(std::string_view s);
// Every byte but A-Z a-z 0-9 - _ . ~ becomes %XX; a space becomes '+'.
std::string url_query_escape(std::string_view s);

}  // namespace cfgc::tmpl
