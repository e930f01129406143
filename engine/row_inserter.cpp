#include "engine/row_inserter.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <stdexcept>

namespace crosscheck {

void RowInserter::Finalize::operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }

RowInserter::RowInserter(SQLite::Database& db, std::string head, size_t columns, RowInserter* parent,
                         std::string tail)
    : db_(db),
      head_(std::move(head)),
      tail_(std::move(tail)),
      columns_(columns),
      parent_(parent),
      statements_(kRowsPerStatement) {
  if (columns_ == 0) throw std::logic_error("RowInserter: a row of no columns");
  values_.reserve(columns_ * kRowsPerStatement);
}

RowInserter::~RowInserter() = default;

RowInserter& RowInserter::Int(int64_t v) {
  Value x(Value::Type::kInt);
  x.i = v;
  Push(x);
  return *this;
}

RowInserter& RowInserter::Real(double v) {
  Value x(Value::Type::kReal);
  x.d = v;
  Push(x);
  return *this;
}

RowInserter& RowInserter::Null() {
  Push(Value(Value::Type::kNull));
  return *this;
}

RowInserter& RowInserter::Text(std::string_view borrowed) {
  Value x(Value::Type::kText);
  x.text = borrowed;
  Push(x);
  return *this;
}

RowInserter& RowInserter::OwnedText(std::string owned) {
  Value x(Value::Type::kOwned);
  x.owned = owned_.size();
  owned_.push_back(std::move(owned));
  Push(x);
  return *this;
}

void RowInserter::Push(Value v) {
  values_.push_back(v);
  if (values_.size() == columns_ * kRowsPerStatement) Flush();
}

void RowInserter::Discard() {
  values_.clear();
  owned_.clear();
}

void RowInserter::Flush() {
  if (values_.size() % columns_ != 0) {
    Discard();
    throw std::logic_error("RowInserter (" + head_ + "): a row is incomplete");
  }
  const size_t rows = values_.size() / columns_;
  try {
    if (parent_ != nullptr && rows > 0) parent_->Flush();
    if (rows > 0) Insert(rows);
  } catch (...) {
    Discard();
    throw;
  }
  Discard();
}

sqlite3_stmt* RowInserter::Statement(size_t rows) {
  auto& slot = statements_[rows - 1];
  if (slot) return slot.get();
  std::string row = "(";
  for (size_t c = 0; c < columns_; ++c) row += c == 0 ? "?" : ",?";
  row += ')';
  std::string sql = head_ + " VALUES ";
  sql.reserve(sql.size() + rows * (row.size() + 1));
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ',';
    sql += row;
  }
  if (!tail_.empty()) sql += ' ' + tail_;
  sqlite3_stmt* st = nullptr;
  const int rc = sqlite3_prepare_v3(db_.getHandle(), sql.c_str(), static_cast<int>(sql.size() + 1),
                                    SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(st);
    throw SQLite::Exception(db_.getHandle(), rc);
  }
  slot.reset(st);
  return st;
}

void RowInserter::Insert(size_t rows) {
  sqlite3_stmt* st = Statement(rows);
  sqlite3* handle = db_.getHandle();
  static constexpr char kEmpty[] = "";
  for (size_t k = 0; k < rows * columns_; ++k) {
    const Value& v = values_[k];
    const int index = static_cast<int>(k + 1);
    int rc = SQLITE_OK;
    switch (v.type) {
      case Value::Type::kNull: rc = sqlite3_bind_null(st, index); break;
      case Value::Type::kInt: rc = sqlite3_bind_int64(st, index, v.i); break;
      case Value::Type::kReal: rc = sqlite3_bind_double(st, index, v.d); break;
      case Value::Type::kText:
      case Value::Type::kOwned: {
        const std::string_view text = v.type == Value::Type::kText ? v.text : std::string_view(owned_[v.owned]);
        // A null pointer would bind NULL, not an empty text.
        rc = sqlite3_bind_text64(st, index, text.empty() ? kEmpty : text.data(), text.size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
        break;
      }
    }
    if (rc != SQLITE_OK) {
      Release(st);
      throw SQLite::Exception(handle, rc);
    }
  }
  const int rc = sqlite3_step(st);
  const int code = Release(st);
  if (rc != SQLITE_DONE) throw SQLite::Exception(handle, code != SQLITE_OK ? code : rc);
}

int RowInserter::Release(sqlite3_stmt* st) {
  const int code = sqlite3_reset(st);
  // No pointer into the texts, which may be freed next, stays bound.
  sqlite3_clear_bindings(st);
  return code;
}

}  // namespace crosscheck
