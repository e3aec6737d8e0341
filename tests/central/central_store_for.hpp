#pragma once
// The store of the database a test names by file, on the engine this run uses: the file, or
// its PostgreSQL stand-in in the PostgreSQL run of the API tests (centralDatabaseArgument).

#include <filesystem>
#include <stdexcept>
#include <string>

#include "central/central_store.hpp"
#include "central_process.hpp"

namespace onewindow::test {

inline central::sql::DatabaseLocation centralLocationFor(const std::filesystem::path& file) {
  std::string problem;
  const auto location =
      central::sql::DatabaseLocation::parse(centralDatabaseArgument(file), problem);
  if (!location) throw std::runtime_error(problem);
  return *location;
}

}  // namespace onewindow::test
