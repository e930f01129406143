// Errors as values at module boundaries.
//
// Every fallible call in the engine returns a Status or a Result<T>. Exceptions
// thrown by third-party libraries (SQLiteCpp, toml++, nlohmann::json) are caught
// in the module that calls them and turned into a Status. The CLI maps codes to
// documented exit codes (see README).
#ifndef CROSSCHECK_ENGINE_STATUS_H_
#define CROSSCHECK_ENGINE_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace crosscheck {

enum class StatusCode {
  kOk,
  kInvalidInput,  // bad usage, unreadable or malformed input: exit code 2
  kNotFound,      // a normal outcome for look-ups
  kIoError,       // the file system or the database refused: exit code 2
  kBusy,          // the database stayed locked past the busy timeout
  kInternal,      // a bug: exit code 3
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message" (for naming the file).
  Status WithPrefix(const std::string& prefix) const {
    return ok() ? *this : Status(code_, prefix + ": " + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
// REQUIRES: a Result is never built from an ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace crosscheck

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define CC_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::crosscheck::Status cc_status_ = (expr); \
    if (!cc_status_.ok()) return cc_status_; \
  } while (0)

#endif  // CROSSCHECK_ENGINE_STATUS_H_
