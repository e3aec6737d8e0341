#pragma once
// The SANE test backend for every test executable that scans (scan, engine, GUI).
#include <filesystem>

namespace onewindow::test {

// Points SANE_CONFIG_DIR at a directory whose dll.conf loads only the `test` backend, so
// discovery takes milliseconds instead of probing the network. SANE reads the variable once per
// process, so every SANE test calls this before it makes a driver; the first call does the work
// and later ones return the same directory. Parallel test processes share the directory and
// write its files atomically.
//
// The test.conf is /etc/sane.d/test.conf with one change: resolutions in steps of 25 dpi from
// 25, so that snapping a resolution to what the device offers is observable (the stock backend
// takes any value from 1 to 1200).
const std::filesystem::path& useSaneTestBackend();

}  // namespace onewindow::test
