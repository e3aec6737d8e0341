# Every third-party package comes from Debian 12 (see ./x deps and ../shared/TOOLCHAIN.md).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(pugixml CONFIG REQUIRED)
find_package(LibArchive REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# printing/: Pango on cairo for layout and PDF, libqrencode for QR codes, libcups for printers.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf cairo-png)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
find_package(Cups REQUIRED)
# wx is found here but its include directories are applied only inside client/app and
# client/ctl, so a core library cannot even see a wx header by accident.
find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
if(ONEWINDOW_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
