#include "tls_cert.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>

namespace cfgc::devsim {

namespace {

bool add_ext(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

}  // namespace

TlsIdentity::~TlsIdentity() {
  X509_free(cert_);
  EVP_PKEY_free(key_);
}

std::unique_ptr<TlsIdentity> TlsIdentity::generate(const std::string& bind_ip, std::string* error) {
  std::unique_ptr<TlsIdentity> id(new TlsIdentity);
  id->key_ = EVP_EC_gen("P-256");
  id->cert_ = X509_new();
  if (!id->key_ || !id->cert_) {
    *error = "cannot create a TLS key";
    return nullptr;
  }
  X509* c = id->cert_;
  X509_set_version(c, 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(c), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c), 365L * 24 * 3600);
  X509_set_pubkey(c, id->key_);
  X509_NAME* name = X509_get_subject_name(c);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("cfgc-devsim"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(c, name);
  std::string san = "IP:127.0.0.1,DNS:localhost";
  if (!bind_ip.empty() && bind_ip != "127.0.0.1") san += ",IP:" + bind_ip;
  bool ok = add_ext(c, NID_basic_constraints, "critical,CA:TRUE") &&
            add_ext(c, NID_key_usage, "critical,digitalSignature,keyCertSign") &&
            add_ext(c, NID_ext_key_usage, "serverAuth") && add_ext(c, NID_subject_key_identifier, "hash") &&
            add_ext(c, NID_subject_alt_name, san);
  if (!ok || X509_sign(c, id->key_, EVP_sha256()) == 0) {
    *error = "cannot create the self-signed TLS certificate";
    return nullptr;
  }
  return id;
}

namespace {

template <typename F>
std::string pem_of(F write) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (!bio) return "";
  std::string out;
  if (write(bio) == 1) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    if (n > 0) out.assign(data, static_cast<size_t>(n));
  }
  BIO_free(bio);
  return out;
}

}  // namespace

std::string TlsIdentity::cert_pem() const {
  return pem_of([this](BIO* b) { return PEM_write_bio_X509(b, cert_); });
}

std::string TlsIdentity::key_pem() const {
  return pem_of([this](BIO* b) { return PEM_write_bio_PrivateKey(b, key_, nullptr, nullptr, 0, nullptr, nullptr); });
}

bool TlsIdentity::write(const std::string& dir, std::string* error) const {
  std::string cert_path = dir + "/cert.pem", key_path = dir + "/key.pem";
  FILE* f = std::fopen(cert_path.c_str(), "w");
  if (!f || PEM_write_X509(f, cert_) != 1) {
    if (f) std::fclose(f);
    *error = "cannot write " + cert_path;
    return false;
  }
  std::fclose(f);
  mode_t old = umask(077);
  f = std::fopen(key_path.c_str(), "w");
  umask(old);
  if (!f || PEM_write_PrivateKey(f, key_, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    if (f) std::fclose(f);
    *error = "cannot write " + key_path;
    return false;
  }
  std::fclose(f);
  chmod(key_path.c_str(), 0600);
  return true;
}

}  // namespace cfgc::devsim
