# Windows installer recipe (NSIS), included from installer/CMakeLists.txt when WIN32.
#
# UNTESTED: the project is built and tested on Debian 12 only. This recipe records the
# intended Windows installer so that a Windows build has a starting point; expect to adjust
# it (wxWidgets and libcurl DLLs, an .ico file, code signing) the first time it is run.
#
# Known gaps:
#   * No .ico yet: CPACK_NSIS_MUI_ICON / MUI_UNIICON need one. Convert
#     installer/icons/onewindow-256.png (with 48 and 32 px layers) and set both below.
#   * Runtime DLLs (wxWidgets, libcurl, SQLite, pugixml, cairo) must be installed next to
#     the executables, e.g. with install(RUNTIME_DEPENDENCY_SET ...) in the targets'
#     CMakeLists, before this installer is complete.
#   * Strings stay ASCII here: CPack's NSIS template does not declare "Unicode true", so
#     the Chinese name 一窗通 would be garbled in the installer pages.

set(CPACK_NSIS_PACKAGE_NAME "OneWindow ${CPACK_PACKAGE_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "OneWindow")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_BRANDING_TEXT "OneWindow ${CPACK_PACKAGE_VERSION}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\onewindow.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
# Start-menu shortcut for the workstation; the CLI and the server are reached via PATH.
set(CPACK_PACKAGE_EXECUTABLES onewindow "OneWindow")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN onewindow.exe)
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# An all-users install under Program Files; the workstation's data stays per user in
# %APPDATA%\onewindow (wxStandardPaths), so uninstalling never removes cases.
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
