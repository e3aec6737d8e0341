#include "central/sql/postgres_connection.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <libpq-fe.h>

namespace onewindow::central::sql {
namespace {

constexpr Oid kByteaOid = 17;

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Replaces whole words (and `word(` for functions) outside quotes.
struct Rewrite {
  std::string_view from;
  std::string_view to;
};
constexpr Rewrite kRewrites[] = {
    {"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT PRIMARY KEY"},
    {"INTEGER", "BIGINT"},
    {"BLOB", "BYTEA"},
    {"instr(", "strpos("},
};

ErrorKind kindOf(const char* sqlState, pg_conn* conn) {
  if (PQstatus(conn) == CONNECTION_BAD) return ErrorKind::ConnectionLost;
  if (sqlState == nullptr) return ErrorKind::Other;
  const std::string_view state(sqlState);
  if (state == "23505" || state == "40001" || state == "40P01") return ErrorKind::Conflict;
  if (state == "53100") return ErrorKind::DiskFull;
  if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
    return ErrorKind::ConnectionLost;
  }
  return ErrorKind::Other;
}

// Takes ownership of `result`; throws unless it is a success.
struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

Result checked(PGresult* raw, pg_conn* conn, std::string_view sql) {
  Result result(raw);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw Error(kindOf(state, conn), "PostgreSQL: " + message + " (SQLSTATE " +
                                       (state ? state : "none") + ") in \"" + std::string(sql) +
                                       "\"");
}

class PostgresStatement final : public StatementImpl {
 public:
  PostgresStatement(PostgresConnection& connection, std::string_view sql)
      : connection_(connection), sql_(toPostgresDialect(sql)) {}

  void bindInt(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bindDouble(int index, double value) override {
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    slot(index) = std::string(text, end);
  }
  void bindText(int index, std::string_view text) override {
    // PostgreSQL text cannot hold NUL; SQLite would have cut the value there on reading.
    slot(index) = std::string(text.substr(0, text.find('\0')));
  }
  void bindBlob(int index, std::string_view bytes) override {
    slot(index) = std::string(bytes);
    binary_[static_cast<std::size_t>(index - 1)] = true;
  }
  void bindNull(int index) override { slot(index).reset(); }

  bool step() override {
    if (!result_) execute();
    return ++row_ < PQntuples(result_.get());
  }
  void reset() override {
    result_.reset();
    row_ = -1;
    values_.clear();
    binary_.clear();
  }

  [[nodiscard]] std::int64_t columnInt(int index) const override {
    const char* text = value(index);
    return text == nullptr ? 0 : std::strtoll(text, nullptr, 10);
  }
  [[nodiscard]] double columnDouble(int index) const override {
    const char* text = value(index);
    return text == nullptr ? 0.0 : std::strtod(text, nullptr);
  }
  [[nodiscard]] std::string columnText(int index) const override {
    const char* text = value(index);
    if (text == nullptr) return {};
    return {text, static_cast<std::size_t>(PQgetlength(result_.get(), row_, index))};
  }
  [[nodiscard]] std::string columnBlob(int index) const override {
    const char* text = value(index);
    if (text == nullptr) return {};
    if (PQftype(result_.get(), index) != kByteaOid) return columnText(index);
    std::size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (bytes == nullptr) throw Error(ErrorKind::Other, "PostgreSQL: cannot decode a BYTEA value");
    std::string out(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return out;
  }
  [[nodiscard]] bool columnIsNull(int index) const override {
    return PQgetisnull(result_.get(), row_, index) != 0;
  }

 private:
  std::optional<std::string>& slot(int index) {
    const auto position = static_cast<std::size_t>(index - 1);
    if (values_.size() <= position) {
      values_.resize(position + 1);
      binary_.resize(position + 1, false);
    }
    binary_[position] = false;
    return values_[position];
  }

  [[nodiscard]] const char* value(int index) const {
    if (PQgetisnull(result_.get(), row_, index) != 0) return nullptr;
    return PQgetvalue(result_.get(), row_, index);
  }

  void execute() {
    const auto count = values_.size();
    std::vector<const char*> values(count);
    std::vector<int> lengths(count);
    std::vector<int> formats(count);
    std::vector<Oid> types(count, 0);  // 0: PostgreSQL infers each from where it is used
    for (std::size_t i = 0; i < count; ++i) {
      if (values_[i]) {
        values[i] = values_[i]->c_str();
        lengths[i] = static_cast<int>(values_[i]->size());
      }
      formats[i] = binary_[i] ? 1 : 0;
      if (binary_[i]) types[i] = kByteaOid;
    }
    pg_conn* conn = connection_.handle();
    result_ = checked(PQexecParams(conn, sql_.c_str(), static_cast<int>(count), types.data(),
                                   values.data(), lengths.data(), formats.data(), 0),
                      conn, sql_);
    row_ = -1;
    const char* affected = PQcmdTuples(result_.get());
    if (affected != nullptr && *affected != '\0') connection_.noteChanges(std::atoi(affected));
  }

  PostgresConnection& connection_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<bool> binary_;
  Result result_;
  int row_ = -1;
};

}  // namespace

std::string toPostgresDialect(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int nextBare = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'') {
      quoted = !quoted;
      out += c;
      ++i;
      continue;
    }
    if (quoted) {
      out += c;
      ++i;
      continue;
    }
    if (c == '?') {
      std::size_t end = i + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) ++end;
      out += '$';
      out += end > i + 1 ? std::string(sql.substr(i + 1, end - i - 1)) : std::to_string(nextBare++);
      i = end;
      continue;
    }
    const bool wordStart = i == 0 || !isWordChar(sql[i - 1]);
    bool replaced = false;
    if (wordStart) {
      for (const Rewrite& rewrite : kRewrites) {
        if (sql.substr(i, rewrite.from.size()) != rewrite.from) continue;
        const std::size_t after = i + rewrite.from.size();
        if (rewrite.from.back() != '(' && after < sql.size() && isWordChar(sql[after])) continue;
        out += rewrite.to;
        i = after;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string withoutPassword(const std::string& url) {
  // postgresql://user:password@host/...: hide what is between the ':' after the user and '@'.
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

PostgresConnection::PostgresConnection(const std::string& url)
    : url_(url), where_(withoutPassword(url)) {
  reconnect();
}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool PostgresConnection::healthy() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

void PostgresConnection::reconnect() {
  if (conn_ != nullptr) PQfinish(conn_);
  const char* keys[] = {"dbname", "fallback_application_name", "connect_timeout", nullptr};
  const char* values[] = {url_.c_str(), "onewindow-central", "10", nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = PQerrorMessage(conn_);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw Error(ErrorKind::ConnectionLost,
                "cannot connect to PostgreSQL at " + where_ + ": " + reason);
  }
  // Central's notices (an index that already exists...) are not the operator's business.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

void PostgresConnection::execute(std::string_view sql) {
  const std::string text = toPostgresDialect(sql);
  checked(PQexec(conn_, text.c_str()), conn_, text);
}

Statement PostgresConnection::prepare(std::string_view sql) {
  return Statement(std::make_unique<PostgresStatement>(*this, sql));
}

bool PostgresConnection::inTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void PostgresConnection::begin() { execute("BEGIN"); }

void PostgresConnection::beginSnapshot() {
  execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void PostgresConnection::commit() { execute("COMMIT"); }

void PostgresConnection::rollback() noexcept {
  if (!healthy()) return;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace onewindow::central::sql
