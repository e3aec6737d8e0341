#include "central/sql/database_location.hpp"

#include "central/sql/postgres_connection.hpp"

namespace onewindow::central::sql {

std::optional<DatabaseLocation> DatabaseLocation::parse(std::string_view text, std::string& error) {
  DatabaseLocation location;
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    location.engine = Engine::Postgres;
    location.url = std::string(text);
    location.file.clear();
    return location;
  }
  if (text.starts_with("sqlite:")) text.remove_prefix(7);
  const std::size_t scheme = text.find("://");
  if (scheme != std::string_view::npos) {
    error = "unknown database scheme '" + std::string(text.substr(0, scheme)) +
            "' (expected sqlite:FILE or postgresql://...)";
    return std::nullopt;
  }
  if (text.empty()) {
    error = "the database file name is empty";
    return std::nullopt;
  }
  location.file = std::filesystem::path(text);
  return location;
}

std::string DatabaseLocation::describe() const {
  return engine == Engine::Postgres ? withoutPassword(url) : file.string();
}

std::filesystem::path DatabaseLocation::defaultDataDirectory() const {
  if (engine == Engine::Postgres) return {};
  std::filesystem::path directory = file.parent_path();
  return directory.empty() ? std::filesystem::path(".") : directory;
}

}  // namespace onewindow::central::sql
