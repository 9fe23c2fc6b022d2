#pragma once
// The registration function of each standard-library package (one file per package).
// Internal to stdlib/: call cfgc::stdlib::register_all() (register.h) instead.

namespace cfgc::stdlib {

void register_crypto();  // crypto/hmac, crypto/md5, crypto/sha1, crypto/sha256, crypto/sha512
void register_path();
void register_strings();
void register_strconv();
void register_list();
void register_math();
void register_math_bits();
void register_regexp();
void register_struct();
void register_net();
void register_encoding_json();
void register_encoding_yaml();
void register_encoding_base64();
void register_encoding_csv();
void register_encoding_hex();
void register_text_template();
void register_text_tabwriter();
void register_html();
void register_time();
void register_uuid();

}  // namespace cfgc::stdlib
