// SHA-256 (FIPS 180-4) and base64, for the Content-Security-Policy hashes of
// the HTML report's inline script and style. Not for secrets.
#ifndef CROSSCHECK_ENGINE_SHA256_H_
#define CROSSCHECK_ENGINE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace crosscheck {

std::array<uint8_t, 32> sha256(std::string_view data);
// Standard base64 (RFC 4648, with padding).
std::string base64(std::string_view bytes);
// "sha256-<base64 digest>", as a CSP source expression.
std::string csp_hash(std::string_view data);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SHA256_H_
