// Many rows into one table, several rows per INSERT statement.
//
// SQLite's cost of a one-row INSERT is mostly the statement, not the row:
// opening and closing a cursor on the table and on each index, and halting
// the program. Inserting up to kRowsPerStatement rows through
// "INSERT ... VALUES (...), (...), ..." pays it once per statement. Rows
// keep their order, so ids given by SQLite are those one-row inserts would
// give.
#ifndef CROSSCHECK_ENGINE_ROW_INSERTER_H_
#define CROSSCHECK_ENGINE_ROW_INSERTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}
struct sqlite3_stmt;

namespace crosscheck {

class RowInserter {
 public:
  static constexpr size_t kRowsPerStatement = 32;

  // `head` is "INSERT INTO table(col, ...)" (one of the engine's constants),
  // `columns` the number of columns it names; `tail`, if any, follows the
  // values (an upsert's "ON CONFLICT ... DO UPDATE"). Statements are prepared when
  // first needed, one per number of rows. When this table's rows name rows
  // that `parent` inserts (a foreign key), `parent` is flushed before every
  // flush of this one, so that a row never goes in before the one it names.
  RowInserter(SQLite::Database& db, std::string head, size_t columns, RowInserter* parent = nullptr,
              std::string tail = {});
  RowInserter(const RowInserter&) = delete;
  RowInserter& operator=(const RowInserter&) = delete;
  ~RowInserter();

  // The values of a row, in column order; a full statement's worth of rows
  // is inserted at once. A borrowed text must stay valid until Flush (or
  // until the rows it belongs to are inserted); an owned one is kept here.
  RowInserter& Int(int64_t v);
  RowInserter& Real(double v);
  RowInserter& Null();
  RowInserter& Text(std::string_view borrowed);
  RowInserter& OwnedText(std::string owned);

  // Inserts every complete row not inserted yet, after the parent's. Throws
  // SQLite::Exception (the rows are then dropped, and the caller's
  // transaction is to be rolled back) or std::logic_error when the last row
  // is incomplete (dropped too).
  void Flush();

  // Drops the rows given and not inserted yet (after an error elsewhere).
  void Discard();

  // Rows given and not inserted yet.
  size_t pending_rows() const { return values_.size() / columns_; }

 private:
  struct Value {
    enum class Type : uint8_t { kNull, kInt, kReal, kText, kOwned };
    explicit Value(Type t) : type(t) {}
    Type type;
    int64_t i = 0;
    double d = 0;
    std::string_view text;  // kText
    size_t owned = 0;       // kOwned: index into owned_
  };
  void Push(Value v);
  void Insert(size_t rows);  // the first `rows` rows of values_
  sqlite3_stmt* Statement(size_t rows);
  // Resets `st` and unbinds its values; returns what sqlite3_reset did.
  static int Release(sqlite3_stmt* st);

  SQLite::Database& db_;
  std::string head_, tail_;
  size_t columns_;
  RowInserter* parent_;
  std::vector<Value> values_;
  std::vector<std::string> owned_;
  struct Finalize {
    void operator()(sqlite3_stmt* st) const;
  };
  // statements_[r - 1] inserts r rows; prepared on first use.
  std::vector<std::unique_ptr<sqlite3_stmt, Finalize>> statements_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_ROW_INSERTER_H_
