#pragma once
// The simulator's TLS identity: an EC P-256 key and a self-signed certificate for
// 127.0.0.1 / localhost (and the bind address), generated at startup. Clients trust it by
// using cert.pem as their CA file.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace cfgc::devsim {

class TlsIdentity {
 public:
  // A new key and certificate whose subjectAltName lists `bind_ip` (besides 127.0.0.1 and
  // localhost). Returns nullptr and sets *error on failure.
  static std::unique_ptr<TlsIdentity> generate(const std::string& bind_ip, std::string* error);
  ~TlsIdentity();
  TlsIdentity(const TlsIdentity&) = delete;
  TlsIdentity& operator=(const TlsIdentity&) = delete;

  X509* cert() const { return cert_; }
  EVP_PKEY* key() const { return key_; }
  // PEM text of the certificate and of the private key (gRPC takes them as strings).
  std::string cert_pem() const;
  std::string key_pem() const;
  // Writes DIR/cert.pem and DIR/key.pem (0600).
  bool write(const std::string& dir, std::string* error) const;

 private:
  TlsIdentity() = default;
  X509* cert_ = nullptr;
  EVP_PKEY* key_ = nullptr;
};

}  // namespace cfgc::devsim
