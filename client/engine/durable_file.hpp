#pragma once
// Files the engine hands to people (a notice as PDF, the figures as CSV or PDF): written whole
// or not at all.

#include <filesystem>
#include <string>

namespace onewindow::engine {

// Writes `bytes` to `target` through a temporary file in its directory, flushed to disk before
// the rename: a crash leaves the old file or the new one, never half of it. std::runtime_error
// naming the file and the system's reason otherwise.
void writeFileDurably(const std::filesystem::path& target, const std::string& bytes);

}  // namespace onewindow::engine
