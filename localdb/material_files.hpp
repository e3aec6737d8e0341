#pragma once
// The row that names a file of the material store (DESIGN.md §5). A file is recorded once,
// whoever refers to it first (a case's page, an issued document, a captured page); fsck checks
// every recorded file and GC keeps them.
#include <cstdint>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

// Records the file unless it is recorded already (identical content is stored once).
void recordMaterialFile(Database& db, const std::string& sha256, std::uint64_t sizeBytes,
                        const std::string& mediaType, const std::string& storedAt);

// Appends `pages` to a material slot after the `pagesBefore` it has, each file recorded.
void appendSlotPages(Database& db, std::int64_t slotId, int pagesBefore,
                     const std::vector<PageInput>& pages, const std::string& storedAt);

}  // namespace onewindow::localdb
