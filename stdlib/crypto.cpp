// Packages crypto/md5, crypto/sha1, crypto/sha256, crypto/sha512 and crypto/hmac: message
// digests and HMACs as CUE has them. Every function takes bytes or a string (its UTF-8 bytes)
// and returns bytes (CUE declares the result bytes|string but always returns bytes). The
// digests are OpenSSL's (libcrypto).
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using MdFn = const EVP_MD* (*)();

std::string digest(MdFn md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), out, &n, md(), nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), n);
}

void def_int(const std::string& pkg, const char* name, int64_t v, const char* doc) {
  def_const(pkg, name, kInt, doc, [v](CallContext& c, Args) { return c.ev.integer(v, c.pos); });
}

void def_sum(const std::string& pkg, const char* name, MdFn md, const char* doc) {
  def(pkg, name, {kBytes | kString}, kBytes, doc, [md](CallContext& c, Args a) -> const Value* {
    std::string sum = digest(md, a[0]->str);
    if (sum.empty()) return fail(c, "digest failed");
    return c.ev.bytes(sum, c.pos);
  });
}

struct HmacHash {
  std::string_view name;
  MdFn md;
};

constexpr HmacHash kHmacHashes[] = {
    {"MD5", EVP_md5},
    {"SHA1", EVP_sha1},
    {"SHA224", EVP_sha224},
    {"SHA256", EVP_sha256},
    {"SHA384", EVP_sha384},
    {"SHA512", EVP_sha512},
    {"SHA512_224", EVP_sha512_224},
    {"SHA512_256", EVP_sha512_256},
};

}  // namespace

void register_crypto() {
  const std::string ed = "crypto/ed25519";
  def_int(ed, "PublicKeySize", 32, "32, the size of an Ed25519 public key in bytes");
  def(ed, "Valid", {kBytes | kString, kBytes | kString, kBytes | kString}, kBool,
      "Valid(publicKey, message, signature): whether signature is a valid Ed25519 signature of "
      "message by publicKey (RFC 8032)",
      [](CallContext& c, Args a) -> const Value* {
        std::string_view key = a[0]->str, msg = a[1]->str, sig = a[2]->str;
        if (key.size() != 32) return fail(c, "ed25519: publicKey must be 32 bytes");
        if (sig.size() != 64) return c.ev.boolean(false, c.pos);
        EVP_PKEY* pk = EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(key.data()), 32);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        bool ok =
            pk && ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pk) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1;
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(pk);
        return c.ev.boolean(ok, c.pos);
      });

  const std::string md5 = "crypto/md5";
  def_int(md5, "Size", 16, "16, the size of an MD5 checksum in bytes");
  def_int(md5, "BlockSize", 64, "64, the block size of MD5 in bytes");
  def_sum(md5, "Sum", EVP_md5, "the MD5 checksum of the data (16 bytes)");

  const std::string sha1 = "crypto/sha1";
  def_int(sha1, "Size", 20, "20, the size of a SHA-1 checksum in bytes");
  def_int(sha1, "BlockSize", 64, "64, the block size of SHA-1 in bytes");
  def_sum(sha1, "Sum", EVP_sha1, "the SHA-1 checksum of the data (20 bytes)");

  const std::string sha256 = "crypto/sha256";
  def_int(sha256, "Size", 32, "32, the size of a SHA-256 checksum in bytes");
  def_int(sha256, "Size224", 28, "28, the size of a SHA-224 checksum in bytes");
  def_int(sha256, "BlockSize", 64, "64, the block size of SHA-224 and SHA-256 in bytes");
  def_sum(sha256, "Sum256", EVP_sha256, "the SHA-256 checksum of the data (32 bytes)");
  def_sum(sha256, "Sum224", EVP_sha224, "the SHA-224 checksum of the data (28 bytes)");

  const std::string sha512 = "crypto/sha512";
  def_int(sha512, "Size", 64, "64, the size of a SHA-512 checksum in bytes");
  def_int(sha512, "Size224", 28, "28, the size of a SHA-512/224 checksum in bytes");
  def_int(sha512, "Size256", 32, "32, the size of a SHA-512/256 checksum in bytes");
  def_int(sha512, "Size384", 48, "48, the size of a SHA-384 checksum in bytes");
  def_int(sha512, "BlockSize", 128,
          "128, the block size of the SHA-384 and SHA-512 family in bytes");
  def_sum(sha512, "Sum512", EVP_sha512, "the SHA-512 checksum of the data (64 bytes)");
  def_sum(sha512, "Sum384", EVP_sha384, "the SHA-384 checksum of the data (48 bytes)");
  def_sum(sha512, "Sum512_224", EVP_sha512_224, "the SHA-512/224 checksum of the data (28 bytes)");
  def_sum(sha512, "Sum512_256", EVP_sha512_256, "the SHA-512/256 checksum of the data (32 bytes)");

  const std::string hmac = "crypto/hmac";
  for (const HmacHash& h : kHmacHashes) {
    std::string name(h.name);
    def_const(hmac, name, kString, fmt::format("\"{}\", a hash name for Sign", name),
              [name](CallContext& c, Args) { return c.ev.string(name, c.pos); });
  }
  def(hmac, "Sign", {kString, kBytes | kString, kBytes | kString}, kBytes,
      "Sign(hash, key, data): the HMAC of data with key, using the hash named by hash (hmac.MD5, "
      "hmac.SHA1, hmac.SHA224, hmac.SHA256, hmac.SHA384, hmac.SHA512, hmac.SHA512_224, "
      "hmac.SHA512_256)",
      [](CallContext& c, Args a) -> const Value* {
        const HmacHash* h = nullptr;
        for (const HmacHash& x : kHmacHashes) {
          if (x.name == a[0]->str) h = &x;
        }
        if (!h) return failf(c, "unsupported hash function {:?}", a[0]->str);
        std::string_view key = a[1]->str, data = a[2]->str;
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        // HMAC() wants a non-null key pointer even for an empty key.
        static const char kEmpty = 0;
        if (!HMAC(h->md(), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
                  reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n)) {
          return fail(c, "HMAC failed");
        }
        return c.ev.bytes(std::string(reinterpret_cast<const char*>(out), n), c.pos);
      });
}

}  // namespace cfgc::stdlib
