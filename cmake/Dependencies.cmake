# Every third-party package comes from Debian 12 (see ./x deps and ../shared/TOOLCHAIN.md).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(pugixml CONFIG REQUIRED)
find_package(LibArchive REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# central/sql: a district's PostgreSQL (issue 15)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
# printing/: Pango on cairo for layout and PDF, libqrencode for QR codes, libcups for printers.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf cairo-png)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
find_package(Cups REQUIRED)
# client/scan/: SANE scanners, V4L2 document cameras, Leptonica for the page pipeline, libjpeg
# and libtiff for the encoded pages, poppler for importing PDFs.
pkg_check_modules(SANE REQUIRED IMPORTED_TARGET sane-backends)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
pkg_check_modules(TIFF REQUIRED IMPORTED_TARGET libtiff-4)
pkg_check_modules(V4L2 REQUIRED IMPORTED_TARGET libv4l2)
pkg_check_modules(POPPLERCPP REQUIRED IMPORTED_TARGET poppler-cpp)
# wx is found here but its include directories are applied only inside client/app and
# client/ctl, so a core library cannot even see a wx header by accident.
find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
if(ONEWINDOW_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
